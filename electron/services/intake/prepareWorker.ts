/**
 * The worker thread that prepares an uploaded list, or reads a list again under a changed mapping (prepare.ts), under memory limits set by runPrepare
 * (inWorker.ts). One job per worker: it answers once and is ended.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { readTableJob } from '../tables/readTable';
import { readJournalFile } from '../attendance/journalFile';
import { prepareRelink, prepareUpload, readUpload, registryLinker, type LinkJob, type RowToLink, type WorkerJob } from './prepare';

/** A long list's linking half: the registry is read at once, the rows arrive from the worker that parsed them. */
function linkWhenRowsCome(job: LinkJob): Promise<unknown> {
  const linker = registryLinker(job.db);
  return new Promise((resolve, reject) => {
    job.rows.once('message', (msg: { rows: RowToLink[] }) => {
      job.rows.close();
      try {
        resolve(linker.link(msg.rows));
      } catch (err) {
        reject(err);
      } finally {
        linker.close();
      }
    });
  });
}

function run(job: WorkerJob): Promise<unknown> {
  switch (job.kind) {
    case 'upload':
      return prepareUpload(job);
    case 'read':
      return readUpload(job);
    case 'link':
      return linkWhenRowsCome(job);
    case 'relink':
      return Promise.resolve().then(() => prepareRelink(job));
    case 'table':
      return readTableJob(job);
    case 'attendance':
      return readJournalFile(job);
  }
}

parentPort?.once('message', (job: WorkerJob) => {
  run(job).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) => {
      // Only the typed error crosses back: the message of an unexpected one may hold a child's data.
      const error = err instanceof ApiError ? err.toJSON() : { code: 'INTERNAL', message: '', kind: (err as Error)?.name ?? 'Error' };
      parentPort?.postMessage({ ok: false, error });
    },
  );
});
