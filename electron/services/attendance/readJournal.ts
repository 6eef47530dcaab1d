import { runReadJournal } from '../intake/inWorker';
import type { JournalFile } from './journalFile';

/** Reads a journal's attendance report in the intake worker (readFile.ts with its limits, the worker's memory limits). */
export function readJournal(fileName: string, base64: string): Promise<JournalFile> {
  return runReadJournal(fileName, base64);
}
