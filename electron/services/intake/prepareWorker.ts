/**
 * The worker thread that prepares an uploaded list, or reads a list again under a changed mapping (prepare.ts), under memory limits set by runPrepare
 * (inWorker.ts). One job per worker: it answers once and is ended.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { readTableJob } from '../tables/readTable';
import { readJournalFile } from '../attendance/journalFile';
import { prepareRelink, prepareUpload, readUpload, registryLinker, type LinkJob, type LinkPart, type RowToLink, type WorkerJob } from './prepare';

/**
 * A long list's linking half: the registry is read at once; the rows arrive from the worker that parses them, a
 * few thousand at a time, and are linked in order as they come (a row may be the same child as an earlier one).
 */
function linkWhenRowsCome(job: LinkJob): Promise<unknown> {
  const linker = registryLinker(job.db);
  const linked: LinkPart[] = [];
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      job.rows.close();
      linker.close();
      fn();
    };
    job.rows.on('message', (msg: { rows: RowToLink[] } | { done: true }) => {
      if ('done' in msg) return done(() => resolve(linked));
      try {
        for (const part of linker.link(msg.rows)) linked.push(part);
      } catch (err) {
        done(() => reject(err));
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
