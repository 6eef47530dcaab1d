import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TODAY, ROOT, SHOTS, launchBrowser, shot } from './helpers';

const ADMIN = { name: 'Синицына Ольга Павловна', login: 'olga', password: 'первая неделя 2026' };
/** The demo's password typed with the Russian layout on: the same keys. */
const DEMO_WRONG_LAYOUT = 'вуьщ-вуьщ-вуьщ';

let dataDir = '';
let usbDir = '';
let fakeBin = '';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let page: Page;
let url = '';
const startOutput: string[] = [];

/** `npm start` as a person runs it (scripts/start.js), with a stand-in xdg-open that notes the address it was given. */
function npmStart(): Promise<void> {
  const proc = spawn(process.execPath, ['scripts/start.js', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, UCHET_TODAY: E2E_TODAY, PATH: `${fakeBin}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server = proc;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start не ответил:\n${startOutput.join('\n')}`)), 120_000);
    proc.once('exit', (code) => reject(new Error(`npm start завершился (код ${code}):\n${startOutput.join('\n')}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      startOutput.push(line);
      if (/браузер/i.test(line) && /открыт/.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

async function stopStart(): Promise<void> {
  if (!server || server.exitCode !== null || !server.pid) return;
  const exited = new Promise((r) => server!.once('exit', r));
  process.kill(-server.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
}

describe('the first week: start, demo apart, backups from Настройки, lock keeps the place (1366×768)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-week-'));
    usbDir = mkdtempSync(join(tmpdir(), 'uchet-e2e-usb-'));
    fakeBin = mkdtempSync(join(tmpdir(), 'uchet-e2e-bin-'));
    writeFileSync(join(fakeBin, 'xdg-open'), `#!/bin/sh\necho "$1" > "${join(fakeBin, 'opened.txt')}"\n`);
    chmodSync(join(fakeBin, 'xdg-open'), 0o755);
    await npmStart();
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stopStart();
    for (const d of [dataDir, usbDir, fakeBin]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('npm start opens the default browser at the address and says in Russian what it did and how to stop it', () => {
    // A pipe still gets the JSON line first (for programs), then the words for a person.
    const json = startOutput.find((l) => l.startsWith('{'));
    url = (JSON.parse(json!) as { url: string }).url;
    const text = startOutput.join('\n');
    expect(text).toContain('«Учёт детей» запущен в режиме браузера.');
    expect(text).toContain(`Адрес программы: ${url}`);
    expect(text).toMatch(/Остановить: Ctrl\+C/);
    expect(text).toContain('Программа открыта в браузере по умолчанию.');
    expect(readFileSync(join(fakeBin, 'opened.txt'), 'utf8').trim()).toBe(url);
  });

  it('the first start shows the wizard; the demo is made in its own folder and says so on every screen', async () => {
    await page.goto(url);
    await page.getByRole('button', { name: 'Попробовать на демо-данных' }).waitFor();
    await shot(page, 'week-01-wizard');
    await page.getByRole('button', { name: 'Попробовать на демо-данных' }).click();
    await page.getByRole('button', { name: 'Начать работу' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Начать работу' }).click();
    await page.getByTestId('demo-banner').waitFor();
    expect(existsSync(join(dataDir, 'demo', 'uchet.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'uchet.db'))).toBe(false);
    await page.getByRole('button', { name: 'Реестр', exact: true }).click();
    await page.locator('.registry-row[aria-rowindex="2"]:not([data-loading])').waitFor();
    await page.getByTestId('demo-banner').waitFor();
    await shot(page, 'week-02-demo-registry', { quiet: true });
  }, 180_000);

  it('locked on a child card, unlocks back onto it: login filled, one countdown, the wrong layout named', async () => {
    await page.locator('.registry-row[aria-rowindex="2"]').click();
    await page.waitForURL(/#\/child\/\d+$/);
    const cardUrl = page.url();
    const heading = (await page.getByRole('heading', { level: 2 }).first().textContent()) ?? '';
    expect(heading.length).toBeGreaterThan(3);

    await page.getByRole('button', { name: 'Заблокировать' }).click();
    await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.getByLabel('Логин').inputValue()).toBe('demo');

    await page.getByLabel('Пароль').fill(DEMO_WRONG_LAYOUT);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Проверьте раскладку клавиатуры' }).waitFor({ timeout: 30_000 });
    await shot(page, 'week-03-unlock-wrong-layout');
    // Three wrong ones start a pause: one countdown, and the button waits for it.
    for (let i = 0; i < 2; i++) {
      await page.getByLabel('Пароль').fill(`неверный пароль ${i}`);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Неверный' }).waitFor();
      await page.waitForFunction(() => !document.querySelector('button[data-loading="true"]'));
    }
    const countdown = page.getByTestId('retry-countdown');
    await countdown.waitFor();
    expect(await countdown.textContent()).toMatch(/^Следующая попытка через \d+ с$/);
    expect(await page.getByRole('alert').textContent()).not.toMatch(/через \d+ с/);
    expect(await page.getByRole('button', { name: 'Войти', exact: true }).isDisabled()).toBe(true);
    await shot(page, 'week-04-unlock-countdown');
    await countdown.waitFor({ state: 'detached', timeout: 10_000 });

    await page.getByLabel('Пароль').fill('demo-demo-demo');
    const started = Date.now();
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: heading }).waitFor({ timeout: 30_000 });
    const ms = Date.now() - started;
    expect(page.url()).toBe(cardUrl);
    console.log(`Разблокировка до карточки: ${ms} мс`);
    await shot(page, 'week-05-back-on-card', { quiet: true });
  }, 120_000);

  it('goes from the demo to creating the real database without touching folders; the demo stays', async () => {
    await page.getByRole('button', { name: 'Создать настоящую базу' }).click();
    await page.getByRole('radio', { name: /ЗАТО Свободный/ }).click();
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByLabel('Ф.И.О. администратора').fill(ADMIN.name);
    await page.getByLabel('Логин').fill(ADMIN.login);
    await page.getByLabel(/^Пароль\s*\*?$/).fill(ADMIN.password);
    await page.getByLabel('Пароль ещё раз').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Создать базу данных' }).click();
    await page.getByLabel('Я сохранил код восстановления').check({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Начать работу' }).click();
    await page.getByRole('button', { name: 'Настройки' }).waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(existsSync(join(dataDir, 'uchet.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'demo', 'uchet.db'))).toBe(true);
  }, 120_000);

  it('makes a verified backup from Настройки, restores it into a new file and opens it', async () => {
    await page.getByRole('button', { name: 'Настройки' }).click();
    await page.getByTestId('last-backup').filter({ hasText: 'ещё не делалась' }).waitFor();
    await page.getByText('Пора сделать резервную копию').waitFor();
    await shot(page, 'week-06-settings-no-backup', { quiet: true });

    // Browser mode: the folder is picked from the server's folders.
    await page.getByRole('button', { name: 'Выбрать…' }).click();
    const picker = page.getByRole('dialog', { name: 'Выбор папки для копии' });
    await picker.getByLabel('Папка').fill(usbDir);
    await picker.getByRole('button', { name: 'Перейти' }).click();
    await picker.getByText('Вложенных папок нет.').waitFor();
    await shot(page, 'week-07-folder-picker');
    await picker.getByRole('button', { name: 'Выбрать эту папку' }).click();
    await page.getByRole('button', { name: 'Сделать копию' }).click();
    await page.getByText('Копия записана и проверена').waitFor({ timeout: 60_000 });
    const backups = readdirSync(usbDir).filter((f) => f.endsWith('.uchetbak'));
    expect(backups).toHaveLength(1);
    await page.getByTestId('last-backup').filter({ hasText: /\d{2}\.\d{2}\.\d{4}/ }).waitFor();
    expect(await page.getByText('Пора сделать резервную копию').count()).toBe(0);
    await shot(page, 'week-08-settings-backup-made', { quiet: true });

    await page.getByRole('button', { name: 'Восстановить из копии…' }).click();
    const restore = page.getByRole('dialog', { name: 'Восстановить из копии' });
    await restore.getByRole('button', { name: 'Выбрать…' }).click();
    const files = page.getByRole('dialog', { name: 'Выбор файла копии' });
    await files.getByLabel('Папка').fill(usbDir);
    await files.getByRole('button', { name: 'Перейти' }).click();
    await files.getByRole('button', { name: `Копия ${backups[0]}` }).click();
    expect(await restore.getByLabel('Логин администратора копии').inputValue()).toBe(ADMIN.login);
    await restore.getByLabel('Пароль').fill(ADMIN.password);
    await shot(page, 'week-09-restore-dialog');
    await restore.getByRole('button', { name: 'Восстановить в новый файл' }).click();
    await restore.getByText('Копия восстановлена в новый файл').waitFor({ timeout: 60_000 });
    await shot(page, 'week-10-restored');
    const restored = readdirSync(join(dataDir, 'restored')).filter((f) => f.endsWith('.db'));
    expect(restored).toHaveLength(1);
    await restore.getByRole('button', { name: 'Открыть восстановленную базу' }).click();

    await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
    expect(await page.getByLabel('Логин').inputValue()).toBe(ADMIN.login);
    await page.getByLabel('Пароль').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: 'Настройки' }).waitFor({ timeout: 30_000 });

    // The restored copy has had no backup of its own today: «Заблокировать» offers one.
    await page.getByRole('button', { name: 'Заблокировать' }).click();
    const offer = page.getByRole('dialog', { name: 'Сегодня резервная копия не делалась' });
    await offer.waitFor();
    await shot(page, 'week-11-backup-offer-on-lock');
    await offer.getByRole('button', { name: 'Заблокировать без копии' }).click();
    await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
  }, 180_000);
});
