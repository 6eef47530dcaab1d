import { describe, expect, it } from 'vitest';
import { Linker } from '../../electron/services/intake/link';
import { DEMO_LOGIN } from '../../electron/services/demo';
import { clockFromEnv } from '../../electron/app/clock';
import { formatRuDate } from '../../shared/domain/dates';
import { EMPTY_LIST_ROW, type ListRowValues } from '../../shared/intake/listRow';
import { workspace } from './helpers';

/**
 * A list of 1,000 rows or more is linked against the registry read into memory once; a short one (a row fixed
 * by hand, a paper form) with a query per row. Both must decide the same.
 */
describe('linking a long list', () => {
  it('decides the same with the registry in memory as with a query per row, and links every known child', async () => {
    const today = '2026-09-15';
    const w = workspace(undefined, clockFromEnv({ UCHET_TODAY: today }));
    const made = await w.call('setup.demo', { children: 1500, seed: 5, profileId: 'zato-svobodny' });
    expect(made.login).toBe(DEMO_LOGIN);
    const { sqlite } = w.ws.current!.open;
    const kids = sqlite
      .prepare("SELECT id, surname, name, patronymic, birth_date AS birthDate, gender FROM children WHERE status = 'active' ORDER BY id LIMIT 1100")
      .all() as { id: number; surname: string; name: string; patronymic: string | null; birthDate: string; gender: 'm' | 'f' | null }[];
    const rows: ListRowValues[] = kids.map((k, i) => ({
      ...EMPTY_LIST_ROW,
      // Every tenth written with ё as е and in capitals, as lists arrive.
      surname: i % 10 === 0 ? k.surname.toUpperCase().replaceAll('Ё', 'Е') : k.surname,
      name: k.name,
      patronymic: k.patronymic,
      birthDate: k.birthDate,
      gender: k.gender,
    }));
    const inMemory = new Linker(sqlite, rows.length);
    const perRow = new Linker(sqlite);
    let same = 0;
    let wrong = 0;
    for (const [i, v] of rows.entries()) {
      const a = inMemory.link(i + 1, v);
      const b = perRow.link(i + 1, v);
      expect({ row: i + 1, decision: a.decision, childId: a.childId }).toEqual({ row: i + 1, decision: b.decision, childId: b.childId });
      expect(a.candidates.map((c) => c.childId)).toEqual(b.candidates.map((c) => c.childId));
      if (a.decision === 'auto' && a.childId === kids[i]!.id) same += 1;
      if (a.decision === 'auto' && a.childId !== kids[i]!.id) wrong += 1;
    }
    // No row is linked to another child (twins share all but the first name); the few not linked at once
    // (no patronymic and no address to confirm) wait for a person.
    expect(wrong).toBe(0);
    expect(same).toBeGreaterThanOrEqual(Math.floor(kids.length * 0.97));

    // And through the service, from a CSV file.
    const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
    const csv = ['№;ФИО;Дата рождения', ...kids.map((k, i) => `${i + 1};${k.surname} ${k.name} ${k.patronymic ?? ''};${formatRuDate(k.birthDate)}`)].join('\r\n');
    const s = await w.call('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: today, fileName: 'длинный.csv', base64: Buffer.from(`\uFEFF${csv}`, 'utf8').toString('base64') });
    expect(s.counts.rows).toBe(kids.length);
    expect(s.counts.auto).toBeGreaterThanOrEqual(Math.floor(kids.length * 0.97));
    expect(s.counts.errors).toBe(0);
    expect(s.counts.auto + s.counts.review + s.counts.new).toBe(kids.length);
  }, 120_000);

  it('decides the same both ways on rows with the errors of issue 8 (name typos, a year or a day off), finding them through the new blocks', async () => {
    const w = workspace();
    await w.call('setup.demo', { children: 1500, seed: 6, profileId: 'zato-svobodny' });
    const { sqlite } = w.ws.current!.open;
    const kids = sqlite
      .prepare(
        `SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date AS birthDate, c.gender,
          (SELECT a.text FROM addresses a WHERE a.child_id = c.id AND a.withdrawn_at IS NULL ORDER BY a.id LIMIT 1) AS address
         FROM children c WHERE c.status = 'active' ORDER BY c.id LIMIT 600`,
      )
      .all() as { id: number; surname: string; name: string; patronymic: string | null; birthDate: string; gender: 'm' | 'f' | null; address: string | null }[];
    const dropLetter = (s: string) => s.slice(0, 2) + s.slice(3);
    const shiftYear = (iso: string) => `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;
    const rows: ListRowValues[] = kids.map((k, i) => ({
      ...EMPTY_LIST_ROW,
      surname: i % 3 === 0 ? dropLetter(k.surname) : k.surname,
      name: i % 2 === 0 ? dropLetter(k.name) : k.name,
      patronymic: k.patronymic,
      birthDate: i % 5 === 0 && !k.birthDate.endsWith('02-29') ? shiftYear(k.birthDate) : k.birthDate,
      gender: k.gender,
      addressRegistration: k.address,
    }));
    const inMemory = new Linker(sqlite, rows.length);
    const perRow = new Linker(sqlite);
    let found = 0;
    for (const [i, v] of rows.entries()) {
      const a = inMemory.link(i + 1, v);
      const b = perRow.link(i + 1, v);
      expect({ row: i + 1, decision: a.decision, childId: a.childId, candidates: a.candidates.map((c) => c.childId) }).toEqual({
        row: i + 1,
        decision: b.decision,
        childId: b.childId,
        candidates: b.candidates.map((c) => c.childId),
      });
      if (a.decision === 'auto') expect(a.childId).toBe(kids[i]!.id);
      if (a.candidates.some((c) => c.childId === kids[i]!.id)) found += 1;
    }
    // Every child is found (linked, or shown to a person) despite a surname typo and a year off at once.
    expect(found).toBeGreaterThanOrEqual(Math.floor(kids.length * 0.98));
  }, 180_000);
});
