/**
 * Runs the preparation of an uploaded list (prepare.ts) in a worker thread with its own memory limits, so a
 * file that gets past every size limit and still takes too much ends that worker with a Russian message,
 * while the app, the server and other calls go on. Uploads are prepared one at a time.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { ApiError, type ApiErrorShape } from '../../../shared/api/errors';
import { LIMIT_ERRORS } from './fileLimits';
import type { DraftRow, LinkJob, LinkPart, PreparedUpload, ReadUpload, RelinkJob, UploadJob, WorkerJob } from './prepare';
import type { JournalFile } from '../attendance/journalFile';

/**
 * The worker's heap: a list of 200,000 rows linked against a 200,000-child registry read into memory fits;
 * the file limits (fileLimits.ts) stop a hostile file long before this.
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 64 };

/**
 * The worker's code: beside this file in the Electron bundle (scripts/build-shell.js writes intake-worker.cjs),
 * the TypeScript source everywhere else (tsx, vitest), loaded through tsx's loader registered in the worker —
 * a worker does not inherit the loader hooks of the thread that starts it.
 */
/** tsx's ESM entry (its CommonJS one cannot register the hooks from a worker); resolved here, as the worker's eval code has no base. */
function tsxLoaderUrl(here: string): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const pkgPath = createRequire(here).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
}

function startWorker(resourceLimits: ResourceLimits): Worker {
  const here = import.meta.url as string | undefined;
  if (!here) return new Worker(join(__dirname, 'intake-worker.cjs'), { resourceLimits });
  const entry = new URL('./prepareWorker.ts', here).href;
  const tsx = tsxLoaderUrl(here);
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/** The first answer of a worker already started, then the worker is ended; its crash or lack of memory is a Russian message. */
function answer<T>(worker: Worker, fileName: string, resourceLimits: ResourceLimits): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (msg: { ok: true; result: T } | { ok: false; error: ApiErrorShape & { kind?: string } }) => {
      if (msg.ok) settle(() => resolve(msg.result));
      else if (msg.error.code === 'INTERNAL') settle(() => reject(Object.assign(new Error('prepare failed in the worker'), { name: msg.error.kind ?? 'Error' })));
      else settle(() => reject(ApiError.from(msg.error)));
    });
    worker.once('error', (err: Error & { code?: string }) => {
      const message =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? LIMIT_ERRORS.outOfMemory(fileName, resourceLimits.maxOldGenerationSizeMb ?? 0) : LIMIT_ERRORS.crashed(fileName);
      settle(() => reject(new ApiError('VALIDATION', message)));
    });
    worker.once('exit', () => settle(() => reject(new ApiError('VALIDATION', LIMIT_ERRORS.crashed(fileName)))));
  });
}

function runOnce<T>(job: WorkerJob, fileName: string, resourceLimits: ResourceLimits, transfer: TransferListItem[] = []): Promise<T> {
  const worker = startWorker(resourceLimits);
  const result = answer<T>(worker, fileName, resourceLimits);
  // The key is copied into the job and wiped here once it has been sent.
  worker.postMessage(job, transfer);
  if ('db' in job) job.db.key.fill(0);
  return result;
}

/**
 * From this file size on (some thousands of rows) a list is prepared by two workers at once, one core each: one
 * reads and parses the file while the other reads the registry into memory, then links the parsed rows. A short
 * list keeps one worker and the per-row queries, which need no start-up.
 */
export const TWO_WORKERS_FROM_BYTES = 256 * 1024;

/**
 * The reading worker hands the rows to link straight to the linking worker (a channel between the two), and each
 * gives back its half of every draft row, already in the stored form: this thread only joins the halves.
 */
async function runSplit(job: Omit<UploadJob, 'kind'>, resourceLimits: ResourceLimits): Promise<PreparedUpload> {
  const { port1, port2 } = new MessageChannel();
  const linkWorker = startWorker(resourceLimits);
  const linked = answer<LinkPart[]>(linkWorker, job.fileName, resourceLimits);
  // If reading fails first, the link worker is ended and its answer is not waited for.
  linked.catch(() => undefined);
  const link: LinkJob = { kind: 'link', db: job.db, rows: port2 };
  linkWorker.postMessage(link, [port2]);
  job.db.key.fill(0);
  try {
    const read = await runOnce<ReadUpload>(
      { kind: 'read', fileName: job.fileName, base64: job.base64, asOf: job.asOf, saved: job.saved, linker: port1 },
      job.fileName,
      resourceLimits,
      [port1],
    );
    const links = await linked;
    const rows: DraftRow[] = read.rows.map((r, i) => ({ ...r, ...links[i]! }));
    return { ...read, rows };
  } finally {
    void linkWorker.terminate();
  }
}

let queue: Promise<unknown> = Promise.resolve();

function queued<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
}

/** Prepares an upload in a worker (two for a long list); one upload at a time, so two large lists do not hold four workers' memory. */
export function runPrepare(job: Omit<UploadJob, 'kind'>, resourceLimits: ResourceLimits = WORKER_LIMITS): Promise<PreparedUpload> {
  if (Buffer.byteLength(job.base64, 'base64') >= TWO_WORKERS_FROM_BYTES) return queued(() => runSplit(job, resourceLimits));
  return queued(() => runOnce<PreparedUpload>({ ...job, kind: 'upload' }, job.fileName, resourceLimits));
}

/** Reads a list's rows again under a changed mapping and links them, in the same worker queue. */
export function runRelink(job: Omit<RelinkJob, 'kind'>, resourceLimits: ResourceLimits = WORKER_LIMITS): Promise<DraftRow[]> {
  return queued(() => runOnce<DraftRow[]>({ ...job, kind: 'relink' }, job.fileName, resourceLimits));
}

/** Reads an electronic class journal's attendance report (attendance/journalFile.ts), in the same worker queue and limits. */
export function runReadJournal(fileName: string, base64: string, resourceLimits: ResourceLimits = WORKER_LIMITS): Promise<JournalFile> {
  return queued(() => runOnce<JournalFile>({ kind: 'attendance', fileName, base64 }, fileName, resourceLimits));
}

/** Reads a spreadsheet that is not a children's list (organizations, territories) into rows, in the same worker queue and limits. */
export function runReadTable(fileName: string, base64: string, resourceLimits: ResourceLimits = WORKER_LIMITS): Promise<unknown[][]> {
  return queued(() => runOnce<unknown[][]>({ kind: 'table', fileName, base64 }, fileName, resourceLimits));
}
