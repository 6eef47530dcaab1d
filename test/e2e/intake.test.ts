import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import type { ChildRow } from '../../shared/api/registry';
import { E2E_TODAY, SHOTS, launchBrowser, shot, startServer, stopServer, optionReady } from './helpers';

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let api: ApiClient;
const pageErrors: string[] = [];

/** The school year the server's date falls in: every date below moves with it, so any E2E_TODAY works. */
const YEAR = Number(E2E_TODAY.slice(0, 4)) - (Number(E2E_TODAY.slice(5, 7)) < 9 ? 1 : 0);
const y = (offset: number) => String(YEAR + offset);
const AS_OF = `01.09.${y(0)}`;
const LIST_TITLE = 'Обучающиеся общеобразовательного учреждения';
const SCHOOL = 'МБОУ «СШ № 25»';
const NEW_CHILD = { surname: 'Новосёлова', name: 'Виталина', patronymic: 'Ринатовна', birth: `14.05.${y(-10)}` };

/** The children the list names, read from the demo registry before the file is written. */
let exact: ChildRow;
let typo: ChildRow;
let other: ChildRow;
let fileName = '';

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const fio = (c: { surname: string; name: string; patronymic: string | null }) => [c.surname, c.name, c.patronymic].filter(Boolean).join(' ');

/** One vowel of the surname changed, as a hurried secretary types it: «Лазарева» → «Лазорева». */
function misspell(surname: string): string {
  const swap: Record<string, string> = { а: 'о', о: 'а', е: 'и', и: 'е', ы: 'и', у: 'ю', я: 'а' };
  const i = [...surname].findIndex((ch, k) => k >= 2 && ch in swap);
  return i < 0 ? `${surname}н` : surname.slice(0, i) + swap[surname[i]!] + surname.slice(i + 1);
}

/** The API of the running server, for reading the demo registry the list is made from. */
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

/** A school's list as schools send it: a title row, the header, the rows, a signature line. */
async function writeList(dir: string): Promise<string> {
  const address = async (c: ChildRow) => {
    const card = await api.call('children.card', { id: c.id });
    const a = card.facts.find((f) => f.type === 'address' && f.current);
    return typeof a?.data.text === 'string' ? a.data.text : '';
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow([`Список обучающихся ${SCHOOL} по состоянию на ${AS_OF}`]);
  ws.mergeCells('A1:E1');
  ws.addRow([]);
  ws.addRow(['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес регистрации', 'Класс']);
  const rows: string[][] = [
    [fio(exact), ddmmyyyy(exact.birthDate), await address(exact), exact.classLabel ?? '5А'],
    // A typo in the surname, and the family has moved: not certain enough to link without a person.
    [fio({ ...typo, surname: misspell(typo.surname) }), ddmmyyyy(typo.birthDate), 'пгт Свободный, ул. Майская, д. 21, кв. 3', typo.classLabel ?? '5А'],
    [fio(NEW_CHILD), NEW_CHILD.birth, 'пгт Свободный, ул. Неделина, д. 12, кв. 4', '4Б'],
    ['Кузьмин Олег Петрович', `31.02.${y(-11)}`, 'пгт Свободный, ул. Ленина, д. 3, кв. 1', '5А'],
    ['', `12.12.${y(-12)}`, 'пгт Свободный, ул. Майская, д. 7', '6В'],
    // The same first name and surname as a registry child, another birth date, no patronymic: a person decides.
    [`${other.surname} ${other.name}`, ddmmyyyy(other.birthDate.replace(/-(\d)(\d)$/, (_, a: string, b: string) => `-${a}${(Number(b) + 3) % 10}`)), '', '7А'],
  ];
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  ws.addRow([]);
  ws.addRow(['Руководитель ______________ / Т. В. Иванова /']);
  ws.getColumn(2).width = 36;
  ws.getColumn(3).width = 14;
  ws.getColumn(4).width = 44;
  const path = join(dir, 'Список обучающихся СШ 25.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

/** Waits until the field shows the value (the organizations come from the server a moment later). */
async function valueOf(field: ReturnType<Page['getByRole']>, value: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await field.inputValue()) === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await field.inputValue()).toBe(value);
}

/** A letter key on the Russian layout (Playwright types only the US one): the key the page sees, and its place. */
async function russianKey(p: Page, key: string, code: string): Promise<void> {
  await p.evaluate(([k, c]) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: c, bubbles: true })), [key, code] as const);
}

const rowOf = (p: Page, rowNo: number) => p.locator(`.intake-table tr[data-row-no="${rowNo}"]`);

describe('intake: a school list from a file, fixed, reviewed, applied, traced in the card (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-intake-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    api = client(url);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `intake-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a list of children the demo registry knows, with a typo, a new child and bad rows', async () => {
    await api.call('setup.demo', { children: 200, seed: 4 });
    const { rows } = await api.call('children.search', { query: '', limit: 200, offset: 0, sort: 'name', dir: 'asc' });
    const pupils = rows.filter((r) => r.orgName === SCHOOL && r.patronymic && r.surname.length >= 5);
    const bySurname = (r: ChildRow) => rows.filter((x) => x.surname === r.surname).length === 1;
    const unique = pupils.filter(bySurname);
    expect(unique.length).toBeGreaterThan(3);
    [exact, typo, other] = [unique[0]!, unique[Math.floor(unique.length / 2)]!, unique[unique.length - 1]!];
    fileName = await writeList(dataDir);
  });

  it('receives the file: organization, list kind, date, the file', async () => {
    await page.goto(url);
    // The department lands on Главная (issue 10).
    await page.getByRole('heading', { name: 'Главная' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Списки' }).click();
    await page.getByRole('heading', { name: 'Списки', exact: true }).waitFor();
    await page.getByText('Списков пока нет').waitFor();
    await shot(page, 'intake-01-lists-empty');

    await page.getByRole('button', { name: 'Принять список из файла' }).click();
    await page.getByRole('heading', { name: 'Принять список из файла' }).waitFor();
    // Nothing chosen yet: the form says what is missing.
    await page.getByRole('button', { name: 'Проверить список' }).click();
    await page.getByText('Выберите файл списка или перетащите его сюда').waitFor();
    await page.getByText('Выберите организацию, приславшую список').waitFor();

    await page.getByRole('textbox', { name: /^Кто прислал список/ }).click();
    await page.keyboard.type('сш 25', { delay: 10 });
    await optionReady(page, SCHOOL);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /^Вид списка/ }).click();
    await page.getByRole('option', { name: LIST_TITLE }).click();
    await page.getByRole('textbox', { name: /^По состоянию на/ }).fill(`0109${y(0)}`);
    expect(await page.getByRole('textbox', { name: /^По состоянию на/ }).inputValue()).toBe(AS_OF);
    await page.getByTestId('intake-file').setInputFiles(fileName);
    await page.getByText('Список обучающихся СШ 25.xlsx').waitFor();
    await shot(page, 'intake-02-upload-form');

    await page.getByRole('button', { name: 'Проверить список' }).click();
    await page.getByRole('heading', { name: /^Список № \d+$/ }).waitFor({ timeout: 60_000 });
    await page.getByText(`${SCHOOL} · по состоянию на ${AS_OF}`).waitFor();
    // Columns recognized by their headers.
    await page.getByText('Столбцы файла: 5 из 5 используются').waitFor();
    expect(await page.getByRole('textbox', { name: 'Столбец B «Ф.И.О.»' }).inputValue()).toBe('Ф.И.О.');
    expect(await page.getByRole('textbox', { name: 'Столбец C «Дата рождения»' }).inputValue()).toBe('Дата рождения');
    // The signature line and the title are not rows.
    await page.getByRole('tab', { name: /Все\s*6/ }).waitFor();
    // A column read wrongly is corrected by hand: «Класс» not used, then used again.
    await page.getByRole('textbox', { name: 'Столбец E «Класс»' }).click();
    await page.getByRole('option', { name: 'не использовать' }).click();
    await page.getByText('Столбцы файла: 4 из 5 используются').waitFor();
    // The rows are read again on the server after the change: wait for them rather than read the old ones.
    await expect.poll(() => rowOf(page, 1).locator('td').nth(4).textContent(), { timeout: 15_000 }).toBe('');
    await page.getByRole('textbox', { name: 'Столбец E «Класс»' }).click();
    await page.getByRole('option', { name: 'Класс/группа' }).click();
    await page.getByText('Столбцы файла: 5 из 5 используются').waitFor();
    await rowOf(page, 1).locator('td').nth(4).filter({ hasText: exact.classLabel ?? '' }).waitFor();
    expect(await page.getByRole('button', { name: 'Применить список' }).isDisabled()).toBe(true);
    await page.getByText(/2 строки с ошибками/).waitFor();
    await shot(page, 'intake-03-submission');
  });

  it('reports the bad rows in Russian, fixes one in place and leaves one out', async () => {
    await page.getByRole('tab', { name: /С ошибками/ }).click();
    await page.getByText(`Строка 4, «Дата рождения»: «31.02.${y(-11)}» — такой даты нет`).waitFor();
    await rowOf(page, 5).waitFor();
    await shot(page, 'intake-04-errors');

    await rowOf(page, 4).getByRole('button', { name: 'Исправить' }).click();
    const date = page.getByRole('form', { name: 'Исправление строки 4' }).getByRole('textbox', { name: 'Дата рождения' });
    await date.waitFor();
    expect(await date.inputValue()).toBe(`31.02.${y(-11)}`);
    // The wrong date is selected: typing replaces it.
    await page.keyboard.type(`3103${y(-11)}`, { delay: 10 });
    await shot(page, 'intake-05-fix-row');
    await page.keyboard.press('Enter');
    await rowOf(page, 4).getByText('новый ребёнок').waitFor();
    await rowOf(page, 4).getByText(`31.03.${y(-11)}`).waitFor();

    await rowOf(page, 5).getByRole('button', { name: 'Не принимать' }).click();
    await rowOf(page, 5).getByText('не принимается').waitFor();
    await page.getByRole('tab', { name: /С ошибками\s*0/ }).waitFor();
    await page.getByRole('tab', { name: /Не принимаются\s*1/ }).waitFor();
    await shot(page, 'intake-06-fixed-and-left-out');
    // Still not: uncertain matches wait for a person.
    expect(await page.getByRole('button', { name: 'Применить список' }).isDisabled()).toBe(true);
    await page.getByText(/2 строки ждут решения/).waitFor();
  });

  it('reviews the uncertain matches by keyboard: «это этот ребёнок» and «это разные дети»', async () => {
    await page.getByRole('button', { name: /Проверить совпадения/ }).click();
    await page.getByRole('heading', { name: 'Проверка совпадений' }).waitFor();
    // The typo row: the list's surname against the registry's, the difference highlighted.
    await page.getByText('Строка 2 списка').waitFor();
    const compare = page.getByRole('table', { name: /Строка 2 и похожие дети/ });
    await compare.locator('.intake-diff', { hasText: typo.surname }).waitFor();
    await shot(page, 'intake-07-review-typo');
    await page.keyboard.press('1');
    // The next row waiting: the child with the same name and another birth date.
    await page.getByText('Строка 6 списка').waitFor();
    await page.getByRole('table', { name: /Строка 6 и похожие дети/ }).waitFor();
    await shot(page, 'intake-08-review-other');
    await russianKey(page, 'р', 'KeyH');
    await page.getByText(/разные дети/).first().waitFor();
    await page.getByText('Все совпадения решены').waitFor();
    // Going back shows the decision taken, which can be revised.
    await page.keyboard.press('ArrowLeft');
    await page.getByText('Строка 2 списка').waitFor();
    await page.getByText('это ребёнок из реестра').waitFor();
    await page.getByRole('link', { name: new RegExp(`№ ${typo.id}`) }).first().waitFor();
    await shot(page, 'intake-09-review-done');
  });

  it('applies the list and finds it as the source of the new child’s facts', async () => {
    await page.getByRole('button', { name: 'К списку' }).click();
    await page.getByRole('heading', { name: /^Список № \d+$/ }).waitFor();
    const apply = page.getByRole('button', { name: 'Применить список' });
    await page.getByText(/Всё проверено: 5 строк будут применены, 1 не принимается/).waitFor();
    expect(await apply.isDisabled()).toBe(false);
    await apply.click();
    await page.getByRole('dialog', { name: 'Применить список?' }).waitFor();
    await shot(page, 'intake-10-apply-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Применить', exact: true }).click();
    await page.getByText('применён', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Отменить список' }).waitFor();
    await shot(page, 'intake-11-applied');

    await page.getByRole('button', { name: 'Реестр' }).click();
    await page.getByLabel('Поиск ребёнка').fill(`${NEW_CHILD.surname} ${NEW_CHILD.name}`);
    const row = page.locator('.registry-body [role="row"]').filter({ hasText: fio(NEW_CHILD) });
    await row.waitFor();
    await row.click();
    await page.getByRole('heading', { name: fio(NEW_CHILD) }).waitFor();
    // «Список № N от …», a link to the list (issue 12).
    const source = `Список № 1 от ${AS_OF}: «${LIST_TITLE}», ${SCHOOL}`;
    await page.getByText(source).first().waitFor();
    await page.getByText(/4Б/).first().waitFor();
    await shot(page, 'intake-12-child-card');
  });

  it('warns when the same file comes again', async () => {
    await page.getByRole('button', { name: 'Списки' }).click();
    await page.getByRole('heading', { name: 'Списки', exact: true }).waitFor();
    await page.getByRole('row', { name: /Список № 1/ }).waitFor();
    await shot(page, 'intake-13-lists');
    await page.getByRole('button', { name: 'Принять список из файла' }).click();
    // The organization, kind and date are remembered from the last list.
    await valueOf(page.getByRole('textbox', { name: /^Кто прислал список/ }), SCHOOL);
    // An old Excel file: told what to do, nothing received.
    await page.getByTestId('intake-file').setInputFiles({ name: 'Список 1997.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]) });
    await page.getByRole('button', { name: 'Проверить список' }).click();
    await page.getByRole('alert').filter({ hasText: 'Список не принят' }).first().waitFor();
    await shot(page, 'intake-13b-old-excel');
    await page.getByTestId('intake-file').setInputFiles(fileName);
    await page.getByRole('button', { name: 'Проверить список' }).click();
    await page.getByRole('alert').filter({ hasText: 'Этот файл уже принимали' }).waitFor({ timeout: 60_000 });
    await shot(page, 'intake-14-same-file');
    await page.getByRole('button', { name: 'Отклонить этот черновик' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отклонить', exact: true }).click();
    await page.getByRole('heading', { name: 'Списки', exact: true }).waitFor();
    await page.getByText('отклонён').first().waitFor();
  });

  it('takes a paper form typed into the grid', async () => {
    await page.getByRole('button', { name: 'Ввести бумажный список' }).click();
    await page.getByRole('heading', { name: 'Ввести бумажный список' }).waitFor();
    await page.getByRole('textbox', { name: /^Кто прислал список/ }).fill('');
    await page.getByRole('textbox', { name: /^Кто прислал список/ }).click();
    await page.keyboard.type('сш 25', { delay: 10 });
    await optionReady(page, SCHOOL);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /^Вид списка/ }).click();
    await page.getByRole('option', { name: LIST_TITLE }).click();
    await page.getByRole('textbox', { name: /^По состоянию на/ }).fill(`0110${y(0)}`);

    await page.getByRole('textbox', { name: 'Фамилия, строка 1' }).click();
    const cells = (values: string[]) => values.reduce<Promise<void>>(async (prev, v) => {
      await prev;
      if (v) await page.keyboard.type(v, { delay: 5 });
      await page.keyboard.press('Enter');
    }, Promise.resolve());
    await cells(['Беляева', 'Алиса', 'Андреевна', `0506${y(-9)}`, 'пгт Свободный, ул. Кольцевая, д. 2', '', '2А', 'со слов матери']);
    await cells(['Орлов', 'Тимур', '', `3.4.${y(-10)}`, 'пгт Свободный, ул. Солнечная, д. 9', 'пгт Свободный, ул. Солнечная, д. 11', '3В', '']);
    expect(await page.getByRole('textbox', { name: 'Дата рождения, строка 1' }).inputValue()).toBe(`05.06.${y(-9)}`);
    expect(await page.getByRole('textbox', { name: 'Дата рождения, строка 2' }).inputValue()).toBe(`03.04.${y(-10)}`);
    // Enter in the last cell of the row went on to the next row.
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.getAttribute('aria-label') === 'Фамилия, строка 3');
    await shot(page, 'intake-15-paper-grid');
    await page.getByRole('button', { name: 'Проверить', exact: true }).click();
    await page.getByRole('heading', { name: /^Список № \d+$/ }).waitFor({ timeout: 60_000 });
    await page.getByText('бумажный список, введён вручную').waitFor();
    await page.getByRole('tab', { name: /Все\s*2/ }).waitFor();
    await rowOf(page, 1).getByText('Беляева Алиса Андреевна').waitFor();
    await shot(page, 'intake-16-paper-submission');
  });

  it('undoes the applied list: its facts are withdrawn', async () => {
    await page.getByRole('button', { name: '← Списки' }).click();
    await page.getByRole('row', { name: /Список № 1/ }).click();
    await page.getByRole('button', { name: 'Отменить список' }).click();
    const dialog = page.getByRole('dialog', { name: 'Отменить применённый список?' });
    await dialog.waitFor();
    await dialog.getByText(/будут отозваны/).waitFor();
    await shot(page, 'intake-17-undo-confirm');
    await dialog.getByRole('button', { name: 'Отменить список' }).click();
    await page.getByText(/Список отменён: \d+ сведени/).waitFor();
    await page.getByText('отменён', { exact: true }).first().waitFor();
    await shot(page, 'intake-18-undone');
    expect(pageErrors).toEqual([]);
  });
});
