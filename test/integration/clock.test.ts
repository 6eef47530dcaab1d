import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { clockFromEnv } from '../../electron/app/clock';
import type { ChildRow } from '../../shared/api/registry';
import { ageOn } from '../../shared/domain/age';
import { addDays, formatRuDate } from '../../shared/domain/dates';
import { workspace } from './helpers';

const SCHOOL = 'МБОУ «СШ № 25»';
const fio = (c: { surname: string; name: string; patronymic: string | null }) => [c.surname, c.name, c.patronymic].filter(Boolean).join(' ');

/** A school list of the demo registry's pupils as of 1 September of the school year `today` falls in. */
async function schoolList(year: number, exact: ChildRow, other: ChildRow): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow([`Список обучающихся ${SCHOOL} по состоянию на 01.09.${year}`]);
  ws.addRow(['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Класс']);
  const rows = [
    [fio(exact), formatRuDate(exact.birthDate), exact.classLabel ?? '5А'],
    ['Новосёлова Виталина Ринатовна', `14.05.${year - 10}`, '4Б'],
    ['Кузьмин Олег Петрович', `31.02.${year - 11}`, '5А'],
    ['', `12.12.${year - 12}`, '6В'],
    // A registry child's surname and first name, the birth date a day off, no patronymic: a person decides.
    [`${other.surname} ${other.name}`, formatRuDate(addDays(other.birthDate, 1)), '7А'],
  ];
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The demo and a school's list, run as of a stated date: what the suite does, with the clock moved. */
async function scenario(today: string) {
  const w = workspace(undefined, clockFromEnv({ UCHET_TODAY: today }));
  await w.call('setup.demo', { children: 300, seed: 4 });
  const sqlite = w.ws.require().open.sqlite;
  const { rows } = await w.call('children.search', { query: '', limit: 300, offset: 0, sort: 'name', dir: 'asc' });
  const pupils = rows.filter((r) => r.orgName === SCHOOL && r.patronymic && rows.filter((x) => x.surname === r.surname).length === 1);
  const [exact, other] = [pupils[0]!, pupils[pupils.length - 1]!];
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0);
  const school = (await w.call('orgs.list', {})).find((o) => o.shortName === SCHOOL)!;
  const s = await w.call('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: `${year}-09-01`, fileName: 'Список.xlsx', base64: await schoolList(year, exact, other) });
  const sevenYearOlds = await w.call('children.search', { query: '', ageFrom: 7, ageTo: 7, limit: 300, offset: 0, sort: 'name', dir: 'asc' });
  const xlsx = await w.call('children.exportXlsx', { ageFrom: 7, ageTo: 7, sort: 'name', dir: 'asc' });
  return { w, sqlite, rows, exact, other, s, sevenYearOlds, xlsx };
}

describe('the clock every call is handed (UCHET_TODAY)', () => {
  it('reads a stated date, runs on from its noon, and refuses a bad one in Russian', () => {
    const now = clockFromEnv({ UCHET_TODAY: '2027-09-15' });
    const d = new Date(now());
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours()]).toEqual([2027, 9, 15, 12]);
    expect(clockFromEnv({})).toBe(Date.now);
    expect(() => clockFromEnv({ UCHET_TODAY: '15.09.2027' })).toThrow(/UCHET_TODAY: ожидается дата ГГГГ-ММ-ДД/);
    expect(() => clockFromEnv({ UCHET_TODAY: '2027-02-30' })).toThrow(/UCHET_TODAY/);
  });

  // The same demo, list and filters a year apart: nothing in them may depend on the machine's calendar.
  it.each(['2026-09-15', '2027-09-15'])('runs the demo, a school list, the age filter and the export as of %s', async (today) => {
    const { w, sqlite, rows, exact, other, s, sevenYearOlds, xlsx } = await scenario(today);
    // The demo registry is made as of the call's date.
    expect(sqlite.prepare("SELECT as_of FROM sources WHERE kind = 'demo'").pluck().get()).toBe(today);
    // Two rows with errors (no such date, no name), one new child, the exact pupil linked, the namesake for a person.
    const { rows: listRows } = await w.call('intake.rows', { submissionId: s.id });
    expect(s.counts).toMatchObject({ rows: 5, errors: 2, auto: 1, new: 1, review: 1 });
    expect(listRows.find((r) => r.rowNo === 1)).toMatchObject({ decision: 'auto', childId: exact.id });
    expect(listRows.find((r) => r.rowNo === 5)!.candidates[0]!.childId).toBe(other.id);
    // «7 years old» means on the call's date unless the filter names another.
    const expected = rows.filter((r) => ageOn(r.birthDate, today).years === 7).map((r) => r.id).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    expect(sevenYearOlds.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected);
    expect(xlsx.rows).toBe(expected.length);
    expect(xlsx.fileName).toBe(`Реестр детей ${formatRuDate(today)}.xlsx`);
  }, 120_000);
});
