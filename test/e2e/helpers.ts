import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = join(ROOT, 'test-results', 'screenshots');

/**
 * The date the scenarios run on (the server's UCHET_TODAY): the demo registry, ages and the lists' dates are
 * written for it, so the suite passes on any calendar day. Override with E2E_TODAY to try another date.
 */
export const E2E_TODAY = process.env.E2E_TODAY ?? '2026-09-15';

/** Browser mode prints one JSON line with the address once it listens. */
export function startServer(dir: string, today = E2E_TODAY): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--data-dir', dir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, UCHET_TODAY: today },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Сервер не ответил за 60 с:\n${stderr}`)), 60_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Сервер завершился (код ${code}):\n${stderr}`));
    });
    const lines = createInterface({ input: proc.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve({ proc, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

export async function stopServer(server: ChildProcess | null): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function shot(page: Page, name: string, options: { fullPage?: boolean; quiet?: boolean } = {}): Promise<void> {
  // A toast covering the screen is not what the picture is for: wait until they close by themselves.
  if (options.quiet) await page.waitForFunction(() => document.querySelectorAll('.mantine-Notification-root').length === 0, null, { timeout: 15_000 });
  // A full-page picture of a scrolled page repeats the fixed header in the middle.
  if (options.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
  // Let notifications and drawers finish their transitions before the picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

/**
 * Waits until a dropdown's option is highlighted, as a person sees it before pressing Enter: the list shows its
 * options a moment before it highlights the first, and an Enter in between takes nothing.
 */
export async function optionReady(page: Page, name: string): Promise<void> {
  await page.locator('[role="option"][data-combobox-selected]', { hasText: name }).first().waitFor();
}

/**
 * «Заблокировать», as a person does it: an administrator who made no backup today is offered one first (the way out
 * of browser mode, issue 12) — here declined with «Заблокировать без копии».
 */
export async function lockApp(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Заблокировать' }).click();
  const without = page.getByRole('button', { name: 'Заблокировать без копии' });
  const unlock = page.getByRole('button', { name: 'Войти', exact: true });
  await Promise.race([without.waitFor({ timeout: 30_000 }), unlock.waitFor({ timeout: 30_000 })]).catch(() => undefined);
  if (await without.isVisible()) await without.click();
  await unlock.or(page.getByRole('button', { name: 'Войти с новым паролем' })).first().waitFor({ timeout: 30_000 });
}
