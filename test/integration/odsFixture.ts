/**
 * OpenDocument spreadsheets (.ods) written by hand, the way LibreOffice Calc writes them: the mimetype stored
 * first and uncompressed, content.xml with runs of equal cells and rows folded into number-columns-repeated /
 * number-rows-repeated, merged cells as number-columns-spanned / number-rows-spanned over covered cells, dates
 * as office:date-value, numbers as float, every row padded to column AMJ (1024) and the sheet to row 1,048,576
 * with empty repeats. And the same sheet as an .xlsx written with exceljs, for comparing the two readers.
 * All people here are made up.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export type OdsValue = string | number | Date | null;

export interface OdsSheet {
  name: string;
  /** Rows from row 1; cells from column A. */
  rows: OdsValue[][];
  /** Merged ranges, 0-based and inclusive. */
  merges?: { top: number; left: number; bottom: number; right: number }[];
  /** Raw rows (XML) put after the rows above, before the padding: for hostile repeats. */
  extraXml?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text as LibreOffice writes it: runs of spaces as text:s, a line break as a second text:p, a word in a span. */
function textXml(s: string): string {
  return s
    .split('\n')
    .map((line) => {
      let out = esc(line).replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`);
      // The first word of a longer text in a span, as a bit of formatting leaves it.
      out = out.replace(/^([А-ЯЁа-яё]+)( .)/u, '<text:span text:style-name="T1">$1</text:span>$2');
      return `<text:p>${out}</text:p>`;
    })
    .join('');
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const ruDate = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;

function cellXml(v: OdsValue, span: string): { open: string; inner: string } {
  if (v === null) return { open: `table:table-cell${span}`, inner: '' };
  if (typeof v === 'number') return { open: `table:table-cell${span} office:value-type="float" office:value="${v}" calcext:value-type="float"`, inner: `<text:p>${v}</text:p>` };
  if (v instanceof Date) return { open: `table:table-cell${span} table:style-name="ce2" office:value-type="date" office:date-value="${iso(v)}" calcext:value-type="date"`, inner: `<text:p>${ruDate(v)}</text:p>` };
  return { open: `table:table-cell${span} office:value-type="string" calcext:value-type="string"`, inner: textXml(v) };
}

const COLUMNS = 1024;
const ROWS = 1_048_576;

export function contentXml(sheets: OdsSheet[]): string {
  const tables = sheets.map((sheet) => {
    const covered = new Set<string>();
    const spanAt = new Map<string, string>();
    for (const m of sheet.merges ?? []) {
      spanAt.set(`${m.top}:${m.left}`, ` table:number-columns-spanned="${m.right - m.left + 1}" table:number-rows-spanned="${m.bottom - m.top + 1}"`);
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
    }
    const rowXml = sheet.rows.map((row, r) => {
      const tokens: string[] = [];
      for (let c = 0; c < row.length; c++) {
        if (covered.has(`${r}:${c}`)) tokens.push('table:covered-table-cell|');
        else {
          const x = cellXml(row[c] ?? null, spanAt.get(`${r}:${c}`) ?? '');
          tokens.push(`${x.open}|${x.inner}`);
        }
      }
      // Runs of equal cells folded into one repeated cell, as Calc writes them.
      const parts: string[] = [];
      for (let i = 0; i < tokens.length; ) {
        let j = i;
        while (j < tokens.length && tokens[j] === tokens[i]) j++;
        const [open, inner] = (tokens[i] as string).split('|') as [string, string];
        const rep = j - i > 1 ? ` table:number-columns-repeated="${j - i}"` : '';
        parts.push(inner ? `<${open}${rep}>${inner}</${open.split(' ')[0]}>` : `<${open}${rep}/>`);
        i = j;
      }
      parts.push(`<table:table-cell table:number-columns-repeated="${COLUMNS - row.length}"/>`);
      return parts.join('');
    });
    // Runs of equal rows folded into one repeated row.
    const out: string[] = [];
    for (let i = 0; i < rowXml.length; ) {
      let j = i;
      while (j < rowXml.length && rowXml[j] === rowXml[i] && ![...covered].some((k) => k.startsWith(`${j}:`))) j++;
      if (j === i) j = i + 1;
      const rep = j - i > 1 ? ` table:number-rows-repeated="${j - i}"` : '';
      out.push(`<table:table-row table:style-name="ro1"${rep}>${rowXml[i]}</table:table-row>`);
      i = j;
    }
    out.push(sheet.extraXml ?? '');
    out.push(`<table:table-row table:style-name="ro1" table:number-rows-repeated="${ROWS - sheet.rows.length}"><table:table-cell table:number-columns-repeated="${COLUMNS}"/></table:table-row>`);
    return `<table:table table:name="${esc(sheet.name)}" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="${COLUMNS}" table:default-cell-style-name="Default"/>${out.join('')}</table:table>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">' +
    '<office:automatic-styles><style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style></office:automatic-styles>' +
    `<office:body><office:spreadsheet>${tables.join('')}</office:spreadsheet></office:body></office:document-content>`
  );
}

interface Entry {
  name: string;
  data: Buffer;
  stored?: boolean;
}

/** A ZIP with CRCs, the mimetype stored (an OpenDocument reader finds it at byte 38). */
export function zipFile(entries: Entry[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = e.stored ? e.data : deflateRawSync(e.data);
    const crc = crc32(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x800, 6);
    head.writeUInt16LE(e.stored ? 0 : 8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x800, 8);
    dir.writeUInt16LE(e.stored ? 0 : 8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dirBytes, end]);
}

export function odsBytes(sheets: OdsSheet[]): Buffer {
  const manifest =
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';
  return zipFile([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true },
    { name: 'content.xml', data: Buffer.from(contentXml(sheets), 'utf8') },
    { name: 'META-INF/manifest.xml', data: Buffer.from(manifest, 'utf8') },
  ]);
}

/** The same sheets as an .xlsx, written with exceljs (dates formatted as dates). */
export async function xlsxTwin(sheets: OdsSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = 'dd.mm.yyyy';
      }),
    );
    for (const m of sheet.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/**
 * A school's list as Calc saves it: a title merged across the table, an empty line, the header, pupils with
 * dates of birth as date cells, a class merged down over two pupils, two pupils typed the same twice (a
 * repeated row), a date that does not exist, a signature.
 */
export function schoolListSheet(): OdsSheet {
  return {
    name: 'Список',
    rows: [
      ['Список обучающихся  МБОУ «СШ № 25» на 01.09.2026', null, null, null, null],
      [],
      ['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Класс', 'Адрес регистрации'],
      [1, 'Абрамова Алиса Сергеевна', utc(2015, 2, 1), '5А', 'г. Свободный, ул. Ленина, д. 1, кв. 1'],
      [2, 'Белов Иван Петрович', utc(2014, 4, 3), '6Б', null],
      [3, 'Гусев Виктор Андреевич', utc(2015, 2, 1), '7В', 'г. Свободный, ул. Мира, д. 7'],
      [4, 'Гусева Дарья Андреевна', utc(2016, 11, 30), null, 'г. Свободный, ул. Мира, д. 7'],
      [5, 'Дмитриева Елена Олеговна', '31.02.2015', '5А', null],
      ['', 'Егоров Пётр Ильич', utc(2013, 9, 12), '8А', 'г. Свободный,  ул. Победы, д. 3'],
      ['', 'Егоров Пётр Ильич', utc(2013, 9, 12), '8А', 'г. Свободный,  ул. Победы, д. 3'],
      [],
      [null, 'Директор ____________ Иванова И. И.', null, null, null],
    ].map((r) => r.map((v) => (v === '' ? null : v))) as OdsValue[][],
    merges: [
      { top: 0, left: 0, bottom: 0, right: 4 },
      { top: 5, left: 3, bottom: 6, right: 3 },
    ],
  };
}
