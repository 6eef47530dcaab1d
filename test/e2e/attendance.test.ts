import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import { SHOTS, launchBrowser, lockApp, shot, startServer, stopServer } from './helpers';

// A school's deputy director on the «Посещаемость» screen: October of 5А typed in by keyboard only, a pupil above
// 75 % flagged (and one at 75 % exactly not), the month's list (Приложение 1 к Инструкции) made and saved as PDF,
// read back with pdftotext and rendered with pdftoppm to be looked at.

const TODAY = '2026-10-27';
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

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('attendance: a class typed in by keyboard, a pupil flagged, the monthly list saved (browser mode, school user)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-attendance-'));
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
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `attendance-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a school user enters October of 5А by keyboard; the pupil above 75 % is flagged', async () => {
    await api.call('setup.create', { profileId: 'zato-svobodny', departmentName: 'Отдел образования (тест)', adminLogin: 'admin', adminName: 'Администратор', password: 'пароль администратора' });
    const school = (await api.call('orgs.list', {})).find((o) => o.kind === 'school')!;
    await api.call('orgs.update', { id: school.id, headName: 'Карпова Ольга Дмитриевна' });
    const study = { type: 'study' as const, orgId: school.id, classLabel: '5А', validFrom: '2026-09-01', enrolOrderNumber: '15', enrolOrderDate: '2026-09-01' };
    const pupils: [string, string, string, string][] = [
      ['Алексеева', 'Алина', 'Игоревна', '2015-03-01'],
      ['Белов', 'Богдан', 'Олегович', '2015-04-02'],
      ['Волков', 'Виктор', 'Петрович', '2015-05-03'],
      ['Гусева', 'Галина', 'Сергеевна', '2015-06-04'],
    ];
    for (const [surname, name, patronymic, birthDate] of pupils) {
      await api.call('children.create', { child: { surname, name, patronymic, birthDate, gender: /а$/u.test(surname) ? 'f' : 'm' }, facts: [study] });
    }
    await api.call('users.add', { login: 'school25', displayName: 'Завуч СШ № 25', role: 'school', orgId: school.id, password: 'пароль школы 25' });
    await api.call('session.lock', {});

    await page.goto(url);
    await page.getByLabel('Логин').fill('school25');
    await page.getByLabel('Пароль').fill('пароль школы 25');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: 'Реестр детей' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Посещаемость' }).click();
    await page.getByRole('heading', { name: 'Посещаемость' }).waitFor();
    const grid = page.getByRole('table', { name: 'Посещаемость 5А класса за октябрь 2026' });
    await grid.waitFor({ timeout: 30_000 });
    expect(await grid.locator('tbody tr').count()).toBe(4);
    await shot(page, 'attendance-01-empty');

    // Keyboard only: the first cell, then numbers and Enter, row after row.
    await page.getByRole('textbox', { name: 'Уроков проведено: Алексеева Алина Игоревна' }).click();
    const rows = [
      ['80', '4', '0'], // a cold
      ['80', '8', '8'],
      ['80', '70', '65'], // 81,3 % without good reason: above 75 %
      ['80', '60', '60'], // 75 % exactly: not above
    ];
    for (const r of rows) {
      for (const v of r) {
        await page.keyboard.type(v, { delay: 5 });
        await page.keyboard.press('Enter');
      }
    }
    // ↑ goes back up a column: correct Белов's total from 8 to 9.
    await page.getByRole('textbox', { name: 'Пропущено всего: Гусева Галина Сергеевна' }).click();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('9');
    expect(await page.getByRole('textbox', { name: 'Пропущено всего: Белов Богдан Олегович' }).inputValue()).toBe('9');
    // A mistake is shown before saving: more missed than held.
    const first = page.getByRole('textbox', { name: 'Пропущено всего: Алексеева Алина Игоревна' });
    await first.click();
    await page.keyboard.type('81');
    await expect.poll(() => first.getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Посещаемость не сохранена').waitFor();
    // The cell keeps the focus: the number is corrected in place.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('4');
    expect(await first.inputValue()).toBe('4');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Посещаемость за октябрь 2026 сохранена: 4 ученика').waitFor({ timeout: 30_000 });

    const volkov = grid.locator('tr', { hasText: 'Волков Виктор Петрович' });
    await expect.poll(() => volkov.getAttribute('data-status'), { timeout: 15_000 }).toBe('systematic');
    await volkov.getByText('Систематически пропускает').waitFor();
    await volkov.getByText('81,3 %').waitFor();
    expect(await grid.locator('tr', { hasText: 'Гусева' }).getAttribute('data-status')).toBeNull();
    await grid.locator('tr', { hasText: 'Гусева' }).getByText('75 %').waitFor();
    expect(await grid.locator('tr[data-status]').count()).toBe(1);
    const list = page.getByRole('table', { name: 'Не посещают и систематически пропускают' });
    await list.getByText('Волков Виктор Петрович').waitFor();
    expect(await list.locator('tbody tr').count()).toBe(1);
    // What was saved is what was typed.
    expect(await page.getByRole('textbox', { name: 'Пропущено всего: Белов Богдан Олегович' }).inputValue()).toBe('9');
    await shot(page, 'attendance-02-flagged', { quiet: true });
  });

  it('September: a block copied from Excel is pasted into the grid', async () => {
    await page.getByRole('textbox', { name: 'Месяц' }).click();
    await page.getByRole('option', { name: 'сентябрь 2026' }).click();
    const grid = page.getByRole('table', { name: 'Посещаемость 5А класса за сентябрь 2026' });
    await grid.waitFor({ timeout: 30_000 });
    const cell = page.getByRole('textbox', { name: 'Уроков проведено: Алексеева Алина Игоревна' });
    expect(await cell.inputValue()).toBe('');
    await cell.click();
    // What Excel puts on the clipboard: cells by tabs, rows by line breaks.
    await cell.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', '90\t0\t0\r\n90\t3\t1\r\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(await page.getByRole('textbox', { name: 'Пропущено всего: Белов Богдан Олегович' }).inputValue()).toBe('3');
    expect(await page.getByRole('textbox', { name: 'Из них без уважительной причины: Белов Богдан Олегович' }).inputValue()).toBe('1');
    expect(await page.getByRole('textbox', { name: 'Уроков проведено: Волков Виктор Петрович' }).inputValue()).toBe('');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Посещаемость за сентябрь 2026 сохранена: 2 ученика').waitFor({ timeout: 30_000 });
    await page.getByRole('textbox', { name: 'Месяц' }).click();
    await page.getByRole('option', { name: 'октябрь 2026' }).click();
    await page.getByRole('table', { name: 'Посещаемость 5А класса за октябрь 2026' }).waitFor({ timeout: 30_000 });
  });

  it('imports October from the journal: a bad report is shown and not applied, a good one replaces the month', async () => {
    const book = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Отчёт');
      ws.addRow(['ФИО', 'Класс', 'Уроков проведено', 'Пропущено всего', 'По уважительной', 'По неуважительной причине']);
      for (const r of rows) ws.addRow(r);
      const path = join(dataDir, `журнал-${rows.length}.xlsx`);
      await wb.xlsx.writeFile(path);
      return path;
    };
    const input = page.locator('input[type="file"]');
    await input.setInputFiles(await book([['Белов Богдан Олегович', '5А', 80, 9, 1, 8], ['Смирнов Семён Семёнович', '5А', 80, 0, 0, 0], ['Гусева Галина Сергеевна', '5А', 80, 60, 0, 60]]));
    await page.getByText('Строк прочитано: 3; с ошибками: 1.').waitFor({ timeout: 30_000 });
    await page.getByText(/строка 3, столбец A «ФИО»: ученик «Смирнов Семён Семёнович» \(5А класс\) не найден/u).waitFor();
    expect(await page.getByRole('button', { name: 'Применить' }).isDisabled()).toBe(true);
    await shot(page, 'attendance-03-import-errors', { quiet: true });
    await page.getByRole('button', { name: 'Отменить', exact: true }).click();

    // Гусева's figures corrected in the journal: 61 of 80 without good reason now.
    await input.setInputFiles(await book([['Белов Богдан Олегович', '5А', 80, 9, 1, 8], ['Гусева Галина Сергеевна', '5А', 80, 61, 0, 61]]));
    const rows = page.getByRole('table', { name: 'Строки отчёта' });
    await rows.getByText('заменить (прежнее — в историю)').waitFor({ timeout: 30_000 });
    await rows.getByText('без изменений').waitFor();
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.getByText('Посещаемость за октябрь 2026 загружена: 1 ученик, без изменений — 1').waitFor({ timeout: 30_000 });
    const grid = page.getByRole('table', { name: 'Посещаемость 5А класса за октябрь 2026' });
    await expect.poll(() => grid.locator('tr', { hasText: 'Гусева' }).getAttribute('data-status'), { timeout: 15_000 }).toBe('systematic');
    expect(await grid.locator('tr[data-status]').count()).toBe(2);
  });

  it('makes the monthly list and saves it as PDF', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Сформировать список (PDF)' }).click()]);
    const path = join(dataDir, dl.suggestedFilename());
    await dl.saveAs(path);
    expect(dl.suggestedFilename()).toMatch(/№ 2026-000001\.pdf$/);
    await page.getByText(/Список № 2026-000001 от 27\.10\.2026 сохранён в файл/).waitFor();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = run('pdftotext', ['-layout', path, '-']).replace(/\s+/gu, ' ');
    expect(text).toContain('за период с 01.10.2026 по 27.10.2026');
    expect(text).toContain('Волков Виктор Петрович');
    expect(text).toContain('Гусева Галина Сергеевна');
    expect(text).not.toContain('Белов');
    expect(text).toMatch(/Систематически\s+81,3/u);
    run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', path, join(SHOTS, 'attendance-03-list-pdf')]);
    await shot(page, 'attendance-04-list-saved');
    expect(pageErrors).toEqual([]);
  });

  it("the department's specialist sees the school month by month", async () => {
    await lockApp(page);
    await page.getByLabel('Логин').fill('admin');
    await page.getByLabel('Пароль').fill('пароль администратора');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('button', { name: 'Посещаемость' }).click();
    const overview = page.getByRole('table', { name: 'Пропуски занятий по школам' });
    await overview.waitFor({ timeout: 30_000 });
    const row = overview.locator('tr', { hasText: 'МБОУ «СШ № 25»' });
    // September: two pupils entered, nobody flagged; October: none not started, one systematic.
    expect(await row.locator('td').allInnerTexts()).toEqual(['МБОУ «СШ № 25»', '0 / 0', '0 / 2']);
    await page.getByRole('table', { name: 'Ученики за месяц по школам' }).getByText('Волков Виктор Петрович').waitFor();
    await shot(page, 'attendance-05-department');
    expect(pageErrors).toEqual([]);
  });
});
