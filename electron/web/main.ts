import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/paths';
import { clockFromEnv } from '../app/clock';
import { openWorkspace } from '../app/dataHome';
import { createDispatcher } from '../dispatcher';
import { openBrowser } from './openBrowser';
import { startWebServer } from './server';

/**
 * Browser mode entry: `--data-dir DIR`, `--port N` (0: any free), `--open` (open the default browser at the address;
 * `npm start` passes it; UCHET_NO_BROWSER=1 turns it off, as the tests do). It prints in Russian what it did and how
 * to stop it, to a terminal and to a pipe alike; to a pipe (tests, scripts) or with --json, the first line is
 * one JSON line `{"url": …}` for programs.
 */
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' }, open: { type: 'boolean' } },
});
const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
const ws = openWorkspace(dataDir, clockFromEnv());
const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const web = await startWebServer({ dispatch: createDispatcher(ws), staticDir, port: Number(values.port ?? 0) });
// The idle lock also happens when nobody calls at all.
setInterval(() => ws.lockIfIdle(), 15_000).unref();
const stop = () => {
  ws.lock();
  void web.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (values.json || !process.stdout.isTTY) console.log(JSON.stringify({ url: web.url }));
console.log('«Учёт детей» запущен в режиме браузера.');
console.log(`Папка данных: ${dataDir}`);
console.log(`Адрес программы: ${web.url}`);
console.log(
  process.stdout.isTTY
    ? 'Остановить: нажмите Ctrl+C в этом окне (закрыть вкладку браузера мало — программа продолжит работать).'
    : `Остановить: Ctrl+C в окне, где запущена команда, или завершите процесс ${process.pid}.`,
);
const noBrowser = process.env.UCHET_NO_BROWSER === '1' || process.env.UCHET_NO_BROWSER === 'true';
if (values.open && noBrowser) console.log('Браузер не открывался (UCHET_NO_BROWSER): откройте адрес выше сами.');
else if (values.open) {
  const r = await openBrowser(web.url);
  console.log(r.opened ? 'Программа открыта в браузере по умолчанию.' : `Браузер открыть не удалось (${r.reason}): откройте адрес выше в браузере сами.`);
}
