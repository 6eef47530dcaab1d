/**
 * Reading an OpenDocument spreadsheet (.ods — what LibreOffice Calc on Astra and ALT Linux saves by default)
 * with the same container reader, XML scanner and limits as .xlsx (zip.ts, xml.ts, fileLimits.ts).
 *
 * content.xml holds every sheet as table:table → table:table-row → table:table-cell. A row or a cell may say it
 * is repeated (table:number-rows-repeated / table:number-columns-repeated): LibreOffice ends every sheet with
 * a row repeated up to row 1,048,576 and a cell repeated to the last column. Repeats are never unrolled when
 * they are empty; a filled repeat is materialized, and counted against the limits, copy by copy — only the
 * first FILE_LIMITS.columns columns, never below FILE_LIMITS.rows. So a «repeat bomb» costs what it would
 * cost as cells actually written, and is refused with the same messages as an .xlsx.
 *
 * Values come out as the .xlsx reader gives them: text, numbers, booleans, Dates at UTC midnight for a whole
 * day; merged ranges (table:number-columns-spanned / number-rows-spanned) as MergedRange, their covered cells
 * empty.
 */
import { FILE_LIMITS, LIMIT_ERRORS, limitError } from './fileLimits';
import { scanXml } from './xml';
import type { MergedRange, SheetData, SheetInfo } from './xlsx';
import { inflateEntry, readCentralDirectory, UnpackBudget, ZipDamaged, ZipTooLarge, type ZipEntry } from './zip';

/** Excel keeps at most this many characters in a cell; the .xlsx reader keeps no more. */
const MAX_CELL_TEXT = 32_767;

const count = (v: string | undefined): number => {
  const n = Number(v ?? 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
};

/** «2015-03-04» or «2015-03-04T10:30:00[.5]» → the Date the .xlsx reader gives for the same cell (UTC). */
function odsDate(v: string): Date | null {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?/.exec(v);
  if (!m) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** «PT10H30M00S» → a time as Excel keeps it: a Date on 30.12.1899. */
function odsTime(v: string): Date | null {
  const m = /^-?P(?:(\d+)D)?T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(v);
  if (!m) return null;
  const seconds = Number(m[1] ?? 0) * 86_400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return new Date(Date.UTC(1899, 11, 30) + Math.round(seconds * 1000));
}

interface PendingCell {
  col: number;
  value: unknown;
}

export class OdsBook {
  private content: ZipEntry | null = null;
  sheets: SheetInfo[] = [];

  private constructor(
    private readonly bytes: Buffer,
    private readonly fileName: string,
  ) {}

  /** Reads the directory and the sheets' names (and which are hidden); a sheet's cells are read when asked for. */
  static async open(bytes: Buffer, fileName: string): Promise<OdsBook> {
    const book = new OdsBook(bytes, fileName);
    try {
      const entries = readCentralDirectory(bytes, FILE_LIMITS.xlsxEntries);
      let declared = 0;
      for (const e of entries) {
        declared += e.size;
        if (e.name.replace(/^\//, '').toLowerCase() === 'content.xml') book.content = e;
      }
      if (declared > FILE_LIMITS.xlsxUnpackedBytes) throw new ZipTooLarge('declared');
      if (!book.content) throw new ZipDamaged('no content.xml');
      await book.readNames();
    } catch (err) {
      throw book.translate(err);
    }
    return book;
  }

  private translate(err: unknown): unknown {
    if (err instanceof ZipTooLarge) return limitError(LIMIT_ERRORS.unpackedTooLarge(this.fileName));
    return err;
  }

  /** Each scan of content.xml unpacks it afresh, within the same budget as a whole .xlsx. */
  private scan(h: Parameters<typeof scanXml>[1]): Promise<void> {
    return scanXml(inflateEntry(this.bytes, this.content as ZipEntry, new UnpackBudget(FILE_LIMITS.xlsxUnpackedBytes)), h);
  }

  private async readNames(): Promise<void> {
    const hiddenStyles = new Set<string>();
    const found: { name: string; style: string }[] = [];
    let tableStyle: string | null = null;
    let depth = 0;
    const fileName = this.fileName;
    await this.scan({
      open(name, a, selfClosing) {
        if (name === 'style' && a['style:family'] === 'table' && !selfClosing) tableStyle = a['style:name'] ?? null;
        else if (name === 'table-properties' && tableStyle !== null && a['table:display'] === 'false') hiddenStyles.add(tableStyle);
        else if (name === 'table') {
          if (depth === 0) {
            if (found.length >= FILE_LIMITS.sheets) throw limitError(LIMIT_ERRORS.tooManySheets(fileName, found.length + 1));
            found.push({ name: a['table:name'] ?? `Лист${found.length + 1}`, style: a['table:style-name'] ?? '' });
          }
          if (!selfClosing) depth++;
        }
      },
      close(name) {
        if (name === 'style') tableStyle = null;
        else if (name === 'table') depth--;
      },
      text() {},
    });
    this.sheets = found.map((s, i) => ({ name: s.name, hidden: hiddenStyles.has(s.style), part: String(i) }));
  }

  /** One sheet's rows: repeats unrolled only where they hold something, columns past the limit never kept. */
  async readSheet(sheet: SheetInfo): Promise<SheetData> {
    const index = Number(sheet.part);
    const rows: unknown[][] = [];
    const merged: MergedRange[] = [];
    const { fileName } = this;
    const maxCol = FILE_LIMITS.columns;
    let tableNo = -1;
    let depth = 0; // table nesting: only the sheet's own rows count, not a table inside a cell
    let inSheet = false;
    let rowNo = 0; // 0-based index of the row being read
    let rowRepeat = 1;
    let colNo = 0; // 0-based index of the cell being read
    let pending: PendingCell[] = [];
    let spans: { col: number; cols: number; rows: number }[] = [];
    let cells = 0;
    // The cell being read.
    let inCell = false;
    let cellRepeat = 1;
    let cellType = '';
    let cellAttrs: Record<string, string> = {};
    let text: string[] = [];
    let textLength = 0;
    let paragraphs = 0;
    let inP = 0;
    let ignored = 0; // inside an annotation or a note: not the cell's value

    const pushText = (t: string) => {
      if (textLength >= MAX_CELL_TEXT) return;
      const part = t.length > MAX_CELL_TEXT - textLength ? t.slice(0, MAX_CELL_TEXT - textLength) : t;
      text.push(part);
      textLength += part.length;
    };

    const cellValue = (): unknown => {
      const a = cellAttrs;
      switch (cellType) {
        case 'float':
        case 'percentage':
        case 'currency': {
          const n = Number(a['office:value']);
          return a['office:value'] === undefined || Number.isNaN(n) ? stringValue() : n;
        }
        case 'date':
          return odsDate(a['office:date-value'] ?? '') ?? stringValue();
        case 'time':
          return odsTime(a['office:time-value'] ?? '') ?? stringValue();
        case 'boolean': {
          const b = a['office:boolean-value'];
          return b === undefined ? stringValue() : b === 'true' || b === '1';
        }
        default:
          return stringValue();
      }
    };
    const stringValue = (): string | null => {
      const s = cellAttrs['office:string-value'] ?? text.join('');
      return s === '' ? null : s;
    };

    const startRow = (a: Record<string, string>) => {
      rowRepeat = count(a['table:number-rows-repeated']);
      colNo = 0;
      pending = [];
      spans = [];
    };

    const endRow = () => {
      if (pending.length > 0) {
        // The last copy's number decides, as a filled cell below the limit does in an .xlsx.
        if (rowNo + rowRepeat > FILE_LIMITS.rows) throw limitError(LIMIT_ERRORS.tooManyRows(fileName, sheet.name));
        for (let k = 0; k < rowRepeat; k++) {
          cells += pending.length;
          if (cells > FILE_LIMITS.cells) throw limitError(LIMIT_ERRORS.tooManyCells(fileName, sheet.name));
          const row: unknown[] = (rows[rowNo + k] = []);
          for (const c of pending) row[c.col] = c.value;
        }
      }
      // A merge in an empty repeated row is kept once: copies of it hold nothing to fill.
      const copies = pending.length > 0 ? rowRepeat : 1;
      for (let k = 0; k < copies; k++) {
        for (const s of spans) {
          const top = rowNo + k;
          // Every range covers at least one cell however it is clipped: more ranges than the limit is over it.
          if (merged.length >= FILE_LIMITS.mergedCells) throw limitError(LIMIT_ERRORS.tooManyMerged(fileName, sheet.name));
          merged.push({ top, left: s.col, bottom: top + s.rows - 1, right: Math.min(s.col + s.cols, maxCol) - 1 });
        }
      }
      rowNo += rowRepeat;
    };

    const endCell = () => {
      inCell = false;
      const value = cellValue();
      const spanCols = count(cellAttrs['table:number-columns-spanned']);
      const spanRows = count(cellAttrs['table:number-rows-spanned']);
      for (let k = 0; k < cellRepeat && colNo + k < maxCol; k++) {
        const col = colNo + k;
        if (value !== null) pending.push({ col, value });
        if (spanCols > 1 || spanRows > 1) spans.push({ col, cols: spanCols, rows: spanRows });
      }
      colNo += cellRepeat;
    };

    try {
      await this.scan({
        open(name, a, selfClosing) {
          if (name === 'table') {
            if (depth === 0) {
              tableNo++;
              inSheet = tableNo === index;
            }
            if (!selfClosing) depth++;
            return;
          }
          if (!inSheet || depth !== 1) return;
          if (inCell) {
            if (name === 'annotation' || name === 'note') ignored++;
            if (ignored > 0) return;
            if (name === 'p' || name === 'h') {
              if (paragraphs++ > 0) pushText('\n');
              if (!selfClosing) inP++;
            } else if (inP > 0 && name === 's') pushText(' '.repeat(Math.min(count(a['text:c']), MAX_CELL_TEXT)));
            else if (inP > 0 && name === 'tab') pushText('\t');
            else if (inP > 0 && name === 'line-break') pushText('\n');
            return;
          }
          if (name === 'table-row') {
            startRow(a);
            if (selfClosing) endRow();
          } else if (name === 'table-cell' || name === 'covered-table-cell') {
            cellRepeat = count(a['table:number-columns-repeated']);
            // A covered cell is part of a merge: it holds nothing, whatever the file wrote in it.
            cellType = name === 'covered-table-cell' ? 'covered' : (a['office:value-type'] ?? a['calcext:value-type'] ?? '');
            cellAttrs = name === 'covered-table-cell' ? {} : a;
            text = [];
            textLength = 0;
            paragraphs = 0;
            inP = 0;
            ignored = 0;
            inCell = true;
            if (selfClosing) endCell();
          }
        },
        close(name) {
          if (name === 'table') {
            depth--;
            if (depth === 0) inSheet = false;
            return;
          }
          if (!inSheet || depth !== 1) return;
          if (inCell) {
            if (name === 'annotation' || name === 'note') ignored--;
            else if (ignored > 0) return;
            else if (name === 'p' || name === 'h') inP--;
            else if (name === 'table-cell' || name === 'covered-table-cell') {
              if (cellType === 'covered') text = [];
              endCell();
            }
            return;
          }
          if (name === 'table-row') endRow();
        },
        text(t) {
          if (inSheet && inCell && inP > 0 && ignored === 0 && depth === 1) pushText(t);
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
    // Clipped to the rows that hold anything, as the .xlsx reader clips a range reaching the sheet's end, and
    // counted against the same limit.
    let mergedArea = 0;
    for (const m of merged) {
      m.bottom = Math.min(m.bottom, Math.max(rows.length - 1, m.top));
      mergedArea += (m.bottom - m.top + 1) * (m.right - m.left + 1);
      if (mergedArea > FILE_LIMITS.mergedCells) throw limitError(LIMIT_ERRORS.tooManyMerged(fileName, sheet.name));
    }
    for (const m of merged) {
      for (let r = m.top; r <= Math.min(m.bottom, rows.length - 1); r++) {
        const row = rows[r] as unknown[];
        for (let c = m.left; c <= Math.min(m.right, row.length - 1); c++) if (r !== m.top || c !== m.left) row[c] = null;
      }
    }
    return { name: sheet.name, rows, merged };
  }
}
