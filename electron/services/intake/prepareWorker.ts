/**
 * The worker thread that prepares an uploaded list, or reads a list again under a changed mapping (prepare.ts), under memory limits set by runPrepare
 * (inWorker.ts). One job per worker: it answers once and is ended.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { prepareRelink, prepareUpload, type WorkerJob } from './prepare';

parentPort?.once('message', (job: WorkerJob) => {
  (job.kind === 'upload' ? prepareUpload(job) : Promise.resolve().then(() => prepareRelink(job))).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) => {
      // Only the typed error crosses back: the message of an unexpected one may hold a child's data.
      const error = err instanceof ApiError ? err.toJSON() : { code: 'INTERNAL', message: '', kind: (err as Error)?.name ?? 'Error' };
      parentPort?.postMessage({ ok: false, error });
    },
  );
});
