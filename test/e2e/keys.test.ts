import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, launchBrowser, shot, startServer, stopServer, lockApp } from './helpers';

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let url = '';
let demoPassword = '';
const pageErrors: string[] = [];

async function login(p: Page, loginName: string, password: string): Promise<void> {
  await p.getByLabel('Логин').fill(loginName);
  await p.getByLabel('Пароль').fill(password);
  await p.getByRole('button', { name: 'Войти' }).click();
}

describe('keys on the Users page: what roles protect, deactivation and «Сменить ключ базы» (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-keys-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `keys-failed-${ctx.task.name.replace(/[^a-zа-яё0-9]+/gi, '-').slice(0, 40)}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says on the Users page what roles protect and what they do not', async () => {
    await page.goto(url);
    await page.getByRole('button', { name: 'Попробовать на демо-данных' }).click();
    await page.getByTestId('demo-password').waitFor({ timeout: 90_000 });
    demoPassword = (await page.getByTestId('demo-password').textContent()) ?? '';
    await page.getByRole('button', { name: 'Начать работу' }).click();
    await page.getByRole('button', { name: 'Пользователи' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Что защищают роли' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('пароль любого пользователя открывает его целиком');
    expect(await alert.textContent()).toContain('со своей отдельной базой');
    await shot(page, 'keys-users-page', { quiet: true });
  });

  it('deactivating a user asks first, then re-keys; the user can no longer log in', async () => {
    await page.getByRole('button', { name: 'Добавить пользователя' }).click();
    const add = page.getByRole('dialog');
    await add.getByLabel('Логин').fill('ivanov');
    await add.getByLabel('Ф.И.О.').fill('Иванов Пётр Сергеевич');
    await add.getByLabel(/^Пароль\s*\*?$/).fill('пароль Иванова 1');
    await add.getByLabel('Пароль ещё раз').fill('пароль Иванова 1');
    await add.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByRole('row', { name: /ivanov/ }).waitFor();

    await page.getByRole('button', { name: 'Отключить ivanov' }).click();
    const confirm = page.getByRole('dialog', { name: 'Отключить ivanov?' });
    await confirm.getByText('старые копии файла ключей её больше не откроют').waitFor();
    await shot(page, 'keys-confirm-deactivate', { quiet: true });
    await confirm.getByRole('button', { name: 'Отключить и сменить ключ' }).click();
    await page.getByText('Пользователь ivanov отключён, ключ базы сменён').waitFor();
    await page.getByRole('row', { name: /ivanov/ }).filter({ hasText: 'Отключён' }).waitFor();

    await lockApp(page);
    await login(page, 'ivanov', 'пароль Иванова 1');
    await page.getByText('Неверный логин или пароль').waitFor();
    await login(page, 'demo', demoPassword);
    // Back on the page where the lock found the user.
    await page.getByRole('heading', { name: 'Пользователи' }).waitFor({ timeout: 30_000 });
  });

  it('«Сменить ключ базы» asks first, re-keys, and says what it did; everyone else still logs in', async () => {
    await page.getByRole('button', { name: 'Пользователи' }).click();
    await page.getByRole('button', { name: 'Сменить ключ базы' }).click();
    const confirm = page.getByRole('dialog', { name: 'Сменить ключ базы?' });
    await confirm.getByText('Резервные копии, сделанные раньше, хранят свой файл ключей').waitFor();
    await confirm.getByRole('button', { name: 'Сменить ключ', exact: true }).click();
    const done = page.getByRole('dialog', { name: 'Ключ базы сменён' });
    await done.getByText('Старые копии файла ключей к базе больше не подходят').waitFor({ timeout: 30_000 });
    await shot(page, 'keys-rekeyed', { quiet: true });
    await done.getByRole('button', { name: 'Понятно' }).click();

    await lockApp(page);
    await login(page, 'demo', demoPassword);
    // Back on the page where the lock found the user.
    await page.getByRole('heading', { name: 'Пользователи' }).waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  });
});
