import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import { ROOT, SHOTS, launchBrowser, lockApp, optionReady, shot, startServer, stopServer } from './helpers';

// A school's user records a transfer on «Движение обучающихся»: the notice to the sending school appears with its due
// date on the production calendar (two working days after the order — overdue by the server's today), the letter is
// saved as PDF (read back, rendered to PNG), the notice marked sent; a pupil expelled without a confirmation is listed
// with the days since.

const TODAY = '2026-10-27'; // Tuesday
const OUT = join(ROOT, 'test-results', 'movement');

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let api: ApiClient;
const pageErrors: string[] = [];

function client(address: string): ApiClient {
  const u = new URL(address);
  const token = decodeURIComponent(/token=([^&]+)/.exec(u.hash)![1]!);
  return createClient(async (name, input) => {
    const res = await fetch(`${u.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Uchet-Token': token },
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as CallResult;
  });
}

describe('movement of pupils as a school user (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(OUT, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-movement-'));
    const started = await startServer(dataDir, TODAY);
    server = started.proc;
    url = started.url;
    api = client(url);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `movement-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('records a transfer, shows the notice task with its due date, prints the letter, lists an unconfirmed expulsion', async () => {
    await api.call('setup.demo', { children: 200, seed: 7 });
    const orgs = await api.call('orgs.list', {});
    const school = orgs.find((o) => o.shortName === 'МБОУ «СШ № 25»')!;
    await api.call('orgs.add', { kind: 'school', fullName: 'МБОУ «Средняя школа № 2» г. Верхняя Пышма (тест)', shortName: 'СШ № 2 Пышма', address: '', headPosition: 'Директор', headName: '' });
    await api.call('users.add', { login: 'school25', displayName: 'Завуч СШ № 25', role: 'school', orgId: school.id, password: 'пароль школы 25' });
    await page.goto(url);
    await page.getByRole('button', { name: 'Заблокировать' }).waitFor({ timeout: 60_000 });
    await lockApp(page);
    await page.getByLabel('Логин').fill('school25');
    await page.getByLabel('Пароль').fill('пароль школы 25');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Движение обучающихся' }).click();
    await page.getByRole('heading', { name: 'Движение обучающихся' }).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: /Зачисления и отчисления/ }).waitFor();

    // --- a transfer: the order of Tuesday 20 October is to be notified by Thursday 22 October ---
    await page.getByRole('button', { name: 'Зачислить', exact: true }).click();
    const enrol = page.getByRole('dialog', { name: 'Зачисление обучающегося' });
    await enrol.getByLabel('Фамилия').fill('Яковлев');
    await enrol.getByLabel(/^Имя/).fill('Ярослав');
    await enrol.getByLabel('Отчество').fill('Игоревич');
    await enrol.getByLabel('Дата рождения').fill('12.03.2013');
    await enrol.getByLabel('Класс').fill('7Б');
    await enrol.getByLabel('Дата зачисления').fill('21.10.2026');
    await enrol.getByLabel('Приказ о зачислении №').fill('101-у');
    await enrol.getByLabel('Дата приказа').fill('20.10.2026');
    const from = enrol.getByLabel('Исходная организация (из справочника)');
    await from.click();
    await from.fill('Пышма');
    await optionReady(page, 'СШ № 2 Пышма');
    await from.press('Enter');
    await shot(page, 'movement-01-enrol');
    await enrol.getByRole('button', { name: 'Зачислить' }).click();
    await enrol.waitFor({ state: 'detached' });
    await page.getByText('Уведомить исходную школу до 22.10.2026').waitFor();

    const notices = page.getByRole('tabpanel', { name: /Уведомления о переводе/ });
    const row = notices.getByRole('row', { name: /Яковлев Ярослав Игоревич/ });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/МБОУ «Средняя школа № 2» г\. Верхняя Пышма \(тест\)/);
    const text = await row.innerText();
    expect(text).toContain('№ 101-у от 20.10.2026');
    expect(text).toContain('22.10.2026');
    expect(text).toContain('просрочено');
    expect(text).toMatch(/на 5 дней/);
    await shot(page, 'movement-02-notice', { quiet: true });

    // --- the letter ---
    const [dl] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /Письмо/ }).click()]);
    const pdf = join(OUT, 'e2e-notice.pdf');
    await dl.saveAs(pdf);
    expect(dl.suggestedFilename()).toMatch(/^Уведомление о зачислении № 2026-\d{6}\.pdf$/);
    const read = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const flat = read.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('УВЕДОМЛЕНИЕ');
    expect(flat).toContain('Яковлев Ярослав Игоревич');
    expect(flat).toContain('приказ № 101-у от 20.10.2026');
    expect(flat).toContain('Верхняя Пышма');
    expect(spawnSync('pdftoppm', ['-r', '60', '-png', pdf, join(OUT, 'e2e-notice')]).status).toBe(0);
    await expect.poll(() => row.innerText()).toMatch(/№ 2026-\d{6}/);

    // Sent on the 23rd: one day late.
    await row.getByRole('button', { name: 'Отправлено' }).click();
    const sent = page.getByRole('dialog', { name: 'Уведомление отправлено' });
    await sent.getByLabel('Дата отправки').fill('23.10.2026');
    await sent.getByLabel(/Как отправлено/).fill('исх. № 312, электронная почта');
    await sent.getByRole('button', { name: 'Сохранить' }).click();
    await sent.waitFor({ state: 'detached' });
    await expect.poll(() => notices.getByRole('row', { name: /Яковлев/ }).innerText()).toMatch(/выполнено с опозданием/);
    await expect.poll(() => notices.getByRole('row', { name: /Яковлев/ }).innerText()).toMatch(/отправлено 23\.10\.2026/);

    // --- an expulsion without a confirmation ---
    await page.getByRole('button', { name: 'Отчислить', exact: true }).click();
    const expel = page.getByRole('dialog', { name: 'Отчисление обучающегося' });
    const who = expel.getByLabel('Обучающийся');
    await who.click();
    await who.fill('Яковлев Ярослав');
    await optionReady(page, 'Яковлев Ярослав');
    await who.press('Enter');
    await expel.getByLabel('Дата отчисления').fill('23.10.2026');
    await expel.getByLabel('Приказ об отчислении №').fill('105-о');
    await expel.getByLabel('Дата приказа').fill('23.10.2026');
    await expel.getByLabel('Причина').fill('выбытие за пределы муниципалитета');
    await expel.getByRole('button', { name: 'Отчислить' }).click();
    await expel.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /Без подтверждения/ }).click();
    const unconfirmed = page.getByRole('tabpanel', { name: /Без подтверждения/ });
    const u = unconfirmed.getByRole('row', { name: /Яковлев Ярослав Игоревич/ });
    await u.waitFor();
    expect(await u.innerText()).toMatch(/23\.10\.2026[\s\S]*№ 105-о от 23\.10\.2026; выбытие за пределы муниципалитета[\s\S]*\b4\b/);
    await shot(page, 'movement-03-unconfirmed', { quiet: true });
    await page.getByRole('tab', { name: /Зачисления и отчисления/ }).click();
    await page.getByRole('tabpanel', { name: /Зачисления и отчисления/ }).getByRole('row', { name: /Яковлев/ }).first().waitFor();
    await shot(page, 'movement-04-events', { quiet: true });
    expect(pageErrors).toEqual([]);
  });

  it('the department records a first-grade permission and a pupil leaving at 15 with its measures due in a month', async () => {
    // The department's administrator (the demo's): the server's session is the page's, so log in first.
    await lockApp(page);
    await page.getByLabel('Логин').fill('demo');
    await page.getByLabel('Пароль').fill('demo-demo-demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Движение обучающихся' }).waitFor({ timeout: 60_000 });
    const orgs = await api.call('orgs.list', {});
    const school = orgs.find((o) => o.shortName === 'МБОУ «СШ № 25»')!;
    const child = await api.call('children.create', { child: { surname: 'Ёлкина', name: 'Есения', patronymic: 'Ильинична', birthDate: '2021-06-10' }, facts: [] });
    const teen = await api.call('children.create', {
      child: { surname: 'Жуков', name: 'Захар', patronymic: 'Олегович', birthDate: '2011-02-02' },
      facts: [{ type: 'study', orgId: school.id, classLabel: '8А', validFrom: '2025-09-01', enrolOrderNumber: null, enrolOrderDate: null }],
    });
    await page.getByRole('button', { name: 'Движение обучающихся' }).click();
    await page.getByRole('heading', { name: 'Движение обучающихся' }).waitFor({ timeout: 60_000 });
    const org = page.getByRole('textbox', { name: 'Организация' });
    await org.click();
    await org.fill('СШ № 25');
    await optionReady(page, 'МБОУ «СШ № 25»');
    await org.press('Enter');

    await page.getByRole('tab', { name: /1 класс вне возраста/ }).click();
    await page.getByRole('tabpanel', { name: /1 класс вне возраста/ }).getByRole('button', { name: 'Добавить' }).click();
    const fg = page.getByRole('dialog', { name: /Приём в 1 класс/ });
    const who = fg.getByLabel(/Ребёнок/);
    await who.click();
    await who.fill('Ёлкина');
    await page.getByRole('option', { name: /Ёлкина Есения Ильинична, 10\.06\.2021/ }).click();
    await fg.getByLabel('1 класс с').fill('01.09.2027');
    await fg.getByLabel('Заявление от').fill('15.10.2026');
    await fg.getByLabel('Заявитель').fill('Ёлкина И.П., мать');
    await fg.getByLabel('Решение').click();
    await page.getByRole('option', { name: 'разрешено' }).click();
    await fg.getByLabel('Дата решения').fill('26.10.2026');
    await fg.getByLabel('Приказ №').fill('214');
    await shot(page, 'movement-05-first-grade-form');
    await fg.getByRole('button', { name: 'Сохранить' }).click();
    await fg.waitFor({ state: 'detached' });
    const fgRow = page.getByRole('tabpanel', { name: /1 класс вне возраста/ }).getByRole('row', { name: /Ёлкина/ });
    await expect.poll(() => fgRow.innerText()).toMatch(/младше 6 лет 6 месяцев[\s\S]*разрешено № 214 от 26\.10\.2026/);

    await page.getByRole('tab', { name: /Уход в 15 лет/ }).click();
    await page.getByRole('tabpanel', { name: /Уход в 15 лет/ }).getByRole('button', { name: 'Добавить' }).click();
    const l15 = page.getByRole('dialog', { name: /Оставление школы/ });
    const pupil = l15.getByLabel('Обучающийся');
    await pupil.click();
    await pupil.fill('Жуков Захар');
    await optionReady(page, 'Жуков Захар');
    await pupil.press('Enter');
    await l15.getByLabel('Согласие родителей').fill('01.10.2026');
    await l15.getByLabel('Согласие КДН').fill('07.10.2026');
    await l15.getByLabel('Постановление КДН №').fill('31/2');
    await l15.getByLabel('Согласие отдела образования').fill('09.10.2026');
    await l15.getByLabel('Приказ отдела №').fill('201');
    await l15.getByLabel('Оставил(а) школу').fill('12.10.2026');
    await shot(page, 'movement-06-leave15-form');
    await l15.getByRole('button', { name: 'Сохранить' }).click();
    await l15.waitFor({ state: 'detached' });
    const lRow = page.getByRole('tabpanel', { name: /Уход в 15 лет/ }).getByRole('row', { name: /Жуков/ });
    // Left on 12 October: measures due by 12 November, still in time on the 27th.
    await expect.poll(() => lRow.innerText()).toMatch(/12\.11\.2026[\s\S]*в срок/);
    await shot(page, 'movement-07-leave15', { quiet: true });
    expect(teen.child.id).toBeGreaterThan(0);
    expect(child.child.id).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
