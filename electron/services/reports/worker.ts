import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import type { ReportFormat } from '../../../shared/api/reports';
import type { PreparedTable, PrintStamp } from '../../../shared/reports/types';

/** Below this many rows a form is rendered on the answering thread: a worker's start costs more than the work. */
export const IN_THREAD_MAX_ROWS = 1500;
/** Heap of a rendering worker: a 50,000-row PDF fits; a runaway one stops here instead of taking the app down. */
const WORKER_HEAP_MB = 1536;

export interface RenderJob {
  format: ReportFormat;
  table: PreparedTable;
  stamp: PrintStamp;
}

export function tableRows(table: PreparedTable): number {
  return table.sections.reduce((n, s) => n + s.rowCount, 0);
}

/** Renders on this thread (the same functions the worker runs). */
export async function renderHere(job: RenderJob): Promise<Uint8Array> {
  if (job.format === 'pdf') {
    const { renderPdf } = await import('./pdf');
    return renderPdf(job.table, job.stamp);
  }
  const { renderXlsx } = await import('./xlsx');
  return new Uint8Array(await renderXlsx(job.table, job.stamp));
}

/**
 * Where the worker's code is. From the sources (tsx, tests) the TypeScript entry is loaded through tsx's
 * loader inside the worker; the bundled Electron main process ships it as report-worker.cjs beside itself.
 */
function workerSource(): { code: string | URL; eval: boolean } {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'report-worker.cjs');
  if (existsSync(bundled)) return { code: bundled, eval: false };
  const entry = pathToFileURL(join(here, 'renderWorker.ts')).href;
  const require = createRequire(join(here, 'worker.ts'));
  const tsx = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, eval: true };
}

/** Renders in a worker thread with a memory limit, so a large form neither blocks answers nor exhausts the app. */
export function renderInWorker(job: RenderJob, heapMb = WORKER_HEAP_MB): Promise<Uint8Array> {
  const src = workerSource();
  return new Promise((resolve, reject) => {
    const worker = new Worker(src.code, { eval: src.eval, workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    let done = false;
    worker.once('message', (msg: { bytes?: Uint8Array; error?: string }) => {
      done = true;
      if (msg.bytes) resolve(msg.bytes);
      else reject(new ApiError('INTERNAL', `Не удалось составить документ: ${msg.error ?? 'ошибка печати'}.`));
      void worker.terminate();
    });
    worker.once('error', (err: Error & { code?: string }) => {
      done = true;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(new ApiError('INTERNAL', `Форма слишком велика: не хватило памяти (${heapMb} МБ) для ${tableRows(job.table)} строк. Уточните параметры (организация, дата).`));
      } else reject(err);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new ApiError('INTERNAL', `Печать формы прервана (код ${code}).`));
    });
  });
}

/** Small forms here, large ones in a worker. */
export function render(job: RenderJob, inThreadMaxRows = IN_THREAD_MAX_ROWS): Promise<Uint8Array> {
  return tableRows(job.table) <= inThreadMaxRows ? renderHere(job) : renderInWorker(job);
}
