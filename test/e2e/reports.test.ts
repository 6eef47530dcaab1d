import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import { SHOTS, launchBrowser, shot, startServer, stopServer, optionReady, lockApp } from './helpers';

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let api: ApiClient;
const pageErrors: string[] = [];
let savedPdf = '';

const FORM = 'Приложение 2. Учёт форм получения образования';

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

async function download(p: Page, button: string): Promise<{ name: string; path: string }> {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: button }).click()]);
  const path = join(dataDir, dl.suggestedFilename());
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), path };
}

describe('reports: a form previewed, printed and saved as PDF and XLSX, found in the register, a file checked (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-reports-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    api = client(url);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `reports-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens Отчёты: the profile forms with their basis', async () => {
    await api.call('setup.demo', { children: 200, seed: 4 });
    await page.goto(url);
    // The department lands on Главная (issue 10).
    await page.getByRole('heading', { name: 'Главная' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Отчёты' }).click();
    await page.getByRole('heading', { name: 'Отчёты' }).waitFor();
    const forms = page.getByRole('navigation', { name: 'Формы отчётов' });
    await forms.getByRole('button', { name: /Приложение 1\. Дети школьного возраста/ }).waitFor();
    await forms.getByRole('button', { name: FORM }).click();
    await page.getByRole('heading', { name: FORM }).waitFor();
    await page.getByText('Основание: п. 3.2.8, приложение 2', { exact: true }).waitFor();
    // Nothing to show until the organization is chosen.
    await page.getByText('Выберите организацию').waitFor();
    await shot(page, 'reports-01-forms');
  });

  it('previews the first page for the organization and date chosen', async () => {
    await page.getByRole('textbox', { name: /^Организация/ }).click();
    await page.keyboard.type('отдел', { delay: 10 });
    await optionReady(page, 'Отдел образования');
    await page.keyboard.press('Enter');
    const date = page.getByRole('textbox', { name: /^По состоянию на/ });
    await date.fill('');
    await date.pressSequentially('10092026', { delay: 10 });
    expect(await date.inputValue()).toBe('10.09.2026');
    const sheet = page.getByLabel('Предварительный просмотр формы');
    await sheet.waitFor({ timeout: 30_000 });
    await sheet.getByText('по состоянию на 10.09.2026').waitFor();
    await sheet.getByRole('columnheader', { name: 'Ф.И.О.' }).waitFor();
    // Grouped by the form of education, a heading before each group.
    await sheet.locator('.report-group').filter({ hasText: /очная/ }).first().waitFor();
    expect(await sheet.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByText(/Предварительный просмотр первой страницы · в документе \d+ строк/).waitFor();
    await shot(page, 'reports-02-preview');
  });

  it('saves the form as PDF and XLSX, each registered under its number', async () => {
    const pdf = await download(page, 'Сохранить как PDF');
    expect(pdf.name).toMatch(/№ 2026-000001\.pdf$/);
    const bytes = readFileSync(pdf.path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    savedPdf = pdf.path;
    await page.getByText('Документ № 2026-000001 от 15.09.2026 зарегистрирован').waitFor();

    const xlsx = await download(page, 'Сохранить как XLSX');
    expect(xlsx.name).toMatch(/№ 2026-000002\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    const text = wb.worksheets[0]!.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('Учет форм получения образования');
    expect(wb.worksheets[0]!.headerFooter.oddFooter).toContain('2026-000002');
    await page.getByText('Документ № 2026-000002 от 15.09.2026 зарегистрирован').waitFor();
    await shot(page, 'reports-03-saved', { quiet: true });
  });

  it('prints: the PDF opens in a new tab', async () => {
    const [tab] = await Promise.all([context!.waitForEvent('page'), page.getByRole('button', { name: 'Печать' }).click()]);
    await tab.waitForURL(/^blob:/, { timeout: 30_000 });
    expect(tab.url()).toMatch(/^blob:/);
    await page.getByText('Документ № 2026-000003 от 15.09.2026 зарегистрирован').waitFor();
    await tab.close();
  });

  it('finds the printouts in the register and checks files against it', async () => {
    await page.getByRole('button', { name: 'Выданные документы' }).click();
    await page.getByRole('heading', { name: 'Реестр выданных документов' }).waitFor();
    const table = page.getByRole('table', { name: 'Выданные документы' });
    await table.getByText('№ 2026-000003').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    await page.getByText('Документов: 3').waitFor();

    // The number filter.
    await page.getByRole('textbox', { name: 'Номер' }).fill('000002');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByText('Документов: 1').waitFor();
    await table.getByText('XLSX', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Сбросить' }).click();
    await page.getByText('Документов: 3').waitFor();

    await page.getByTestId('verify-file').setInputFiles(savedPdf);
    const verdict = page.getByTestId('verify-result');
    await verdict.getByText('Документ зарегистрирован и не изменён').waitFor();
    await verdict.getByText(/№ 2026-000001 от 15\.09\.2026/).first().waitFor();
    await shot(page, 'reports-04-register-verified');

    const changed = join(dataDir, 'изменённый.pdf');
    writeFileSync(changed, Buffer.concat([readFileSync(savedPdf), Buffer.from('\n%% изменено\n')]));
    await page.getByTestId('verify-file').setInputFiles(changed);
    await verdict.getByText('Документ изменён после выдачи').waitFor();
    await shot(page, 'reports-05-register-changed');

    const other = join(dataDir, 'чужой.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').addRow(['Не из реестра']);
    await wb.xlsx.writeFile(other);
    await page.getByTestId('verify-file').setInputFiles(other);
    await verdict.getByText('Документ не зарегистрирован').waitFor();
  });

  it('prints a printout again from the register', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Напечатать снова № 2026-000001' }).click()]);
    expect(dl.suggestedFilename()).toMatch(/№ 2026-000001\.pdf$/);
    await page.getByText(/напечатан снова: содержание совпадает с выданным/).waitFor();
  });

  it("a school's user sees only the forms its school sends, filled with its own pupils, and only its printouts", async () => {
    const orgs = await api.call('orgs.list', {});
    const school = orgs.find((o) => o.shortName === 'МБОУ «СШ № 25»')!;
    await api.call('users.add', { login: 'school25', displayName: 'Завуч СШ № 25', role: 'school', orgId: school.id, password: 'пароль школы 25' });
    await lockApp(page);
    await page.getByLabel('Логин').fill('school25');
    await page.getByLabel('Пароль').fill('пароль школы 25');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Реестр детей' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Отчёты' }).click();
    const forms = page.getByRole('navigation', { name: 'Формы отчётов' });
    await forms.getByRole('button', { name: /Приложение 3\. Формы получения/ }).waitFor();
    // Приложение 2 is the department's: a school does not send it.
    expect(await forms.getByRole('button', { name: FORM }).count()).toBe(0);
    await forms.getByRole('button', { name: /Приложение 1\. Дети школьного возраста/ }).click();
    await page.getByText('МБОУ «СШ № 25»', { exact: true }).waitFor();
    const sheet = page.getByLabel('Предварительный просмотр формы');
    await sheet.getByText(/МБОУ «СШ № 25»|Средняя школа № 25/).first().waitFor({ timeout: 30_000 });
    await shot(page, 'reports-06-school');
    const pdf = await download(page, 'Сохранить как PDF');
    expect(pdf.name).toMatch(/№ 2026-000004\.pdf$/);
    await page.getByRole('button', { name: 'Выданные документы' }).click();
    await page.getByText('Документов: 1').waitFor();
    await page.getByRole('table', { name: 'Выданные документы' }).getByText('№ 2026-000004').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
