import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import { SHOTS, launchBrowser, shot, startServer, stopServer } from './helpers';

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let api: ApiClient;
const pageErrors: string[] = [];

/** The API of the running server (the demo is made through it, as the first screen does). */
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

describe('the department\'s desk: home dashboard of deadlines, statistics with charts, the forecast (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-desk-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    api = client(url);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `desk-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the department lands on Главная: late, due in 7 days and received per organization', async () => {
    await api.call('setup.demo', { children: 1500, seed: 5, profileId: 'kstovo' });
    // One school's pupils list as of 1 September arrives and is applied: its deadline is received.
    const school = (await api.call('orgs.list', {})).find((o) => o.kind === 'school')!;
    const csv = '№;ФИО;Дата рождения;Класс\r\n1;Тестова Дарья Игоревна;14.02.2016;4Б\r\n';
    const up = await api.call('intake.upload', { orgId: school.id, listKind: 'pupils-by-class', asOf: '2026-09-01', fileName: 'Обучающиеся.csv', base64: Buffer.from(csv, 'utf8').toString('base64') });
    await api.call('intake.apply', { submissionId: up.id });

    await page.goto(url);
    await page.getByRole('heading', { name: 'Главная' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Главная' }).getAttribute('aria-current')).toBe('page');
    const late = page.getByRole('button', { name: 'Просрочено' });
    await late.getByText(/^\d+$/).waitFor();
    expect(Number(await late.getByText(/^\d+$/).textContent())).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Получено' }).getByText(/^\d+$/).textContent()).toBe('1');
    // One line per deadline: how many of the schools sent it.
    const byDeadline = page.getByRole('table', { name: 'По срокам' });
    const schools = (await api.call('orgs.list', {})).filter((o) => o.kind === 'school' && o.active).length;
    await byDeadline.getByRole('row', { name: new RegExp(`Список обучающихся по классам \\(приложение 2\\).*1 из ${schools}.*просрочено: ${schools - 1}`) }).waitFor();
    // The school that sent its list: received on the day; the others: late since 2 September.
    const orgs = page.getByRole('table', { name: 'Сведения от организаций' });
    const own = orgs.getByRole('row', { name: school.shortName, exact: true });
    expect(await own.getByRole('cell').nth(3).textContent()).toBe('1');
    expect(await own.getByRole('cell').nth(1).textContent()).not.toContain('Список обучающихся по классам');
    await orgs.getByRole('row').filter({ hasText: '01.09 — Список обучающихся по классам (приложение 2)' }).first().waitFor();
    await own.getByRole('button', { name: 'Подробно' }).click();
    await orgs.getByRole('row', { name: /Список обучающихся по классам \(приложение 2\).*получено 15\.09\.2026/ }).last().waitFor();
    await orgs.getByRole('row', { name: /Окончившие 9 класс.*просрочено на 14 дн\./ }).first().waitFor();
    await shot(page, 'desk-01-home');
    await page.getByRole('heading', { name: /По срокам/ }).scrollIntoViewIfNeeded();
    await shot(page, 'desk-01-home-by-deadline', { fullPage: false });
  });

  it('on another date the department\'s own duty (сверка до 25 сентября) stands beside the schools\'', async () => {
    const date = page.getByRole('textbox', { name: 'На дату' });
    await date.fill('');
    await date.pressSequentially('20092026', { delay: 10 });
    const duties = page.getByRole('table').first();
    await duties.getByRole('row', { name: /Сверка единой информационной базы данных.*осталось 5 дн\..*п\. 3\.3/ }).waitFor();
    await shot(page, 'desk-02-home-own', { fullPage: false });
    // The tile «Просрочено» shows only what is late: the department's duty is not yet.
    await page.getByRole('button', { name: 'Просрочено', exact: true }).click();
    await page.getByText('Нет сроков в выбранном отборе.').waitFor();
    expect(await page.getByRole('table', { name: 'Сведения от организаций' }).getByRole('row').count()).toBeGreaterThan(2);
    await shot(page, 'desk-02-home-late', { fullPage: false });
  });

  it('Статистика: counts on a date with charts, and the first-grade forecast by territory', async () => {
    await page.getByRole('button', { name: 'Статистика', exact: true }).click();
    await page.getByRole('heading', { name: 'Статистика', exact: true }).waitFor();
    const forms = page.getByLabel('По формам получения образования');
    await forms.locator('.recharts-surface').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('По классам', { exact: true }).locator('.recharts-bar-rectangle').first().waitFor();
    const total = await page.getByLabel('Обучаются (всего)').getByText(/^[\d\s\u00a0]+$/).textContent();
    expect(Number(total!.replace(/\D/g, ''))).toBeGreaterThan(500);
    await page.getByRole('table', { name: 'По организациям' }).getByRole('row').nth(1).waitFor();
    await shot(page, 'desk-03-stats', { fullPage: false });

    await page.getByRole('heading', { name: 'Прогноз приёма в 1 класс' }).scrollIntoViewIfNeeded();
    const forecast = page.getByRole('table', { name: 'Прогноз по территориям школ' });
    await forecast.getByRole('row', { name: /Итого/ }).waitFor({ timeout: 30_000 });
    await page.getByLabel(/2027\/2028 учебный год/).waitFor();
    await page.getByLabel('Прогноз по территориям', { exact: true }).locator('.recharts-surface').waitFor();
    await shot(page, 'desk-04-forecast');
    expect(pageErrors).toEqual([]);
  });
});
