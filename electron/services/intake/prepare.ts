/**
 * The heavy part of taking in a list file, done off the answering thread (prepareWorker.ts): reading the
 * file within its limits, finding the table, parsing and validating every row, and linking the rows with the
 * registry through a read-only connection of its own. Nothing is written: the caller stores the draft.
 */
import { createHash } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { openDatabase } from '../../../db/open';
import { formatRuDate } from '../../../shared/domain/dates';
import { cellText, type FieldId } from '../../../shared/intake/headers';
import type { Decision } from '../../../shared/api/intake';
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

export const rowHasErrors = (r: Pick<RowToStore, 'issues'>): boolean => r.issues.some((i) => i.severity === 'error');

/**
 * A row as the draft table (submission_rows) keeps it, its JSON made where the row was read and linked: the
 * answering thread only writes it, and a string crosses between threads far cheaper than the objects it holds.
 */
export interface DraftRow extends ReadRow, LinkPart {}

/** What reading gives a draft row. */
export interface ReadRow {
  rowNo: number;
  fileRowNo: number | null;
  cells: string;
  values: string;
  issues: string;
  hasErrors: boolean;
}

/** What linking gives a draft row (a row with errors is not linked: no decision, no reasons). */
export interface LinkPart {
  decision: Decision | null;
  childId: number | null;
  sameAsRow: number | null;
  /** Tenths of a bit, as stored. */
  score: number | null;
  reasons: string;
  candidates: string;
}

/** What the linker needs of a row. */
export type RowToLink = Pick<RowToStore, 'rowNo' | 'values'> & { hasErrors: boolean };

export function readPart(r: RowToStore): ReadRow {
  return {
    rowNo: r.rowNo,
    fileRowNo: r.fileRowNo,
    cells: JSON.stringify(r.cells),
    values: JSON.stringify(r.values),
    issues: JSON.stringify(r.issues),
    hasErrors: rowHasErrors(r),
  };
}

export function linkPart(link: LinkResult | null): LinkPart {
  return {
    decision: link?.decision ?? null,
    childId: link?.childId ?? null,
    sameAsRow: link?.sameAsRow ?? null,
    score: link === null || link.score === null ? null : Math.round(link.score * 10),
    reasons: JSON.stringify(link?.reasons ?? []),
    candidates: JSON.stringify(link?.candidates ?? []),
  };
}

/** Links rows in order (a row may be the same child as an earlier one of the list); rows with errors are not linked. */
export function linkRows(linker: Linker, rows: readonly RowToLink[]): LinkPart[] {
  return rows.map((r) => linkPart(r.hasErrors ? null : linker.link(r.rowNo, r.values)));
}

const toLink = (r: RowToStore): RowToLink => ({ rowNo: r.rowNo, values: r.values, hasErrors: rowHasErrors(r) });

/** Rows read and linked, as the draft stores them. */
export function draftRows(linker: Linker, rows: readonly RowToStore[]): DraftRow[] {
  const links = linkRows(linker, rows.map(toLink));
  return rows.map((r, i) => ({ ...readPart(r), ...links[i]! }));
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

/**
 * A long list's file only read and parsed (no registry): a second worker links its rows meanwhile (inWorker.ts).
 * What the linker needs goes straight to that worker through `linker`; what the draft keeps comes back.
 */
export interface ReadJob {
  kind: 'read';
  fileName: string;
  base64: string;
  asOf: string;
  saved: { headers: string; mapping: string } | null;
  linker: MessagePort;
}

/**
 * The other half of a long list: the registry read into memory while the file is parsed elsewhere; the rows
 * come through `rows` from the reading worker as they are parsed, and what linking gives each row goes back.
 */
export interface LinkJob {
  kind: 'link';
  db: RegistryAccess;
  rows: MessagePort;
}

export type WorkerJob = UploadJob | RelinkJob | ReadJob | LinkJob | TableJob | AttendanceReadJob;

interface ListFile {
  hash: string;
  headers: string[];
  mapping: Record<number, FieldId>;
}

export interface ReadList extends ListFile {
  rows: RowToStore[];
}

/** A long list's read half, as it comes back from the reading worker. */
export interface ReadUpload extends ListFile {
  rows: ReadRow[];
}

export interface PreparedUpload extends ListFile {
  rows: DraftRow[];
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

function linkWithRegistry(db: RegistryAccess, rows: readonly RowToStore[]): DraftRow[] {
  const open = openRegistry(db);
  try {
    return draftRows(new Linker(open.sqlite, rows.length), rows);
  } finally {
    open.close();
  }
}

/** A linker with the whole registry in memory, made before the rows are known (a long list's second worker). */
export function registryLinker(db: RegistryAccess): { link: (rows: readonly RowToLink[]) => LinkPart[]; close: () => void } {
  const open = openRegistry(db);
  const linker = new Linker(open.sqlite, Number.POSITIVE_INFINITY);
  return { link: (rows) => linkRows(linker, rows), close: () => open.close() };
}

export async function prepareUpload(job: UploadJob): Promise<PreparedUpload> {
  const read = await readList(job);
  return { ...read, rows: linkWithRegistry(job.db, read.rows) };
}

/** Rows parsed and handed to the linking worker at a time, so that linking starts while the rest is parsed. */
const ROWS_PER_MESSAGE = 2000;

/**
 * A long list's read half: the rows to link go to the linking worker as they are parsed ({ rows } messages, then
 * { done: true }), the rest of each draft row comes back.
 */
export async function readUpload(job: ReadJob): Promise<ReadUpload> {
  const read: ReadRow[] = [];
  const file = await readList(job, (rows) => {
    job.linker.postMessage({ rows: rows.map(toLink) });
    for (const r of rows) read.push(readPart(r));
  });
  job.linker.postMessage({ done: true });
  job.linker.close();
  return { ...file, rows: read };
}

/**
 * Reads, finds the table, parses and validates every row: everything but linking. `each`: given the parsed rows a
 * few thousand at a time (then they are not kept); without it, every row comes back.
 */
export async function readList(job: Pick<ReadJob, 'fileName' | 'base64' | 'asOf' | 'saved'>): Promise<ReadList>;
export async function readList(job: Pick<ReadJob, 'fileName' | 'base64' | 'asOf' | 'saved'>, each: (rows: RowToStore[]) => void): Promise<ListFile>;
export async function readList(job: Pick<ReadJob, 'fileName' | 'base64' | 'asOf' | 'saved'>, each?: (rows: RowToStore[]) => void): Promise<ReadList | ListFile> {
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
  const parse = (r: (typeof list.dataRows)[number]): RowToStore => ({
    rowNo: r.dataRowNo,
    fileRowNo: r.fileRowNo,
    cells: r.cells.map(encodeCell),
    ...parseListRow(r.cells, list.mapping, list.headers, { referenceYear, asOf: job.asOf }),
  });
  const head = { hash, headers: list.headers, mapping: list.mapping };
  if (!each) return { ...head, rows: list.dataRows.map(parse) };
  for (let i = 0; i < list.dataRows.length; i += ROWS_PER_MESSAGE) each(list.dataRows.slice(i, i + ROWS_PER_MESSAGE).map(parse));
  return head;
}

export function prepareRelink(job: RelinkJob): DraftRow[] {
  const referenceYear = Number(job.asOf.slice(0, 4));
  const rows: RowToStore[] = job.rows.map((r) => ({
    ...r,
    ...parseListRow(r.cells.map(decodeCell), job.mapping, job.headers, { referenceYear, asOf: job.asOf }),
  }));
  return linkWithRegistry(job.db, rows);
}
