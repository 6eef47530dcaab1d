/**
 * Issue 12, points 5–9 and 11, as a new specialist meets them on a 1366×768 laptop: an empty registry that
 * says what to do next, the demo, the registry with its filters folded (at least 15 children on screen), an edit
 * with two bad fields, a history entry with the old and the new value, the export's title row, an .ods list
 * taken in through the upload screen, the review's decision always on screen, the column panel that stays
 * folded after the review, and the source link that opens the list.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import type { ChildRow } from '../../shared/api/registry';
import { snilsChecksum } from '../../shared/domain/snils';
import { odsBytes, type OdsValue } from '../integration/odsFixture';
import { E2E_TODAY, SHOTS, launchBrowser, optionReady, shot, startServer, stopServer } from './helpers';

const VIEWPORT = { width: 1366, height: 768 };
const ADMIN = { name: 'Морозова Анна Сергеевна', login: 'admin', password: 'зимний вечер 2025' };
const SCHOOL = 'МБОУ «СШ № 25»';
const LIST_TITLE = 'Обучающиеся общеобразовательного учреждения';
const YEAR = Number(E2E_TODAY.slice(0, 4)) - (Number(E2E_TODAY.slice(5, 7)) < 9 ? 1 : 0);
const AS_OF = `01.09.${YEAR}`;
const TODAY_RU = `${E2E_TODAY.slice(8, 10)}.${E2E_TODAY.slice(5, 7)}.${E2E_TODAY.slice(0, 4)}`;

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let api: ApiClient;
const pageErrors: string[] = [];

/** The API of the running server, for choosing the children the .ods list names. */
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

const fio = (c: { surname: string; name: string; patronymic: string | null }) => [c.surname, c.name, c.patronymic].filter(Boolean).join(' ');
/** One vowel of the surname changed, as a hurried secretary types it. */
function misspell(surname: string): string {
  const swap: Record<string, string> = { а: 'о', о: 'а', е: 'и', и: 'е', ы: 'и', у: 'ю', я: 'а' };
  const i = [...surname].findIndex((ch, k) => k >= 2 && ch in swap);
  return i < 0 ? `${surname}н` : surname.slice(0, i) + swap[surname[i]!] + surname.slice(i + 1);
}
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Rows of the registry table wholly inside the visible part of its scrolling body. */
async function visibleRegistryRows(p: Page): Promise<number> {
  return p.evaluate(() => {
    const body = document.querySelector('.registry-body')!.getBoundingClientRect();
    const bottom = Math.min(body.bottom, window.innerHeight);
    return Array.from(document.querySelectorAll('.registry-body [role="row"]')).filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= body.top - 0.5 && b.bottom <= bottom + 0.5 && r.textContent !== '…';
    }).length;
  });
}

describe('the first week at 1366×768: registry, card, export, an .ods list (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-week-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    api = client(url);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: VIEWPORT, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `week-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('an empty registry says what to do next: take a list, a new child, the demo', async () => {
    await page.goto(url);
    await page.getByRole('radio', { name: /ЗАТО Свободный/ }).click();
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByLabel('Ф.И.О. администратора').fill(ADMIN.name);
    await page.getByLabel('Логин').fill(ADMIN.login);
    await page.getByLabel(/^Пароль\s*\*?$/).fill(ADMIN.password);
    await page.getByLabel('Пароль ещё раз').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Создать базу данных' }).click();
    await page.locator('.recovery-code').first().waitFor({ timeout: 60_000 });
    await page.getByLabel('Я сохранил код восстановления').check();
    await page.getByRole('button', { name: 'Начать работу' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Реестр', exact: true }).click();
    await page.getByRole('heading', { name: 'Реестр детей' }).waitFor();
    const empty = page.getByTestId('registry-empty');
    await empty.waitFor();
    for (const name of ['Принять список', 'Новый ребёнок', 'Демо-данные']) await empty.getByRole('button', { name, exact: true }).waitFor();
    await shot(page, 'week-01-empty-registry', { fullPage: false });

    // The demo from here: its own database, then back on the registry with its children.
    await empty.getByRole('button', { name: 'Демо-данные', exact: true }).click();
    await empty.getByRole('button', { name: 'Открыть демо-данные' }).click();
    // The screens start over on the demo (its banner on every screen); the registry holds its children.
    await page.getByText('Демо: данные вымышленные').waitFor({ timeout: 200_000 });
    await page.getByRole('navigation').getByRole('button', { name: 'Реестр', exact: true }).click();
    await page.getByText(/Найдено: 3\s000/).waitFor({ timeout: 60_000 });
  }, 300_000);

  it('shows at least 15 children with the filters folded into one line; «Ещё фильтры» unfolds the rest', async () => {
    await page.getByRole('heading', { name: 'Реестр детей' }).waitFor();
    await page.locator('.registry-body [role="row"]').nth(20).waitFor();
    const shown = await visibleRegistryRows(page);
    expect(shown).toBeGreaterThanOrEqual(15);
    // Folded: the rarer filters are not on the screen, the button is.
    expect(await page.getByRole('textbox', { name: 'Год рождения' }).count()).toBe(0);
    const more = page.getByRole('button', { name: /^Ещё фильтры/ });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await shot(page, 'week-02-registry-folded', { fullPage: false });

    await more.click();
    await page.getByRole('textbox', { name: 'Год рождения' }).waitFor();
    await page.getByRole('textbox', { name: 'Возраст от' }).fill('6');
    await page.getByRole('textbox', { name: 'до, лет' }).fill('17');
    await shot(page, 'week-03-registry-more-filters', { fullPage: false });
    await page.getByRole('button', { name: 'Скрыть фильтры (1)' }).click();
    // A folded filter that is set is counted on the button, never forgotten.
    await page.getByRole('button', { name: 'Ещё фильтры (1)' }).waitFor();
    expect(await visibleRegistryRows(page)).toBeGreaterThanOrEqual(15);
  });

  it('says the search orders by relevance, not by ФИО', async () => {
    const first = (await page.locator('.registry-body [role="row"] .registry-name').first().textContent())!;
    const surname = first.split(' ')[0]!;
    await page.getByLabel('Поиск ребёнка').fill(surname.slice(0, -1));
    await page.getByTestId('registry-order').waitFor();
    expect(await page.getByTestId('registry-order').textContent()).toContain('не по ФИО');
    await shot(page, 'week-04-registry-search-relevance', { fullPage: false });
    await page.getByLabel('Поиск ребёнка').fill('');
    await page.getByTestId('registry-order').waitFor({ state: 'detached' });
  });

  it('exports what the screen shows, with a title row saying which filter and which day', async () => {
    await page.getByRole('checkbox', { name: 'не в организации' }).check();
    await page.getByText(/Найдено: \d/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Выгрузить в Excel' }).click()]);
    const path = join(dataDir, 'export.xlsx');
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Реестр')!;
    expect(ws.getCell('A1').value).toBe(`Реестр детей: 6–17 лет, не в организации, на ${TODAY_RU}`);
    expect(ws.getCell('F2').value).toBe('Организация');
    expect(ws.getCell('I2').value).toBe('Адрес фактического проживания');
    // The screen's words, never an empty cell: the organization column of a child no organization teaches.
    expect(ws.getCell('F3').value).toBe('не в организации');
    expect(ws.getCell('K3').value).not.toBeNull();
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await page.getByText(/Найдено: 3\s000/).waitFor();
  });

  it('an edit with a bad date and a bad СНИЛС shows both at once; the saved change shows its old and new value', async () => {
    await page.locator('.registry-body [role="row"]').first().click();
    await page.getByRole('button', { name: 'Изменить данные' }).click();
    const date = page.getByRole('textbox', { name: 'Дата рождения' });
    const snils = page.getByRole('textbox', { name: 'СНИЛС' });
    const before = await snils.inputValue();
    await date.fill('31.02.2015');
    await snils.fill('112-233-445 00');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Такой даты нет в календаре').waitFor();
    await page.getByText('Неверное контрольное число СНИЛС').waitFor();
    await shot(page, 'week-05-edit-two-errors', { fullPage: false });

    const next = '123456780' + snilsChecksum('123456780');
    await date.fill('01.02.2015');
    await snils.fill(next);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const history = page.getByRole('region', { name: 'Хронология' });
    await history.getByText(/Изменено: .*СНИЛС/).waitFor();
    const change = history.getByTestId('history-change').filter({ hasText: 'СНИЛС' });
    await change.waitFor();
    expect(await change.textContent()).toBe(`СНИЛС: ${before || 'не указан'} → ${next.slice(0, 3)}-${next.slice(3, 6)}-${next.slice(6, 9)} ${next.slice(9)}`);
    // The person who changed it, by name: the demo's user, not its login.
    await history.getByText(/Введено вручную: Демонстрационный пользователь/).first().waitFor();
    await history.scrollIntoViewIfNeeded();
    await shot(page, 'week-06-history-old-new', { fullPage: false, quiet: true });
  });

  let typo: ChildRow;
  let odsPath = '';

  it('takes in an .ods list (a merged title, date cells, repeats) through the upload screen', async () => {
    const { rows } = await api.call('children.search', { query: '', limit: 500, offset: 0, sort: 'name', dir: 'asc' });
    const unique = rows.filter((r) => r.orgName === SCHOOL && r.patronymic && r.surname.length >= 5 && rows.filter((x) => x.surname === r.surname).length === 1);
    typo = unique[Math.floor(unique.length / 2)]!;
    const sheetRows: OdsValue[][] = [
      [`Список обучающихся ${SCHOOL} по состоянию на ${AS_OF}`, null, null, null, null],
      [],
      ['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес регистрации', 'Класс'],
      [1, fio({ ...typo, surname: misspell(typo.surname) }), utc(typo.birthDate), 'пгт Свободный, ул. Майская, д. 21, кв. 3', typo.classLabel ?? '5А'],
      [2, 'Новосёлова Виталина Ринатовна', utc(`${YEAR - 10}-05-14`), 'пгт Свободный, ул. Неделина, д. 12, кв. 4', '4Б'],
      [3, 'Кузьмин Олег Петрович', `31.02.${YEAR - 11}`, 'пгт Свободный, ул. Ленина, д. 3, кв. 1', '5А'],
      [],
      [null, 'Руководитель ______________ / Т. В. Иванова /', null, null, null],
    ];
    odsPath = join(dataDir, 'Список СШ 25.ods');
    writeFileSync(odsPath, odsBytes([{ name: 'Лист1', rows: sheetRows, merges: [{ top: 0, left: 0, bottom: 0, right: 4 }] }]));

    await page.getByRole('button', { name: 'Списки' }).click();
    await page.getByRole('heading', { name: 'Списки', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Принять список из файла' }).click();
    await page.getByRole('heading', { name: 'Принять список из файла' }).waitFor();
    await page.getByText(/LibreOffice \(\.ods\)/).waitFor();
    await page.getByRole('textbox', { name: /^Кто прислал список/ }).click();
    await page.keyboard.type('сш 25', { delay: 10 });
    await optionReady(page, SCHOOL);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /^Вид списка/ }).click();
    await page.getByRole('option', { name: LIST_TITLE }).click();
    await page.getByRole('textbox', { name: /^По состоянию на/ }).fill(AS_OF.replace(/\./g, ''));
    await page.getByTestId('intake-file').setInputFiles(odsPath);
    await page.getByText('Список СШ 25.ods').waitFor();
    await page.getByRole('button', { name: 'Проверить список' }).click();
    await page.getByRole('heading', { name: /^Список № \d+$/ }).waitFor({ timeout: 60_000 });
    // The title and the signature are not rows; the merged title did not become a header.
    await page.getByRole('tab', { name: /Все\s*3/ }).waitFor();
    await page.getByText('Столбцы файла: 5 из 5 используются').waitFor();
    // The date cells came as dates; the one that does not exist is reported.
    await page.getByText(/31\.02\.\d{4}» — такой даты нет/).first().waitFor();
    // A list seen for the first time shows its columns to be checked.
    await page.getByRole('group', { name: 'Сопоставление столбцов' }).waitFor();
    await shot(page, 'week-07-ods-submission', { fullPage: false });
    await page.locator('.intake-table tr[data-row-no="3"]').getByRole('button', { name: 'Не принимать' }).click();
    await page.locator('.intake-table tr[data-row-no="3"]').getByText('не принимается').waitFor();
  });

  it('the review speaks of the child without a gender and keeps its decision buttons on screen', async () => {
    await page.getByRole('button', { name: /Проверить совпадения/ }).click();
    await page.getByRole('heading', { name: 'Проверка совпадений' }).waitFor();
    await page.getByText('Строка 1 списка').waitFor();
    await page.getByText(/вероятность совпадения: /).first().waitFor();
    const link = page.getByRole('button', { name: 'Это этот ребёнок (1)' });
    await link.waitFor();
    const box = (await page.locator('.intake-decide-bar').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(await page.getByText(/Это он|что это он/).count()).toBe(0);
    await shot(page, 'week-08-review', { fullPage: false });
    // The keys decide as the bar says (a closed dialog elsewhere on the page does not take them).
    await page.keyboard.press('1');
    await page.getByText('Все совпадения решены').waitFor();
  });

  it('back from the review, the column panel stays folded and the rows are where they were', async () => {
    await page.getByRole('button', { name: 'К списку' }).click();
    await page.getByRole('heading', { name: /^Список № \d+$/ }).waitFor();
    await page.getByText('Столбцы файла: 5 из 5 используются').waitFor();
    expect(await page.getByRole('group', { name: 'Сопоставление столбцов' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Показать и исправить' }).getAttribute('aria-expanded')).toBe('false');
    const firstRow = (await page.locator('.intake-table tr[data-row-no="1"]').boundingBox())!;
    expect(firstRow.y + firstRow.height).toBeLessThanOrEqual(VIEWPORT.height);
    await shot(page, 'week-09-submission-after-review', { fullPage: false });

    await page.getByRole('button', { name: 'Применить список' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Применить', exact: true }).click();
    await page.getByRole('button', { name: 'Отменить список' }).waitFor({ timeout: 60_000 });
  });

  it('«Источник: Список № N от …» on the card opens that list', async () => {
    const listNo = Number(/Список № (\d+)/.exec((await page.getByRole('heading', { name: /^Список № \d+$/ }).textContent())!)![1]);
    await page.goto(`${new URL(url).origin}/#/child/${typo.id}`);
    await page.getByRole('heading', { name: fio(typo) }).waitFor();
    const source = page.getByRole('link', { name: new RegExp(`^Список № ${listNo} от ${AS_OF.replace(/\./g, '\\.')}`) }).first();
    await source.waitFor();
    await source.scrollIntoViewIfNeeded();
    await shot(page, 'week-10-card-source-link', { fullPage: false });
    await source.click();
    await page.getByRole('heading', { name: `Список № ${listNo}` }).waitFor();
    expect(page.url()).toContain(`#/intake/${listNo}`);
    expect(pageErrors).toEqual([]);
  });
});
