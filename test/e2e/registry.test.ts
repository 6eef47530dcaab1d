import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, launchBrowser, shot, startServer, stopServer, optionReady, lockApp } from './helpers';

/** A valid СНИЛС (checksum 95). */
const SNILS = '11223344595';

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
const pageErrors: string[] = [];

/** Keys only: the form must be usable without the mouse. */
async function typeAndEnter(p: Page, text: string): Promise<void> {
  if (text) await p.keyboard.type(text, { delay: 10 });
  await p.keyboard.press('Enter');
}

async function toRegistry(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Реестр' }).click();
  await p.getByRole('heading', { name: 'Реестр детей' }).waitFor();
}

async function openNewChildForm(p: Page): Promise<void> {
  await toRegistry(p);
  await p.getByLabel('Поиск ребёнка').focus();
  await p.keyboard.press('Control+N');
  await p.getByRole('heading', { name: 'Новый ребёнок' }).waitFor();
  // A form left half-filled by a failed step before would be offered again: start clean.
  const again = p.getByRole('button', { name: 'Начать заново' });
  if (await again.isVisible()) {
    await again.click();
    await p.getByLabel('Фамилия', { exact: true }).first().focus();
  }
  // The surname is focused by itself.
  await p.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.closest('form')?.getAttribute('aria-label') === 'Новый ребёнок');
}

async function search(p: Page, text: string): Promise<void> {
  const box = p.getByLabel('Поиск ребёнка');
  await box.fill('');
  await box.pressSequentially(text, { delay: 15 });
}

/** The СНИЛС among the card's personal data (the history also shows it, as the value before or after a change). */
const personSnils = (p: Page) => p.getByText('112-233-445 95', { exact: true }).and(p.locator('p'));

const row = (p: Page, name: RegExp) => p.locator('.registry-body [role="row"]').filter({ hasText: name });

describe('registry: demo, keyboard entry, search, card, duplicates, merge (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-reg-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    // What the screen showed when a step failed, to see why.
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `registry-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on demo data from the first screen', async () => {
    await page.goto(url);
    const demo = page.getByRole('button', { name: 'Попробовать на демо-данных' });
    await demo.waitFor();
    await demo.click();
    await page.getByText('Создаём демонстрационный муниципалитет…').waitFor();
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SHOTS, 'registry-demo-start.png') });
    await page.getByTestId('demo-password').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('demo-login').textContent()).toBe('demo');
    await shot(page, 'registry-demo-done');
    await page.getByRole('button', { name: 'Начать работу' }).click();
    // The department lands on Главная (issue 10); the registry is one click away.
    await page.getByRole('heading', { name: 'Главная' }).waitFor();
    await toRegistry(page);
    await page.getByText(/Найдено: 3\s000/).waitFor();
    await shot(page, 'registry-list', { fullPage: false });
  });

  it('enters a child from a paper form with the keyboard only', async () => {
    await openNewChildForm(page);
    await typeAndEnter(page, 'Иванов');
    await typeAndEnter(page, 'Пётр');
    await typeAndEnter(page, 'Сергеевич');
    await page.keyboard.type('14032014', { delay: 10 });
    expect(await page.getByLabel('Дата рождения').inputValue()).toBe('14.03.2014');
    await page.keyboard.press('Enter');
    // Gender came from the patronymic; Enter keeps it.
    expect(await page.getByRole('textbox', { name: 'Пол', exact: true }).inputValue()).toBe('мужской');
    await typeAndEnter(page, ''); // Пол
    await typeAndEnter(page, ''); // СНИЛС
    await typeAndEnter(page, 'II-АИ'); // серия
    await typeAndEnter(page, '654321'); // номер
    // Обучение: part of the school's name, Enter takes it.
    await page.keyboard.type('сш 25', { delay: 10 });
    await optionReady(page, 'МБОУ «СШ № 25»');
    await page.keyboard.press('Enter');
    await typeAndEnter(page, '5б');
    await typeAndEnter(page, '01092024');
    await typeAndEnter(page, '123-у');
    await typeAndEnter(page, '30082024');
    expect(await page.getByRole('textbox', { name: 'Класс / группа' }).inputValue()).toBe('5Б');
    // The form of education was filled with «очная» for a school pupil: Enter keeps it.
    expect(await page.getByRole('textbox', { name: 'Форма', exact: true }).inputValue()).toBe('очная');
    await typeAndEnter(page, ''); // форма
    await typeAndEnter(page, ''); // основание
    await typeAndEnter(page, '25082024'); // дата заявления
    await typeAndEnter(page, ''); // с даты
    // Адрес: the street from the directory.
    await page.keyboard.type('лен', { delay: 10 });
    await page.getByRole('option', { name: /Ленина/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await typeAndEnter(page, '5');
    await typeAndEnter(page, '');
    await typeAndEnter(page, '12');
    expect(await page.getByLabel('Адрес полностью').inputValue()).toBe('пгт Свободный, ул. Ленина, д. 5, кв. 12');
    await typeAndEnter(page, ''); // населённый пункт
    await typeAndEnter(page, ''); // вид адреса
    await typeAndEnter(page, ''); // адрес полностью
    // Родитель.
    await typeAndEnter(page, 'Иванова');
    await typeAndEnter(page, 'Мария');
    await typeAndEnter(page, 'Ивановна');
    await typeAndEnter(page, ''); // мать
    await shot(page, 'registry-new-child-filled');
    await typeAndEnter(page, '+7 912 000-11-22'); // the last field: Enter saves

    await page.getByRole('heading', { name: 'Иванов Пётр Сергеевич' }).waitFor();
    const study = page.getByRole('region', { name: 'Обучение' });
    await study.getByText(/МБОУ «СШ № 25», класс\/группа 5Б, приказ о зачислении № 123-у от 30\.08\.2024/).waitFor();
    await page.getByRole('region', { name: 'Форма получения образования' }).getByText(/очная/).waitFor();
    await page.getByRole('region', { name: 'Адреса' }).getByText(/ул\. Ленина, д\. 5, кв\. 12/).waitFor();
    await page.getByRole('region', { name: 'Родители и законные представители' }).getByText(/Мать: Иванова Мария Ивановна, тел\. \+7 912 000-11-22/).waitFor();
  });

  it('enters Ёлкина Снежана and her brother, saving with Ctrl+Enter', async () => {
    await openNewChildForm(page);
    await typeAndEnter(page, 'Ёлкина');
    await typeAndEnter(page, 'Снежана');
    await typeAndEnter(page, 'Петровна');
    await typeAndEnter(page, '05012015');
    for (let i = 0; i < 4; i++) await typeAndEnter(page, ''); // пол (из отчества), СНИЛС, свидетельство
    // Enter in an empty organization, form and street skips each section: straight to the parent.
    await typeAndEnter(page, '');
    await typeAndEnter(page, '');
    await typeAndEnter(page, '');
    await typeAndEnter(page, 'Ёлкина');
    await typeAndEnter(page, 'Ольга');
    await typeAndEnter(page, 'Ивановна');
    await typeAndEnter(page, '');
    await typeAndEnter(page, '+7 343 111-22-33');
    await page.getByRole('heading', { name: 'Ёлкина Снежана Петровна' }).waitFor();
    // The gender the patronymic gave stayed through Enter in the gender field.
    await page.getByText(/05\.01\.2015 г\. р\. .* женский/).waitFor();
    await page.getByRole('region', { name: 'Родители и законные представители' }).getByText(/Мать: Ёлкина Ольга Ивановна/).waitFor();
    await page.getByRole('region', { name: 'Обучение' }).getByText('сведений нет').waitFor();
    await page.getByRole('region', { name: 'Адреса' }).getByText('сведений нет').waitFor();

    // The brother lives on a street the directory does not know yet: it is added from the form, by keyboard.
    await openNewChildForm(page);
    await typeAndEnter(page, 'Ёлкин');
    await typeAndEnter(page, 'Максим');
    await typeAndEnter(page, 'Петрович');
    await typeAndEnter(page, '10102012');
    for (let i = 0; i < 4; i++) await typeAndEnter(page, '');
    await typeAndEnter(page, ''); // no organization
    await typeAndEnter(page, ''); // no form
    await page.keyboard.type('Заречная ул.', { delay: 10 });
    const addStreet = page.getByRole('button', { name: 'Нет в справочнике — добавить «Заречная ул.» (пгт Свободный)' });
    await addStreet.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Улица «Заречная ул.» добавлена в справочник').waitFor();
    expect(await page.getByLabel('Адрес полностью').inputValue()).toBe('пгт Свободный, ул. Заречная');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Ёлкин Максим Петрович' }).waitFor();
    await page.getByRole('region', { name: 'Адреса' }).getByText(/пгт Свободный, ул\. Заречная/).waitFor();
  });

  it('finds children with ё/е, typos and the English keyboard layout', async () => {
    await toRegistry(page);
    // The demo municipality has its own Ёлкины: the name narrows the list to ours.
    await search(page, 'елкина');
    await row(page, /^Ёлкина /).first().waitFor();
    await search(page, 'елкина снежана');
    await row(page, /Ёлкина Снежана Петровна/).waitFor();
    await search(page, 'Елкена');
    await row(page, /^Ёлкина /).first().waitFor();
    await search(page, 'Елкена Снежана');
    await row(page, /Ёлкина Снежана Петровна/).waitFor();
    await shot(page, 'registry-search-typo', { fullPage: false, quiet: true });
    await search(page, 'Bdfyjd Gtnh');
    const ivanov = row(page, /Иванов Пётр Сергеевич/).filter({ hasText: '14.03.2014' });
    await ivanov.waitFor();
    await shot(page, 'registry-search-layout', { fullPage: false });

    // The list as found goes to Excel.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить в Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Реестр детей \d{2}\.\d{2}\.\d{4}\.xlsx$/);
    expect((await readFile((await file.path())!)).subarray(0, 2).toString()).toBe('PK');
    await page.getByLabel('Поиск ребёнка').focus();

    // ↓/↑ and Enter from the search box open the selected card.
    const index = Number(await ivanov.getAttribute('aria-rowindex')) - 2;
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    expect(await ivanov.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Иванов Пётр Сергеевич' }).waitFor();
  });

  it('edits the person with Russian messages, then transfers the child to another class', async () => {
    // A wrong СНИЛС is refused under its field; the corrected one is saved and the change is in the timeline.
    await page.getByRole('button', { name: 'Изменить данные' }).click();
    const snils = page.getByLabel('СНИЛС');
    await snils.fill('123-456-789 65');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Неверное контрольное число СНИЛС').waitFor();
    await snils.fill('');
    await snils.pressSequentially('12345678964');
    expect(await snils.inputValue()).toBe('123-456-789 64');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('region', { name: 'Хронология' }).getByText('Изменено: СНИЛС').waitFor();

    await page.getByRole('button', { name: 'Перевести в другой класс' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Новый класс').fill('6а');
    await dialog.getByLabel('Приказ о переводе №').fill('45');
    await dialog.getByRole('button', { name: 'Перевести' }).click();
    await dialog.waitFor({ state: 'detached' });
    const timeline = page.getByRole('region', { name: 'Хронология' });
    await timeline.getByText(/класс\/группа 6А/).first().waitFor();
    await timeline.getByText(/Окончено .*класс\/группа 5Б/).waitFor();
    const study = page.getByRole('region', { name: 'Обучение' });
    await study.getByLabel(/^В прошлом: .*5Б/).waitFor();
    expect(await page.getByText('МБОУ «СШ № 25», 6А').count()).toBe(1);

    // A typo in the order number is corrected; Enter through the filled fields keeps their values.
    await study.getByLabel(/^Обучается: .*6А/).getByRole('button', { name: 'Исправить' }).click();
    const fix = page.getByRole('dialog');
    await fix.getByRole('textbox', { name: 'Организация' }).waitFor();
    await page.keyboard.press('Enter'); // организация
    await page.keyboard.press('Enter'); // класс
    await page.keyboard.press('Enter'); // зачислен с
    await typeAndEnter(page, '45-к'); // приказ
    await typeAndEnter(page, ''); // дата приказа: the last field saves
    await fix.waitFor({ state: 'detached' });
    await study.getByText(/^Обучается: МБОУ «СШ № 25», класс\/группа 6А, приказ о зачислении № 45-к$/).waitFor();
    await study.getByLabel(/^В прошлом: .*6А, приказ о зачислении № 45$/).waitFor();
    await shot(page, 'registry-card', { quiet: true });

    // The registry shows the new class.
    await toRegistry(page);
    await search(page, 'Иванов Пётр 14.03.2014');
    await row(page, /Иванов Пётр Сергеевич/).filter({ hasText: '6А' }).waitFor();
  });

  it('warns about a duplicate, merges the two cards and undoes the merge', async () => {
    await toRegistry(page);
    await search(page, 'Ёлкина Снежана');
    const original = row(page, /Ёлкина Снежана Петровна/);
    await original.waitFor();
    const originalId = Number((await original.locator('.registry-id').textContent())?.trim());

    await openNewChildForm(page);
    await typeAndEnter(page, 'Ёлкина');
    await typeAndEnter(page, 'Снежана');
    await typeAndEnter(page, '');
    await typeAndEnter(page, '05012015');
    await typeAndEnter(page, 'ж');
    await typeAndEnter(page, SNILS);
    await typeAndEnter(page, '');
    await typeAndEnter(page, '');
    await page.keyboard.type('25', { delay: 10 });
    await optionReady(page, 'МБОУ «СШ № 25»');
    await typeAndEnter(page, '');
    await page.keyboard.type('4а', { delay: 10 });
    const warning = page.getByRole('alert').filter({ hasText: 'Похоже, этот ребёнок уже есть:' });
    await warning.waitFor();
    await warning.getByRole('link', { name: /Ёлкина Снежана Петровна, 05\.01\.2015/ }).waitFor();
    await warning.getByText('то же ФИО и дата рождения').waitFor();
    await shot(page, 'registry-new-duplicate', { quiet: true });
    // Saving asks once more; the confirmation is a focused button, so Enter confirms.
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: 'Это другой ребёнок — сохранить' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Это другой ребёнок'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ёлкина Снежана', exact: true }).waitFor();
    const duplicateId = Number(/#\/child\/(\d+)/.exec(page.url())?.[1]);
    expect(duplicateId).toBeGreaterThan(originalId);

    // Merge: the similar card is offered; the older card stays the main one.
    await page.getByRole('button', { name: 'Объединить с другой карточкой…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('option', { name: /Ёлкина Снежана Петровна/ }).click();
    await dialog.getByRole('table', { name: 'Сравнение карточек' }).waitFor();
    await dialog.getByRole('radio', { name: `№ ${originalId}`, exact: true }).check();
    // Patronymic from the old card, СНИЛС from the new one: the filled values are proposed.
    expect(await dialog.getByRole('radio', { name: `Отчество: Петровна (№ ${originalId})` }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: `СНИЛС: 112-233-445 95 (№ ${duplicateId})` }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: /^Пол:/ }).count()).toBe(0);
    await shot(page, 'registry-merge', { fullPage: false, quiet: true });
    await dialog.getByRole('button', { name: `Объединить в карточку № ${originalId}` }).click();

    await page.waitForURL(new RegExp(`#/child/${originalId}$`));
    await page.getByRole('heading', { name: 'Ёлкина Снежана Петровна' }).waitFor();
    await personSnils(page).waitFor();
    const merges = page.getByRole('region', { name: 'Объединения' });
    await merges.getByText(`карточка № ${duplicateId}`).waitFor();
    // The history says what came with the merged card (its facts; its records are read with this card's).
    await page.getByRole('region', { name: 'Хронология' }).getByText(new RegExp(`^Присоединена карточка № ${duplicateId}: перенесено при объединении: сведения \\(\\d+\\)`)).waitFor();
    await shot(page, 'registry-merged-kept', { quiet: true });

    // The merged card points to the kept one.
    await merges.getByRole('link', { name: `карточка № ${duplicateId}` }).click();
    await page.getByRole('alert').filter({ hasText: `Карточка объединена с № ${originalId}` }).waitFor();
    await shot(page, 'registry-merged-card', { fullPage: false, quiet: true });
    await page.getByRole('link', { name: `Открыть карточку № ${originalId}` }).click();

    // Undo: both cards as they were.
    await page.getByRole('button', { name: 'Отменить объединение' }).click();
    await page.getByRole('region', { name: 'Объединения' }).getByText(/отменено/).waitFor();
    expect(await personSnils(page).count()).toBe(0);
    await page.goto(`${new URL(url).origin}/#/child/${duplicateId}`);
    await page.getByRole('heading', { name: 'Ёлкина Снежана', exact: true }).waitFor();
    await personSnils(page).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: /Карточка объединена с/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('offers the filter by ПДН/КДН flags to the department only, not to a school’s user', async () => {
    await toRegistry(page);
    const flagFilter = page.getByRole('textbox', { name: 'Отметка', exact: true });
    // The rarer filters are folded under «Ещё фильтры» (issue 12).
    await page.getByRole('button', { name: /^Ещё фильтры/ }).click();
    await flagFilter.waitFor();
    // A school user is added through the API the page uses; then the page is locked and opened as that user.
    const address = new URL(url);
    const token = decodeURIComponent(/token=([^&]+)/.exec(address.hash)?.[1] ?? '');
    const callApi = async (name: string, input: unknown) => {
      const res = await fetch(`${address.origin}/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Uchet-Token': token }, body: JSON.stringify(input) });
      const body = (await res.json()) as { ok: boolean; result?: unknown };
      expect(body.ok, name).toBe(true);
      return body.result;
    };
    const orgs = (await callApi('orgs.list', {})) as { id: number; shortName: string }[];
    const school = orgs.find((o) => o.shortName === 'МБОУ «СШ № 25»')!;
    await callApi('users.add', { login: 'school25', displayName: 'Завуч СШ № 25', role: 'school', orgId: school.id, password: 'пароль школы 25' });
    await lockApp(page);
    await page.getByLabel('Логин').fill('school25');
    await page.getByLabel('Пароль').fill('пароль школы 25');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Реестр детей' }).waitFor({ timeout: 30_000 });
    // Unfolded still, or folded again after the lock: either way the rarer filters are shown.
    const more = page.getByRole('button', { name: /^Ещё фильтры/ });
    if (await more.isVisible()) await more.click();
    await page.getByRole('textbox', { name: 'Состояние', exact: true }).waitFor();
    expect(await flagFilter.count()).toBe(0);
    await shot(page, 'registry-school-user-filters', { fullPage: false, quiet: true });
    expect(pageErrors).toEqual([]);
  });
});

describe('registry at scale: 20 000 children', () => {
  let bigDir = '';
  let bigServer: ChildProcess | null = null;
  let bigBrowser: Browser | null = null;

  beforeAll(async () => {
    bigDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-big-'));
    const started = await startServer(bigDir);
    bigServer = started.proc;
    const address = new URL(started.url);
    const token = /token=([^&]+)/.exec(address.hash)?.[1] ?? '';
    const res = await fetch(`${address.origin}/api/call/setup.demo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Uchet-Token': decodeURIComponent(token) },
      body: JSON.stringify({ children: 20_000, seed: 7 }),
    });
    const body = (await res.json()) as { ok: boolean; result?: { children: number } };
    expect(body.ok).toBe(true);
    bigBrowser = await launchBrowser();
    url = started.url;
  });

  afterAll(async () => {
    await bigBrowser?.close();
    await stopServer(bigServer);
    if (bigDir) rmSync(bigDir, { recursive: true, force: true });
  });

  it('keeps only the visible rows in the page while scrolling', async () => {
    const p = await bigBrowser!.newPage({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(url);
    // The department lands on Главная (issue 10); the registry is one click away.
    await p.getByRole('heading', { name: 'Главная' }).waitFor({ timeout: 30_000 });
    await toRegistry(p);
    await p.getByText(/Найдено: 20\s000/).waitFor({ timeout: 30_000 });
    const rows = p.locator('.registry-body [role="row"]');
    const body = p.locator('.registry-body');
    expect(await rows.count()).toBeLessThan(60);

    // Into the middle: the rows there are fetched and still only a window is rendered.
    const rowHeight = await rows.first().evaluate((el) => el.getBoundingClientRect().height);
    await body.evaluate((el, h) => el.scrollTo({ top: 10_000 * h }), rowHeight);
    await p.locator('.registry-body [role="row"][aria-rowindex="10002"]').waitFor();
    await p.waitForFunction(() => document.querySelectorAll('.registry-body .registry-placeholder').length === 0);
    expect(await rows.count()).toBeLessThan(60);
    await shot(p, 'registry-scrolled', { fullPage: false });

    // Keyboard to the very end, then sorting by birth date (in SQLite) from the header.
    await body.focus();
    await p.keyboard.press('End');
    await p.locator('.registry-body [role="row"][aria-rowindex="20001"][aria-selected="true"]').waitFor();
    await p.getByRole('columnheader', { name: /Дата рождения/ }).getByRole('button').click();
    await p.getByRole('columnheader', { name: /Дата рождения/ }).and(p.locator('[aria-sort="ascending"]')).waitFor();
    await p.locator('.registry-body [role="row"][aria-rowindex="2"]').waitFor();
    expect(await rows.count()).toBeLessThan(60);
    expect(errors).toEqual([]);
    await p.close();
  });
});
