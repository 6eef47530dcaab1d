import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import { ROOT, SHOTS, launchBrowser, lockApp, shot, startServer, stopServer } from './helpers';

/**
 * The internal school register in Chromium as a school's user (browser mode): the school's pupils with absences and
 * the next step, a pupil's page, the class teacher's contact, a written warning printed, the карта учёта filled and
 * printed. The PDFs are kept in test-results/school-register-e2e and rendered with pdftoppm -r 60 for looking at.
 */

const TODAY = '2026-10-05';
const OUT = join(ROOT, 'test-results', 'school-register-e2e');
let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let api: ApiClient;
const pageErrors: string[] = [];
let pupil = { id: 0, surname: '', name: '' };

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

async function download(p: Page, button: string | RegExp, file: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: button }).first().click()]);
  const path = join(OUT, file);
  await dl.saveAs(path);
  spawnSync('pdftoppm', ['-r', '60', '-png', path, path.replace(/\.pdf$/u, '')]);
  const text = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/gu, ' ');
  return { name: dl.suggestedFilename(), text };
}

async function pick(p: Page, label: string, option: string): Promise<void> {
  await p.getByRole('textbox', { name: label }).click();
  await p.getByRole('option', { name: option }).click();
}

describe('school register: a school user records the escalation, prints a warning, fills the карта учёта (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(OUT, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-register-'));
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
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `register-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the school sees its pupil with absences and the step the Инструкция asks next', async () => {
    await api.call('setup.demo', { children: 200, seed: 7 });
    const orgs = await api.call('orgs.list', {});
    const school = orgs.find((o) => o.shortName === 'МБОУ «СШ № 25»')!;
    const all = await api.call('school.pupils', { orgId: school.id, all: true });
    const row = all.rows.find((r) => r.classLabel !== null)!;
    pupil = { id: row.childId, surname: row.surname, name: row.name };
    // September's attendance from the class journal: 10 of 80 lessons missed without a good reason.
    await api.call('attendance.save', { orgId: school.id, month: '2026-09', rows: [{ childId: pupil.id, lessonsHeld: 80, missedTotal: 12, missedUnexcused: 10 }] });
    await api.call('users.add', { login: 'soc25', displayName: 'Социальный педагог СШ № 25', role: 'school', orgId: school.id, password: 'пароль школы 25' });

    await page.goto(url);
    await page.getByRole('button', { name: 'Заблокировать' }).waitFor({ timeout: 60_000 });
    await lockApp(page);
    await page.getByLabel('Логин').fill('soc25');
    await page.getByLabel('Пароль').fill('пароль школы 25');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Реестр детей' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Внутришкольный учёт' }).click();
    await page.getByRole('heading', { name: 'Внутришкольный учёт' }).waitFor();
    const link = page.getByRole('link', { name: new RegExp(`^${pupil.surname} ${pupil.name}`) });
    await link.waitFor();
    await page.getByRole('row').filter({ has: link }).getByText('Контакт классного руководителя с родителями').waitFor();
    await shot(page, 'register-01-list');
    await link.click();
    await page.getByText('Следующий шаг: Контакт классного руководителя с родителями').waitFor();
    await page.getByText(/сентябрь|09\.2026 — 10/).first().waitFor();
    await shot(page, 'register-02-pupil');
  });

  it('records the contact with the parents and a written warning, and prints the warning', async () => {
    await page.getByRole('button', { name: 'Внести: Контакт классного руководителя с родителями' }).click();
    const dialog = page.getByRole('dialog');
    const date = dialog.getByRole('textbox', { name: /^Дата/ });
    await date.fill('');
    await date.pressSequentially('28092026', { delay: 10 });
    await dialog.getByRole('textbox', { name: /^Классный руководитель/ }).fill('Классный руководитель Учителева О. Н.');
    await dialog.getByRole('textbox', { name: /^Способ связи/ }).fill('телефонный разговор с матерью');
    await dialog.getByRole('textbox', { name: /^Ответ родителей/ }).fill('Не знала о пропусках, обещала проконтролировать');
    await dialog.getByRole('textbox', { name: /^Причина пропусков/ }).fill('Прогулы без ведома родителей');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('телефонный разговор с матерью. Ответ: Не знала о пропусках').waitFor();

    await page.getByRole('button', { name: 'Добавить запись' }).click();
    await pick(page, 'Вид записи', 'Письменное предупреждение родителям об административной ответственности');
    await dialog.getByRole('textbox', { name: /^Кто/ }).fill('Классный руководитель Учителева О. Н.');
    // The parent is filled in from the registry when it knows one; typed otherwise.
    const parent = dialog.getByRole('textbox', { name: /^Кому/ });
    const registered = (await api.call('school.card', { childId: pupil.id })).child.representatives[0]?.fullName;
    if (registered) expect(await parent.inputValue()).toBe(registered);
    else await parent.fill('Тестовой Марине Ивановне');
    const parentName = await parent.inputValue();
    await shot(page, 'register-03-warning-form');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    const pdf = await download(page, 'Предупреждение (PDF)', 'warning.pdf');
    expect(pdf.name).toMatch(/№ 2026-\d{6}\.pdf$/u);
    expect(pdf.text).toContain('ПРЕДУПРЕЖДЕНИЕ');
    expect(pdf.text).toContain(pupil.surname);
    expect(pdf.text).toContain(parentName.split(' ')[0]!);
    expect(pdf.text).toContain('статьи 5.35 Кодекса Российской Федерации об административных правонарушениях');
    expect(pdf.text).toContain('сентябрь 2026 — 10 из 80 уроков');
    await page.getByText(/Выдано: № 2026-\d{6}/u).waitFor();
    await shot(page, 'register-04-warning-printed');
  });

  it('fills the карта учёта: living conditions, preventive work, a letter with its answer due; prints the card', async () => {
    const dialog = page.getByRole('dialog');
    await page.getByRole('button', { name: 'Внести', exact: true }).click();
    await dialog.getByRole('textbox', { name: /^Кто/ }).fill('Социальный педагог Социалова И. И.');
    await dialog.getByRole('textbox', { name: /^Состав семьи/ }).fill('Мать, младший брат');
    await dialog.getByRole('textbox', { name: /^Жилищные условия/ }).fill('Двухкомнатная квартира, у ребёнка отдельный стол для занятий');
    await dialog.getByRole('textbox', { name: /^С кем проживает/ }).fill('С матерью');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Состав семьи: Мать, младший брат').waitFor();

    await page.getByRole('button', { name: 'Добавить запись' }).click();
    await pick(page, 'Вид записи', 'Индивидуальная профилактическая работа');
    await dialog.getByRole('textbox', { name: /^Кто/ }).fill('Педагог-психолог Психологова Н. Н.');
    await dialog.getByRole('textbox', { name: /^Что сделано/ }).fill('Индивидуальная консультация');
    await dialog.getByRole('textbox', { name: /^Результат/ }).fill('Установлен контакт');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Добавить запись' }).click();
    await pick(page, 'Вид записи', 'Обращение в орган системы профилактики');
    await dialog.getByRole('textbox', { name: /^Кто/ }).fill('Социальный педагог Социалова И. И.');
    const due = dialog.getByRole('textbox', { name: /^Срок письменного ответа/ });
    await due.pressSequentially('20102026', { delay: 10 });
    await dialog.getByRole('textbox', { name: /^Адресат/ }).fill('ПДН МО МВД');
    await dialog.getByRole('textbox', { name: /^Содержание обращения/ }).fill('Просим провести профилактическую беседу с матерью.');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('ожидается').waitFor();
    await shot(page, 'register-05-card', { fullPage: true });

    const card = await download(page, 'Карта учёта (PDF)', 'card.pdf');
    expect(card.text).toContain('КАРТА УЧЁТА');
    expect(card.text).toContain('Мать, младший брат');
    expect(card.text).toContain('Индивидуальная консультация');
    expect(card.text).toContain('ПДН МО МВД');
    expect(card.text).toContain('20.10.2026');
    expect(pageErrors).toEqual([]);
    copyFileSync(join(OUT, 'warning-1.png'), join(SHOTS, 'register-06-warning-pdf.png'));
    copyFileSync(join(OUT, 'card-1.png'), join(SHOTS, 'register-07-card-pdf.png'));
  });
});
