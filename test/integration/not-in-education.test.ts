import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUp } from './helpers';

// A generated municipality with a known truth: each child is named by a known set of lists. The children named only
// by the migration point, the police or the hospital are the ones not in education; a school list takes a child off.

const TODAY = '2026-10-01';
const now = () => Date.parse(`${TODAY}T09:00:00`);
const BIN = join(import.meta.dirname, '../../bin/uchet.js');

const SURNAMES = ['Абрамов', 'Белоусов', 'Воронцов', 'Гусев', 'Дмитриев', 'Ершов', 'Жуков', 'Зайцев', 'Ильин', 'Комаров', 'Лебедев', 'Морозов', 'Никитин', 'Орлов', 'Павлов', 'Романов', 'Соболев', 'Тарасов', 'Устинов', 'Фомин'];
const NAMES = ['Алексей', 'Борис', 'Виктор', 'Глеб', 'Денис', 'Егор', 'Захар', 'Иван', 'Кирилл', 'Лев'];
const STREETS = ['Ленина', 'Карбышева', 'Свободы', 'Майская', 'Школьная'];

type Role = 'school' | 'migration' | 'police' | 'hospital' | 'migration+school';
const ROLES: Role[] = ['school', 'migration', 'police', 'hospital', 'migration+school'];

interface Kid {
  fio: string;
  surname: string;
  birth: string;
  ru: string;
  address: string;
  role: Role;
}

function municipality(): Kid[] {
  return SURNAMES.map((surname, i) => {
    const year = 2010 + (i % 9); // 8 to 16 years old on 01.10.2026
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(3 + i).padStart(2, '0');
    const birth = `${year}-${month}-${day}`;
    return {
      surname,
      fio: `${surname} ${NAMES[i % NAMES.length]} Петрович`,
      birth,
      ru: `${day}.${month}.${year}`,
      address: `п. Свободный, ул. ${STREETS[i % STREETS.length]}, д. ${i + 1}`,
      role: ROLES[i % ROLES.length]!,
    };
  });
}

async function listFile(rows: (string | number)[][], header: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(['Список по состоянию на 01.09.2026']);
  ws.addRow([]);
  ws.addRow(header);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function district() {
  const w = await setUp('zato-svobodny', undefined, now);
  const orgs = await w.call('orgs.list', {});
  const org = (kind: string) => orgs.find((o) => o.kind === kind)!;
  /** Upload a list, settle what linkage left to a person by the best candidate, apply. */
  const take = async (kind: string, listKind: string, kids: Kid[], opts: { classLabel?: boolean; asOf?: string } = {}) => {
    const header = ['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес регистрации', ...(opts.classLabel ? ['Класс'] : [])];
    const rows = kids.map((k) => [k.fio, k.ru, k.address, ...(opts.classLabel ? ['5А'] : [])]);
    const s = await w.call('intake.upload', { orgId: org(kind).id, listKind, asOf: opts.asOf ?? '2026-09-01', fileName: `${listKind}.xlsx`, base64: await listFile(rows, header) });
    const { rows: got } = await w.call('intake.rows', { submissionId: s.id });
    for (const r of got.filter((x) => x.decision === 'review')) {
      await w.call('intake.decide', { rowId: r.id, decision: r.candidates[0] ? { type: 'link', childId: r.candidates[0].childId } : { type: 'new' } });
    }
    const applied = await w.call('intake.apply', { submissionId: s.id });
    expect(applied.status).toBe('applied');
    return s.id;
  };
  const kids = municipality();
  const by = (...roles: Role[]) => kids.filter((k) => roles.includes(k.role));
  await take('migration', 'migration-registered', by('migration', 'migration+school'));
  await take('police', 'police-unregistered', by('police'));
  await take('hospital', 'hospital-population', by('hospital'));
  await take('school', 'school-pupils', by('school', 'migration+school'), { classLabel: true });
  return { ...w, kids, take, org };
}

const names = (rows: { surname: string }[]) => rows.map((r) => r.surname).sort();

describe('children not in education', () => {
  it('finds the children named only by the migration, police or hospital lists; a school list takes them off', async () => {
    const { call, kids } = await district();
    const list = await call('education.list', { asOf: TODAY });
    const truth = kids.filter((k) => ['migration', 'police', 'hospital'].includes(k.role));
    expect(names(list.rows)).toEqual(truth.map((k) => k.surname).sort());
    for (const r of list.rows) {
      expect(r.group).toBe('not-in-education');
      expect(r.caseStatus).toBe('none');
      expect(r.sources).toHaveLength(1);
    }
    const police = list.rows.find((r) => r.surname === kids.find((k) => k.role === 'police')!.surname)!;
    expect(police.sources[0]!.label).toMatch(/^Список «Дети, фактически проживающие без регистрации» от ОМВД ЗАТО Свободный \(ПДН\), на 01\.09\.2026$/);
    // Sorted by days without education, longest first.
    const days = list.rows.map((r) => r.daysWithout);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
    expect(police.foundOn).toBe('2026-09-01');
    expect(police.daysSinceFound).toBe(30);
    // Filters: by the sender's kind, by age.
    const byPolice = await call('education.list', { asOf: TODAY, sourceKind: 'police' });
    expect(names(byPolice.rows)).toEqual(kids.filter((k) => k.role === 'police').map((k) => k.surname).sort());
    // Before the lists' date nobody is known to be without education: the facts begin on 01.09.2026 only for the school.
    const young = await call('education.list', { asOf: TODAY, ageTo: 9 });
    expect(young.rows.every((r) => r.ageYears <= 9)).toBe(true);
    // The read is in the journal as a read.
    const { entries } = await call('audit.list', { action: 'education.list' });
    expect(entries.length).toBeGreaterThanOrEqual(1);
  });

  it('a child whose second record was merged into a school pupil is not listed', async () => {
    const { call, kids } = await district();
    const pupil = kids.find((k) => k.role === 'school')!;
    // A second record of the same pupil, typed in from a police call with another birth date — then found to be the same child.
    const dup = await call('children.create', {
      child: { surname: pupil.surname, name: pupil.fio.split(' ')[1]!, patronymic: 'Петрович', birthDate: '2011-11-11' },
      facts: [{ type: 'address', kind: 'actual', text: 'п. Свободный, ул. Новая, д. 99' }],
    });
    expect(names((await call('education.list', { asOf: TODAY })).rows)).toContain(pupil.surname);
    const kept = (await call('children.search', { query: pupil.surname })).rows.find((r) => r.birthDate === pupil.birth)!;
    await call('children.merge', { keptId: kept.id, mergedId: dup.child.id, choices: {} });
    expect(names((await call('education.list', { asOf: TODAY })).rows)).not.toContain(pupil.surname);
  });

  it('keeps a case with dated entries, never deleted, and closes it when a school list brings the child', async () => {
    const { call, kids, take, ws } = await district();
    const kid = kids.find((k) => k.role === 'migration')!;
    const row = (await call('education.list', { asOf: TODAY })).rows.find((r) => r.surname === kid.surname)!;
    const opened = await call('education.caseAdd', { childId: row.childId, kind: 'status', status: 'checking', onDate: '2026-09-20', note: 'Проверяем по адресу' });
    expect(opened.case).toMatchObject({ status: 'checking', view: 'checking', openedOn: '2026-09-20', openedBy: 'admin' });
    const visited = await call('education.caseAdd', { childId: row.childId, kind: 'visit', onDate: '2026-09-25', note: 'Выход по адресу: дверь не открыли' });
    expect(visited.case!.entries.map((e) => e.kind)).toEqual(['status', 'status', 'visit']);
    expect(visited.case!.entries[2]).toMatchObject({ createdBy: 'admin', note: 'Выход по адресу: дверь не открыли', onDate: '2026-09-25' });
    expect(visited.sources.map((s) => s.label)).toEqual(['Список «Дети 6,6–18 лет, зарегистрированные по месту жительства или пребывания» от Миграционный пункт, на 01.09.2026']);
    expect(visited.addresses[0]).toMatchObject({ text: kid.address, current: true });
    // Bad input is refused in Russian.
    await expect(call('education.caseAdd', { childId: row.childId, kind: 'letter', onDate: '2026-09-25' })).rejects.toThrow(/Опишите, что сделано/);
    await expect(call('education.caseAdd', { childId: row.childId, kind: 'note', onDate: '2026-12-25', note: 'x' })).rejects.toThrow(/позже сегодняшней/);
    const listed = (await call('education.list', { asOf: TODAY })).rows.find((r) => r.childId === row.childId)!;
    expect(listed).toMatchObject({ caseStatus: 'checking', foundOn: '2026-09-01' });

    // Nothing about a case is deleted or changed, even past the services.
    const sqlite = ws.require().open.sqlite;
    expect(() => sqlite.prepare('DELETE FROM education_case_entries').run()).toThrow(/только дополняются/);
    expect(() => sqlite.prepare("UPDATE education_case_entries SET note = 'другое'").run()).toThrow(/только дополняются/);
    expect(() => sqlite.prepare('DELETE FROM education_cases').run()).toThrow(/хранится полностью/);

    // A later school list brings the child: off the list, and the case says it closed by itself.
    await take('school', 'school-pupils', [kid], { classLabel: true, asOf: '2026-09-28' });
    const after = await call('education.list', { asOf: TODAY });
    expect(after.rows.map((r) => r.childId)).not.toContain(row.childId);
    expect(after.closedCases).toEqual([expect.objectContaining({ childId: row.childId, note: expect.stringMatching(/^Дело закрыто само/) })]);
    const card = await call('education.child', { childId: row.childId, asOf: TODAY });
    expect(card.group).toBe('in-education');
    expect(card.case).toMatchObject({ status: 'checking', view: 'closed-auto' });
    expect(card.case!.closedNote).toMatch(/^Дело закрыто само на 01\.10\.2026: обучается в общеобразовательной организации \(МБОУ «СШ № 25»\) — Список «Обучающиеся общеобразовательного учреждения» от МБОУ «СШ № 25», на 28\.09\.2026\.$/);
    const { entries } = await call('audit.list', { action: 'education.caseAdd' });
    expect(entries).toHaveLength(2);
  });

  it('prints Приложение 1 with the same children as the screen, and the command line gives the list as CSV', async () => {
    const { call, org, kids, ws } = await district();
    const list = await call('education.list', { asOf: TODAY });
    const preview = await call('reports.preview', { formId: 'zato-app1', orgId: org('department').id, asOf: TODAY, year: null });
    const printed = preview.sections[0]!.groups.flatMap((g) => g.rows.map((r) => String(r[1]).split(' ')[0]));
    expect(printed.sort()).toEqual(names(list.rows));
    // The police sees the children it reported.
    const byPolice = await call('reports.preview', { formId: 'zato-app1', orgId: org('police').id, asOf: TODAY, year: null });
    expect(byPolice.sections[0]!.groups.flatMap((g) => g.rows.map((r) => String(r[1]).split(" ")[0])).sort()).toEqual(kids.filter((k) => k.role === 'police').map((k) => k.surname).sort());

    const dbPath = ws.dbPath;
    ws.lock();
    const r = spawnSync(process.execPath, [BIN, 'not-in-education', '--db', dbPath, '--user', 'admin', '--as-of', TODAY, '--format', 'csv'], {
      encoding: 'utf8',
      env: { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD, UCHET_TODAY: TODAY },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const csv = parseCsv(r.stdout, { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual(['child_id', 'surname', 'name', 'patronymic', 'birth_date', 'group', 'sources', 'case_status']);
    expect(csv.map((c) => c.surname).sort()).toEqual(names(list.rows));
    expect(csv.find((c) => c.sources === 'ОМВД ЗАТО Свободный (ПДН)')).toMatchObject({ group: 'not-in-education', case_status: 'none', patronymic: 'Петрович' });
    const bad = spawnSync(process.execPath, [BIN, 'not-in-education', '--db', dbPath, '--user', 'admin', '--as-of', '01.10.2026', '--format', 'csv'], {
      encoding: 'utf8',
      env: { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD },
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--as-of: ожидается дата ГГГГ-ММ-ДД/);
  });
});
