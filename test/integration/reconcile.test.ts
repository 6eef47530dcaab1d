import { describe, expect, it } from 'vitest';
import { setUp } from './helpers';

// Reconciliation (Кстово п. 3.3) of a school's pupils list as of 1 September with the registry: real encrypted
// database, the list received through intake as a CSV. Made-up children.

const HEADER = '№;ФИО;Дата рождения;Класс;Форма обучения';

async function district() {
  const w = await setUp('kstovo');
  const org = (shortName: string) =>
    w.call('orgs.add', { kind: 'school', fullName: `МБОУ «${shortName}»`, shortName, address: 'г. Кстово', headPosition: 'Директор', headName: 'Тестов Т. Т.' });
  const school = await org('Школа № 1');
  const other = await org('Школа № 2');
  const child = async (surname: string, name: string, birthDate: string, orgId: number | null, classLabel: string | null, form: 'full_time' | null = 'full_time') =>
    (
      await w.call('children.create', {
        child: { surname, name, patronymic: 'Сергеевич', birthDate, gender: 'm' },
        facts: [
          ...(orgId === null ? [] : [{ type: 'study' as const, orgId, classLabel, validFrom: '2025-09-01' }]),
          ...(form ? [{ type: 'form' as const, form, validFrom: '2025-09-01' }] : []),
        ],
      })
    ).child.id;
  return { ...w, school, other, child };
}

describe('reconciliation of a school list with the registry (issue 10, point 6)', () => {
  it('finds the four kinds of difference, records an action on each, and sums them up per school', async () => {
    const w = await district();
    const same = await w.child('Верный', 'Антон', '2014-02-03', w.school.id, '6А');
    const otherClass = await w.child('Классов', 'Борис', '2013-05-06', w.school.id, '7А');
    const elsewhere = await w.child('Перешедший', 'Виктор', '2012-07-08', w.other.id, '8Б');
    const missing = await w.child('Пропавший', 'Глеб', '2011-09-10', w.school.id, '9А');
    const csv = [
      HEADER,
      '1;Верный Антон Сергеевич;03.02.2014;6 а;очная',
      '2;Классов Борис Сергеевич;06.05.2013;7Б;очная',
      '3;Перешедший Виктор Сергеевич;08.07.2012;8А;очная',
      '4;Новенький Денис Сергеевич;11.12.2015;4А;очная',
    ].join('\r\n');
    const sub = await w.call('intake.upload', { orgId: w.school.id, listKind: 'pupils-by-class', asOf: '2026-09-01', fileName: 'Школа 1 на 01.09.2026.csv', base64: Buffer.from(csv, 'utf8').toString('base64') });

    const lists = await w.call('reconcile.lists', {});
    expect(lists.map((l) => [l.submissionId, l.orgName, l.rows])).toEqual([[sub.id, 'Школа № 1', 4]]);

    const r = await w.call('reconcile.run', { submissionId: sub.id });
    expect(r.counts).toMatchObject({ listRows: 4, registryPupils: 3, matched: 2, notInRegistry: 2, missingFromList: 1, classDiffs: 1, formDiffs: 0, done: 0 });
    const by = (kind: string, surname: string) => r.items.find((i) => i.kind === kind && i.surname === surname)!;
    expect(by('class', 'Классов')).toMatchObject({ childId: otherClass, listValue: '7Б', registryValue: '7А' });
    expect(by('not_in_registry', 'Перешедший')).toMatchObject({ childId: elsewhere, registryValue: 'Школа № 2, 8Б' });
    expect(by('not_in_registry', 'Новенький')).toMatchObject({ childId: null, registryValue: 'нет в реестре' });
    expect(by('missing_from_list', 'Пропавший')).toMatchObject({ childId: missing, registryValue: 'Школа № 1, 9А' });
    expect(r.items.some((i) => i.childId === same)).toBe(false); // «6 а» is «6А»

    // Accept the list's class: the card's class becomes 7Б from 01.09.2026, the old one kept in history.
    let after = await w.call('reconcile.act', { submissionId: sub.id, kind: 'class', childId: otherClass, rowNo: 2, action: 'accept' });
    expect(after.items.find((i) => i.kind === 'class')).toMatchObject({ settled: true, action: 'accept', surname: 'Классов' });
    const card = await w.call('children.card', { id: otherClass });
    expect(card.current.classLabel).toBe('7Б');

    // Accept the transfer: the child is the school's pupil from 01.09.2026, its study at school 2 ends that day.
    after = await w.call('reconcile.act', { submissionId: sub.id, kind: 'not_in_registry', childId: elsewhere, rowNo: 3, action: 'accept' });
    expect((await w.call('children.card', { id: elsewhere })).current.orgId).toBe(w.school.id);

    // Not in the list: marked moved (its study ends on the list's date), or a case opened instead.
    after = await w.call('reconcile.act', { submissionId: sub.id, kind: 'missing_from_list', childId: missing, rowNo: null, action: 'case', note: 'Запрос в школу' });
    expect(after.items.find((i) => i.kind === 'missing_from_list')).toMatchObject({ action: 'case', actionNote: 'Запрос в школу', actedBy: 'admin' });
    const caseRow = w.ws.current!.open.sqlite.prepare('SELECT id FROM education_cases WHERE child_id = ?').get(missing);
    expect(caseRow).toBeTruthy();
    after = await w.call('reconcile.act', { submissionId: sub.id, kind: 'missing_from_list', childId: missing, rowNo: null, action: 'moved' });
    expect((await w.call('children.card', { id: missing })).current.orgId).toBeNull();
    expect(after.counts.missingFromList).toBe(1);
    expect(after.items.find((i) => i.kind === 'missing_from_list')).toMatchObject({ settled: true, action: 'moved', surname: 'Пропавший' });

    // The new child cannot be accepted before the list is applied; a note is recorded.
    const refused = await w.fails('reconcile.act', { submissionId: sub.id, kind: 'not_in_registry', childId: null, rowNo: 4, action: 'accept' });
    expect(refused.message).toContain('примените список');
    after = await w.call('reconcile.act', { submissionId: sub.id, kind: 'not_in_registry', childId: null, rowNo: 4, action: 'note', note: 'Прибыл из другого района' });
    expect(after.counts).toMatchObject({ notInRegistry: 2, classDiffs: 1, missingFromList: 1, done: 4 });
    expect(after.items.filter((i) => !i.settled && i.action === null)).toEqual([]);

    const summary = await w.call('reconcile.summary', { year: 2026 });
    expect(summary.schools.map((s) => [s.orgName, s.list?.submissionId ?? null, s.counts?.notInRegistry ?? null])).toEqual([
      ['Школа № 1', sub.id, 2],
      ['Школа № 2', null, null],
    ]);
    // Actions are history: they cannot be deleted.
    expect(() => w.ws.current!.open.sqlite.prepare('DELETE FROM reconciliation_actions').run()).toThrow(/удалять их нельзя/u);
    // Only a list of all the school's pupils is reconciled (the profile's pupilsList), not any list a school sends.
    const other = await w.call('intake.upload', { orgId: w.school.id, listKind: 'health', asOf: '2026-09-10', fileName: 'Здоровье.csv', base64: Buffer.from(`${HEADER}\r\n1;Верный Антон Сергеевич;03.02.2014;6А;очная`, 'utf8').toString('base64') });
    expect((await w.fails('reconcile.run', { submissionId: other.id })).message).toContain('Сверка ведётся по списку обучающихся школы');
    expect((await w.call('reconcile.lists', {})).map((l) => l.submissionId)).toEqual([sub.id]);
    const journal = await w.call('audit.list', { action: 'reconcile.act' });
    expect(journal.total).toBe(5); // four actions and the refused one
  });
});
