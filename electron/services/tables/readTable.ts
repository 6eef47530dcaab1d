import { readListFile } from '../intake/readFile';

/** A worker job (prepareWorker.ts): read a spreadsheet that is not a children's list (organizations, territories) into rows of cells. */
export interface TableJob {
  kind: 'table';
  fileName: string;
  base64: string;
}

/** Rows of cells of the file's sheet, read with the limits and messages of list intake (readFile.ts). */
export async function readTableJob(job: TableJob): Promise<unknown[][]> {
  const file = await readListFile(Buffer.from(job.base64, 'base64'), job.fileName);
  return file.rows;
}
