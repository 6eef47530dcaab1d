/**
 * Files made to take the memory of whoever reads them, for the tests of the intake limits and for the
 * benchmark (test/bench/files.ts); and a measure of the process's peak memory while something runs.
 * All people here are made up.
 */
import { writeFileSync } from 'node:fs';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * The finding of issue 7: a small .xlsx with one cell per row in the last column (XFD), about 200 KB. A header
 * and three children on top, so a reader that ignores the far cells still finds the list. Written by hand
 * (exceljs takes half a minute to write it, for the same reason it took minutes to read it).
 */
export function xfdWorkbook(farRows = 23_000): Buffer {
  const cell = (ref: string, v: string | number) =>
    typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const row = (r: number, values: (string | number)[]) => `<row r="${r}">${values.map((v, i) => cell(`${String.fromCharCode(65 + i)}${r}`, v)).join('')}</row>`;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD' + (4 + farRows) + '"/><sheetData>',
    row(1, ['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Класс']),
    row(2, [1, 'Алексеева Мария Петровна', '03.02.2015', '5А']),
    row(3, [2, 'Борисов Илья Андреевич', '14.11.2014', '5А']),
    row(4, [3, 'Васильева Ольга Игоревна', '21.06.2015', '5Б']),
  ];
  // Each row's number differs, so the rows do not pack into nothing.
  for (let r = 5; r < 5 + farRows; r++) parts.push(`<row r="${r}"><c r="XFD${r}"><v>${(r * 7919) % 100_003}</v></c></row>`);
  parts.push('</sheetData></worksheet>');
  const raw = Buffer.from(parts.join(''), 'utf8');
  return zipOf(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(raw), size: raw.length }));
}

interface ZipPart {
  name: string;
  /** Deflated bytes and the true unpacked size. */
  data: Buffer;
  size: number;
  /** What the directory claims; the true size unless a test lies. */
  declared?: number;
}

/** A ZIP written by hand (deflate, no CRC check by the readers in question), so a test controls what it declares. */
export function zipOf(parts: ZipPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declared ?? p.size;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(p.data.length, 18);
    head.writeUInt32LE(declared, 22);
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, p.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dirBytes, end]);
}

const small = (name: string, text: string): ZipPart => {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(raw), size: raw.length };
};

/** The parts every workbook has, around a sheet part. */
export function workbookParts(sheet: ZipPart): ZipPart[] {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    small(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    small('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    small('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    small('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    sheet,
  ];
}

/**
 * A zip bomb: a sheet whose one cell holds `unpackedMiB` of the same letter, a few hundred KB packed. With
 * `lie`, the directory declares a few KB, as a bomb made to pass a check of declared sizes would.
 */
export async function zipBomb(unpackedMiB = 300, lie = false): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>');
  const tail = Buffer.from('</t></is></c></row></sheetData></worksheet>');
  const chunk = Buffer.alloc(1024 * 1024, 'A');
  deflate.write(head);
  for (let i = 0; i < unpackedMiB; i++) {
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end(tail);
  await done;
  const size = head.length + unpackedMiB * chunk.length + tail.length;
  return zipOf(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(out), size, declared: lie ? 4096 : size }));
}

/**
 * The peak resident memory of this process — every thread, the intake worker's included — while `fn` runs,
 * in MiB above what it held just before. On Linux the kernel's peak is reset first (/proc/self/clear_refs);
 * elsewhere the memory is sampled every 10 ms.
 */
export async function peakRssDuring<T>(fn: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let reset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    reset = true;
  } catch {
    // Not Linux: sampling only.
  }
  const base = process.memoryUsage().rss;
  let sampled = base;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10);
  try {
    const result = await fn();
    sampled = Math.max(sampled, process.memoryUsage().rss);
    const peak = reset ? Math.max(sampled, process.resourceUsage().maxRSS * 1024) : sampled;
    return { result, peakMiB: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
