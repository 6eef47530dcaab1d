import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUp, tempDir } from './helpers';

// Generated children, no real persons. Кстово; the registry as of 01.12.2026; the forecast from 1 September 2027.
const BIN = join(import.meta.dirname, '../../bin/uchet.js');

async function district() {
  const db = join(tempDir(), 'kstovo.db');
  const w = await setUp('kstovo', db, () => new Date(2026, 11, 1, 10).getTime());
  const org = (kind: 'school' | 'kindergarten', shortName: string) =>
    w.call('orgs.add', { kind, fullName: `МБОУ «${shortName}» (тест)`, shortName, address: '', headPosition: 'Директор', headName: '' });
  const s1 = await org('school', 'Школа № 1');
  const s2 = await org('school', 'Школа № 2');
  const kg = await org('kindergarten', 'Детский сад № 5');
  // School 1 reports the children living on its territory (Приложение 1, на 1 февраля); their addresses come from it.
  const rows = [
    ['Первая Анна Ильинична', '01.03.2021'], // 6 years 6 months exactly on 01.09.2027: this year's first-grader
    ['Второй Борис Ильич', '02.03.2021'], // 6 years 6 months on 02.09.2027: next year's
    ['Третья Вера Ильинична', '01.09.2019'], // 8 years exactly on 01.09.2027: still of first-grade age
    ['Четвёртый Глеб Ильич', '31.08.2019'], // 8 on 31.08.2027: over 8 on 1 September, has not started
  ];
  const csv = ['№;ФИО;Дата рождения;Адрес места жительства', ...rows.map((r, i) => `${i + 1};${r[0]};${r[1]};г. Кстово, ул. Садовая, д. ${i + 1}`)].join('\r\n');
  const up = await w.call('intake.upload', { orgId: s1.id, listKind: 'territory-5-18', asOf: '2026-02-01', fileName: 'Территория.csv', base64: Buffer.from(csv, 'utf8').toString('base64') });
  await w.call('intake.apply', { submissionId: up.id });
  const child = (surname: string, birthDate: string, facts: unknown[]) =>
    w.call('children.create', { child: { surname, name: 'Тест', patronymic: 'Тестович', birthDate, gender: 'm' }, facts: facts as never });
  // In a kindergarten, address typed by hand: counted, territory not known.
  await child('Детсадов', '2021-01-15', [
    { type: 'study', orgId: kg.id, classLabel: 'подготовительная', validFrom: '2024-09-01' },
    { type: 'address', kind: 'actual', text: 'г. Кстово, ул. Луговая, д. 4', validFrom: '2024-01-01' },
  ]);
  // Already at school, on family education, too old: not counted.
  await child('Школьников', '2020-01-10', [{ type: 'study', orgId: s1.id, classLabel: '1А', validFrom: '2026-09-01' }]);
  await child('Семейный', '2020-05-05', [{ type: 'form', form: 'family', validFrom: '2026-09-01' }]);
  await child('Взрослый', '2009-01-01', []);
  return { ...w, db, s1, s2 };
}

describe('the first-grade forecast on a real database (issue 10, point 7)', () => {
  it('counts by territory the children of first-grade age on 1 September and those over 8 who have not started; the next year only the new ones', async () => {
    const { call, s1, s2 } = await district();
    const f = await call('desk.forecast', { year: 2027 });
    expect(f.on).toBe('2026-12-01');
    expect(f.territoryBy).toBe('reporting-school');
    const [y1, y2] = f.years;
    expect(y1).toMatchObject({ year: 2027, label: '2027/2028', september1: '2027-09-01', totals: { ofAge: 3, late: 1, total: 4 } });
    expect(y1!.rows).toEqual([
      { orgId: s1.id, name: 'Школа № 1', ofAge: 2, late: 1, total: 3 },
      { orgId: s2.id, name: 'Школа № 2', ofAge: 0, late: 0, total: 0 },
      { orgId: null, name: 'территория не определена', ofAge: 1, late: 0, total: 1 },
    ]);
    expect(y2).toMatchObject({ year: 2028, totals: { ofAge: 1, late: 0, total: 1 } });
    expect(y2!.rows.find((r) => r.orgId === s1.id)).toMatchObject({ ofAge: 1 });
  });

  it('with school territories set, a child counts for the school whose territory holds the living address', async () => {
    const { call, s1, s2 } = await district();
    // Houses 1–2 of ул. Садовая are school 2's; 3 and 4 are on no school's territory.
    await call('territories.save', { orgId: s2.id, locality: 'Кстово', street: 'Садовая', houses: '1-2', parity: 'all' });
    const f = await call('desk.forecast', { year: 2027 });
    expect(f.territoryBy).toBe('territories');
    expect(f.years[0]!.rows).toEqual([
      { orgId: s1.id, name: 'Школа № 1', ofAge: 0, late: 0, total: 0 },
      { orgId: s2.id, name: 'Школа № 2', ofAge: 1, late: 0, total: 1 },
      { orgId: null, name: 'территория не определена', ofAge: 2, late: 1, total: 3 },
    ]);
    expect(f.years[1]!.rows.find((r) => r.orgId === s2.id)).toMatchObject({ ofAge: 1 });
  });

  it('statistics on a date: by form, level, class, age and organization', async () => {
    const { call } = await district();
    const s = await call('desk.statistics', { asOf: '2026-12-01' });
    // The pupil of 1А (no form recorded: очная) and the child on family education.
    expect(s.total).toBe(2);
    expect(s.noFormAssumed).toBe(1);
    expect(s.byForm).toEqual([
      { key: 'full_time', label: 'очная', count: 1 },
      { key: 'family', label: 'семейное образование', count: 1 },
    ]);
    expect(s.byLevel).toEqual([
      { key: 'primary', label: 'начальное общее', count: 1 },
      { key: 'unknown', label: 'класс не указан', count: 1 },
    ]);
    expect(s.byGrade.map((g) => g.label)).toEqual(['1 класс', 'без класса']);
    expect(s.byAge).toEqual([{ key: '6', label: '6 лет', count: 2 }]);
    expect(s.byOrg.map((o) => [o.name, o.total])).toEqual([
      ['Школа № 1', 1],
      ['вне организаций', 1],
    ]);
  });

  it('the consolidated report of Кстово п. 4.1.8: each school by level and form, with totals, as a form of the engine', async () => {
    const { call, s1 } = await district();
    const dept = (await call('orgs.list', {})).find((o) => o.kind === 'department')!;
    const p = await call('reports.preview', { formId: 'kstovo-summary', orgId: dept.id, asOf: '2026-12-01' });
    expect(p.title).toBe('Сводная статистическая отчётность об организациях, реализующих программы общего образования');
    const cols = p.sections[0]!.columns.map((c) => c.key);
    const rows = p.sections[0]!.groups[0]!.rows.map((r) => Object.fromEntries(cols.map((k, i) => [k, r[i]])));
    expect(rows.map((r) => r.orgName)).toEqual(['МБОУ «Школа № 1» (тест)', 'МБОУ «Школа № 2» (тест)']);
    // The pupil of 1А: primary, очная (no form recorded); the family-educated child has no attesting school here.
    expect(rows[0]).toMatchObject({ primary: 1, basic: 0, secondary: 0, full_time: 1, family: 0, total: 1 });
    expect(rows[1]).toMatchObject({ total: 0 });
    expect(p.sections[0]!.totals[0]![0]).toBe('Итого');
    expect(p.footnotes[0]).toContain('учтены как очная: 1 чел.');
    const made = await call('reports.make', { formId: 'kstovo-summary', orgId: dept.id, asOf: '2026-12-01', format: 'pdf' });
    expect(Buffer.from(made.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(made.printout.childCount).toBe(0);
    void s1;
  });

  // Each run of the command line starts Node and compiles the sources: slow on a busy machine.
  it('uchet forecast prints the table; a wrong year is refused in Russian', async () => {
    const { db, call } = await district();
    await call('session.lock', {});
    const env = { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD, UCHET_TODAY: '2026-12-01' };
    const r = spawnSync(process.execPath, [BIN, 'forecast', '--db', db, '--user', 'admin', '--year', '2027'], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Прогноз приёма в 1 класс по данным реестра на 01.12.2026; территория — по школе, сообщившей адрес ребёнка');
    expect(lines[1]).toBe('Учебный год\tТерритория (школа)\t6,5–8 лет\tСтарше 8 лет, не приступили\tВсего');
    expect(lines).toContain('2027/2028\tШкола № 1\t2\t1\t3');
    expect(lines).toContain('2027/2028\tИтого\t3\t1\t4');
    expect(lines).toContain('2028/2029\tИтого\t1\t0\t1');
    const bad = spawnSync(process.execPath, [BIN, 'forecast', '--db', db, '--user', 'admin', '--year', '27'], { encoding: 'utf8', env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--year: ожидается год ГГГГ, получено «27»/u);
  }, 240_000);
});
