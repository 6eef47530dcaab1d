import { describe, expect, it } from 'vitest';
import { type DemoItem, generateDemo, planDemo } from '../../../electron/demo/generate';
import { patronymicOf, surnameFor } from '../../../electron/demo/russianNames';
import { childCoreSchema, factInputSchema, type Fact } from '../../../shared/api/registry';
import { ageOn, isCompulsoryAge } from '../../../shared/domain/age';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { parseClassLabel } from '../../../shared/domain/levels';
import { validateSnils } from '../../../shared/domain/snils';
import { findProfile } from '../../../shared/profiles';

const AS_OF = '2026-03-01';
const zato = findProfile('zato-svobodny')!;
const kstovo = findProfile('kstovo')!;
const big = generateDemo({ children: 5000, seed: 42, profile: kstovo, asOf: AS_OF });
const small = generateDemo({ children: 5000, seed: 42, profile: zato, asOf: AS_OF });

type Of<T extends Fact['type']> = Extract<Fact, { type: T }>;
const factsOf = <T extends Fact['type']>(it: DemoItem, type: T) => it.facts.filter((f): f is Of<T> => f.type === type);
const share = (n: number, of: number) => n / of;
const compulsory = (it: DemoItem) => isCompulsoryAge(it.child.birthDate, AS_OF, { hasSecondaryGeneral: it.child.hasSecondaryGeneral });
/** What the product must find: no organization teaches the child and no family/self-education is recorded. */
const notInEducation = (it: DemoItem) => it.orgKey === null && factsOf(it, 'form').length === 0;

describe('the demo generator', () => {
  it('is deterministic: the same seed gives byte-identical output, another seed another municipality', () => {
    const again = generateDemo({ children: 5000, seed: 42, profile: kstovo, asOf: AS_OF });
    expect(JSON.stringify(again)).toBe(JSON.stringify(big));
    const other = generateDemo({ children: 5000, seed: 43, profile: kstovo, asOf: AS_OF });
    expect(JSON.stringify(other.items)).not.toBe(JSON.stringify(big.items));
    // Made one at a time for the database, the same children.
    const plan = planDemo({ children: 5000, seed: 42, profile: kstovo, asOf: AS_OF });
    expect(JSON.stringify([...plan.items()])).toBe(JSON.stringify(big.items));
  });

  it('makes exactly the number of children asked for', () => {
    expect(big.items).toHaveLength(5000);
    expect(generateDemo({ children: 10, seed: 1, profile: zato, asOf: AS_OF }).items).toHaveLength(10);
    expect(generateDemo({ children: 0, seed: 1, profile: zato, asOf: AS_OF }).items).toHaveLength(0);
  });

  it('writes only children and facts the registry contract accepts', () => {
    for (const it of [...big.items, ...small.items]) {
      expect(childCoreSchema.parse(it.child)).toEqual(it.child);
      for (const f of it.facts) factInputSchema.parse(f);
    }
  });

  it('gives valid ISO birth dates of children 0 to 18 years old, on every year of the range', () => {
    const ages = new Map<number, number>();
    for (const it of big.items) {
      expect(isValidIsoDate(it.child.birthDate)).toBe(true);
      const age = ageOn(it.child.birthDate, AS_OF).years;
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(18);
      ages.set(age, (ages.get(age) ?? 0) + 1);
    }
    expect([...ages.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i));
    for (const n of ages.values()) expect(share(n, 5000)).toBeGreaterThan(0.02);
  });

  it('makes patronymics from the father\'s name and surnames that agree with the gender', () => {
    let checked = 0;
    for (const it of [...big.items, ...small.items]) {
      const { child } = it;
      expect(child.gender === 'm' || child.gender === 'f').toBe(true);
      if (child.patronymic !== null) expect(child.patronymic).toMatch(child.gender === 'm' ? /ич$/u : /на$/u);
      const father = factsOf(it, 'representative').find((r) => r.relation === 'father');
      if (!father) continue;
      checked += 1;
      if (child.patronymic !== null) expect(child.patronymic).toBe(patronymicOf(father.name, child.gender!));
      expect(child.surname).toBe(surnameFor(father.surname, child.gender!));
    }
    expect(checked).toBeGreaterThan(7000);
    const girls = big.items.filter((it) => it.child.gender === 'f').map((it) => it.child.surname);
    expect(girls.filter((s) => /(ова|ева|ёва|ина|ая)$/u.test(s)).length / girls.length).toBeGreaterThan(0.9);
    const boys = big.items.filter((it) => it.child.gender === 'm').map((it) => it.child.surname);
    expect(boys.some((s) => /(ова|ева|ская)$/u.test(s))).toBe(false);
  });

  it('keeps families together: siblings share surname stem, patronymic stem, address and parents; twins have different first names', () => {
    const families = new Map<string, DemoItem[]>();
    for (const it of big.items) {
      const mother = factsOf(it, 'representative').find((r) => r.relation !== 'father');
      const key = `${factsOf(it, 'address')[0]!.text}|${mother ? `${mother.surname} ${mother.name} ${mother.patronymic} ${mother.phone}` : ''}`;
      families.set(key, [...(families.get(key) ?? []), it]);
    }
    const withSiblings = [...families.values()].filter((f) => f.length > 1);
    expect(withSiblings.length).toBeGreaterThan(800);
    let twinPairs = 0;
    for (const fam of withSiblings) {
      expect(new Set(fam.map((it) => it.child.surname.replace(/(а|ая|ий|ой|ый)$/u, ''))).size).toBe(1);
      // Same father: brothers share one patronymic, sisters the other form of it.
      for (const g of ['m', 'f']) expect(new Set(fam.filter((it) => it.child.gender === g).map((it) => it.child.patronymic)).size).toBeLessThanOrEqual(1);
      expect(new Set(fam.map((it) => factsOf(it, 'address')[0]!.text)).size).toBe(1);
      const byBirth = new Map<string, string[]>();
      for (const it of fam) byBirth.set(it.child.birthDate, [...(byBirth.get(it.child.birthDate) ?? []), it.child.name]);
      for (const names of byBirth.values()) {
        expect(new Set(names).size).toBe(names.length);
        if (names.length >= 2) twinPairs += 1;
      }
    }
    // Births, not children: a pair of twins is one birth.
    const births = big.items.length - twinPairs;
    expect(share(twinPairs, births)).toBeGreaterThan(0.005);
    expect(share(twinPairs, births)).toBeLessThan(0.02);
  });

  it('leaves about 3–5 % of children of compulsory age in no organization and no family education', () => {
    for (const demo of [big, small]) {
      const comp = demo.items.filter(compulsory);
      const rate = share(comp.filter(notInEducation).length, comp.length);
      expect(rate).toBeGreaterThan(0.025);
      expect(rate).toBeLessThan(0.05);
    }
  });

  it('has forms of education in realistic proportions', () => {
    const forms = big.items.flatMap((it) => factsOf(it, 'form').map((f) => f.form));
    const count = (id: string) => forms.filter((f) => f === id).length;
    expect(share(count('full_time'), forms.length)).toBeGreaterThan(0.95);
    expect(share(count('full_time'), forms.length)).toBeLessThan(0.99);
    expect(share(count('family'), forms.length)).toBeGreaterThan(0.003);
    expect(share(count('family'), forms.length)).toBeLessThan(0.02);
    expect(count('part_time')).toBeGreaterThan(0);
    expect(count('extramural') + count('self')).toBeGreaterThan(0);
    for (const it of big.items) {
      for (const f of factsOf(it, 'form')) {
        if (f.form === 'family' || f.form === 'self') {
          expect(f.notifiedAt).not.toBeNull();
          expect(f.attestationOrgId).not.toBeNull();
          expect(it.attestationOrgKey).not.toBeNull();
          expect(it.orgKey).toBeNull();
        }
        if (f.form === 'self') expect(ageOn(it.child.birthDate, AS_OF).years).toBeGreaterThanOrEqual(15);
      }
    }
  });

  it('puts pupils in classes that match their age and little ones in kindergarten groups', () => {
    const keys = new Map([...kstovo.participants.map((p) => [p.key, p.kind] as const), ...big.orgs.map((o) => [o.key, o.kind] as const)]);
    let pupils = 0;
    let kids = 0;
    for (const it of big.items) {
      const study = factsOf(it, 'study');
      expect(study.length).toBeLessThanOrEqual(1);
      if (study.length === 0) {
        expect(it.orgKey).toBeNull();
        continue;
      }
      const label = study[0]!.classLabel!;
      expect(label.length).toBeLessThanOrEqual(20);
      const age = ageOn(it.child.birthDate, AS_OF).years;
      const kind = keys.get(it.orgKey!);
      if (kind === 'school') {
        pupils += 1;
        const cls = parseClassLabel(label)!;
        expect(cls.letter).toMatch(/^[А-Г]$/u);
        expect(cls.grade - age).toBeGreaterThanOrEqual(-7);
        expect(cls.grade - age).toBeLessThanOrEqual(-5);
        expect(it.child.hasSecondaryGeneral).toBe(false);
      } else if (kind === 'kindergarten') {
        kids += 1;
        expect(age).toBeGreaterThanOrEqual(1);
        expect(age).toBeLessThanOrEqual(7);
        expect(label).toMatch(/^(Ранний возраст|Младшая|Средняя|Старшая|Подготовительная)( № \d)?$/u);
        expect(factsOf(it, 'form')).toHaveLength(0);
      } else {
        expect(kind).toBe('college'); // the college after the 9th grade (a professional organization: in education)
        expect(age).toBeGreaterThanOrEqual(14);
      }
      expect(study[0]!.enrolOrderNumber).toBeTruthy();
      expect(study[0]!.enrolOrderDate! <= study[0]!.validFrom!).toBe(true);
    }
    expect(share(pupils, 5000)).toBeGreaterThan(0.4);
    expect(share(kids, 5000)).toBeGreaterThan(0.1);
  });

  it('gives secondary general education only to some 17–18-year-olds', () => {
    const had = big.items.filter((it) => it.child.hasSecondaryGeneral);
    expect(had.length).toBeGreaterThan(0);
    for (const it of had) expect(ageOn(it.child.birthDate, AS_OF).years).toBeGreaterThanOrEqual(17);
    const older = big.items.filter((it) => ageOn(it.child.birthDate, AS_OF).years >= 17);
    expect(had.length).toBeLessThan(older.length);
  });

  it('gives valid, unique СНИЛС and birth certificates to most children', () => {
    const snils = big.items.map((it) => it.child.snils).filter((s): s is string => s !== null);
    expect(share(snils.length, 5000)).toBeGreaterThan(0.5);
    for (const s of snils) expect(validateSnils(s)).toEqual({ ok: true, value: s });
    expect(new Set(snils).size).toBe(snils.length);
    const certs = big.items.filter((it) => it.child.birthCertSeries !== null);
    expect(share(certs.length, 5000)).toBeGreaterThan(0.5);
    for (const it of certs) {
      expect(it.child.birthCertSeries).toMatch(/^[IVX]+-[А-Я]{2}$/u);
      expect(it.child.birthCertNumber).toMatch(/^\d{6}$/u);
    }
  });

  it('writes parents with phones, addresses on the municipality\'s streets, and a few flags and health conditions', () => {
    const streets = new Set(big.streets.map((s) => `${s.locality}|${s.name}`));
    let differentActual = 0;
    for (const it of big.items) {
      const addrs = factsOf(it, 'address');
      expect(addrs.length).toBeGreaterThanOrEqual(1);
      for (const a of addrs) {
        expect(streets.has(`${a.locality}|${a.street}`)).toBe(true);
        expect(a.text).toContain(`д. ${a.house}`);
      }
      if (addrs.some((a) => a.kind === 'actual')) differentActual += 1;
      const reps = factsOf(it, 'representative');
      expect(reps.length).toBeGreaterThanOrEqual(1);
      for (const r of reps) if (r.phone !== null) expect(r.phone).toMatch(/^\+7 9\d{2} \d{3}-\d{2}-\d{2}$/u);
    }
    expect(share(differentActual, 5000)).toBeGreaterThan(0.03);
    const flags = big.items.flatMap((it) => factsOf(it, 'flag').map((f) => f.kind));
    for (const kind of ['pdn', 'sop', 'guardianship'] as const) expect(flags).toContain(kind);
    expect(share(flags.length, 5000)).toBeLessThan(0.05);
    const guarded = big.items.filter((it) => factsOf(it, 'flag').some((f) => f.kind === 'guardianship'));
    for (const it of guarded) expect(factsOf(it, 'representative').map((r) => r.relation)).toContain('guardian');
    expect(big.items.filter((it) => factsOf(it, 'condition').some((c) => c.kind === 'health')).length).toBeGreaterThan(0);
  });

  it('builds a street directory of 30–150 streets and the organizations of each municipality', () => {
    for (const demo of [big, small]) {
      expect(demo.streets.length).toBeGreaterThanOrEqual(30);
      expect(demo.streets.length).toBeLessThanOrEqual(150);
      expect(new Set(demo.streets.map((s) => `${s.locality}|${s.name}`)).size).toBe(demo.streets.length);
      expect(demo.streets.some((s) => s.name.endsWith(' пер.'))).toBe(true);
      expect(demo.streets.some((s) => s.name === 'Ленина ул.')).toBe(true);
    }
    const schools = big.orgs.filter((o) => o.kind === 'school');
    expect(schools.length).toBeGreaterThanOrEqual(5);
    expect(schools.map((o) => o.shortName)).toContain('МБОУ «СОШ № 1»');
    expect(big.orgs.filter((o) => o.kind === 'kindergarten').length).toBeGreaterThanOrEqual(5);
    expect(new Set(big.orgs.map((o) => o.key)).size).toBe(big.orgs.length);
    // ЗАТО Свободный: the profile's one school; no other school is added.
    expect(small.orgs.filter((o) => o.kind === 'school')).toHaveLength(0);
    expect(new Set(small.items.filter((it) => it.orgKey !== null).map((it) => it.orgKey))).toContain('school-25');
  });
});
