import { describe, expect, it } from 'vitest';
import { setUp } from './helpers';

// Generated people: no real persons. Lists arrive as CSV («;», UTF-8), as a school sends them.
const HEADER = '№;ФИО;Дата рождения;Адрес регистрации;Класс;Приказ о зачислении';

async function district() {
  const w = await setUp();
  const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
  const made = await w.call('children.create', {
    child: { surname: 'Берёзкина', name: 'Варвара', patronymic: 'Олеговна', birthDate: '2013-04-18', gender: 'f' },
    facts: [
      { type: 'address', kind: 'registration', text: 'п. Свободный, ул. Ленина, д. 1, кв. 2', validFrom: '2025-01-10' },
      { type: 'study', orgId: school.id, classLabel: '7А', enrolOrderNumber: '12-у', enrolOrderDate: '2019-08-28', validFrom: '2019-09-01' },
    ],
  });
  const id = made.child.id;
  const upload = (asOf: string, address: string, order = '№ 12-у от 28.08.2019', classLabel = '7А') =>
    w.call('intake.upload', {
      orgId: school.id,
      listKind: 'school-pupils',
      asOf,
      fileName: `Список на ${asOf}.csv`,
      base64: Buffer.from(`${HEADER}\r\n1;Берёзкина Варвара Олеговна;18.04.2013;${address};${classLabel};${order}`, 'utf8').toString('base64'),
    });
  const addresses = async () => (await w.call('children.card', { id })).facts.filter((f) => f.type === 'address');
  return { ...w, school, id, upload, addresses };
}

describe('what a linked row brings (issue 8)', () => {
  it('a newer list ends the older address of the same kind (kept in history, the list its reason); an older list never overrides it; undo reopens it', async () => {
    const { call, upload, addresses } = await district();
    const s = await upload('2026-09-01', 'п. Свободный, ул. Карбышева, д. 5, кв. 7');
    await call('intake.apply', { submissionId: s.id });
    let all = await addresses();
    expect(all.filter((a) => a.current).map((a) => a.data.text)).toEqual(['п. Свободный, ул. Карбышева, д. 5, кв. 7']);
    const old = all.find((a) => a.data.text === 'п. Свободный, ул. Ленина, д. 1, кв. 2')!;
    expect(old).toMatchObject({ current: false, validTo: '2026-08-31' });
    expect(old.endedBy).toMatchObject({ kind: 'list', asOf: '2026-09-01' });

    // An older list (as of 01.03.2026) names another address: history only, the newer one stays current.
    const older = await upload('2026-03-01', 'п. Свободный, ул. Свободы, д. 3, кв. 1');
    await call('intake.apply', { submissionId: older.id });
    all = await addresses();
    expect(all.filter((a) => a.current).map((a) => a.data.text)).toEqual(['п. Свободный, ул. Карбышева, д. 5, кв. 7']);
    expect(all.find((a) => a.data.text === 'п. Свободный, ул. Свободы, д. 3, кв. 1')).toMatchObject({ current: false, validTo: '2026-08-31' });

    await call('intake.undo', { submissionId: s.id });
    all = await addresses();
    expect(all.filter((a) => a.current).map((a) => a.data.text)).toEqual(['п. Свободный, ул. Ленина, д. 1, кв. 2']);
  });

  it('another address as of the same date is a conflict shown before apply, and is not written over the known one', async () => {
    const { call, upload, addresses } = await district();
    await call('intake.apply', { submissionId: (await upload('2026-09-01', 'п. Свободный, ул. Карбышева, д. 5, кв. 7')).id });
    const same = await upload('2026-09-01', 'п. Свободный, ул. Школьная, д. 9, кв. 4');
    expect(same.counts.conflicts).toBe(1);
    const { rows } = await call('intake.rows', { submissionId: same.id, filter: 'conflicts' });
    expect(rows[0]!.conflicts).toContain('другой адрес регистрации на ту же дату: в реестре «п. Свободный, ул. Карбышева, д. 5, кв. 7», в списке «п. Свободный, ул. Школьная, д. 9, кв. 4»');
    await call('intake.apply', { submissionId: same.id });
    expect((await addresses()).filter((a) => a.current).map((a) => a.data.text)).toEqual(['п. Свободный, ул. Карбышева, д. 5, кв. 7']);
  });

  it('a list that confirms the study is shown on the card as a confirmation; undo withdraws it', async () => {
    const { call, upload, id } = await district();
    const s = await upload('2026-09-01', 'п. Свободный, ул. Ленина, д. 1, кв. 2');
    expect(s.counts.conflicts).toBe(0);
    await call('intake.apply', { submissionId: s.id });
    const card = await call('children.card', { id });
    const studies = card.facts.filter((f) => f.type === 'study');
    expect(studies).toHaveLength(1);
    expect(studies[0]!.source?.kind).toBe('manual');
    expect(studies[0]!.confirmedBy).toEqual([expect.objectContaining({ kind: 'list', asOf: '2026-09-01', title: 'Обучающиеся общеобразовательного учреждения' })]);
    // The same address is confirmed too, not written twice.
    const addresses = card.facts.filter((f) => f.type === 'address');
    expect(addresses).toHaveLength(1);
    expect(addresses[0]!.confirmedBy).toHaveLength(1);
    await call('intake.undo', { submissionId: s.id });
    expect((await call('children.card', { id })).facts.find((f) => f.type === 'study')!.confirmedBy).toEqual([]);
  });

  it('the same address written otherwise is not another address: no conflict, nothing ended, confirmed', async () => {
    const { call, upload, addresses } = await district();
    const s = await upload('2026-09-01', 'Свободный, улица Ленина, 1-2');
    expect(s.counts.conflicts).toBe(0);
    await call('intake.apply', { submissionId: s.id });
    const all = await addresses();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ current: true, data: { text: 'п. Свободный, ул. Ленина, д. 1, кв. 2' } });
    expect(all[0]!.confirmedBy).toHaveLength(1);
  });

  it('a different enrolment order number for the same study is a conflict, not ignored and not confirmed', async () => {
    const { call, upload, id } = await district();
    const s = await upload('2026-09-01', 'п. Свободный, ул. Ленина, д. 1, кв. 2', '№ 47-у от 28.08.2019');
    expect(s.counts.conflicts).toBe(1);
    const { rows } = await call('intake.rows', { submissionId: s.id });
    expect(rows[0]!.conflicts).toContain('другой номер приказа о зачислении: в реестре № 12-у, в списке № 47-у');
    await call('intake.apply', { submissionId: s.id });
    const study = (await call('children.card', { id })).facts.filter((f) => f.type === 'study');
    expect(study).toHaveLength(1);
    expect(study[0]!.data.enrolOrderNumber).toBe('12-у');
    expect(study[0]!.confirmedBy).toEqual([]);
  });
});
