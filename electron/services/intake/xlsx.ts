/**
 * Reading an .xlsx workbook within limits. The container's directory is checked first (declared sizes, number
 * of parts), then the parts are unpacked as streams with a byte budget and their XML scanned as it comes:
 * only the cells of the first FILE_LIMITS.columns columns are kept, a cell in column XFD costs nothing, and
 * rows, cells, merged ranges and sheets are counted against their limits as they are met.
 *
 * Values come out as exceljs gave them before: text, numbers, booleans, Dates (a number in a cell formatted
 * as a date, at UTC midnight for a whole day), a formula's cached result, an error as its text («#N/A»).
 */
import { posix } from 'node:path';
import { FILE_LIMITS, LIMIT_ERRORS, limitError } from './fileLimits';
import { scanXml, type XmlHandler } from './xml';
import { inflateEntry, readCentralDirectory, UnpackBudget, ZipDamaged, ZipTooLarge, type ZipEntry } from './zip';

export { ZipDamaged };

export interface SheetInfo {
  name: string;
  hidden: boolean;
  /** The part holding the sheet's XML; null when the workbook names a sheet it does not have. */
  part: string | null;
}

/** A merged range, 0-based and inclusive, clipped to the columns that are read. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetData {
  name: string;
  /** Rows from row 1 (index 0); cells from column A; empty cells null. */
  rows: unknown[][];
  merged: MergedRange[];
}

/** Column letters → 1-based number; anything past three letters is past XFD. */
function columnNumber(letters: string): number {
  if (letters.length > 3) return Infinity;
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

const CELL_REF = /^\$?([A-Z]{1,4})\$?(\d+)$/;

function parseRef(ref: string): { col: number; row: number } | null {
  const m = CELL_REF.exec(ref.toUpperCase());
  return m ? { col: columnNumber(m[1] as string), row: Number(m[2]) } : null;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, with the East Asian date ids). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** The same test exceljs applies to a custom format: date letters outside quotes and brackets. */
const isDateFormat = (code: string): boolean => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Excel keeps at most this many characters in a cell; text beyond it in a file is not Excel's and is not kept. */
const MAX_CELL_TEXT = 32_767;

/** Collects the text of one cell or shared string up to MAX_CELL_TEXT: a «cell» of 200 MB costs nothing. */
class TextParts {
  private parts: string[] = [];
  private length = 0;
  push(t: string): void {
    if (this.length >= MAX_CELL_TEXT) return;
    const part = t.length > MAX_CELL_TEXT - this.length ? t.slice(0, MAX_CELL_TEXT - this.length) : t;
    this.parts.push(part);
    this.length += part.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

/** Excel's serial day → a Date, as exceljs converts it. */
const excelToDate = (v: number, date1904: boolean): Date => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

export class XlsxBook {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly budget = new UnpackBudget(FILE_LIMITS.xlsxUnpackedBytes);
  private sharedStrings: string[] = [];
  private dateStyles: boolean[] = [];
  private date1904 = false;
  sheets: SheetInfo[] = [];

  private constructor(
    private readonly bytes: Buffer,
    private readonly fileName: string,
  ) {}

  /** Reads the directory, the workbook, its shared strings and styles; sheets are read when asked for. */
  static async open(bytes: Buffer, fileName: string): Promise<XlsxBook> {
    const book = new XlsxBook(bytes, fileName);
    try {
      const entries = readCentralDirectory(bytes, FILE_LIMITS.xlsxEntries);
      let declared = 0;
      for (const e of entries) {
        declared += e.size;
        book.byName.set(e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), e);
      }
      if (declared > FILE_LIMITS.xlsxUnpackedBytes) throw new ZipTooLarge('declared');
      await book.readWorkbook();
    } catch (err) {
      throw book.translate(err);
    }
    return book;
  }

  /** A limit passed in the container becomes the person's message; everything else stays what it is. */
  private translate(err: unknown): unknown {
    if (err instanceof ZipTooLarge) return limitError(LIMIT_ERRORS.unpackedTooLarge(this.fileName));
    return err;
  }

  private entry(path: string): ZipEntry | undefined {
    return this.byName.get(path.toLowerCase());
  }

  private async scanPart(path: string, h: XmlHandler): Promise<boolean> {
    const e = this.entry(path);
    if (!e) return false;
    await scanXml(inflateEntry(this.bytes, e, this.budget), h);
    return true;
  }

  /** Relationship id → part path, for the part at `from`. */
  private async rels(from: string): Promise<Map<string, string>> {
    const dir = posix.dirname(from);
    const relsPath = posix.join(dir === '.' ? '' : dir, '_rels', `${posix.basename(from)}.rels`);
    const out = new Map<string, string>();
    await this.scanPart(relsPath, {
      open(name, a) {
        if (name !== 'Relationship' || !a['Id'] || !a['Target'] || a['TargetMode'] === 'External') return;
        const target = a['Target'];
        out.set(a['Id'], target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir === '.' ? '' : dir, target)));
      },
      close() {},
      text() {},
    });
    return out;
  }

  private async readWorkbook(): Promise<void> {
    let workbook = 'xl/workbook.xml';
    const root = await this.rels('');
    for (const [, target] of root) if (/workbook\.xml$/i.test(target)) workbook = target;
    if (!this.entry(workbook)) throw new ZipDamaged('no workbook part');
    const rels = await this.rels(workbook);
    const sheets: { name: string; hidden: boolean; rid: string }[] = [];
    const fileName = this.fileName;
    await this.scanPart(workbook, {
      open: (name, a) => {
        if (name === 'workbookPr') this.date1904 = a['date1904'] === '1' || a['date1904'] === 'true';
        if (name !== 'sheet') return;
        if (sheets.length >= FILE_LIMITS.sheets) throw limitError(LIMIT_ERRORS.tooManySheets(fileName, sheets.length + 1));
        const rid = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: a['name'] ?? `Лист${sheets.length + 1}`, hidden: a['state'] === 'hidden' || a['state'] === 'veryHidden', rid });
      },
      close() {},
      text() {},
    });
    this.sheets = sheets.map((s) => {
      const part = rels.get(s.rid) ?? null;
      return { name: s.name, hidden: s.hidden, part: part && this.entry(part) ? part : null };
    });
    const partOf = (kind: string) => [...rels.values()].find((p) => new RegExp(`${kind}\\.xml$`, 'i').test(p));
    await this.readSharedStrings(partOf('sharedStrings') ?? 'xl/sharedStrings.xml');
    await this.readStyles(partOf('styles') ?? 'xl/styles.xml');
  }

  /** Each <si>: its text runs joined, phonetic hints (<rPh>) left out — what rich text reads as. */
  private async readSharedStrings(path: string): Promise<void> {
    const out: string[] = [];
    let cur: TextParts | null = null;
    let inT = false;
    let phonetic = 0;
    await this.scanPart(path, {
      open(name, _a, selfClosing) {
        if (name === 'si') cur = new TextParts();
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && !selfClosing && phonetic === 0) inT = true;
      },
      close(name) {
        if (name === 'si') {
          out.push(cur?.text() ?? '');
          cur = null;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inT = false;
      },
      text(t) {
        if (inT && cur) cur.push(t);
      },
    });
    this.sharedStrings = out;
  }

  private async readStyles(path: string): Promise<void> {
    const formats = new Map<number, string>();
    const xfFormats: number[] = [];
    let inCellXfs = false;
    await this.scanPart(path, {
      open(name, a) {
        if (name === 'numFmt') formats.set(Number(a['numFmtId']), a['formatCode'] ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a['numFmtId'] ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    });
    this.dateStyles = xfFormats.map((id) => {
      const custom = formats.get(id);
      return custom !== undefined ? isDateFormat(custom) : BUILTIN_DATE_FORMATS.has(id);
    });
  }

  /** One sheet's rows, columns past the limit dropped as they are read. */
  async readSheet(sheet: SheetInfo): Promise<SheetData> {
    const rows: unknown[][] = [];
    const merged: MergedRange[] = [];
    if (!sheet.part) return { name: sheet.name, rows, merged };
    const { sharedStrings, dateStyles, date1904, fileName } = this;
    const maxCol = FILE_LIMITS.columns;
    let rowNo = 0;
    let colNo = 0;
    let cells = 0;
    let mergedArea = 0;
    // The cell being read.
    let inCell = false;
    let skip = false;
    let type = 'n';
    let style = 0;
    let value = new TextParts();
    let inline = new TextParts();
    let inV = false;
    let inT = false;
    let inIs = false;
    let phonetic = 0;

    const cellValue = (): unknown => {
      const v = value.text();
      switch (type) {
        case 's': {
          const s = sharedStrings[Number(v)];
          return s === undefined || s === '' ? null : s;
        }
        case 'inlineStr': {
          const s = inline.text();
          return s === '' ? null : s;
        }
        case 'str':
          return v === '' ? null : v;
        case 'b':
          return v === '' ? null : v === '1' || v === 'true';
        case 'e':
          return v === '' ? null : v;
        case 'd': {
          const d = new Date(v);
          return Number.isNaN(d.getTime()) ? (v === '' ? null : v) : d;
        }
        default: {
          if (v.trim() === '') return null;
          const n = Number(v);
          if (Number.isNaN(n)) return v;
          return dateStyles[style] ? excelToDate(n, date1904) : n;
        }
      }
    };

    try {
      await this.scanPart(sheet.part, {
        open(name, a, selfClosing) {
          if (inCell) {
            if (skip) return;
            if (name === 'v') inV = !selfClosing;
            else if (name === 'is') inIs = true;
            else if (name === 'rPh') phonetic++;
            else if (name === 't' && inIs && phonetic === 0) inT = !selfClosing;
            return;
          }
          if (name === 'row') {
            const r = Number(a['r']);
            rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
            colNo = 0;
          } else if (name === 'c') {
            const ref = a['r'] ? parseRef(a['r']) : null;
            colNo = ref ? ref.col : colNo + 1;
            if (rowNo === 0) rowNo = ref?.row ?? 1;
            inCell = !selfClosing;
            skip = colNo > maxCol;
            type = a['t'] ?? 'n';
            style = Number(a['s'] ?? 0);
            value = new TextParts();
            inline = new TextParts();
          } else if (name === 'mergeCell' && a['ref']) {
            const [from, to] = a['ref'].split(':');
            const p = from ? parseRef(from) : null;
            const q = to ? parseRef(to) : p;
            if (!p || !q || p.col > maxCol) return;
            const range = { top: Math.min(p.row, q.row) - 1, left: Math.min(p.col, q.col) - 1, bottom: Math.max(p.row, q.row) - 1, right: Math.min(Math.max(p.col, q.col), maxCol) - 1 };
            // Clipped to the rows that hold anything: a range reaching row 1,048,576 costs only what it covers.
            range.bottom = Math.min(range.bottom, Math.max(rows.length - 1, range.top));
            mergedArea += (range.bottom - range.top + 1) * (range.right - range.left + 1);
            if (mergedArea > FILE_LIMITS.mergedCells) throw limitError(LIMIT_ERRORS.tooManyMerged(fileName, sheet.name));
            merged.push(range);
          }
        },
        close(name) {
          if (!inCell) return;
          if (name === 'c') {
            inCell = false;
            if (skip) return;
            const v = cellValue();
            if (v === null) return;
            if (rowNo > FILE_LIMITS.rows) throw limitError(LIMIT_ERRORS.tooManyRows(fileName, sheet.name));
            if (++cells > FILE_LIMITS.cells) throw limitError(LIMIT_ERRORS.tooManyCells(fileName, sheet.name));
            const row = (rows[rowNo - 1] ??= []);
            row[colNo - 1] = v;
          } else if (name === 'v') inV = false;
          else if (name === 'is') inIs = false;
          else if (name === 'rPh') phonetic--;
          else if (name === 't') inT = false;
        },
        text(t) {
          if (!inCell || skip) return;
          if (inV) value.push(t);
          else if (inT) inline.push(t);
        },
      });
    } catch (err) {
      throw this.translate(err);
    }
    // Holes become empty rows and empty cells.
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      rows[i] = row === undefined ? [] : Array.from(row, (v) => (v === undefined ? null : v));
    }
    // Merged cells other than the top-left one hold nothing, whatever the file wrote in them.
    for (const m of merged) {
      for (let r = m.top; r <= Math.min(m.bottom, rows.length - 1); r++) {
        const row = rows[r] as unknown[];
        for (let c = m.left; c <= Math.min(m.right, row.length - 1); c++) if (r !== m.top || c !== m.left) row[c] = null;
      }
    }
    return { name: sheet.name, rows, merged };
  }
}
