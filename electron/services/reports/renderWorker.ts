import { parentPort, workerData } from 'node:worker_threads';
import { renderHere, type RenderJob } from './worker';

// The worker side of worker.ts: renders one job and hands the bytes back without copying them.
// Only the kind of a failure goes back: its message may quote a cell (a child's data).
// No top-level await: the Electron bundle of this file is CommonJS.
void (async () => {
  try {
    let bytes = await renderHere(workerData as RenderJob);
    // Only a whole ArrayBuffer can be transferred (a small Buffer is a slice of a shared pool).
    if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = bytes.slice();
    parentPort!.postMessage({ bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error)?.name ?? 'Error' });
  }
})();
