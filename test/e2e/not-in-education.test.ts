import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import { formatRuDate } from '../../shared/domain/dates';
import { E2E_TODAY, SHOTS, launchBrowser, shot, startServer, stopServer } from './helpers';

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let api: ApiClient;
const pageErrors: string[] = [];
/** The child whose case is opened (the first of the list: the longest without education). */
let child: { id: number; fio: string } = { id: 0, fio: '' };

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

describe('«Не обучаются»: the list on a date, a case opened and an action added, the case closing, Приложение 1 printed (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-nie-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    api = client(url);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `nie-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the home desk shows «Не обучаются: N» and leads to the list, longest without education first', async () => {
    await api.call('setup.demo', { children: 300, seed: 4 });
    const list = await api.call('education.list', { asOf: E2E_TODAY });
    expect(list.total).toBeGreaterThan(0);
    child = { id: list.rows[0]!.childId, fio: [list.rows[0]!.surname, list.rows[0]!.name, list.rows[0]!.patronymic].filter(Boolean).join(' ') };
    await page.goto(url);
    await page.getByRole('heading', { name: 'Главная' }).waitFor({ timeout: 60_000 });
    const tile = page.getByRole('button', { name: 'Не обучаются' }).and(page.locator('.desk-tile'));
    await tile.getByText(String(list.total), { exact: true }).waitFor();
    await shot(page, 'nie-01-home-tile');
    await tile.click();
    await page.getByRole('heading', { name: 'Не обучаются' }).waitFor();
    const table = page.getByRole('table', { name: 'Дети, не получающие образование' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(list.rows.length);
    await expect.poll(() => table.locator('tbody tr').first().locator('td').first().innerText()).toBe(child.fio);
    await page.getByText(new RegExp(`^${list.total} (ребёнок|ребёнка|детей) на ${formatRuDate(E2E_TODAY).replace(/\./g, '\\.')}`)).waitFor();
    await shot(page, 'nie-02-list', { fullPage: false });
  });

  it('opens the child: evidence, then a case with an action and a status change', async () => {
    await page.getByRole('button', { name: child.fio, exact: true }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('heading', { name: 'Кто сообщил о ребёнке' }).waitFor();
    await drawer.getByText('Дело не заведено. Первая запись заводит его (статус «Выявлен»).').waitFor();
    await drawer.getByLabel('Содержание').fill('Запрос в МБОУ «СШ № 25» о зачислении');
    await drawer.getByRole('button', { name: 'Добавить запись' }).click();
    await drawer.getByText('Запрос в МБОУ «СШ № 25» о зачислении').waitFor();
    await drawer.getByText(`${formatRuDate(E2E_TODAY)} — Запрос в ОО`).waitFor();
    // A status change: «Проверяется».
    await drawer.getByRole('textbox', { name: 'Что сделано' }).click();
    await page.getByRole('option', { name: 'Смена статуса' }).click();
    await drawer.getByRole('textbox', { name: 'Новый статус' }).click();
    await page.getByRole('option', { name: 'Проверяется' }).click();
    await drawer.getByLabel('Содержание').fill('Выход по адресу назначен');
    await drawer.getByRole('button', { name: 'Добавить запись' }).click();
    await drawer.getByText(`${formatRuDate(E2E_TODAY)} — статус: Проверяется`).waitFor();
    await drawer.locator('.mantine-Badge-root', { hasText: 'Проверяется' }).waitFor();
    // Without a text an action is refused, in Russian, at the field.
    await drawer.getByRole('textbox', { name: 'Что сделано' }).click();
    await page.getByRole('option', { name: 'Выход по адресу' }).click();
    await drawer.getByRole('button', { name: 'Добавить запись' }).click();
    await drawer.getByText('Опишите, что сделано').waitFor();
    await shot(page, 'nie-03-case', { quiet: true, fullPage: false });
    await page.keyboard.press('Escape');
    const row = page.getByRole('table', { name: 'Дети, не получающие образование' }).locator('tbody tr').first();
    await row.getByText('Проверяется').waitFor();
    const { entries } = await api.call('audit.list', { action: 'education.caseAdd' });
    expect(entries).toHaveLength(2);
  });

  it('prints Приложение 1 and saves its XLSX: the same children as the list', async () => {
    const [tab] = await Promise.all([context!.waitForEvent('page'), page.getByRole('button', { name: 'Печать Приложения 1' }).click()]);
    await tab.waitForURL(/^blob:/, { timeout: 60_000 });
    await tab.close();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Приложение 1 в XLSX' }).click()]);
    const xlsxPath = join(dataDir, dl.suggestedFilename());
    await dl.saveAs(xlsxPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const text = wb.worksheets[0]!.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('о детях, достигших школьного возраста, не обучающихся в общеобразовательных учреждениях');
    expect(text).toContain(child.fio);
    const list = await api.call('education.list', { asOf: E2E_TODAY });
    expect(text).toContain(`Всего: ${list.total}`);
    // The printed PDF, as registered: read back and rendered for a look.
    const reg = await api.call('reports.register', {});
    const pdfEntry = reg.rows.find((r) => r.formId === 'zato-app1' && r.format === 'pdf')!;
    expect(pdfEntry.childCount).toBe(list.total);
    const copy = await api.call('reports.reprint', { id: pdfEntry.id });
    const pdfPath = join(dataDir, 'app1.pdf');
    writeFileSync(pdfPath, Buffer.from(copy.base64, 'base64'));
    const txt = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).stdout;
    expect(txt).toContain(child.fio);
    spawnSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdfPath, join(SHOTS, 'nie-04-app1-pdf')]);
    expect(readFileSync(join(SHOTS, 'nie-04-app1-pdf-1.png')).length).toBeGreaterThan(1000);
  });

  it('closes the case when a school list brings the child, and says so', async () => {
    const ev = await api.call('education.child', { childId: child.id, asOf: E2E_TODAY });
    const orgs = await api.call('orgs.list', {});
    const school = orgs.find((o) => o.kind === 'school')!;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист1');
    ws.addRow(['Список обучающихся по состоянию на ' + formatRuDate(E2E_TODAY)]);
    ws.addRow(['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес регистрации', 'Класс']);
    ws.addRow([1, child.fio, formatRuDate(ev.child.birthDate), ev.addresses[0]?.text ?? '', '5А']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const s = await api.call('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: E2E_TODAY, fileName: 'Список СШ 25.xlsx', base64 });
    const { rows } = await api.call('intake.rows', { submissionId: s.id });
    expect(rows[0]!.childId ?? rows[0]!.candidates[0]?.childId).toBe(child.id);
    if (rows[0]!.decision !== 'auto') await api.call('intake.decide', { rowId: rows[0]!.id, decision: { type: 'link', childId: child.id } });
    await api.call('intake.apply', { submissionId: s.id });

    // The list on the screen, asked again: the child is off it and the case says it closed by itself.
    await page.getByLabel('Возраст от').fill('6');
    const closed = page.getByText('Дела, закрытые сами: ребёнок получает образование');
    await closed.waitFor();
    await page.getByRole('button', { name: new RegExp(child.fio) }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(/^Дело закрыто само на \d\d\.\d\d\.\d{4}: обучается в общеобразовательной организации/).waitFor();
    await drawer.locator('.mantine-Badge-root', { hasText: 'Закрыто: получает образование' }).waitFor();
    await shot(page, 'nie-05-closed', { quiet: true, fullPage: false });
    expect(pageErrors).toEqual([]);
  });
});
