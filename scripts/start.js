// `npm start`: the desktop app where the Electron binary is installed; otherwise browser mode, which opens the
// default browser at its address and prints, in Russian, what it did and how to stop it. `npm run web` (--web) always starts browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const webOnly = process.argv.includes('--web');

function electronBinary() {
  try {
    // The electron package throws when its binary was not downloaded.
    return require('electron');
  } catch {
    return null;
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Rebuild the interface only when its sources changed since the last build. The first start builds it once.
const built = 'dist/renderer/index.html';
const firstBuild = !existsSync(built);
if (firstBuild || Math.max(newestMtime('renderer'), newestMtime('shared')) > statSync(built).mtimeMs) {
  console.log(
    firstBuild
      ? 'Первый запуск: собираю интерфейс программы. Это делается один раз и занимает от 10 секунд до 1–2 минут на медленном компьютере.'
      : 'Интерфейс изменился после прошлой сборки: собираю его заново (от 10 секунд до минуты)…',
  );
  const started = Date.now();
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  console.log(`Интерфейс собран за ${Math.round((Date.now() - started) / 1000)} с.`);
}

const electron = webOnly ? null : electronBinary();
if (electron) {
  run(process.execPath, ['scripts/build-shell.js']);
  spawn(electron, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!webOnly) console.log('Electron не установлен на этой машине — запускаю режим браузера.');
  // --open: the default browser opens at the address (UCHET_NO_BROWSER=1: not, e.g. in tests).
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--open', ...process.argv.slice(2).filter((a) => a !== '--web')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  // Stopping `npm start` stops the server too (it locks the database on its way out).
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
