import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DB_FILE_NAME, defaultDataDir } from '../app/paths';
import { clockFromEnv } from '../app/clock';
import { Workspace } from '../app/workspace';
import { createDispatcher } from '../dispatcher';
import { startWebServer } from './server';

/**
 * Browser mode entry: `--data-dir DIR`, `--port N` (0: any free). To a terminal it prints the address for a
 * person; to a pipe (tests, scripts) or with --json, one JSON line `{"url": …}`.
 */
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' } },
});
const dataDir = values['data-dir'] ?? defaultDataDir();
mkdirSync(dataDir, { recursive: true });
const ws = new Workspace(join(dataDir, DB_FILE_NAME), clockFromEnv());
const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const web = await startWebServer({ dispatch: createDispatcher(ws), staticDir, port: Number(values.port ?? 0) });
// The idle lock also happens when nobody calls at all.
setInterval(() => ws.lockIfIdle(), 15_000).unref();

if (values.json || !process.stdout.isTTY) console.log(JSON.stringify({ url: web.url }));
else {
  console.log('«Учёт детей» запущен в режиме браузера.');
  console.log(`База данных: ${ws.dbPath}`);
  console.log(`Откройте в браузере: ${web.url}`);
  console.log('Остановить: Ctrl+C');
}
const stop = () => {
  ws.lock();
  void web.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
