import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type CallResult } from '../../shared/api';
import { SHOTS, launchBrowser, shot, startServer, stopServer } from './helpers';

// The department's specialist of a new Кстово database: the organizations loaded from an XLSX (a bad file refused,
// then the good one), a school's territory edited on the «Территории» screen, the addresses outside every
// territory, and the reconciliation of a school's 1 September list with its summary. Made-up people and streets.

const TODAY = '2026-09-20';
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

function inn(nine: string): string {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  return nine + String((w.reduce((s, x, i) => s + x * Number(nine[i]), 0) % 11) % 10);
}

async function orgFile(path: string, badInn: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Организации');
  ws.addRow(['Перечень организаций']);
  ws.addRow(['№', 'Полное наименование', 'Краткое наименование', 'Вид', 'Адрес', 'Должность руководителя', 'ФИО руководителя', 'ИНН']);
  ws.addRow([1, 'МБОУ «Средняя школа № 1» (тест)', 'Школа № 1', 'школа', 'г. Кстово, ул. Ленина, д. 3', 'Директор', 'Тестова Анна Петровна', inn('525000001')]);
  ws.addRow([2, 'МБОУ «Средняя школа № 2» (тест)', 'Школа № 2', 'школа', 'г. Кстово, ул. Мира, д. 8', 'Директор', 'Примерова Ольга Ивановна', badInn ? '5250000001' : inn('525000002')]);
  ws.addRow([3, 'МБДОУ «Детский сад № 7» (тест)', 'Детский сад № 7', 'детский сад', 'г. Кстово, ул. Мира, д. 2', 'Заведующий', 'Образцова Мария Львовна', inn('525000007')]);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('territories: organizations from a file, a territory edited, unresolved addresses, reconciliation (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-territories-'));
    const started = await startServer(dataDir, TODAY);
    server = started.proc;
    url = started.url;
    api = client(url);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await api.call('setup.create', { profileId: 'kstovo', departmentName: 'Департамент образования (тест)', adminLogin: 'admin', adminName: 'Администратор', password: 'пароль администратора' });
    await api.call('session.lock', {});
    await page.goto(url);
    await page.getByLabel('Логин').fill('admin');
    await page.getByLabel('Пароль').fill('пароль администратора');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('button', { name: 'Организации' }).first().waitFor({ timeout: 60_000 });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `territories-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the organizations from an XLSX: a bad row is shown with its row and column and blocks «Применить»; the good file is applied', async () => {
    await page.getByRole('button', { name: 'Организации' }).first().click();
    await page.getByRole('heading', { name: 'Организации' }).waitFor();
    const bad = join(dataDir, 'организации-ошибка.xlsx');
    const good = join(dataDir, 'организации.xlsx');
    await orgFile(bad, true);
    await orgFile(good, false);

    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Загрузить из файла' }).click();
    await (await chooser).setFiles(bad);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Строка 4, столбец «ИНН»').waitFor();
    await expect(dialog.getByRole('button', { name: 'Применить' }).isDisabled()).resolves.toBe(true);
    await shot(page, 'territories-01-orgs-file-errors', { fullPage: false });
    await dialog.getByRole('button', { name: 'Отмена' }).click();

    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Загрузить из файла' }).click();
    await (await chooser).setFiles(good);
    await dialog.getByText('Новых: 3').waitFor();
    await shot(page, 'territories-02-orgs-file-preview', { fullPage: false });
    await dialog.getByRole('button', { name: 'Применить' }).click();
    await page.getByRole('table', { name: 'Организации', exact: true }).getByText('Детский сад № 7').waitFor();
    await shot(page, 'territories-03-orgs-applied', { quiet: true });
    const orgs = await api.call('orgs.list', {});
    expect(orgs.filter((o) => o.kind === 'school').map((o) => o.shortName).sort()).toEqual(['Школа № 1', 'Школа № 2']);
  });

  it('a school territory is added and edited on the screen; addresses outside it are listed with counts', async () => {
    const orgs = await api.call('orgs.list', {});
    const s1 = orgs.find((o) => o.shortName === 'Школа № 1')!;
    const s2 = orgs.find((o) => o.shortName === 'Школа № 2')!;
    await api.call('territories.save', { orgId: s2.id, locality: 'г. Кстово', street: 'ул. Мира', houses: '', parity: 'all' });
    const kid = (surname: string, name: string, birthDate: string, address: string, orgId: number | null, classLabel = '5А') =>
      api.call('children.create', {
        child: { surname, name, patronymic: 'Тестович', birthDate, gender: 'm' },
        facts: [{ type: 'address', kind: 'registration', text: address }, ...(orgId ? [{ type: 'study' as const, orgId, classLabel, validFrom: '2025-09-01' }] : [])],
      });
    await kid('Ленинов', 'Аркадий', '2015-03-04', 'г. Кстово, ул. Ленина, д. 7', s1.id);
    await kid('Жуковский', 'Борис', '2014-07-21', 'г. Кстово, ул. Ленина, д. 30', s1.id, '6Б');
    await kid('Чапаев', 'Василий', '2013-01-15', 'г. Кстово, ул. Чапаева, д. 4, кв. 1', null);
    await kid('Фурманов', 'Григорий', '2012-11-02', 'г. Кстово, ул. Чапаева, д. 9', s2.id);
    await kid('Миров', 'Дмитрий', '2016-05-30', 'г. Кстово, ул. Мира, д. 5', s2.id);

    await page.getByRole('button', { name: 'Территории и сверка' }).click();
    await page.getByRole('heading', { name: 'Территории и сверка' }).waitFor();
    await page.getByRole('table', { name: 'Территории школ' }).getByText('ул. Мира').waitFor();
    await page.getByRole('button', { name: 'Добавить улицу' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Школа').click();
    await page.getByRole('option', { name: 'Школа № 1' }).click();
    await dialog.getByLabel('Населённый пункт').fill('г. Кстово');
    await dialog.getByLabel('Улица').fill('ул. Ленина');
    await dialog.getByLabel('Дома').fill('до угла');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('не разобраны').waitFor();
    await dialog.getByLabel('Дома').fill('1-25');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    const table = page.getByRole('table', { name: 'Территории школ' });
    await table.getByText('1–25').waitFor();
    // Edited: the range widened to 1–31.
    await table.getByRole('row', { name: /ул\. Ленина/u }).getByRole('button', { name: 'Изменить' }).click();
    await dialog.getByLabel('Дома').fill('1–31');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await table.getByText('1–31').waitFor();
    await shot(page, 'territories-04-rules', { quiet: true });

    await page.getByRole('tab', { name: 'Адреса вне территорий' }).click();
    const un = page.getByRole('table', { name: 'Адреса вне территорий' });
    await un.getByRole('row', { name: /Кстово Чапаева .*2$/u }).waitFor();
    await expect(page.getByLabel('Итог территорий').textContent()).resolves.toContain('детей в реестре 5; адрес отнесён к школе — 3; адрес вне территорий — 2; без адреса — 0');
    await shot(page, 'territories-05-unresolved', { quiet: true });
    const journal = await api.call('audit.list', { objectType: 'territory' });
    expect(journal.entries.filter((e) => e.action === 'territories.save').length).toBe(3);
  });

  it('reconciles a school list as of 1 September: the differences, an action taken, the summary per school', async () => {
    const s1 = (await api.call('orgs.list', {})).find((o) => o.shortName === 'Школа № 1')!;
    const csv = ['№;ФИО;Дата рождения;Класс;Форма обучения', '1;Ленинов Аркадий Тестович;04.03.2015;5Б;очная', '2;Новиков Евгений Тестович;05.06.2015;5А;очная'].join('\r\n');
    await api.call('intake.upload', { orgId: s1.id, listKind: 'pupils-by-class', asOf: '2026-09-01', fileName: 'Школа 1 на 01.09.2026.csv', base64: Buffer.from(csv, 'utf8').toString('base64') });

    await page.getByRole('tab', { name: 'Сверка со списками школ' }).click();
    const summary = page.getByRole('table', { name: 'Итоги сверки по школам' });
    const row = summary.getByRole('row', { name: /Школа № 1/u });
    await row.getByText('на 01.09.2026 (не применён)').waitFor();
    await shot(page, 'territories-06-reconcile-summary', { quiet: true });
    await row.getByRole('button', { name: 'Сверить' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Итог сверки').textContent()).resolves.toContain('В списке 2, учеников школы по реестру 2, совпали 1. Расхождений: нет в реестре — 1, нет в списке — 1, класс — 1, форма — 1');
    const classRow = dialog.getByRole('row', { name: /Класс отличается/u });
    await classRow.getByRole('button', { name: 'Принять по списку' }).click();
    await classRow.getByText('Принято по списку').waitFor();
    const missing = dialog.getByRole('row', { name: /Жуковский/u });
    await missing.getByRole('button', { name: 'Выбыл' }).click();
    await missing.getByText('Отмечен как выбывший').waitFor();
    await shot(page, 'territories-07-reconcile-items', { quiet: true, fullPage: false });
    await page.keyboard.press('Escape');
    await summary.getByRole('row', { name: /Школа № 1/u }).getByText('2 из 4').waitFor();
    await shot(page, 'territories-08-reconcile-done', { quiet: true });
    expect(pageErrors).toEqual([]);
  });
});
