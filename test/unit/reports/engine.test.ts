import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../electron/services/reports/pdf';
import { columnWidths, paginate, wrapText, type FlowBlock, type Measure } from '../../../electron/services/reports/engine';
import { commonGrid, looksLikeFormula, renderXlsx } from '../../../electron/services/reports/xlsx';
import { headInitials } from '../../../shared/reports/format';
import type { PreparedTable } from '../../../shared/reports/types';

// Every character 0.5 wide at size 1 (bold 0.6): widths are easy to reason about.
const mono: Measure = (text, bold) => [...text].length * (bold ? 0.6 : 0.5);

describe('wrapping text into a cell', () => {
  it('breaks at spaces, keeps what fits on a line, and never exceeds the width', () => {
    // 10 pt: 5 pt a character; 60 pt wide: 12 characters a line.
    const lines = wrapText('г. Кстово, ул. Ленина, д. 1, кв. 2', 60, 10, false, mono);
    expect(lines).toEqual(['г. Кстово,', 'ул. Ленина,', 'д. 1, кв. 2']);
    for (const l of lines) expect(mono(l, false) * 10).toBeLessThanOrEqual(60);
  });

  it('breaks a word longer than the cell where it stops fitting, and keeps explicit line breaks', () => {
    expect(wrapText('Абвгдеёжзийклмн', 30, 10, false, mono)).toEqual(['Абвгде', 'ёжзийк', 'лмн']);
    expect(wrapText('первая\nвторая строка', 200, 10, false, mono)).toEqual(['первая', 'вторая строка']);
    expect(wrapText('', 50, 10, false, mono)).toEqual(['']);
  });

  it('wraps bold text by its own (wider) measure', () => {
    expect(wrapText('один два три', 45, 10, false, mono)).toEqual(['один два', 'три']);
    expect(wrapText('один два три', 45, 10, true, mono)).toEqual(['один', 'два три']);
  });
});

describe('column widths', () => {
  it('scales relative widths to the table and sums exactly to it', () => {
    const w = columnWidths([5, 26, 11, 26], 760);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(760, 6);
    expect(w[1]! / w[0]!).toBeCloseTo(26 / 5, 1);
  });
});

const block = (height: number, over: Partial<FlowBlock> = {}): FlowBlock => ({ height, keepWithNext: false, section: 0, isHeader: false, ...over });

describe('pagination', () => {
  it('never cuts a row, repeats the header on every continuation page, and fills pages', () => {
    const blocks = [block(30, { isHeader: true, keepWithNext: true }), ...Array.from({ length: 20 }, () => block(20))];
    const pages = paginate(blocks, { pageHeight: 200, firstPageUsed: 50, headerOf: () => 0 });
    // Page 1: 50 used by the title, header 30, then 6 rows (120) = 200.
    expect(pages[0]!.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const page of pages.slice(1)) {
      expect(page[0]).toEqual({ index: 0, repeat: true });
      const used = page.reduce((s, p) => s + blocks[p.index]!.height, 0);
      expect(used).toBeLessThanOrEqual(200);
    }
    // Every row exactly once, in order.
    const rows = pages.flat().filter((p) => !p.repeat && p.index > 0).map((p) => p.index);
    expect(rows).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('moves a group heading with its first row, and the last row with the signature', () => {
    const blocks = [
      block(30, { isHeader: true, keepWithNext: true }),
      block(20),
      block(20),
      block(20, { keepWithNext: true }), // group heading at the bottom of page 1
      block(20),
      block(20, { keepWithNext: true }), // last row
      block(40, { section: null }), // signature
    ];
    const pages = paginate(blocks, { pageHeight: 100, firstPageUsed: 0, headerOf: () => 0 });
    expect(pages.map((p) => p.map((x) => (x.repeat ? 'H' : x.index)))).toEqual([
      [0, 1, 2],
      ['H', 3, 4],
      ['H', 5, 6],
    ]);
  });

  it('keeps a header off the bottom of a page: it goes with the first row', () => {
    const blocks = [block(40, { section: null, keepWithNext: false }), block(30, { isHeader: true, keepWithNext: true }), block(20)];
    const pages = paginate(blocks, { pageHeight: 100, firstPageUsed: 40, headerOf: () => 1 });
    expect(pages.map((p) => p.map((x) => x.index))).toEqual([[0], [1, 2]]);
  });

  it('breaks a chain taller than a page between blocks instead of looping', () => {
    const blocks = [block(30, { isHeader: true, keepWithNext: true }), ...Array.from({ length: 8 }, () => block(20, { keepWithNext: true })), block(10, { section: null })];
    const pages = paginate(blocks, { pageHeight: 100, firstPageUsed: 0, headerOf: () => 0 });
    expect(pages.flat().filter((p) => !p.repeat).map((p) => p.index)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    for (const page of pages) expect(page.reduce((s, p) => s + blocks[p.index]!.height, 0)).toBeLessThanOrEqual(100);
  });
});

describe('the signature and the spreadsheet', () => {
  it('writes the head as «И.О. Фамилия»', () => {
    expect(headInitials('Петрова Мария Ивановна')).toBe('М.И. Петрова');
    expect(headInitials('Петрова Мария')).toBe('М. Петрова');
    expect(headInitials('Петрова М.И.')).toBe('М.И. Петрова');
    expect(headInitials('М.И. Петрова')).toBe('М.И. Петрова');
    expect(headInitials('  ')).toBe('');
  });

  it('lays tables with different columns on one grid of merged cells', () => {
    const g = commonGrid([{ columns: [{ width: 1 }, { width: 1 }] }, { columns: [{ width: 1 }, { width: 3 }] }]);
    expect(g.widths).toEqual([0.25, 0.25, 0.5]);
    expect(g.spans).toEqual([
      [[1, 2], [3, 3]],
      [[1, 1], [2, 3]],
    ]);
  });

  it('writes a text that looks like a formula as text, never as a formula', async () => {
    expect(['=1+1', '+7 900', '-5', '@SUM(A1)'].every(looksLikeFormula)).toBe(true);
    expect(looksLikeFormula('Иванов')).toBe(false);
    const columns = [
      { key: 'n', header: '№', width: 5, kind: 'index' as const },
      { key: 'fio', header: 'ФИО', width: 30, kind: 'text' as const },
      { key: 'b', header: 'Дата рождения', width: 10, kind: 'date' as const },
    ];
    const rows = [
      [1, '=HYPERLINK("http://x","y")', '2014-02-03'],
      [2, '+7 900 000-00-00', '2015-01-01'],
      [3, '-1', null],
      [4, '@cmd', null],
    ];
    const section = { heading: null, columns, groups: [{ heading: null, rows }], totals: [], rowCount: 4, listsChildren: true };
    const table: PreparedTable = {
      formId: 't', profileId: 'p', title: 'Тест', orientation: 'portrait', attachment: ['Приложение'], heading: ['Заголовок'], orgFullName: 'Организация', orgCaption: null,
      asOf: '2026-09-01', asOfLine: 'по состоянию на 01.09.2026', params: { orgId: 1, asOf: '2026-09-01', year: null }, periodFrom: null,
      columns, groups: section.groups, totals: [], sections: [section], childCount: 4, signature: { position: 'Директор', name: 'А.Б. Иванова', stamp: true, dated: false }, footnotes: [], emptyText: 'Сведений нет',
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(table, { number: '2026-000001', date: '2026-09-02' })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const found: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => (typeof c.value === 'string' && looksLikeFormula(c.value) ? found.push(c) : undefined)));
    expect(found.map((c) => c.value)).toEqual(rows.map((r) => r[1]));
    for (const c of found) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    const dates: Date[] = [];
    ws.eachRow((row) => row.eachCell((c) => (c.value instanceof Date ? dates.push(c.value) : undefined)));
    expect(dates.map((d) => d.toISOString().slice(0, 10))).toEqual(['2014-02-03', '2015-01-01']);
    // The PDF of the same table and stamp is the same file (the register compares hashes), another stamp is not.
    const hash = async (stamp: { number: string; date: string }) => createHash('sha256').update(await renderPdf(table, stamp)).digest('hex');
    const first = await hash({ number: '2026-000001', date: '2026-09-02' });
    expect(await hash({ number: '2026-000001', date: '2026-09-02' })).toBe(first);
    expect(await hash({ number: '2026-000002', date: '2026-09-02' })).not.toBe(first);
  });
});
