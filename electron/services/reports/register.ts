import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/api/errors';
import { PRINTOUT_NUMBER_RE, printoutNumber, reportParamsSchema, type Printout, type ReportFormat, type ReportParams, type VerifyResult } from '../../../shared/api/reports';
import { formatRuDate, isoParts, type IsoDate } from '../../../shared/domain/dates';
import type { PrintStamp } from '../../../shared/reports/types';
import type { CallContext } from '../context';


export interface NewPrintout {
  formId: string;
  formTitle: string;
  params: ReportParams;
  format: ReportFormat;
  childCount: number;
  /** SHA-256 of the prepared table: the content without layout. */
  tableSha: string;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

interface PrintoutRow {
  id: number;
  number: string;
  issued_on: string;
  form_id: string;
  form_title: string;
  org_id: number | null;
  org_name: string | null;
  as_of: string;
  params: string;
  format: string;
  sha256: string;
  table_sha: string;
  child_count: number;
  byte_size: number;
  created_by: string;
  created_at: string;
  copies: number;
}

const SELECT = `SELECT p.*, o.short_name AS org_name, (SELECT COUNT(*) FROM printout_copies c WHERE c.printout_id = p.id) AS copies
  FROM printouts p LEFT JOIN organizations o ON o.id = p.org_id`;

function toPrintout(r: PrintoutRow): Printout {
  return {
    id: r.id,
    number: r.number,
    issuedOn: r.issued_on,
    formId: r.form_id,
    formTitle: r.form_title,
    orgId: r.org_id,
    orgName: r.org_name,
    asOf: r.as_of,
    params: reportParamsSchema.parse(JSON.parse(r.params)),
    format: r.format as ReportFormat,
    sha256: r.sha256,
    childCount: r.child_count,
    byteSize: r.byte_size,
    createdBy: r.created_by,
    createdAt: r.created_at,
    copies: r.copies,
  };
}

export function getPrintout(sqlite: Database.Database, id: number): Printout & { tableSha: string } {
  const r = sqlite.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PrintoutRow | undefined;
  if (!r) throw new ApiError('NOT_FOUND', `Документ № ${id} в реестре выданных документов не найден.`);
  return { ...toPrintout(r), tableSha: r.table_sha };
}

function byNumber(sqlite: Database.Database, number: string): Printout | null {
  const r = sqlite.prepare(`${SELECT} WHERE p.number = ?`).get(number) as PrintoutRow | undefined;
  return r ? toPrintout(r) : null;
}

export interface RegisterFilter {
  formId?: string;
  orgId?: number;
  number?: string;
  createdBy?: string;
  fromDate?: IsoDate;
  toDate?: IsoDate;
  /** A school's user sees only its own organization's printouts. */
  scopeOrgId?: number | null;
  limit: number;
  offset: number;
}

export function listPrintouts(sqlite: Database.Database, f: RegisterFilter): { rows: Printout[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.formId) {
    where.push('p.form_id = ?');
    args.push(f.formId);
  }
  if (f.orgId !== undefined) {
    where.push('p.org_id = ?');
    args.push(f.orgId);
  }
  if (f.scopeOrgId !== undefined && f.scopeOrgId !== null) {
    where.push('p.org_id = ?');
    args.push(f.scopeOrgId);
  }
  if (f.number) {
    where.push("p.number LIKE ? ESCAPE '\\'");
    args.push(`%${f.number.replace(/^№\s*/, '').replace(/[\\%_]/g, '\\$&')}%`);
  }
  if (f.createdBy) {
    where.push('p.created_by = ?');
    args.push(f.createdBy);
  }
  if (f.fromDate) {
    where.push('p.issued_on >= ?');
    args.push(f.fromDate);
  }
  if (f.toDate) {
    where.push('p.issued_on <= ?');
    args.push(f.toDate);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = sqlite.prepare(`SELECT COUNT(*) FROM printouts p ${w}`).pluck().get(...args) as number;
  const rows = sqlite.prepare(`${SELECT} ${w} ORDER BY p.year DESC, p.seq DESC LIMIT ? OFFSET ?`).all(...args, f.limit, f.offset) as PrintoutRow[];
  return { rows: rows.map(toPrintout), total };
}

function nextSeq(sqlite: Database.Database, year: number): number {
  return (sqlite.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM printouts WHERE year = ?').pluck().get(year) as number) ?? 1;
}

class NumberTaken extends Error {}

/**
 * Issues a printout: the file is made with the next number of the year, then stored with that number in one
 * transaction (with the call's audit entry). Rendering is asynchronous (a worker), so it cannot run inside the
 * transaction: if another printout took the number meanwhile, the file is made again with the next one. So the
 * sequence has no gaps (a failed rendering takes no number) and no number is given twice.
 */
export async function issuePrintout(
  ctx: CallContext,
  entry: NewPrintout,
  render: (stamp: PrintStamp) => Promise<Uint8Array>,
): Promise<{ printout: Printout; bytes: Uint8Array }> {
  const { open, user } = ctx.session();
  const sqlite = open.sqlite;
  const issuedOn = ctx.today();
  const year = isoParts(issuedOn).year;
  for (let attempt = 0; attempt < 20; attempt++) {
    const seq = nextSeq(sqlite, year);
    const number = printoutNumber(year, seq);
    const bytes = await render({ number, date: issuedOn });
    let id: number;
    try {
      id = ctx.tx(() => {
          // Thrown, not returned: the transaction (and the call's audit entry in it) must not commit.
          if (nextSeq(sqlite, year) !== seq) throw new NumberTaken();
        const res = sqlite
          .prepare(
            `INSERT INTO printouts (year, seq, number, issued_on, form_id, form_title, org_id, as_of, params, format, sha256, table_sha, child_count, byte_size, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            year,
            seq,
            number,
            issuedOn,
            entry.formId,
            entry.formTitle,
            entry.params.orgId,
            entry.params.asOf,
            JSON.stringify(entry.params),
            entry.format,
            sha256Hex(bytes),
            entry.tableSha,
            entry.childCount,
            bytes.length,
            user.login,
            ctx.now().toISOString(),
          );
        const newId = Number(res.lastInsertRowid);
        // The journal names the form, the organization and the number, never a child.
        ctx.target('printout', newId, { number, form: entry.formId, orgId: entry.params.orgId, asOf: entry.params.asOf, format: entry.format, children: entry.childCount });
        return newId;
      });
    } catch (err) {
      if (err instanceof NumberTaken) continue;
      throw err;
    }
    return { printout: getPrintout(sqlite, id), bytes };
  }
  throw new ApiError('CONFLICT', 'Не удалось присвоить номер документу: реестр занят. Повторите через несколько секунд.');
}

/** Stores a copy made again from the register (same number and date) with its file's hash. */
export function recordCopy(ctx: CallContext, printout: Printout, bytes: Uint8Array, tableSha: string): void {
  const { open, user } = ctx.session();
  ctx.tx(() => {
    open.sqlite
      .prepare('INSERT INTO printout_copies (printout_id, format, sha256, table_sha, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(printout.id, printout.format, sha256Hex(bytes), tableSha, user.login, ctx.now().toISOString());
    ctx.target('printout', printout.id, { number: printout.number, form: printout.formId, orgId: printout.orgId, asOf: printout.asOf, copy: true });
  });
}

export type FileKind = 'pdf' | 'xlsx' | 'other';

export function fileKind(bytes: Uint8Array): FileKind {
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (head === '%PDF-') return 'pdf';
  if (head.startsWith('PK\x03\x04')) return 'xlsx';
  return 'other';
}

/**
 * The printout number a file says it is: a PDF's Subject/Keywords, an XLSX's subject/keywords or page footer.
 * Null when the file carries none (or cannot be read as what it claims to be).
 */
export async function embeddedNumber(bytes: Uint8Array): Promise<string | null> {
  const kind = fileKind(bytes);
  const find = (...texts: (string | undefined | null)[]) => {
    for (const t of texts) {
      const m = t ? PRINTOUT_NUMBER_RE.exec(t) : null;
      if (m) return `${m[1]}-${m[2]}`;
    }
    return null;
  };
  try {
    if (kind === 'pdf') {
      const { PDFDocument } = await import('@cantoo/pdf-lib');
      const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
      return find(doc.getSubject(), doc.getKeywords(), doc.getTitle());
    }
    if (kind === 'xlsx') {
      const { default: Excel } = await import('exceljs');
      const wb = new Excel.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      const footers = wb.worksheets.flatMap((ws) => [ws.headerFooter?.oddFooter, ws.headerFooter?.evenFooter, ws.headerFooter?.firstFooter]);
      return find(wb.subject, wb.keywords, ...footers);
    }
  } catch {
    // A damaged or foreign file: it carries no number we can trust.
  }
  return null;
}

/**
 * Is this file a registered printout, which one, and is it the file as issued? Looks the file's SHA-256 up
 * among the printouts and their copies; failing that, reads the number the file carries: a registered
 * number with another hash means the file was changed after it was issued.
 */
export async function verifyFile(sqlite: Database.Database | null, bytes: Uint8Array): Promise<VerifyResult> {
  const sha = sha256Hex(bytes);
  if (sqlite) {
    const direct = sqlite.prepare(`${SELECT} WHERE p.sha256 = ? ORDER BY p.id LIMIT 1`).get(sha) as PrintoutRow | undefined;
    if (direct) {
      const p = toPrintout(direct);
      return { status: 'registered', sha256: sha, printout: p, copy: false, message: `Зарегистрированный документ ${describe(p)}. Файл не изменён после выдачи.` };
    }
    const copyOf = sqlite.prepare('SELECT printout_id FROM printout_copies WHERE sha256 = ? ORDER BY id LIMIT 1').pluck().get(sha) as number | undefined;
    if (copyOf !== undefined) {
      const p = getPrintout(sqlite, copyOf);
      return { status: 'registered', sha256: sha, printout: p, copy: true, message: `Зарегистрированный документ ${describe(p)} (повторная печать из реестра). Файл не изменён после выдачи.` };
    }
  }
  const kind = fileKind(bytes);
  const number = await embeddedNumber(bytes);
  if (number && sqlite) {
    const p = byNumber(sqlite, number);
    if (p) {
      return {
        status: 'changed',
        sha256: sha,
        printout: p,
        copy: false,
        message: `Файл называет себя документом ${describe(p)}, но изменён после выдачи: его содержимое не совпадает с зарегистрированным.`,
      };
    }
    return { status: 'unknown', sha256: sha, printout: null, copy: false, message: `Не зарегистрирован: в файле указан № ${number}, но в реестре этой базы такого номера нет.` };
  }
  if (number) return { status: 'unknown', sha256: sha, printout: null, copy: false, message: `В файле указан № ${number}; чтобы проверить его по реестру, откройте базу данных.` };
  const what = kind === 'other' ? 'Файл не PDF и не XLSX; ' : '';
  return { status: 'unknown', sha256: sha, printout: null, copy: false, message: `${what}Не зарегистрирован: такого документа в реестре выданных документов нет.` };
}

function describe(p: Printout): string {
  const org = p.orgName ? `, ${p.orgName}` : '';
  return `№ ${p.number} от ${formatRuDate(p.issuedOn)}: ${p.formTitle}${org}, по состоянию на ${formatRuDate(p.asOf)}`;
}
