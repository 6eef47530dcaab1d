/**
 * Runs the preparation of an uploaded list (prepare.ts) in a worker thread with its own memory limits, so a
 * file that gets past every size limit and still takes too much ends that worker with a Russian message,
 * while the app, the server and other calls go on. Uploads are prepared one at a time.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { ApiError, type ApiErrorShape } from '../../../shared/api/errors';
import { LIMIT_ERRORS } from './fileLimits';
import type { LinkedRow, PreparedUpload, RelinkJob, UploadJob, WorkerJob } from './prepare';

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

function runOnce<T>(job: WorkerJob, resourceLimits: ResourceLimits): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(resourceLimits);
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
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? LIMIT_ERRORS.outOfMemory(job.fileName, resourceLimits.maxOldGenerationSizeMb ?? 0)
          : LIMIT_ERRORS.crashed(job.fileName);
      settle(() => reject(new ApiError('VALIDATION', message)));
    });
    worker.once('exit', () => settle(() => reject(new ApiError('VALIDATION', LIMIT_ERRORS.crashed(job.fileName)))));
    // The key is copied into the job and wiped here once it has been sent.
    worker.postMessage(job);
    job.db.key.fill(0);
  });
}

let queue: Promise<unknown> = Promise.resolve();

function queued<T>(job: WorkerJob, resourceLimits: ResourceLimits): Promise<T> {
  const run = queue.then(() => runOnce<T>(job, resourceLimits));
  queue = run.catch(() => undefined);
  return run;
}

/** Prepares an upload in a worker; one job at a time, so two large lists do not hold two workers' memory. */
export function runPrepare(job: Omit<UploadJob, 'kind'>, resourceLimits: ResourceLimits = WORKER_LIMITS): Promise<PreparedUpload> {
  return queued<PreparedUpload>({ ...job, kind: 'upload' }, resourceLimits);
}

/** Reads a list's rows again under a changed mapping and links them, in the same worker queue. */
export function runRelink(job: Omit<RelinkJob, 'kind'>, resourceLimits: ResourceLimits = WORKER_LIMITS): Promise<LinkedRow[]> {
  return queued<LinkedRow[]>({ ...job, kind: 'relink' }, resourceLimits);
}
