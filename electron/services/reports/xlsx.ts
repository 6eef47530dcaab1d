import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { formatRuDate } from '../../../shared/domain/dates';
import { cellText, stampText } from '../../../shared/reports/format';
import type { Cell, PreparedColumn, PreparedSection, PreparedTable, PrintStamp } from '../../../shared/reports/types';

/**
 * XLSX of a prepared form, from the same table as the PDF: the title block, the header with borders and wrap
 * (two rows where columns share a group label), the header frozen and repeated on every printed page, real
 * date cells shown as ДД.ММ.ГГГГ, print set-up (A4, the form's orientation, fit to width), the printout's
 * number and «Стр. N из M» in the printed footer, and the signature block under the table. Streamed, so a
 * 50,000-row list does not build the whole workbook in memory.
 */

/** Characters across the sheet (fit to width scales it to A4). */
const TOTAL_CHARS = { landscape: 170, portrait: 115 };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FONT = 'Times New Roman';
const LINE_PT = 15;

/** A text Excel would read as a formula (or a command) when typed: kept as text. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/u.test(text);
}

/**
 * One grid of columns for all the tables of a form: the union of each table's column boundaries, so a table
 * whose columns differ from another's spans several grid columns with merged cells.
 */
export function commonGrid(sections: readonly { columns: readonly { width: number }[] }[]): { widths: number[]; spans: [number, number][][] } {
  const bounds = new Set<number>([0, 1000]);
  const perSection = sections.map((s) => {
    const sum = s.columns.reduce((a, c) => a + c.width, 0) || 1;
    let acc = 0;
    return s.columns.map((c) => {
      const from = Math.round((acc / sum) * 1000);
      acc += c.width;
      const to = Math.round((acc / sum) * 1000);
      bounds.add(from);
      bounds.add(to);
      return [from, to] as const;
    });
  });
  const grid = [...bounds].sort((a, b) => a - b);
  const index = new Map(grid.map((b, i) => [b, i]));
  const widths = grid.slice(1).map((b, i) => (b - grid[i]!) / 1000);
  const spans = perSection.map((cols) => cols.map(([from, to]) => [index.get(from)! + 1, index.get(to)!] as [number, number]));
  return { widths, spans };
}

function estimateLines(text: string, chars: number): number {
  if (!text) return 1;
  return text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil((p.length * 1.08) / Math.max(4, chars - 1))), 0);
}

function cellValue(cell: Cell, col: PreparedColumn): ExcelJS.CellValue {
  if (cell === null || cell === undefined) return null;
  if (col.kind === 'date' && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(cell)) return new Date(`${cell}T00:00:00Z`);
  if (typeof cell === 'number') return cell;
  return cellText(cell, col.kind);
}

export async function renderXlsx(table: PreparedTable, stamp: PrintStamp): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => (out.on('end', resolve), out.on('error', reject)));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Учёт детей';
  wb.title = `${table.title} — ${stampText(stamp)}`;
  const created = new Date(`${stamp.date}T00:00:00Z`);
  wb.created = created;
  wb.modified = created;

  const grid = commonGrid(table.sections);
  const total = TOTAL_CHARS[table.orientation];
  const charsOf = (from: number, to: number) => grid.widths.slice(from - 1, to).reduce((s, w) => s + w * total, 0);
  const lastCol = grid.widths.length;

  // Where the first table's header is, for freezing and printing it on every page: known after the title block.
  const titleRows = 3 + table.attachment.length + table.heading.length + (table.orgFullName !== null ? 2 : 0) + (table.asOfLine ? 1 : 0);
  const firstSectionHeadingRows = table.sections[0]?.heading ? 1 : 0;
  const headerTwoRows = (s: PreparedSection) => s.columns.some((c) => c.group);
  const headerFrom = titleRows + firstSectionHeadingRows + 1;
  const headerTo = headerFrom + (table.sections[0] && headerTwoRows(table.sections[0]) ? 1 : 0);

  const ws = wb.addWorksheet('Форма', {
    views: [{ state: 'frozen', ySplit: headerTo, showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: table.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.79, right: 0.39, top: 0.59, bottom: 0.59, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerFrom}:${headerTo}`,
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: `&L&8Документ ${stampText(stamp).replace(/&/gu, '&&')}&R&8Стр. &P из &N`, evenFooter: `&L&8Документ ${stampText(stamp).replace(/&/gu, '&&')}&R&8Стр. &P из &N` },
  });
  ws.columns = grid.widths.map((w) => ({ width: Math.max(3, Math.round(w * total * 10) / 10) }));

  let r = 0;
  /** A row with one text merged across columns [from..to]. */
  const spanRow = (text: string, from: number, to: number, style: Partial<ExcelJS.Style>, height?: number): ExcelJS.Row => {
    r++;
    const row = ws.getRow(r);
    const cell = row.getCell(from);
    cell.value = text;
    cell.style = { font: { name: FONT, size: 11 }, alignment: { wrapText: true, vertical: 'top' }, ...style };
    if (looksLikeFormula(text)) cell.numFmt = '@';
    if (to > from) ws.mergeCells(r, from, r, to);
    // A line of 12-pt bold heading needs more than a line of body text; wider fonts fill a line sooner.
    const size = style.font?.size ?? 11;
    row.height = height ?? Math.round(Math.max(1, estimateLines(text, (charsOf(from, to) * 11) / size)) * Math.max(LINE_PT, size * 1.4));
    return row;
  };

  // Title block: attachment on the right, the heading, the organization with its caption, «по состоянию на».
  const attFrom = Math.max(1, Math.ceil(lastCol * 0.55));
  for (const line of table.attachment) spanRow(line, attFrom, lastCol, { font: { name: FONT, size: 9 } }).commit();
  spanRow('', 1, 1, {}, 8).commit();
  for (const line of table.heading) spanRow(line, 1, lastCol, { font: { name: FONT, size: 12, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }).commit();
  spanRow('', 1, 1, {}, 8).commit();
  if (table.orgFullName !== null) {
    spanRow(table.orgFullName, 1, lastCol, { font: { name: FONT, size: 11 }, alignment: { horizontal: 'center', wrapText: true }, border: { bottom: { style: 'thin' } } }).commit();
    const caption = table.orgCaption ? (table.orgCaption.startsWith('(') ? table.orgCaption : `(${table.orgCaption.toLowerCase()})`) : '';
    spanRow(caption, 1, lastCol, { font: { name: FONT, size: 8 }, alignment: { horizontal: 'center' } }, 12).commit();
  }
  if (table.asOfLine) spanRow(table.asOfLine, 1, lastCol, { font: { name: FONT, size: 11 }, alignment: { horizontal: 'center' } }).commit();
  spanRow('', 1, 1, {}, 8).commit();

  table.sections.forEach((section, si) => {
    const spans = grid.spans[si]!;
    if (section.heading) {
      if (si > 0) spanRow('', 1, 1, {}, 10).commit();
      spanRow(section.heading, 1, lastCol, { font: { name: FONT, size: 11, bold: true }, alignment: { horizontal: 'center', wrapText: true } }).commit();
    }
    const headStyle: Partial<ExcelJS.Style> = {
      font: { name: FONT, size: 10, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: THIN,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } },
    };
    const styleSpan = (row: ExcelJS.Row, from: number, to: number, style: Partial<ExcelJS.Style>) => {
      for (let c = from; c <= to; c++) row.getCell(c).style = style;
    };
    if (headerTwoRows(section)) {
      // Two header rows: the group label over its columns, the others merged down both rows.
      const top = ws.getRow(r + 1);
      const bottom = ws.getRow(r + 2);
      let topLines = 1;
      let bottomLines = 1;
      section.columns.forEach((c, i) => {
        const [from, to] = spans[i]!;
        styleSpan(top, from, to, headStyle);
        styleSpan(bottom, from, to, headStyle);
        if (c.group) {
          const prev = section.columns[i - 1];
          if (!prev || prev.group !== c.group) {
            let last = i;
            while (section.columns[last + 1]?.group === c.group) last++;
            top.getCell(from).value = c.group;
            ws.mergeCells(r + 1, from, r + 1, spans[last]![1]);
            topLines = Math.max(topLines, estimateLines(c.group, charsOf(from, spans[last]![1])));
          }
          bottom.getCell(from).value = c.header;
          if (to > from) ws.mergeCells(r + 2, from, r + 2, to);
          bottomLines = Math.max(bottomLines, estimateLines(c.header, charsOf(from, to)));
        } else {
          top.getCell(from).value = c.header;
          ws.mergeCells(r + 1, from, r + 2, to);
          bottomLines = Math.max(bottomLines, estimateLines(c.header, charsOf(from, to)) - topLines);
        }
      });
      top.height = topLines * LINE_PT;
      bottom.height = Math.max(1, bottomLines) * LINE_PT;
      top.commit();
      bottom.commit();
      r += 2;
    } else {
      r++;
      const row = ws.getRow(r);
      let lines = 1;
      section.columns.forEach((c, i) => {
        const [from, to] = spans[i]!;
        styleSpan(row, from, to, headStyle);
        row.getCell(from).value = c.header;
        if (to > from) ws.mergeCells(r, from, r, to);
        lines = Math.max(lines, estimateLines(c.header, charsOf(from, to)));
      });
      row.height = lines * LINE_PT;
      row.commit();
    }

    const bodyStyle = (c: PreparedColumn, bold: boolean): Partial<ExcelJS.Style> => ({
      font: { name: FONT, size: 11, bold },
      alignment: { horizontal: c.kind === 'text' ? 'left' : 'center', vertical: 'top', wrapText: true },
      border: THIN,
      ...(c.kind === 'date' ? { numFmt: 'dd.mm.yyyy' } : {}),
    });
    const styles = section.columns.map((c) => bodyStyle(c, false));
    const boldStyles = section.columns.map((c) => bodyStyle(c, true));
    const textStyle: Partial<ExcelJS.Style> = { ...styles[0], numFmt: '@' };
    const writeRow = (cells: readonly Cell[], bold: boolean) => {
      r++;
      const row = ws.getRow(r);
      let lines = 1;
      section.columns.forEach((c, i) => {
        const [from, to] = spans[i]!;
        const v = cellValue(cells[i] ?? null, c);
        const cell = row.getCell(from);
        cell.style = (bold ? boldStyles : styles)[i]!;
        if (to > from) {
          for (let k = from + 1; k <= to; k++) row.getCell(k).style = cell.style;
          ws.mergeCells(r, from, r, to);
        }
        if (typeof v === 'string' && looksLikeFormula(v)) cell.style = { ...textStyle, alignment: cell.style.alignment, font: cell.style.font };
        cell.value = v;
        if (typeof v === 'string') lines = Math.max(lines, estimateLines(v, charsOf(from, to)));
      });
      row.height = lines * LINE_PT;
      row.commit();
    };
    if (section.rowCount === 0) {
      spanRow(table.emptyText, 1, lastCol, { font: { name: FONT, size: 11 }, alignment: { horizontal: 'center' }, border: THIN }).commit();
    } else {
      for (const g of section.groups) {
        if (g.heading !== null) {
          spanRow(g.heading, 1, lastCol, {
            font: { name: FONT, size: 11, bold: true },
            border: THIN,
            fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } },
          }).commit();
        }
        for (const row of g.rows) writeRow(row, false);
      }
      for (const t of section.totals) {
        const filled = t.filter((c) => c !== null && c !== '');
        if (filled.length === 1 && typeof filled[0] === 'string') spanRow(filled[0], 1, lastCol, { font: { name: FONT, size: 11, bold: true }, border: THIN }).commit();
        else writeRow(t, true);
      }
    }
  });

  for (const note of table.footnotes) spanRow(note, 1, lastCol, { font: { name: FONT, size: 9 } }).commit();

  // Signature block: position | signature line «(подпись)» | name; М.П.; the date.
  spanRow('', 1, 1, {}, 20).commit();
  const posTo = Math.max(1, Math.ceil(lastCol * 0.4));
  const lineFrom = Math.min(lastCol, posTo + 1);
  const lineTo = Math.min(lastCol, Math.max(lineFrom, Math.ceil(lastCol * 0.65)));
  const nameFrom = Math.min(lastCol, lineTo + 1);
  r++;
  const sig = ws.getRow(r);
  const base: Partial<ExcelJS.Style> = { font: { name: FONT, size: 11 }, alignment: { vertical: 'bottom', wrapText: true } };
  sig.getCell(1).value = table.signature.position;
  sig.getCell(1).style = base;
  if (posTo > 1) ws.mergeCells(r, 1, r, posTo);
  for (let c = lineFrom; c <= lineTo; c++) sig.getCell(c).style = { ...base, border: { bottom: { style: 'thin' } } };
  if (lineTo > lineFrom) ws.mergeCells(r, lineFrom, r, lineTo);
  if (nameFrom > lineTo) {
    sig.getCell(nameFrom).value = table.signature.name || null;
    for (let c = nameFrom; c <= lastCol; c++) sig.getCell(c).style = table.signature.name ? base : { ...base, border: { bottom: { style: 'thin' } } };
    if (lastCol > nameFrom) ws.mergeCells(r, nameFrom, r, lastCol);
  }
  sig.height = Math.max(1, estimateLines(table.signature.position, charsOf(1, posTo))) * LINE_PT;
  sig.commit();
  r++;
  const cap = ws.getRow(r);
  cap.getCell(lineFrom).value = '(подпись)';
  cap.getCell(lineFrom).style = { font: { name: FONT, size: 8 }, alignment: { horizontal: 'center' } };
  if (lineTo > lineFrom) ws.mergeCells(r, lineFrom, r, lineTo);
  if (!table.signature.name && nameFrom > lineTo) {
    cap.getCell(nameFrom).value = '(расшифровка подписи)';
    cap.getCell(nameFrom).style = { font: { name: FONT, size: 8 }, alignment: { horizontal: 'center' } };
    if (lastCol > nameFrom) ws.mergeCells(r, nameFrom, r, lastCol);
  }
  cap.commit();
  if (table.signature.stamp) spanRow('М.П.', 1, posTo, { font: { name: FONT, size: 11 } }, 24).commit();
  if (table.signature.dated) spanRow(`Дата ${formatRuDate(stamp.date)}`, 1, posTo, { font: { name: FONT, size: 11 } }).commit();

  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
