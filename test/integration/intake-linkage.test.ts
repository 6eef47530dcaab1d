import { describe, expect, it } from 'vitest';
import { setUp } from './helpers';

// Generated people: no real persons. Lists are typed into the paper-form grid (the same validation and linkage
// as a file; reading files is tested in intake-files.test.ts).

async function district() {
  const w = await setUp();
  const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
  const child = async (surname: string, name: string, patronymic: string, birthDate: string, gender: 'm' | 'f', address: string) =>
    (await w.call('children.create', { child: { surname, name, patronymic, birthDate, gender }, facts: [{ type: 'address', kind: 'registration', text: address }] })).child.id;
  const dmitry = await child('Григорьев', 'Дмитрий', 'Евгеньевич', '2010-06-19', 'm', 'п. Свободный, ул. Ленина, д. 4, кв. 9');
  const natalia = await child('Иванова', 'Наталья', 'Павловна', '2007-09-26', 'f', 'п. Свободный, ул. Карбышева, д. 5, кв. 7');
  const artem = await child('Соколов', 'Артём', 'Игоревич', '2015-06-07', 'm', 'п. Свободный, ул. Свободы, д. 3, кв. 1');
  const upload = async (rows: string[][], asOf = '2026-09-01') =>
    w.call('intake.grid', {
      orgId: school.id,
      listKind: 'school-pupils',
      asOf,
      rows: rows.map(([fio, birthDate, addressRegistration, classLabel]) => {
        const [surname, name, patronymic] = fio!.split(' ');
        return { surname: surname!, name: name!, patronymic: patronymic ?? '', birthDate: birthDate!, addressRegistration: addressRegistration!, classLabel: classLabel ?? '' };
      }),
    });
  return { ...w, school, dmitry, natalia, artem, upload };
}

describe('linkage of issue 8 through intake', () => {
  it('links a first-name typo, sends a surname typo with the year off by one to a person, and lists a new twin beside the registry child', async () => {
    const { call, upload, dmitry, natalia, artem } = await district();
    const s = await upload([
      ['Григорьев Дмтрий Евгеньевич', '19.06.2010', 'п. Свободный, ул. Ленина, д. 4, кв. 9', '10А'],
      ['Ифанова Наталья Павловна', '26.09.2008', 'п. Свободный, ул. Карбышева, д. 5, кв. 7', '11А'],
      ['Соколов Илья Игоревич', '07.06.2015', 'п. Свободный, ул. Свободы, д. 3, кв. 1', '5Б'],
    ]);
    const { rows } = await call('intake.rows', { submissionId: s.id });
    const row = (n: number) => rows.find((r) => r.rowNo === n)!;
    expect(row(1)).toMatchObject({ decision: 'auto', childId: dmitry });
    expect(row(1).reasons).toContain('имя похоже, вероятна опечатка («Дмтрий» / «Дмитрий»)');
    // The same child with a surname typo and the year off by one: not a new child.
    expect(row(2).decision).not.toBe('new');
    expect(row(2).candidates[0]!.childId).toBe(natalia);
    expect(row(2).candidates[0]!.reasons).toContain('год рождения отличается на 1');
    // A twin (two real names): new, but shown with the registry child it resembles.
    expect(row(3).decision).toBe('new');
    expect(row(3).candidates[0]!.childId).toBe(artem);
    expect(row(3).reasons.join('; ')).toContain('вероятно, близнецы');
    expect(s.counts.newClose).toBe(1);
    const close = await call('intake.rows', { submissionId: s.id, filter: 'newClose' });
    expect(close.rows.map((r) => r.rowNo)).toEqual([3]);
    expect(close.total).toBe(1);
  });
});
