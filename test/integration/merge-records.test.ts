import { describe, expect, it } from 'vitest';
import { setUp } from './helpers';

/**
 * Two cards of one child merged (children.merge) and the merge undone (children.unmerge), on a real encrypted
 * database through the real dispatcher. The facts move to the kept card; the records that hang on a child — the
 * attendance, the school register's entries and documents, the movement records, the case of a child not in
 * education — are append-only history and stay on the card they were written for: every screen reads the kept
 * card's record with the merged card's (access.ts recordCardsSql). Undoing the merge gives each card its own back.
 * Test data only.
 */

const clock = Date.parse('2026-10-05T09:00:00Z');

async function twoCards() {
  const w = await setUp('zato-svobodny', undefined, () => clock);
  const school = await w.call('orgs.add', { kind: 'school', fullName: 'МБОУ «Школа слияний» (тест)', shortName: 'Школа слияний', address: 'п. Тестовый, ул. Первая, 1', headPosition: 'Директор', headName: 'Директоров Иван Иванович' });
  const study = { type: 'study' as const, orgId: school.id, classLabel: '9А', validFrom: '2026-09-01', enrolOrderNumber: '5-у', enrolOrderDate: '2026-08-28' };
  // The same boy twice: typed in by hand with the day and month swapped, and from a list.
  const kept = await w.call('children.create', { child: { surname: 'Дублёв', name: 'Денис', patronymic: 'Тестович', birthDate: '2011-03-04', gender: 'm' }, facts: [study] });
  const dup = await w.call('children.create', {
    child: { surname: 'Дублев', name: 'Денис', patronymic: 'Тестович', birthDate: '2011-04-03', gender: 'm' },
    facts: [study, { type: 'address', kind: 'actual', text: 'п. Тестовый, ул. Вымышленная, д. 7, кв. 1' }],
  });
  return { ...w, school, keptId: kept.child.id, dupId: dup.child.id, sqlite: () => w.ws.current!.open.sqlite };
}

describe('merging two cards of one child keeps every record of the child on the kept card', () => {
  it('attendance, the карта учёта with its document, movement, the not-in-education case and a list’s confirmation follow the merge and come back on undo', async () => {
    const w = await twoCards();
    const { call, school, keptId, dupId } = w;

    // Everything is written on the duplicate card, as it happens when a school keeps the one it found first.
    await call('attendance.save', { orgId: school.id, month: '2026-09', rows: [{ childId: dupId, lessonsHeld: 80, missedTotal: 64, missedUnexcused: 62 }] });
    let reg = await call('school.addEntry', {
      childId: dupId,
      kind: 'contact',
      onDate: '2026-10-01',
      actor: 'Классный руководитель 9А класса Учителева О. Н.',
      data: { how: 'телефонный разговор', answer: 'Отец обещал проследить', cause: 'Прогулы без ведома родителей' },
    });
    const entryId = reg.entries[0]!.id;
    const doc = await call('school.print', { childId: dupId, entryId, doc: 'contact' });
    const l15 = await call('movement.leaveSchool', {
      childId: dupId,
      orgId: school.id,
      parentsConsentOn: '2026-09-20',
      commissionConsentOn: '2026-09-25',
      commissionDecision: '12/3',
      departmentConsentOn: '2026-09-28',
      departmentDecision: '345',
      leftOn: '2026-09-30',
      measuresOn: '2026-10-01',
      measures: 'Беседа с семьёй, направлен запрос в ЦЗН',
    });
    await call('education.caseAdd', { childId: dupId, kind: 'status', status: 'checking', onDate: '2026-10-02', note: 'Проверяем по адресу проживания' });
    // A later list that said the address again (intake writes this row; here it is written as intake writes it).
    const address = (await call('children.card', { id: dupId })).facts.find((f) => f.type === 'address')!;
    const db = w.sqlite();
    const listSource = Number(
      db.prepare("INSERT INTO sources (kind, user_login, org_id, title, as_of) VALUES ('list', 'admin', ?, 'Список обучающихся (тест)', '2026-10-01')").run(school.id).lastInsertRowid,
    );
    db.prepare("INSERT INTO fact_confirmations (fact_table, fact_id, source_id) VALUES ('addresses', ?, ?)").run(address.id, listSource);

    const before = {
      kept: await call('children.card', { id: keptId }),
      dupRegister: await call('school.card', { childId: dupId }),
      dupCase: await call('education.child', { childId: dupId, asOf: '2026-10-05' }),
    };
    expect(before.dupRegister.entries.map((e) => e.id)).toEqual([entryId]);
    expect((await call('school.card', { childId: keptId })).entries).toEqual([]);

    // The merge.
    const merged = await call('children.merge', { keptId, mergedId: dupId, choices: { surname: 'kept', birthDate: 'kept' } });
    const mergeId = merged.merges[0]!.id;
    expect(merged.facts.find((f) => f.id === address.id)?.confirmedBy?.map((s) => s.title)).toEqual(['Список обучающихся (тест)']);
    // The kept card's history says what came with the merged card.
    expect(merged.timeline.map((t) => t.text)).toContain(
      `Присоединена карточка № ${dupId}: перенесено при объединении: сведения (2), посещаемость, мес. (1), записи карты учёта (1), документы карты учёта (1), движение обучающихся (1), дело о неполучении образования (1)`,
    );

    // Attendance: the class's month shows the figures on the kept card, once (the duplicate is no longer a pupil row).
    const grid = await call('attendance.grid', { orgId: school.id, month: '2026-09', classLabel: '9А' });
    expect(grid.rows.map((r) => [r.childId, r.lessonsHeld, r.missedUnexcused])).toEqual([[keptId, 80, 62]]);
    const truancy = await call('attendance.truancy', { orgId: school.id, month: '2026-09' });
    expect(truancy.rows.map((r) => r.childId)).toEqual([keptId]);

    // The карта учёта: the entry, its printed document and the attendance.
    const card = await call('school.card', { childId: keptId });
    expect(card.entries.map((e) => e.id)).toEqual([entryId]);
    expect(card.entries[0]!.documents.map((d) => d.number)).toEqual([doc.printout.number]);
    expect(card.attendance).toEqual([{ month: '2026-09', lessonsHeld: 80, missedTotal: 64, missedUnexcused: 62 }]);
    const pupils = await call('school.pupils', { orgId: school.id, all: false });
    expect(pupils.rows.map((r) => [r.childId, r.missedUnexcused])).toEqual([[keptId, 62]]);
    // The document printed from the duplicate is printed again from the kept card.
    const reprint = await call('reports.reprint', { id: doc.printout.id });
    expect(reprint.printout.number).toBe(doc.printout.number);
    // A correction of the entry made on the duplicate is taken on the kept card.
    reg = await call('school.addEntry', {
      childId: keptId,
      kind: 'contact',
      onDate: '2026-10-01',
      actor: 'Классный руководитель 9А класса Учителева О. Н.',
      data: { how: 'беседа', answer: 'Отец обещал проследить', cause: 'Прогулы без ведома родителей' },
      replacesId: entryId,
    });
    const correction = reg.entries.find((e) => e.replacesId === entryId)!;
    expect(reg.entries.find((e) => e.id === entryId)!.replacedBy).toBe(correction.id);

    // Movement: the record of leaving school at 15 is listed under the kept card, and is changed there.
    const movement = await call('movement.overview', { orgId: school.id, from: '2026-09-01', to: '2026-10-31' });
    expect(movement.leave15.map((r) => [r.id, r.childId])).toEqual([[l15.id, keptId]]);
    const l15b = await call('movement.leaveSchool', {
      id: l15.id,
      childId: keptId,
      orgId: school.id,
      parentsConsentOn: '2026-09-20',
      commissionConsentOn: '2026-09-25',
      commissionDecision: '12/3',
      departmentConsentOn: '2026-09-28',
      departmentDecision: '345',
      leftOn: '2026-09-30',
      measuresOn: '2026-10-03',
      measures: 'Беседа с семьёй, направлен запрос в ЦЗН; устроен в колледж',
    });

    // The department's case: on the kept card, and an entry made there goes into the same case.
    const kase = await call('education.child', { childId: keptId, asOf: '2026-10-05' });
    expect(kase.case?.id).toBe(before.dupCase.case!.id);
    expect(kase.case?.entries.map((e) => e.note)).toContain('Проверяем по адресу проживания');
    const added = await call('education.caseAdd', { childId: keptId, kind: 'visit', onDate: '2026-10-05', note: 'Выход по адресу: семья проживает' });
    expect(added.case?.id).toBe(before.dupCase.case!.id);
    expect(w.sqlite().prepare('SELECT count(*) FROM education_cases').pluck().get()).toBe(1);

    // Undo: each card has its own back; what was added on the kept card to the duplicate's records stays with them.
    await call('children.unmerge', { mergeId });
    const keptAfter = await call('children.card', { id: keptId });
    expect(keptAfter.facts).toEqual(before.kept.facts);
    expect(keptAfter.timeline.map((t) => t.text)).toEqual(expect.arrayContaining([`Присоединена карточка № ${dupId}`, `Объединение с карточкой № ${dupId} отменено`]));
    expect((await call('children.card', { id: dupId })).facts.find((f) => f.id === address.id)?.confirmedBy?.map((s) => s.title)).toEqual(['Список обучающихся (тест)']);
    expect((await call('school.card', { childId: keptId })).entries.map((e) => e.id)).toEqual([correction.id]);
    const dupRegister = await call('school.card', { childId: dupId });
    expect(dupRegister.entries.map((e) => e.id)).toEqual([entryId]);
    expect(dupRegister.documents.concat(dupRegister.entries.flatMap((e) => e.documents)).map((d) => d.number)).toContain(doc.printout.number);
    expect(dupRegister.attendance).toEqual(before.dupRegister.attendance);
    expect((await call('school.card', { childId: keptId })).attendance).toEqual([]);
    const gridAfter = await call('attendance.grid', { orgId: school.id, month: '2026-09', classLabel: '9А' });
    expect(new Map(gridAfter.rows.map((r) => [r.childId, r.lessonsHeld]))).toEqual(
      new Map([
        [keptId, null],
        [dupId, 80],
      ]),
    );
    expect((await call('attendance.truancy', { orgId: school.id, month: '2026-09' })).rows.map((r) => r.childId)).toEqual([dupId]);
    const movementAfter = await call('movement.overview', { orgId: school.id, from: '2026-09-01', to: '2026-10-31' });
    // The new version of the record was written on the kept card; the first one stays the duplicate's, replaced.
    expect(movementAfter.leave15.map((r) => [r.id, r.childId])).toEqual([[l15b.id, keptId]]);
    expect((await call('education.child', { childId: keptId, asOf: '2026-10-05' })).case).toBeNull();
    const dupCase = await call('education.child', { childId: dupId, asOf: '2026-10-05' });
    expect(dupCase.case?.entries.map((e) => e.note)).toEqual(expect.arrayContaining(['Проверяем по адресу проживания', 'Выход по адресу: семья проживает']));

    // Nothing of the history was changed in place: the append-only tables still refuse it.
    expect(() => w.sqlite().prepare('UPDATE attendance SET child_id = ? WHERE child_id = ?').run(keptId, dupId)).toThrow(/изменять записи нельзя/);
    // The merge and its undo are in the journal.
    const journal = w.sqlite().prepare("SELECT action FROM audit_log WHERE action IN ('children.merge', 'children.unmerge') ORDER BY id").pluck().all();
    expect(journal).toEqual(['children.merge', 'children.unmerge']);
  });
});
