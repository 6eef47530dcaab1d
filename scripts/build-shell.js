// Bundles the Electron main process and preload into CommonJS (a sandboxed preload cannot be ESM) and
// copies the SQL migrations beside them. The native SQLite module and electron stay external.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

mkdirSync('dist/electron', { recursive: true });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron', 'better-sqlite3'], logLevel: 'warning',
  // db/open.ts reads import.meta.url only when UCHET_MIGRATIONS_DIR is unset; the shell always sets it.
  logOverride: { 'empty-import-meta': 'silent' } };
await build({ ...common, entryPoints: ['electron/shell/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/electron/preload.cjs' });
// The worker that reads and links an uploaded list (electron/services/intake/inWorker.ts loads it from beside main.cjs).
await build({ ...common, entryPoints: ['electron/services/intake/prepareWorker.ts'], outfile: 'dist/electron/intake-worker.cjs' });
// The worker that renders large report forms (electron/services/reports/worker.ts loads it from beside main.cjs).
await build({ ...common, entryPoints: ['electron/services/reports/renderWorker.ts'], outfile: 'dist/electron/report-worker.cjs' });
cpSync('db/migrations', 'dist/electron/migrations', { recursive: true });
console.log('Оболочка Electron собрана: dist/electron/');
