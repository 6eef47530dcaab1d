/**
 * Issue 12, point 11: spreadsheets as Astra and ALT Linux save them. An .ods is read directly, exactly like its
 * .xlsx twin (same rows, same errors), within the same limits; an old .xls goes through LibreOffice where it
 * is installed, and gets today's message where it is not.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { formatIssue, parseListRow } from '../../shared/intake/parseRow';
import { FILE_LIMITS, LIMIT_ERRORS } from '../../electron/services/intake/fileLimits';
import { extractList, FILE_ERRORS, readListFile } from '../../electron/services/intake/readFile';
import { SOFFICE_ERRORS } from '../../electron/services/intake/soffice';
import { peakRssDuring } from './hostileFiles';
import { odsBytes, schoolListSheet, xlsxTwin, zipFile, type OdsSheet } from './odsFixture';

const dir = mkdtempSync(join(tmpdir(), 'uchet-ods-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errorOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e);
async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await errorOf(p);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

function parsed(rows: unknown[][]) {
  const list = extractList(rows);
  return {
    list,
    rows: list.dataRows.map((r) => {
      const p = parseListRow(r.cells, list.mapping, list.headers, { referenceYear: 2026 });
      return { dataRowNo: r.dataRowNo, values: p.values, issues: p.issues.map((i) => formatIssue(r.dataRowNo, i)) };
    }),
  };
}

describe('.ods as LibreOffice Calc saves it', () => {
  it('is read exactly like its .xlsx twin: the same rows, the merged title and class, the dates, the same errors', async () => {
    const sheet = schoolListSheet();
    const ods = odsBytes([sheet]);
    // The padding to row 1,048,576 and column 1024 is a few bytes: repeats.
    expect(ods.length).toBeLessThan(4000);
    const fromOds = await readListFile(ods, 'Список СШ 25.ods');
    const fromXlsx = await readListFile(await xlsxTwin([sheet]), 'Список СШ 25.xlsx');
    expect(fromOds).toMatchObject({ format: 'ods', sheetName: 'Список' });
    expect(fromOds.rows).toEqual(fromXlsx.rows);

    // What the rows are, not only that they agree.
    expect(fromOds.rows).toHaveLength(12);
    expect(fromOds.rows[0]).toEqual(['Список обучающихся  МБОУ «СШ № 25» на 01.09.2026']);
    expect(fromOds.rows[3]).toEqual([1, 'Абрамова Алиса Сергеевна', utc(2015, 2, 1), '5А', 'г. Свободный, ул. Ленина, д. 1, кв. 1']);
    // The class merged down over two pupils belongs to both; the repeated row is two rows.
    expect(fromOds.rows[6]?.[3]).toBe('7В');
    expect(fromOds.rows[8]).toEqual(fromOds.rows[9]);
    expect(fromOds.rows[8]?.[4]).toBe('г. Свободный,  ул. Победы, д. 3');

    const a = parsed(fromOds.rows);
    const b = parsed(fromXlsx.rows);
    expect(a).toEqual(b);
    expect(a.list.headerRowIndex).toBe(2);
    expect(a.rows.map((r) => r.values.birthDate)).toEqual(['2015-02-01', '2014-04-03', '2015-02-01', '2016-11-30', null, '2013-09-12', '2013-09-12']);
    expect(a.rows.flatMap((r) => r.issues)).toEqual(['Строка 5, «Дата рождения»: «31.02.2015» — такой даты нет']);
  });

  it('takes the first sheet with a table header, hidden sheets last, as with .xlsx', async () => {
    const note: OdsSheet = { name: 'Инструкция', rows: [['Заполните лист «Дети»']] };
    const children: OdsSheet = { name: 'Дети', rows: [['Фамилия', 'Имя', 'Дата рождения'], ['Орлова', 'Ольга', utc(2016, 6, 5)]] };
    const file = await readListFile(odsBytes([note, children]), 'книга.ods');
    expect(file.sheetName).toBe('Дети');
    expect(file.rows).toEqual([['Фамилия', 'Имя', 'Дата рождения'], ['Орлова', 'Ольга', utc(2016, 6, 5)]]);
  });

  it('a damaged .ods says so in the words of OpenDocument', async () => {
    const good = odsBytes([schoolListSheet()]);
    const e = await failure(readListFile(good.subarray(0, Math.floor(good.length * 0.6)), 'оборван.ods'));
    expect(e.message).toBe(FILE_ERRORS.odsDamaged('оборван.ods'));
  });
});

describe('a hostile .ods is refused by the same limits, without unrolling its repeats', () => {
  const header = '<table:table-row><table:table-cell office:value-type="string"><text:p>Ф.И.О.</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Дата рождения</text:p></table:table-cell></table:table-row>';
  const child = '<table:table-cell office:value-type="string"><text:p>Орлова Ольга</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2016-06-05"><text:p>05.06.2016</text:p></table:table-cell>';
  const sheetWith = (extraXml: string): OdsSheet => ({ name: 'Лист1', rows: [], extraXml });

  it('empty rows of 16,384 empty cells, 150,000 between the header and a child and 1,048,576 after: not built, the child read', async () => {
    const xml =
      header +
      `<table:table-row><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`.replace('<table:table-row>', '<table:table-row table:number-rows-repeated="150000">') +
      `<table:table-row>${child}<table:table-cell table:number-columns-repeated="16382"/></table:table-row>` +
      `<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`;
    const { result: file, peakMiB } = await peakRssDuring(() => readListFile(odsBytes([sheetWith(xml)]), 'пустоты.ods'));
    expect(file.rows).toHaveLength(150_002);
    expect(file.rows[150_001]).toEqual(['Орлова Ольга', utc(2016, 6, 5)]);
    expect(file.rows[1]).toEqual([]);
    expect(peakMiB).toBeLessThan(100);
  });

  it('a filled row repeated 1,048,576 times: refused as rows below the limit, before any is built', async () => {
    const xml = header + `<table:table-row table:number-rows-repeated="1048576">${child}</table:table-row>`;
    const { result: err, peakMiB } = await peakRssDuring(() => errorOf(readListFile(odsBytes([sheetWith(xml)]), 'бомба.ods')));
    expect((err as ApiError).message).toBe(LIMIT_ERRORS.tooManyRows('бомба.ods', 'Лист1'));
    expect((err as ApiError).message).toMatch(/заполнены строки ниже 200\s000-й/);
    expect(peakMiB).toBeLessThan(100);
  });

  it('a filled cell repeated across 16,384 columns in 100,000 rows: only 256 columns kept, refused at the cell limit', async () => {
    const xml = header + `<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>`;
    const err = await errorOf(readListFile(odsBytes([sheetWith(xml)]), 'ячейки.ods'));
    expect((err as ApiError).message).toBe(LIMIT_ERRORS.tooManyCells('ячейки.ods', 'Лист1'));
    // Under the cell limit the same repeat is read, cut at the column limit.
    const fits = header + `<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>`;
    const file = await readListFile(odsBytes([sheetWith(fits)]), 'ячейки.ods');
    expect(file.rows.slice(1).map((r) => r.length)).toEqual([FILE_LIMITS.columns, FILE_LIMITS.columns, FILE_LIMITS.columns]);
  });

  it('merged ranges over the merge limit, a content.xml past the unpacked limit, too many sheets', async () => {
    const spans = `<table:table-row table:number-rows-repeated="10000">${'<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:covered-table-cell/>'.repeat(110)}</table:table-row>`;
    expect((await failure(readListFile(odsBytes([sheetWith(header + spans)]), 'слияния.ods'))).message).toBe(LIMIT_ERRORS.tooManyMerged('слияния.ods', 'Лист1'));

    const big = zipFile([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true },
      { name: 'content.xml', data: Buffer.concat([Buffer.from('<office:document-content><office:body><office:spreadsheet><table:table table:name="Л"><table:table-row><table:table-cell><text:p>'), Buffer.alloc(FILE_LIMITS.xlsxUnpackedBytes + 1024, 'A'), Buffer.from('</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')]) },
    ]);
    expect((await failure(readListFile(big, 'большая.ods'))).message).toBe(LIMIT_ERRORS.unpackedTooLarge('большая.ods'));

    const many = Array.from({ length: FILE_LIMITS.sheets + 1 }, (_, i): OdsSheet => ({ name: `Лист${i + 1}`, rows: [] }));
    expect((await failure(readListFile(odsBytes(many), 'листы.ods'))).message).toBe(LIMIT_ERRORS.tooManySheets('листы.ods', FILE_LIMITS.sheets + 1));
  });
});

describe('old .xls', () => {
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le')]);

  const withSoffice = async <T>(path: string, fn: () => Promise<T>): Promise<T> => {
    const before = process.env['UCHET_SOFFICE'];
    process.env['UCHET_SOFFICE'] = path;
    try {
      return await fn();
    } finally {
      if (before === undefined) delete process.env['UCHET_SOFFICE'];
      else process.env['UCHET_SOFFICE'] = before;
    }
  };

  it('without LibreOffice keeps today’s message', async () => {
    const e = await withSoffice('', () => failure(readListFile(ole, 'Список.xls')));
    expect(e.message).toBe(FILE_ERRORS.xls('Список.xls'));
  });

  it('with LibreOffice: converted in a folder of its own, then read as .xlsx; a converter that fails is named', async () => {
    // A stand-in for soffice that does what it does with these arguments: writes <name>.xlsx into --outdir.
    const twin = join(dir, 'twin.xlsx');
    writeFileSync(twin, await xlsxTwin([schoolListSheet()]));
    const fake = join(dir, 'soffice');
    writeFileSync(
      fake,
      `#!/bin/sh\nout=""; prev=""; last=""\nfor a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; last="$a"; done\n` +
        `case "$*" in *--headless*--convert-to\\ xlsx*) ;; *) exit 3;; esac\nmkdir -p "$out" && cp "${twin}" "$out/$(basename "$last" .xls).xlsx"\n`,
    );
    chmodSync(fake, 0o755);
    const file = await withSoffice(fake, () => readListFile(ole, 'Список.xls'));
    expect(file.format).toBe('xls');
    expect(file.rows).toEqual((await readListFile(await xlsxTwin([schoolListSheet()]), 'x.xlsx')).rows);

    const broken = join(dir, 'soffice-broken');
    writeFileSync(broken, '#!/bin/sh\nexit 1\n');
    chmodSync(broken, 0o755);
    const e = await withSoffice(broken, () => failure(readListFile(ole, 'Список.xls')));
    expect(e.message).toBe(SOFFICE_ERRORS.failed('Список.xls', 'LibreOffice не создал файл'));
  });
});
