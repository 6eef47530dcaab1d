/**
 * Reading an incoming list file into rows of cells, and finding the table in them.
 *
 * The format is told by the bytes, not by the name: a CSV saved as «список.xlsx» is read as
 * CSV, a workbook named «.csv» as a workbook. .ods is read directly (ods.ts), old .xls through LibreOffice
 * when it is installed (soffice.ts). What cannot be read (.xls without LibreOffice, Word, PDF,
 * scans, archives, an empty file) gets a Russian message that says what to do.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { ApiError } from '../../../shared/api/errors';
import { classifyDataRow, cellText, recognizeHeaderRow, type FieldId, type RowKind } from '../../../shared/intake/headers';
import { FILE_LIMITS, LIMIT_ERRORS } from './fileLimits';
import { OdsBook } from './ods';
import { convertXls, SOFFICE_ERRORS } from './soffice';
import { XlsxBook, type SheetData, type SheetInfo } from './xlsx';

export type CsvSeparator = ';' | ',' | '\t';
export type TextEncodingName = 'utf-8' | 'windows-1251' | 'utf-16le' | 'utf-16be';

export interface ListFile {
  /** Rows of the sheet from its first row (index 0 = row 1); cells from column A. Empty cells are null. */
  rows: unknown[][];
  /** 'xls' is an old workbook converted to .xlsx by LibreOffice, then read as one. */
  format: 'xlsx' | 'ods' | 'xls' | 'csv';
  encoding?: TextEncodingName;
  separator?: CsvSeparator;
  sheetName?: string;
}

/** How far down the header may be: the appendix forms put a dozen title lines above it. */
const MAX_HEADER_SCAN_ROWS = 60;

// ---------------------------------------------------------------------------
// Messages

const SAVE_AS_XLSX = 'сохраните как «Книга Excel (*.xlsx)», затем загрузите снова';
const OR_TYPE_IT = 'либо введите список вручную: «Списки» → «Ввести бумажный список»';

export const FILE_ERRORS = {
  empty: (f: string) => `Файл «${f}» пустой. Проверьте, что выбран нужный файл, и загрузите его снова.`,
  xls: (f: string) => `Файл «${f}» — старый формат Excel. Откройте его в Excel и ${SAVE_AS_XLSX}.`,
  encrypted: (f: string) =>
    `Файл «${f}» защищён паролем, и прочитать его нельзя. Откройте его в Excel, снимите пароль (Файл → Сведения → Защита книги) и ${SAVE_AS_XLSX}.`,
  xlsb: (f: string) => `Файл «${f}» — двоичная книга Excel (.xlsb). Откройте его в Excel и ${SAVE_AS_XLSX}.`,
  word: (f: string) =>
    `Файл «${f}» — текстовый документ, а не таблица. Скопируйте таблицу из него в Excel и ${SAVE_AS_XLSX}, ${OR_TYPE_IT}.`,
  pdf: (f: string) =>
    `Файл «${f}» — PDF, список из него не прочитать. Попросите организацию прислать файл Excel (.xlsx) или CSV, ${OR_TYPE_IT}.`,
  image: (f: string) =>
    `Файл «${f}» — изображение (скан или фотография), список из него не прочитать. Попросите организацию прислать файл Excel (.xlsx) или CSV, ${OR_TYPE_IT}.`,
  archive: (f: string) => `Файл «${f}» — архив. Распакуйте его и загрузите из него файл Excel (.xlsx) или CSV.`,
  webPage: (f: string) =>
    `Файл «${f}» — веб-страница или XML, сохранённые с расширением Excel. Откройте его в Excel и ${SAVE_AS_XLSX}.`,
  unknown: (f: string) => `Файл «${f}» не похож на таблицу. Загрузите список в формате «Книга Excel (*.xlsx)» или CSV.`,
  odsDamaged: (f: string) =>
    `Файл «${f}» не удалось прочитать как таблицу OpenDocument: возможно, он повреждён или скачан не полностью. Откройте его в LibreOffice Calc и сохраните снова (или как «Excel 2007–365 (.xlsx)»), затем загрузите снова.`,
  damaged: (f: string) =>
    `Файл «${f}» не удалось прочитать как книгу Excel: возможно, он повреждён или скачан не полностью. Откройте его в Excel, ${SAVE_AS_XLSX}.`,
  csv: (f: string, detail: string) =>
    `Файл «${f}» не удалось разобрать как CSV (${detail}). Откройте его в Excel и ${SAVE_AS_XLSX}.`,
  noSheets: (f: string) => `В книге «${f}» все листы пустые.`,
  noHeader:
    'В файле не найдена строка заголовков: нужны хотя бы «Ф.И.О.» (или «Фамилия», «Имя») и «Дата рождения»',
} as const;

const fail = (message: string): never => {
  throw new ApiError('VALIDATION', message);
};

// ---------------------------------------------------------------------------
// Format by content

const startsWith = (b: Buffer, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const has = (b: Buffer, s: string, enc: BufferEncoding = 'latin1'): boolean => b.includes(s, 0, enc);

/** What a ZIP container holds, from the entry names stored in plain text in its headers. */
function zipKind(b: Buffer, fileName: string): 'xlsx' | 'xlsb' | 'ods' | 'word' | 'other' {
  if (has(b, 'xl/workbook.bin')) return 'xlsb';
  if (has(b, 'xl/')) return 'xlsx';
  if (has(b, 'application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (has(b, 'word/document.xml') || has(b, 'application/vnd.oasis.opendocument.text')) return 'word';
  // A workbook cut short may have lost the entries that name it: let the reader say it is damaged.
  if (/\.xls[xm]$/iu.test(fileName) && has(b, '[Content_Types].xml')) return 'xlsx';
  return 'other';
}

/** An OLE compound file: old .xls, old .doc, or a password-protected .xlsx (which Excel wraps in OLE). */
function oleMessage(b: Buffer, fileName: string): string {
  if (has(b, 'EncryptionInfo', 'utf16le') || has(b, 'EncryptedPackage', 'utf16le')) return FILE_ERRORS.encrypted(fileName);
  if (has(b, 'WordDocument', 'utf16le')) return FILE_ERRORS.word(fileName);
  return FILE_ERRORS.xls(fileName);
}

function binaryMessage(b: Buffer, fileName: string): string | null {
  if (startsWith(b, OLE)) return oleMessage(b, fileName);
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return FILE_ERRORS.pdf(fileName); // %PDF
  if (
    startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(b, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(b, [0x47, 0x49, 0x46, 0x38]) || // GIF8
    startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || // TIFF
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) || // WEBP
    startsWith(b, [0x66, 0x74, 0x79, 0x70], 4) || // HEIC and other ISO media
    (startsWith(b, [0x42, 0x4d]) && /\.bmp$/iu.test(fileName))
  ) {
    return FILE_ERRORS.image(fileName);
  }
  if (startsWith(b, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return FILE_ERRORS.word(fileName); // {\rtf
  if (
    startsWith(b, [0x52, 0x61, 0x72, 0x21]) || // Rar!
    startsWith(b, [0x37, 0x7a, 0xbc, 0xaf]) || // 7z
    startsWith(b, [0x1f, 0x8b]) // gzip
  ) {
    return FILE_ERRORS.archive(fileName);
  }
  return null;
}

// ---------------------------------------------------------------------------
// Text: encoding and separator

function decodeText(b: Buffer): { text: string; encoding: TextEncodingName } | null {
  if (startsWith(b, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(b), encoding: 'utf-16le' };
  if (startsWith(b, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(b), encoding: 'utf-16be' };
  // Text has no NUL bytes; a binary format not recognized above has them early on.
  if (b.subarray(0, 8192).includes(0)) return null;
  try {
    // fatal: a byte sequence that is not UTF-8 throws; the BOM, if any, is dropped.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(b), encoding: 'windows-1251' };
  }
}

const SEPARATORS: readonly CsvSeparator[] = [';', '\t', ','];

const csvOptions = (delimiter: string) =>
  ({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as const;

/** Lexicographic: the first differing component decides; equal scores keep the earlier candidate. */
function isBetter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

/**
 * Separator of a CSV: each candidate splits the first lines (quotes respected by the
 * parser); the one under which a table header is recognized with the most columns wins,
 * then the one giving the most lines of the same width, then «;» (what Russian Excel
 * writes), tab, «,». «Фамилия, имя, отчество» in a «;» file therefore stays one column.
 */
export function detectSeparator(text: string): CsvSeparator {
  let sample = text.slice(0, 65_536);
  if (text.length > sample.length) sample = sample.slice(0, sample.lastIndexOf('\n') + 1) || sample;
  let best: { sep: CsvSeparator; score: [number, number, number] } | null = null;
  for (const sep of SEPARATORS) {
    let rows: string[][];
    try {
      rows = (parseCsv(sample, { ...csvOptions(sep), skip_records_with_error: true }) as string[][]).slice(0, 100);
    } catch {
      continue;
    }
    const header = recognizeHeaderRow(rows, { maxScanRows: MAX_HEADER_SCAN_ROWS });
    const fields = header ? Object.keys(header.mapping).length : 0;
    const widths = new Map<number, number>();
    for (const r of rows) if (r.length > 1) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    let same = 0;
    let width = 0;
    for (const [w, n] of widths) if (n > same || (n === same && w > width)) [same, width] = [n, w];
    const score: [number, number, number] = [fields, same, width];
    if (best === null || isBetter(score, best.score)) best = { sep, score };
  }
  return best?.sep ?? ';';
}

function readCsv(b: Buffer, fileName: string): ListFile {
  if (b.length > FILE_LIMITS.csvBytes) return fail(LIMIT_ERRORS.csvTooLarge(fileName, b.length));
  const decoded = decodeText(b);
  if (decoded === null) return fail(FILE_ERRORS.unknown(fileName));
  let text = decoded.text.replace(/^\uFEFF/u, '');
  if (text.trim() === '') return fail(FILE_ERRORS.empty(fileName));
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^<(!doctype html|html|table|\?xml)/u.test(head) || head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return fail(FILE_ERRORS.webPage(fileName));
  }
  // A line break inside a quoted cell stays a line break; CR LF and lone CR become LF so
  // that the parser sees one kind of record end in a file edited on several systems.
  text = text.replace(/\r\n?/gu, '\n');
  // Excel writes «sep=;» as the first line when asked to; it is not a row of the sheet.
  let separator: CsvSeparator | null = null;
  const sepLine = /^sep=(.)\n/iu.exec(text);
  if (sepLine) {
    const s = sepLine[1] as string;
    if ((SEPARATORS as readonly string[]).includes(s)) separator = s as CsvSeparator;
    text = text.slice(sepLine[0].length);
  }
  separator ??= detectSeparator(text);
  let records: string[][];
  try {
    records = parseCsv(text, csvOptions(separator)) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    const detail =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'в одной из ячеек открыта кавычка, которая нигде не закрыта'
        : `ошибка в строке ${err.lines ?? '?'}`;
    return fail(FILE_ERRORS.csv(fileName, detail));
  }
  const rows = records.map((r) => r.map((c) => (c === '' ? null : c)));
  return { rows, format: 'csv', encoding: decoded.encoding, separator };
}

// ---------------------------------------------------------------------------
// XLSX

/**
 * Merged cells keep their value in the top-left cell only. It is copied
 * - across the header rows, so that a group header «Адрес» over «регистрации» | «фактического
 *   проживания» names both columns;
 * - down the rows of the table, so that a class or an address merged over several pupils
 *   belongs to each of them.
 * A title line merged across the sheet and a horizontally merged signature line are left as they are.
 */
function fillMerged(sheet: SheetData): void {
  if (sheet.merged.length === 0) return;
  const header = recognizeHeaderRow(sheet.rows, { maxScanRows: MAX_HEADER_SCAN_ROWS });
  if (header === null) return;
  const top = header.headerRowIndex;
  const end = top + header.headerRowCount;
  const inHeader = (r: number) => r >= top && r < end;
  for (const m of sheet.merged) {
    const value = sheet.rows[m.top]?.[m.left];
    if (value === null || value === undefined) continue;
    for (let r = m.top; r <= Math.min(m.bottom, sheet.rows.length - 1); r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const fill = (inHeader(r) && inHeader(m.top)) || (m.top >= end && c === m.left);
        if (!fill) continue;
        const row = sheet.rows[r] as unknown[];
        while (row.length <= c) row.push(null);
        row[c] = value;
      }
    }
  }
}

interface Book {
  sheets: SheetInfo[];
  readSheet(info: SheetInfo): Promise<SheetData>;
}

/** An .xlsx, an .ods, or an .xls converted to .xlsx: the same choice of sheet, the same merged cells. */
async function readBook(b: Buffer, fileName: string, format: 'xlsx' | 'ods' | 'xls'): Promise<ListFile> {
  const damaged = format === 'ods' ? FILE_ERRORS.odsDamaged(fileName) : FILE_ERRORS.damaged(fileName);
  let book: Book;
  try {
    book = format === 'ods' ? await OdsBook.open(b, fileName) : await XlsxBook.open(b, fileName);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    return fail(damaged);
  }
  // The first visible sheet with a table header; a workbook may start with an instruction sheet.
  let firstFilled: SheetData | null = null;
  let chosen: SheetData | null = null;
  const sheets = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
  for (const info of sheets) {
    let s: SheetData;
    try {
      s = await book.readSheet(info);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      return fail(damaged);
    }
    while (s.rows.length > 0 && (s.rows.at(-1) as unknown[]).every((v) => v === null)) s.rows.pop();
    if (s.rows.length === 0) continue;
    if (recognizeHeaderRow(s.rows, { maxScanRows: MAX_HEADER_SCAN_ROWS }) !== null) {
      chosen = s;
      break;
    }
    firstFilled ??= s;
  }
  chosen ??= firstFilled;
  if (chosen === null) return fail(FILE_ERRORS.noSheets(fileName));
  fillMerged(chosen);
  return { rows: chosen.rows, format, sheetName: chosen.name };
}

/**
 * Reads a list file: .xlsx or .ods (the first sheet with a table header, or the first filled one), old .xls
 * through LibreOffice when it is installed (soffice.ts), or CSV/TXT (encoding and separator detected), within FILE_LIMITS (fileLimits.ts). Dates typed as dates in Excel come back
 * as JS Dates at UTC midnight; everything else as text or numbers, empty cells as null.
 * Throws ApiError('VALIDATION') with a Russian message for anything else.
 */
export async function readListFile(bytes: Buffer, fileName: string): Promise<ListFile> {
  if (bytes.length === 0) return fail(FILE_ERRORS.empty(fileName));
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) {
    switch (zipKind(bytes, fileName)) {
      case 'xlsx':
        return readBook(bytes, fileName, 'xlsx');
      case 'xlsb':
        return fail(FILE_ERRORS.xlsb(fileName));
      case 'ods':
        return readBook(bytes, fileName, 'ods');
      case 'word':
        return fail(FILE_ERRORS.word(fileName));
      default:
        return fail(FILE_ERRORS.archive(fileName));
    }
  }
  if (startsWith(bytes, OLE) && oleMessage(bytes, fileName) === FILE_ERRORS.xls(fileName)) {
    // Old Excel: LibreOffice, where it is installed, converts it to .xlsx; where it is not, the person is told how.
    const converted = await convertXls(bytes, fileName);
    if (converted.kind === 'absent') return fail(FILE_ERRORS.xls(fileName));
    if (converted.kind === 'failed') return fail(SOFFICE_ERRORS.failed(fileName, converted.detail));
    return readBook(converted.xlsx, fileName, 'xls');
  }
  const binary = binaryMessage(bytes, fileName);
  if (binary !== null) return fail(binary);
  return readCsv(bytes, fileName);
}

// ---------------------------------------------------------------------------
// The table in the rows

export type SkippedKind = Exclude<RowKind, 'data'> | 'header' | 'afterEnd';

export interface ListDataRow {
  /**
   * The row's number as a person counts rows under the header: 1 is the first row below
   * the header (and below the «1 2 3 4 5» column-numbering row when it sits right under the
   * header), and every row after it counts — blank lines, a repeated header, an «Итого» in
   * the middle too — so the number does not change when the person opens the file and
   * counts. The header rows and the lines above them are not counted. This is the «row»
   * of the import report and of `uchet links export`.
   */
  dataRowNo: number;
  /** 1-based row of the sheet (of the CSV records, for a CSV), as Excel numbers it. */
  fileRowNo: number;
  cells: unknown[];
}

export interface SkippedRow {
  fileRowNo: number;
  /**
   * blank, total («Итого», «Всего»), signature («Руководитель ___ Ф.И.О.», «М.П.»), numbering
   * («1 2 3 4 5»), header (the header repeated further down, as on every printed page),
   * afterEnd (a filled row below the end of the table, not read).
   */
  kind: SkippedKind;
}

export interface ExtractedList {
  /** 0-based index in `rows` of the first header row. */
  headerRowIndex: number;
  headerRowCount: number;
  /** Header text per column; merged header rows joined with « | ». */
  headers: string[];
  /** Column → field: the saved mapping when given, else the recognized one. */
  mapping: Record<number, FieldId>;
  /** Columns with a header no rule knows (for the mapping screen). */
  unknownColumns: number[];
  dataRows: ListDataRow[];
  skipped: SkippedRow[];
}

/** Texts of a row, for telling a repeated header (trailing empty cells do not matter). */
const rowKey = (row: readonly unknown[] | undefined): string => {
  const texts = (row ?? []).map((v) => cellText(v).replace(/\s+/gu, ' ').trim().toLowerCase());
  while (texts.length > 0 && texts.at(-1) === '') texts.pop();
  return JSON.stringify(texts);
};

const filled = (v: unknown): boolean => cellText(v).trim() !== '';

/**
 * Finds the header among the rows (title lines above it skipped), maps its columns, and
 * returns the rows of the table with their numbers. Below the header: blank lines,
 * «Итого»/«Всего», the numbering row, a repeated header, and rows holding nothing but
 * a number in the «№ п/п» column (a form template numbered further than it was filled)
 * are skipped. The table ends at a signature line («Руководитель», «М.П.», «Исполнитель»…),
 * and at an «Итого» that no child's row follows; rows after the end are not read.
 */
export function extractList(rows: readonly (readonly unknown[])[], saved?: { mapping: Record<number, FieldId> }): ExtractedList {
  const rec = recognizeHeaderRow(rows, { maxScanRows: MAX_HEADER_SCAN_ROWS });
  if (rec === null) return fail(FILE_ERRORS.noHeader);
  const mapping: Record<number, FieldId> = {};
  for (const [k, f] of Object.entries(saved?.mapping ?? rec.mapping)) {
    const col = Number(k);
    if (Number.isInteger(col) && col >= 0) mapping[col] = f;
  }
  const numberCols = new Set(Object.entries(mapping).filter(([, f]) => f === 'rowNumber').map(([k]) => Number(k)));
  const nameCols = Object.entries(mapping).filter(([, f]) => f === 'fio' || f === 'surname' || f === 'name').map(([k]) => Number(k));
  const dateCols = Object.entries(mapping).filter(([, f]) => f === 'birthDate').map(([k]) => Number(k));
  /** A row that names a child: a name and a birth date filled. */
  const personLike = (row: readonly unknown[]): boolean =>
    nameCols.some((c) => filled(row[c])) && (dateCols.length === 0 || dateCols.some((c) => filled(row[c])));
  const headerKey = rowKey(rows[rec.headerRowIndex]);

  const dataRows: ListDataRow[] = [];
  const skipped: SkippedRow[] = [];
  let start = rec.headerRowIndex + rec.headerRowCount;
  if (start < rows.length && classifyDataRow(rows[start] ?? []) === 'numbering') {
    skipped.push({ fileRowNo: start + 1, kind: 'numbering' });
    start++;
  }

  const kindOf = (row: readonly unknown[]): RowKind | 'header' => {
    const kind = classifyDataRow(row);
    // A child's row with a note that happens to start like a signature («Директор…») is still a child's row.
    if (kind === 'signature' && personLike(row)) return 'data';
    if (kind !== 'data') return kind;
    if (rowKey(row) === headerKey) return 'header';
    // «14» alone in the «№ п/п» column of a template numbered further than it was filled.
    if (row.every((v, c) => !filled(v) || numberCols.has(c))) return 'blank';
    return 'data';
  };

  let end = rows.length;
  for (let i = start; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const kind = kindOf(row);
    if (kind === 'data') {
      dataRows.push({ dataRowNo: i - start + 1, fileRowNo: i + 1, cells: [...row] });
      continue;
    }
    skipped.push({ fileRowNo: i + 1, kind });
    if (kind === 'signature') {
      end = i + 1;
      break;
    }
    if (kind === 'total') {
      // «Итого по 5А: 25» between classes: children follow, so the table goes on.
      let j = i + 1;
      while (j < rows.length && ['blank', 'header', 'numbering'].includes(kindOf(rows[j] ?? []))) j++;
      const next = rows[j];
      if (next === undefined || kindOf(next) !== 'data' || !personLike(next)) {
        end = i + 1;
        break;
      }
    }
  }
  for (let i = end; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const kind = kindOf(row);
    if (kind === 'blank') continue;
    skipped.push({ fileRowNo: i + 1, kind: kind === 'data' ? 'afterEnd' : kind });
  }

  return {
    headerRowIndex: rec.headerRowIndex,
    headerRowCount: rec.headerRowCount,
    headers: rec.headers,
    mapping,
    unknownColumns: rec.unknownColumns,
    dataRows,
    skipped,
  };
}
