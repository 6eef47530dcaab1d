import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api/contract';
import { ADMIN_PASSWORD, setUp, tempDir } from './helpers';

/** An .xlsx in the layout of a school's list: a title row, the header, rows, a signature line. */
async function listFile(rows: (string | number | Date)[][], header = ['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес регистрации', 'Класс']): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(['Список обучающихся МБОУ «СШ № 25» по состоянию на 01.09.2026']);
  ws.addRow([]);
  ws.addRow(header);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  ws.addRow([]);
  ws.addRow(['Руководитель организации ______________ Ф.И.О.']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function district() {
  const w = await setUp();
  const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
  const police = (await w.call('orgs.list', {})).find((o) => o.kind === 'police')!;
  const existing = await w.call('children.create', {
    child: { surname: 'Ёлкина', name: 'Снежана', patronymic: 'Петровна', birthDate: '2014-02-03', gender: 'f' },
    facts: [{ type: 'address', kind: 'registration', text: 'п. Свободный, ул. Ленина, д. 1, кв. 2' }],
  });
  const twinA = await w.call('children.create', {
    child: { surname: 'Соколов', name: 'Артём', patronymic: 'Игоревич', birthDate: '2015-06-07', gender: 'm' },
    facts: [{ type: 'address', kind: 'registration', text: 'п. Свободный, ул. Карбышева, д. 5, кв. 7' }],
  });
  const upload = async (rows: (string | number | Date)[][], extra: Partial<CallInput<'intake.upload'>> = {}) =>
    w.call('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: '2026-09-01', fileName: 'Список СШ 25.xlsx', base64: await listFile(rows), ...extra });
  return { ...w, school, police, existing, twinA, upload };
}

const ROWS: (string | number | Date)[][] = [
  ['ЕЛКИНА СНЕЖАНА ПЕТРОВНА', '03.02.2014', 'п. Свободный, ул. Ленина, д. 1, кв. 2', '6А'],
  ['Соколов Илья Игоревич', '07.06.2015', 'п. Свободный, ул. Карбышева, д. 5, кв. 7', '5Б'],
  ['Новикова Дарья Сергеевна', '31.02.2015', 'п. Свободный, ул. Свободы, д. 3', '5А'],
  ['', '01.01.2015', '', '5А'],
  ['Елкина Снежана', '02.03.2014', '', '6А'],
];

describe('intake of a list', () => {
  it('validates row by row, links with reasons, and writes nothing before apply', async () => {
    const { call, upload, existing } = await district();
    const s = await upload(ROWS);
    expect(s.counts).toMatchObject({ rows: 5, errors: 2 });
    const { rows } = await call('intake.rows', { submissionId: s.id });
    const byNo = new Map(rows.map((r) => [r.rowNo, r]));
    expect(byNo.get(1)).toMatchObject({ decision: 'auto', childId: existing.child.id });
    expect(byNo.get(1)!.reasons.join('; ')).toMatch(/ё\/е|совпал/);
    // A twin: same surname, patronymic, birth date and address, another first name — never linked.
    expect(byNo.get(2)!.decision).toBe('new');
    expect(byNo.get(3)!.issues.map((i) => i.message).join()).toMatch(/такой даты нет/);
    expect(byNo.get(4)!.hasErrors).toBe(true);
    // Missing patronymic, day and month swapped, no address to confirm: not certain, a person decides.
    expect(byNo.get(5)).toMatchObject({ decision: 'review', childId: null });
    expect(byNo.get(5)!.candidates[0]!.childId).toBe(existing.child.id);
    expect((await call('children.search', {})).total).toBe(2);
    expect((await call('intake.apply', { submissionId: s.id }).catch((e: Error) => e.message))).toMatch(/Список не применён: 2 строки с ошибками.*1 строка ждёт решения/);
  });

  it('applies a corrected list in one transaction, each fact traced to the list', async () => {
    const { call, upload, existing, twinA, school } = await district();
    const s = await upload(ROWS);
    const { rows } = await call('intake.rows', { submissionId: s.id });
    const row = (n: number) => rows.find((r) => r.rowNo === n)!;
    const fixed = await call('intake.fixRow', { rowId: row(3).id, values: { birthDate: '2015-02-28' } });
    expect(fixed).toMatchObject({ hasErrors: false, decision: 'new' });
    await call('intake.excludeRow', { rowId: row(4).id, excluded: true });
    await call('intake.decide', { rowId: row(5).id, decision: { type: 'link', childId: existing.child.id } });
    const applied = await call('intake.apply', { submissionId: s.id });
    expect(applied.status).toBe('applied');

    const card = await call('children.card', { id: existing.child.id });
    expect(card.current).toMatchObject({ orgId: school.id, classLabel: '6А' });
    const study = card.facts.find((f) => f.type === 'study')!;
    // «Список № N от …»: the number and date the list is found by in «Списки»; the card links to it (issue 12).
    expect(study.source?.label).toBe(`Список № ${study.source?.submissionId} от 01.09.2026: «Обучающиеся общеобразовательного учреждения», МБОУ «СШ № 25»`);
    expect(study.source?.submissionId).toBeGreaterThan(0);
    // Rows 1 and 5 both name her in 6А: one study, one address.
    expect(card.facts.filter((f) => f.type === 'address')).toHaveLength(1);
    expect(card.facts.filter((f) => f.type === 'study')).toHaveLength(1);
    const all = await call('children.search', { limit: 50 });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.surname).sort()).toEqual(['Ёлкина', 'Новикова', 'Соколов', 'Соколов']);
    expect((await call('children.card', { id: twinA.child.id })).current.orgId).toBe(null);
  });

  it('imports the same list twice without duplicate children or facts, and undoes a whole list', async () => {
    const { call, upload, existing } = await district();
    const clean = ROWS.filter((_, i) => i === 0 || i === 1);
    // The same bytes twice: a workbook written again a second later differs in its timestamps.
    const base64 = await listFile(clean);
    const first = await upload(clean, { base64 });
    await call('intake.apply', { submissionId: first.id });
    const again = await upload(clean, { base64 });
    expect(again.sameFileAs?.id).toBe(first.id);
    expect(again.counts).toMatchObject({ auto: 2, new: 0 });
    await call('intake.apply', { submissionId: again.id });
    expect((await call('children.search', {})).total).toBe(3);
    const card = await call('children.card', { id: existing.child.id });
    expect(card.facts.filter((f) => f.type === 'study' && f.current)).toHaveLength(1);

    // Undo the second: it added nothing new, so nothing changes for the children.
    const undone2 = await call('intake.undo', { submissionId: again.id });
    expect(undone2).toMatchObject({ status: 'undone', withdrawnFacts: 0, removedChildren: 0 });
    // Undo the first: its facts are withdrawn and the child it created, named by nothing else, is removed.
    const undone1 = await call('intake.undo', { submissionId: first.id });
    expect(undone1.withdrawnFacts).toBe(3);
    expect(undone1.removedChildren).toBe(1);
    expect((await call('children.search', {})).total).toBe(2);
    const after = await call('children.card', { id: existing.child.id });
    expect(after.current.orgId).toBe(null);
    expect(after.facts.find((f) => f.type === 'study')!.withdrawnAt).not.toBeNull();
    const { entries } = await call('audit.list', { action: 'intake.undo' });
    expect(entries).toHaveLength(2);
  });

  it('remembers «это разные дети» and does not ask about the same pair again', async () => {
    const { call, upload, existing } = await district();
    const s = await upload([ROWS[4]!]);
    const [row] = (await call('intake.rows', { submissionId: s.id })).rows;
    expect(row!.decision).toBe('review');
    const decided = await call('intake.decide', { rowId: row!.id, decision: { type: 'notSame', childId: existing.child.id } });
    expect(decided.decision).toBe('new');
    const again = await upload([ROWS[4]!], { fileName: 'другой файл.xlsx' });
    const [row2] = (await call('intake.rows', { submissionId: again.id })).rows;
    expect(row2!.decision).toBe('new');
    expect(row2!.candidates.map((c) => c.childId)).not.toContain(existing.child.id);
  });

  it('keeps «это разные дети» for the card the child was merged into', async () => {
    const { call, upload, existing } = await district();
    const s = await upload([ROWS[4]!]);
    const [row] = (await call('intake.rows', { submissionId: s.id })).rows;
    await call('intake.decide', { rowId: row!.id, decision: { type: 'notSame', childId: existing.child.id } });
    // A second card of the same child is found later; the first is merged into it (its address moves along).
    const e = existing.child;
    const kept = await call('children.create', { child: { surname: e.surname, name: e.name, patronymic: e.patronymic, birthDate: e.birthDate, gender: e.gender }, facts: [] });
    await call('children.merge', { keptId: kept.child.id, mergedId: e.id });
    const again = await upload([ROWS[4]!], { fileName: 'после объединения.xlsx' });
    const [row2] = (await call('intake.rows', { submissionId: again.id })).rows;
    expect(row2!.decision).toBe('new');
    expect(row2!.candidates.map((c) => c.childId)).not.toContain(kept.child.id);
  });

  it('applies a row linked to a card that was merged into another before apply to the card it was merged into', async () => {
    const { call, upload, existing, school } = await district();
    const s = await upload([ROWS[0]!]);
    expect((await call('intake.rows', { submissionId: s.id })).rows[0]!.childId).toBe(existing.child.id);
    const e = existing.child;
    const kept = await call('children.create', { child: { surname: e.surname, name: e.name, patronymic: e.patronymic, birthDate: e.birthDate, gender: e.gender }, facts: [] });
    await call('children.merge', { keptId: kept.child.id, mergedId: e.id });
    await call('intake.apply', { submissionId: s.id });
    const card = await call('children.card', { id: kept.child.id });
    expect(card.current.orgId).toBe(school.id);
    expect(card.facts.filter((f) => f.type === 'study' && f.current).map((f) => f.data.classLabel)).toEqual(['6А']);
  });

  it('shows a conflict when another school already teaches the child, and adds rather than overwrites', async () => {
    const { call, upload, existing } = await district();
    const other = await call('orgs.add', { kind: 'school', fullName: 'Школа № 2 (тест)', shortName: 'Школа № 2', address: '', headPosition: '', headName: '' });
    await call('facts.add', { childId: existing.child.id, fact: { type: 'study', orgId: other.id, classLabel: '6В' } });
    const s = await upload([ROWS[0]!]);
    expect(s.counts.conflicts).toBe(1);
    const { rows } = await call('intake.rows', { submissionId: s.id, filter: 'conflicts' });
    expect(rows[0]!.conflicts[0]).toMatch(/уже обучается в Школа № 2/);
    await call('intake.apply', { submissionId: s.id });
    const card = await call('children.card', { id: existing.child.id });
    expect(card.facts.filter((f) => f.type === 'study' && f.current).map((f) => f.data.classLabel).sort()).toEqual(['6А', '6В']);
  });

  it('takes a paper form typed into the grid through the same validation and linkage', async () => {
    const { call, police, existing } = await district();
    const s = await call('intake.grid', {
      orgId: police.id,
      listKind: 'police-pdn',
      asOf: '2026-10-01',
      rows: [
        { surname: 'Ёлкина', name: 'Снежана', patronymic: 'Петровна', birthDate: '03.02.2014', addressRegistration: 'п. Свободный, ул. Ленина, д. 1, кв. 2' },
        { surname: 'Петров', name: '', birthDate: '01.01.2013' },
      ],
    });
    expect(s.counts).toMatchObject({ rows: 2, errors: 1, auto: 1 });
    const { rows } = await call('intake.rows', { submissionId: s.id, filter: 'errors' });
    await call('intake.excludeRow', { rowId: rows[0]!.id, excluded: true });
    await call('intake.apply', { submissionId: s.id });
    const card = await call('children.card', { id: existing.child.id });
    expect(card.facts.find((f) => f.type === 'flag')?.summary).toBe('На учёте в ПДН');
  });

  it('runs from the command line: import prints a JSON summary, links export one line per row', async () => {
    const { ws, call, upload } = await district();
    await upload(ROWS.slice(0, 2));
    ws.lock();
    const dir = tempDir();
    const file = join(dir, 'Список.xlsx');
    writeFileSync(file, Buffer.from(await listFile(ROWS), 'base64'));
    const bin = join(import.meta.dirname, '../../bin/uchet.js');
    const env = { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD };
    const kinds = spawnSync(process.execPath, [bin, 'import', '--list-kinds', '--db', ws.dbPath], { encoding: 'utf8', env });
    expect(kinds.stdout).toMatch(/school-pupils\tОбучающиеся общеобразовательного учреждения/);
    const r = spawnSync(process.execPath, [bin, 'import', '--db', ws.dbPath, '--org', 'МБОУ «СШ № 25»', '--kind', 'school-pupils', '--as-of', '2026-09-01', '--apply', file], { encoding: 'utf8', env });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: 'Список.xlsx', rowsRead: 5, rowsWithErrors: 2, linkedAutomatically: 1, sentToReview: 1, new: 1, applied: false });
    expect(r.stderr).toMatch(/Список не применён/);
    const links = spawnSync(process.execPath, [bin, 'links', 'export', '--db', ws.dbPath, '--format', 'csv'], { encoding: 'utf8', env });
    const lines = links.stdout.trim().split('\n');
    expect(lines[0]).toBe('file;row;child_id;decision;score');
    expect(lines).toContain(`Список.xlsx;5;;review;${lines.find((l) => l.startsWith('Список.xlsx;5;'))!.split(';')[4]}`);
    expect(lines.filter((l) => l.startsWith('Список.xlsx;'))).toHaveLength(3);
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
  }, 60_000);

  it('a changed column mapping reads the cells again as received (a СНИЛС keeps its leading zero)', async () => {
    const { call, school } = await district();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист1');
    ws.addRow(['Ф.И.О.', 'Дата рождения', 'СНИЛС', 'Примечание']);
    // 001-001-999 65 written as a number, as Excel keeps it: 100199965.
    ws.addRow(['Зайцева Алина Игоревна', new Date(Date.UTC(2013, 3, 5)), 100199965, '5Б']);
    const s = await call('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: '2026-09-01', fileName: 'снилс.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    const [before] = (await call('intake.rows', { submissionId: s.id })).rows;
    expect(before!.values).toMatchObject({ snils: '00100199965', birthDate: '2013-04-05' });
    expect(before!.cells).toEqual(['Зайцева Алина Игоревна', '05.04.2013', '100199965', '5Б']);
    // The person says the last column is the class.
    await call('intake.setMapping', { submissionId: s.id, mapping: { ...s.mapping, 3: 'classOrGroup' } });
    const [after] = (await call('intake.rows', { submissionId: s.id })).rows;
    expect(after!.values).toMatchObject({ snils: '00100199965', birthDate: '2013-04-05', classLabel: '5Б' });
    expect(after!.hasErrors).toBe(false);
  });
});
