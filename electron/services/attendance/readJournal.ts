import { readJournalFile, type JournalFile } from './journalFile';

/** Reads a journal's attendance report (readFile.ts with its limits). */
export function readJournal(fileName: string, base64: string): Promise<JournalFile> {
  return readJournalFile({ kind: 'attendance', fileName, base64 });
}
