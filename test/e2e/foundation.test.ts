import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, launchBrowser, shot, startServer, stopServer, lockApp } from './helpers';

const ADMIN = { name: 'Морозова Анна Сергеевна', login: 'admin', password: 'зимний вечер 2025' };
const HEAD = 'Ёлкина Снежана Петровна';

let dataDir = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let url = '';

describe('foundation: set-up, lock, unlock, organizations, journal (browser mode)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-'));
    const started = await startServer(dataDir);
    server = started.proc;
    url = started.url;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a page opened without the token', async () => {
    const page = await browser!.newPage({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
    await page.goto(new URL(url).origin + '/');
    await page.getByText('Откройте адрес, который напечатала команда запуска').waitFor();
    await shot(page, '00-no-token');
    await page.close();
  });

  it('walks from the set-up wizard to the journal', async () => {
    const context = await browser!.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);

    // The token left the address bar.
    await page.getByRole('radio', { name: /ЗАТО Свободный/ }).waitFor();
    expect(page.url()).not.toContain('token');

    // Step 1: profile fills the department name.
    await page.getByRole('radio', { name: /ЗАТО Свободный/ }).click();
    const department = page.getByLabel('Наименование органа образования');
    expect(await department.inputValue()).toContain('ЗАТО Свободный');
    await shot(page, '01-setup-profile');
    await page.getByRole('button', { name: 'Далее' }).click();

    // Step 2: administrator; a mismatched repeat is caught before the server is asked.
    await page.getByLabel('Ф.И.О. администратора').fill(ADMIN.name);
    await page.getByLabel('Логин').fill(ADMIN.login);
    await page.getByLabel(/^Пароль\s*\*?$/).fill(ADMIN.password);
    await page.getByLabel('Пароль ещё раз').fill('другой пароль');
    await page.getByRole('button', { name: 'Создать базу данных' }).click();
    await page.getByText('Пароли не совпадают').waitFor();
    await shot(page, '02-setup-admin');
    await page.getByLabel('Пароль ещё раз').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Создать базу данных' }).click();

    // Step 3: the recovery code, shown once; work starts only after the box is ticked.
    const code = page.locator('.recovery-code').first();
    await code.waitFor({ timeout: 60_000 });
    const recoveryCode = (await code.textContent())?.trim() ?? '';
    expect(recoveryCode.length).toBeGreaterThan(10);
    const start = page.getByRole('button', { name: 'Начать работу' });
    expect(await start.isDisabled()).toBe(true);
    await page.getByLabel('Я сохранил код восстановления').check();
    await shot(page, '03-recovery-code');
    await start.click();

    // Main layout: the department lands on Главная (deadlines, issue 10), then Организации.
    await page.getByRole('heading', { name: 'Главная' }).waitFor();
    await page.getByRole('button', { name: 'Организации' }).click();
    await page.getByRole('heading', { name: 'Организации' }).waitFor();
    await page.getByRole('row', { name: /СШ № 25/ }).waitFor();
    await shot(page, '04-orgs');

    // Lock, then a wrong password is refused plainly.
    await lockApp(page);
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await page.getByLabel('Логин').fill(ADMIN.login);
    await page.getByLabel('Пароль').fill('неверный пароль');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('alert').filter({ hasText: 'Неверный логин или пароль' }).waitFor();
    await shot(page, '05-unlock-wrong-password');

    await page.getByLabel('Пароль').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    // Unlocking brings the same user back to the page where the lock found them.
    await page.getByRole('heading', { name: 'Организации' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Организации' }).click();
    await page.getByRole('heading', { name: 'Организации' }).waitFor();

    // Edit the school's head.
    await page.getByRole('row', { name: /СШ № 25/ }).click();
    const headName = page.getByLabel('Ф.И.О. руководителя');
    await headName.fill(HEAD);
    await shot(page, '06-org-edit');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('row', { name: /СШ № 25/ }).filter({ hasText: HEAD }).waitFor();
    await shot(page, '07-orgs-after-edit');

    // Журнал shows the change with the new name.
    await page.getByRole('button', { name: 'Журнал' }).click();
    const entry = page.getByRole('row').filter({ hasText: 'Изменение организации' });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain(HEAD);
    expect(await entry.first().textContent()).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}/);
    await page.getByRole('button', { name: 'Проверить целостность' }).click();
    await page.getByRole('status').filter({ hasText: 'Журнал цел' }).waitFor();
    await shot(page, '08-journal');

    // The remaining screens, for looking at.
    await page.getByRole('button', { name: 'Пользователи' }).click();
    await page.getByRole('row', { name: new RegExp(ADMIN.name) }).waitFor();
    await shot(page, '09-users');

    // A school user is bound to one organization.
    await page.getByRole('button', { name: 'Добавить пользователя' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Логин').fill('school25');
    await dialog.getByLabel('Ф.И.О.').fill('Зайцева Ольга Ивановна');
    await dialog.getByRole('textbox', { name: 'Роль', exact: true }).click();
    await page.getByRole('option', { name: 'Пользователь организации' }).click();
    await dialog.getByLabel(/^Организация/).click();
    await page.getByRole('option', { name: 'МБОУ «СШ № 25»' }).click();
    await dialog.getByLabel(/^Пароль\s*\*?$/).fill('школьный пароль');
    await dialog.getByLabel('Пароль ещё раз').fill('школьный пароль');
    await shot(page, '10-user-add');
    await dialog.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByRole('row', { name: /school25/ }).filter({ hasText: 'МБОУ «СШ № 25»' }).waitFor();

    await page.getByRole('button', { name: 'Настройки' }).click();
    await page.getByLabel('Блокировать через, минут бездействия').waitFor();
    await shot(page, '11-settings');

    // Every password forgotten: the recovery code opens the base and sets a new one.
    await lockApp(page);
    await page.getByRole('button', { name: 'Забыли пароль?' }).click();
    await page.getByLabel('Код восстановления').fill(recoveryCode);
    await page.getByLabel('Логин').fill(ADMIN.login);
    await page.getByLabel('Новый пароль', { exact: true }).fill('новый пароль 2026');
    await page.getByLabel('Новый пароль ещё раз').fill('новый пароль 2026');
    await shot(page, '12-recover');
    await page.getByRole('button', { name: 'Войти с новым паролем' }).click();
    await page.getByRole('heading', { name: 'Настройки' }).waitFor({ timeout: 30_000 });

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
