import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setUp } from './helpers';

// Organizations of a made-up municipality from a real XLSX (written with exceljs, read back by the app's reader in
// its worker): preview, all-or-nothing apply, re-import updates instead of adding twice.

/** A valid 10-digit ИНН from 9 digits (check digit computed). */
function inn(nine: string): string {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const d = nine.split('').map(Number);
  return nine + String((w.reduce((s, x, i) => s + x * d[i]!, 0) % 11) % 10);
}

const HEADER = ['№ п/п', 'Полное наименование', 'Краткое наименование', 'Вид', 'Адрес', 'Должность руководителя', 'ФИО руководителя', 'ИНН'];
const SCHOOL_1 = ['1', 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»', 'МБОУ СШ № 1', 'школа', 'г. Кстово, ул. Ленина, д. 3', 'Директор', 'Тестова Анна Петровна', inn('525000001')];
const SCHOOL_2 = ['2', 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 2»', 'МБОУ СШ № 2', '', 'г. Кстово, ул. Мира, д. 8', 'Директор', 'Примерова Ольга Ивановна', inn('525000002')];
const KINDERGARTEN = ['3', 'Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 7»', 'МБДОУ д/с № 7', 'Детский сад', 'г. Кстово, ул. Мира, д. 2', 'Заведующий', 'Образцова Мария Львовна', inn('525000007')];

async function xlsx(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Организации');
  ws.addRow(['Перечень образовательных организаций Кстовского муниципального округа']);
  ws.addRow([]);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow(['Исполнитель ____________']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('organizations from a spreadsheet (issue 10, point 4)', () => {
  it('shows the rows, applies them in one go, and a second import of the same organizations updates them', async () => {
    const w = await setUp('kstovo');
    const before = await w.call('orgs.list', {});
    const base64 = await xlsx([SCHOOL_1, SCHOOL_2, KINDERGARTEN]);
    const preview = await w.call('orgs.importPreview', { fileName: 'организации.xlsx', base64 });
    expect(preview.errorRows).toBe(0);
    expect(preview.rows.map((r) => [r.fileRowNo, r.kind, r.action])).toEqual([
      [4, 'school', 'add'],
      [5, 'school', 'add'], // the kind told by the name when the cell is empty
      [6, 'kindergarten', 'add'],
    ]);
    expect((await w.call('orgs.list', {})).length).toBe(before.length); // a preview changes nothing

    const applied = await w.call('orgs.importApply', { fileName: 'организации.xlsx', base64 });
    expect(applied).toMatchObject({ applied: true, added: 3, updated: 0 });
    const after = await w.call('orgs.list', {});
    expect(after.length).toBe(before.length + 3);
    expect(after.find((o) => o.shortName === 'МБОУ СШ № 2')).toMatchObject({ kind: 'school', headName: 'Примерова Ольга Ивановна', address: 'г. Кстово, ул. Мира, д. 8' });
    const sqlite = w.ws.current!.open.sqlite;
    expect(sqlite.prepare("SELECT inn FROM organizations WHERE short_name = 'МБОУ СШ № 1'").pluck().get()).toBe(SCHOOL_1[7]);

    // Again, with a new head of school 1 and the kindergarten's short name changed (found by its ИНН).
    const again = await xlsx([
      [...SCHOOL_1.slice(0, 6), 'Новикова Елена Сергеевна', SCHOOL_1[7]!],
      SCHOOL_2,
      [KINDERGARTEN[0]!, KINDERGARTEN[1]!, 'МБДОУ «Детский сад № 7»', ...KINDERGARTEN.slice(3)],
    ]);
    const second = await w.call('orgs.importPreview', { fileName: 'организации-2.xlsx', base64: again });
    expect(second.rows.map((r) => r.action)).toEqual(['update', 'same', 'update']);
    expect(second.rows[0]!.changes).toEqual(['руководитель']);
    await w.call('orgs.importApply', { fileName: 'организации-2.xlsx', base64: again });
    const third = await w.call('orgs.list', {});
    expect(third.length).toBe(before.length + 3);
    expect(third.find((o) => o.shortName === 'МБОУ СШ № 1')!.headName).toBe('Новикова Елена Сергеевна');
    expect(third.find((o) => o.shortName === 'МБДОУ «Детский сад № 7»')!.kind).toBe('kindergarten');

    const journal = await w.call('audit.list', { action: 'orgs.importApply' });
    expect(journal.entries.length).toBe(2);
  });

  it('a file with a bad row is reported by file, row and column, and nothing of it is applied', async () => {
    const w = await setUp('kstovo');
    const before = await w.call('orgs.list', {});
    const bad = await xlsx([SCHOOL_1, ['2', 'Муниципальное учреждение «Центр досуга»', 'Центр досуга', 'клуб', '', '', '', '5250000001'], KINDERGARTEN]);
    const preview = await w.call('orgs.importPreview', { fileName: 'с ошибкой.xlsx', base64: bad });
    expect(preview.errorRows).toBe(1);
    const row = preview.rows.find((r) => r.errors.length > 0)!;
    expect(row.fileRowNo).toBe(5);
    expect(row.errors).toEqual([
      { column: 'Вид', message: expect.stringContaining('Вид «клуб» не понят') },
      { column: 'ИНН', message: expect.stringContaining('контрольная цифра') },
    ]);
    const err = await w.fails('orgs.importApply', { fileName: 'с ошибкой.xlsx', base64: bad });
    expect(err.message).toContain('Файл «с ошибкой.xlsx» не загружен: ошибки в 1 строках. Первая — строка 5, столбец «Вид»');
    expect((await w.call('orgs.list', {})).length).toBe(before.length);

    const noHeader = await w.fails('orgs.importPreview', { fileName: 'пусто.csv', base64: Buffer.from('просто текст\nещё текст\n', 'utf8').toString('base64') });
    expect(noHeader.message).toContain('В файле «пусто.csv» не найдена строка заголовка');
  });
});
