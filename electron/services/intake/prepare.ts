/**
 * The heavy part of taking in a list file, done off the answering thread (prepareWorker.ts): reading the
 * file within its limits, finding the table, parsing and validating every row, and linking the rows with the
 * registry through a read-only connection of its own. Nothing is written: the caller stores the draft.
 */
import { createHash } from 'node:crypto';
import { openDatabase } from '../../../db/open';
import { formatRuDate } from '../../../shared/domain/dates';
import { cellText, type FieldId } from '../../../shared/intake/headers';
import type { CellIssue, ListRowValues } from '../../../shared/intake/listRow';
import { parseListRow } from '../../../shared/intake/parseRow';
import { Linker, type LinkResult } from './link';
import { extractList, readListFile } from './readFile';
import type { TableJob } from '../tables/readTable';
import type { AttendanceReadJob } from '../attendance/journalFile';

/**
 * Cells are kept as received, so a changed column mapping reads them again exactly: a number stays a number
 * (a СНИЛС keeps its leading zeros when parsed again), a date cell stays a date.
 */
export type StoredCell = string | number | boolean | null | { $date: string };
export const encodeCell = (v: unknown): StoredCell => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return { $date: v.toISOString() };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return cellText(v);
};
export const decodeCell = (v: StoredCell): unknown => (v !== null && typeof v === 'object' ? new Date(v.$date) : v);
export const displayCell = (v: StoredCell): string => {
  if (v === null) return '';
  if (typeof v === 'object') return formatRuDate(v.$date.slice(0, 10));
  return String(v);
};

export interface RowToStore {
  rowNo: number;
  fileRowNo: number | null;
  cells: StoredCell[];
  values: ListRowValues;
  issues: CellIssue[];
}

export interface LinkedRow extends RowToStore {
  /** null for a row with errors: it is not linked. */
  link: LinkResult | null;
}

export const rowHasErrors = (r: Pick<RowToStore, 'issues'>): boolean => r.issues.some((i) => i.severity === 'error');

/** Links rows in order (a row may be the same child as an earlier one of the list); rows with errors are not linked. */
export function linkRows(linker: Linker, rows: readonly RowToStore[]): LinkedRow[] {
  return rows.map((r) => ({ ...r, link: rowHasErrors(r) ? null : linker.link(r.rowNo, r.values) }));
}

/** The open database to link against, read-only; the key is wiped once the connection is open. */
export interface RegistryAccess {
  path: string;
  key: Uint8Array;
}

export interface UploadJob {
  kind: 'upload';
  fileName: string;
  base64: string;
  asOf: string;
  /** The mapping confirmed last time for this organization and list kind, as stored. */
  saved: { headers: string; mapping: string } | null;
  db: RegistryAccess;
}

/** A list's rows read again, as received, under a changed column mapping. */
export interface RelinkJob {
  kind: 'relink';
  fileName: string;
  rows: { rowNo: number; fileRowNo: number | null; cells: StoredCell[] }[];
  mapping: Record<number, FieldId>;
  headers: string[];
  asOf: string;
  db: RegistryAccess;
}

/** A long list's file only read and parsed (no registry): a second worker links its rows meanwhile (inWorker.ts). */
export interface ReadJob {
  kind: 'read';
  fileName: string;
  base64: string;
  asOf: string;
  saved: { headers: string; mapping: string } | null;
}

/**
 * The other half of a long list: the registry read into memory while the file is parsed elsewhere; the rows
 * come in a second message, and the linked rows go back.
 */
export interface LinkJob {
  kind: 'link';
  db: RegistryAccess;
}

export type WorkerJob = UploadJob | RelinkJob | ReadJob | LinkJob | TableJob | AttendanceReadJob;

export interface ReadUpload {
  hash: string;
  headers: string[];
  mapping: Record<number, FieldId>;
  rows: RowToStore[];
}

export interface PreparedUpload {
  hash: string;
  headers: string[];
  mapping: Record<number, FieldId>;
  rows: LinkedRow[];
}

/** Opens the registry read-only for linking; the key is wiped once the connection is open. */
function openRegistry(db: RegistryAccess) {
  const key = Buffer.from(db.key.buffer, db.key.byteOffset, db.key.byteLength);
  try {
    return openDatabase(db.path, key, { readonly: true });
  } finally {
    key.fill(0);
  }
}

function linkWithRegistry(db: RegistryAccess, rows: readonly RowToStore[]): LinkedRow[] {
  const open = openRegistry(db);
  try {
    return linkRows(new Linker(open.sqlite, rows.length), rows);
  } finally {
    open.close();
  }
}

/** A linker with the whole registry in memory, made before the rows are known (a long list's second worker). */
export function registryLinker(db: RegistryAccess): { link: (rows: readonly RowToStore[]) => LinkedRow[]; close: () => void } {
  const open = openRegistry(db);
  const linker = new Linker(open.sqlite, Number.POSITIVE_INFINITY);
  return { link: (rows) => linkRows(linker, rows), close: () => open.close() };
}

export async function prepareUpload(job: UploadJob): Promise<PreparedUpload> {
  const read = await readUpload(job);
  return { ...read, rows: linkWithRegistry(job.db, read.rows) };
}

/** Reads, finds the table, parses and validates every row: everything but linking. */
export async function readUpload(job: Omit<ReadJob, 'kind'>): Promise<ReadUpload> {
  const bytes = Buffer.from(job.base64, 'base64');
  const hash = createHash('sha256').update(bytes).digest('hex');
  const file = await readListFile(bytes, job.fileName);
  const first = extractList(file.rows);
  // The mapping confirmed last time is reused when the same organization sends the same columns again.
  const list =
    job.saved && job.saved.headers === JSON.stringify(first.headers)
      ? extractList(file.rows, { mapping: JSON.parse(job.saved.mapping) as Record<number, FieldId> })
      : first;
  const referenceYear = Number(job.asOf.slice(0, 4));
  const rows: RowToStore[] = list.dataRows.map((r) => ({
    rowNo: r.dataRowNo,
    fileRowNo: r.fileRowNo,
    cells: r.cells.map(encodeCell),
    ...parseListRow(r.cells, list.mapping, list.headers, { referenceYear, asOf: job.asOf }),
  }));
  return { hash, headers: list.headers, mapping: list.mapping, rows };
}

export function prepareRelink(job: RelinkJob): LinkedRow[] {
  const referenceYear = Number(job.asOf.slice(0, 4));
  const rows: RowToStore[] = job.rows.map((r) => ({
    ...r,
    ...parseListRow(r.cells.map(decodeCell), job.mapping, job.headers, { referenceYear, asOf: job.asOf }),
  }));
  return linkWithRegistry(job.db, rows);
}
