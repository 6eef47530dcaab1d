/**
 * A synthetic municipality for trying the product and for benchmarks: families of made-up people living on the
 * municipality's streets, its schools with classes and kindergartens with groups, forms of education in
 * realistic proportions, and a few percent of children of compulsory age whom no organization teaches — the
 * children the product exists to find.
 *
 * Pure and deterministic: the same options give byte-identical output (a seeded generator, no clock, no
 * Math.random). Organizations are referred to by key; populate.ts turns keys into ids.
 */
import type { ChildCore, Fact } from '../../shared/api/registry';
import { COMPULSORY_FROM_MONTHS, dateOfAge } from '../../shared/domain/age';
import { type IsoDate, addDays, addYears, compareIso, daysBetween, isoFromParts, isoParts } from '../../shared/domain/dates';
import type { EducationFormId } from '../../shared/domain/educationForms';
import { schoolYearStartYearOf } from '../../shared/domain/schoolYear';
import { snilsChecksum } from '../../shared/domain/snils';
import { normalizeName } from '../../shared/domain/names';
import { nameSpellingKey } from '../../shared/intake/firstNames';
import type { OrgKind, RegulationProfile } from '../../shared/profiles/types';
import { type Locality, directoryStreetName, placeFor } from './places';
import { Random, Weighted } from './random';
import { BOYS, GIRLS, GRANDFATHERS, MEN, SURNAMES, WOMEN, type Gender, patronymicOf, surnameFor } from './russianNames';

export interface DemoOptions {
  children: number;
  seed: number;
  profile: RegulationProfile;
  /** The day the municipality is "as of": ages, classes and the school year are counted on it. */
  asOf: IsoDate;
}

/** An organization the demo adds to those the profile pre-fills at set-up; `key` becomes its profile_key. */
export interface DemoOrg {
  key: string;
  kind: OrgKind;
  fullName: string;
  shortName: string;
  address: string;
  headPosition: string;
  headName: string;
}

export interface DemoStreet {
  locality: string;
  name: string;
}

/**
 * One child with its facts. Facts that name an organization carry 0 in place of its id: populate.ts puts the id
 * of `orgKey` into the study fact and the id of `attestationOrgKey` into the form's attestationOrgId and into
 * attestation facts. Keys are profile keys: a participant of the profile ('school-25') or a DemoOrg key.
 */
export interface DemoItem {
  child: ChildCore;
  facts: Fact[];
  /** Where the child studies now (school, kindergarten or college); null: no organization. */
  orgKey: string | null;
  /** The school that attests a child in family education or self-education. */
  attestationOrgKey: string | null;
}

export interface DemoMunicipality {
  orgs: DemoOrg[];
  streets: DemoStreet[];
  items: DemoItem[];
}

/** The same municipality with its children made one at a time (200,000 children need not sit in memory at once). */
export interface DemoPlan {
  orgs: DemoOrg[];
  streets: DemoStreet[];
  /** How many children `items()` yields. */
  total: number;
  /** Makes the children; call once (it continues the seeded sequence). */
  items(): Generator<DemoItem, void, undefined>;
}

/** The proportions, in one place (measured results are in test/unit/demo/generate.test.ts). */
export const DEMO_RATES = {
  boys: 0.513,
  /** Twins among births. */
  twins: 0.011,
  /** After the 9th grade: stay at school for the 10th and 11th, go to a college, or nowhere. */
  afterNine: { school: 0.55, college: 0.42, none: 0.03 },
  /** A school-age child whom no organization teaches (three times as often in families registered only for a stay). */
  noOrganization: 0.03,
  health: 0.003,
  rehab: 0.0006,
  family: 0.009,
  /** Self-education: only in the 10th–11th grade, 15 and older. */
  self: 0.012,
  partTime: 0.012,
  extramural: 0.01,
  /** Kindergarten attendance by age on 1 September (2 … 6+). */
  kindergarten: [0.35, 0.8, 0.88, 0.9, 0.9] as const,
  snils: 0.65,
  birthCert: 0.75,
  /** Families. */
  singleMother: 0.15,
  motherOwnSurname: 0.1,
  noPatronymic: 0.006,
  stayOnly: 0.02,
  otherActualAddress: 0.07,
  movedIn: 0.3,
  guardianship: 0.008,
  sop: 0.004,
  parentsPdn: 0.003,
  /** Children: ПДН from 10, КДНиЗП from 12. */
  pdn: 0.006,
  kdn: 0.003,
  /** Start school a year later than the first 1 September at 6 years 6 months. */
  lateStart: 0.1,
  /** Joined the present school later than the first grade. */
  transferred: 0.12,
  noPhone: 0.08,
} as const;

/** Births in Russia by year, thousands (Росстат): the age pyramid of the demo follows it. */
const BIRTHS: Readonly<Record<number, number>> = {
  2004: 1502, 2005: 1457, 2006: 1479, 2007: 1610, 2008: 1714, 2009: 1762, 2010: 1789, 2011: 1797, 2012: 1902, 2013: 1896,
  2014: 1942, 2015: 1940, 2016: 1889, 2017: 1690, 2018: 1604, 2019: 1485, 2020: 1436, 2021: 1399, 2022: 1305, 2023: 1264,
  2024: 1222, 2025: 1200,
};
const MAX_BIRTHS = 1942;
function birthsIn(year: number): number {
  if (BIRTHS[year] !== undefined) return BIRTHS[year];
  return year < 2004 ? 1400 : 1200;
}

const FAMILY_SIZE = new Weighted<number>([[1, 45], [2, 38], [3, 13], [4, 3], [5, 1]]);
const CLASS_LETTERS = ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'И', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р', 'С', 'Т', 'У', 'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Э', 'Ю', 'Я'];
/** Kindergarten groups by age on 1 September; a label fits the 20 characters of a class label with « № 4». */
const GROUPS = ['Ранний возраст', 'Младшая', 'Средняя', 'Старшая', 'Подготовительная'] as const;
const KINDERGARTEN_NAMES = ['Солнышко', 'Берёзка', 'Ромашка', 'Колокольчик', 'Теремок', 'Радуга', 'Улыбка', 'Сказка', 'Светлячок', 'Алёнушка', 'Журавушка', 'Золотой ключик', 'Родничок', 'Ёлочка', 'Василёк', 'Звёздочка'];
const COLLEGE_GROUPS = ['ТМ', 'ПК', 'ЭМ', 'СВ', 'ТО', 'БУ', 'ХТ', 'АМ'];
const ROMAN = new Weighted<string>([['I', 20], ['II', 25], ['III', 20], ['IV', 15], ['V', 10], ['VI', 5], ['VII', 3], ['VIII', 2]]);
const OTHER_CERT_LETTERS = ['ИК', 'МЮ', 'АИ', 'ТН', 'ЖА', 'ПО', 'КБ', 'СТ', 'ВО', 'РЕ'];
const PUPILS_PER_CLASS = 26;
const CHILDREN_PER_GROUP = 22;

const BOYS_W = new Weighted(BOYS);
const GIRLS_W = new Weighted(GIRLS);
const MEN_W = new Weighted(MEN);
const WOMEN_W = new Weighted(WOMEN);
const GRANDFATHERS_W = new Weighted(GRANDFATHERS);
const SURNAMES_W = new Weighted(SURNAMES);

interface OrgPlan {
  key: string;
  /** Parallel classes per grade (index 1..11) or groups per kindergarten age (index 0..4). */
  units: number[];
}

interface LocalityPlan {
  locality: Locality;
  schools: OrgPlan[];
  kindergartens: OrgPlan[];
}

interface Person {
  surname: string;
  name: string;
  patronymic: string;
  phone: string | null;
}

interface Address {
  locality: string;
  street: string;
  house: string;
  building: string | null;
  flat: string | null;
  text: string;
}

interface Family {
  plan: LocalityPlan;
  surname: string;
  father: Person;
  mother: Person | null;
  fatherPresent: boolean;
  guardian: Person | null;
  registration: Address;
  stayOnly: boolean;
  actual: Address | null;
  movedIn: IsoDate | null;
  noPatronymic: boolean;
  sop: boolean;
  parentsPdn: boolean;
  school: OrgPlan | null;
  kindergarten: OrgPlan | null;
  names: Set<string>;
}

export function generateDemo(options: DemoOptions): DemoMunicipality {
  const plan = planDemo(options);
  return { orgs: plan.orgs, streets: plan.streets, items: [...plan.items()] };
}

export function planDemo(options: DemoOptions): DemoPlan {
  const { children: total, seed, profile, asOf } = options;
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`Неверное число детей: ${total}`);
  const rng = new Random(seed);
  const place = placeFor(profile);
  const yearStart = schoolYearStartYearOf(asOf);
  const sept1 = isoFromParts(yearStart, 9, 1);
  const windowStart = addDays(addYears(asOf, -19), 1);
  const windowDays = daysBetween(windowStart, asOf) + 1;

  const streets: DemoStreet[] = place.localities.flatMap((l) => l.streets.map((street) => ({ locality: l.name, name: directoryStreetName(street) })));
  const orgs: DemoOrg[] = [];
  const plans = planOrganizations();
  const plansW = new Weighted(plans.map((p) => [p, p.locality.weight] as const));
  const townPlans = plans.filter((p) => p.locality.adjective === null && p.schools.length > 0);
  const collegeKey = 'demo-college';
  orgs.push({
    key: collegeKey,
    kind: 'college',
    fullName: place.college.fullName,
    shortName: place.college.shortName,
    address: place.college.address,
    headPosition: 'Директор',
    headName: headName(),
  });

  const usedSnils = new Set<number>();
  const usedCerts = new Set<string>();
  let started = false;
  return { orgs, streets, total, items };

  function* items(): Generator<DemoItem, void, undefined> {
    if (started) throw new Error('planDemo: items() is called once');
    started = true;
    let made = 0;
    while (made < total) {
      const family = makeFamily();
      const size = FAMILY_SIZE.draw(rng);
      for (const birth of familyBirths(size)) {
        if (made >= total) break;
        made += 1;
        yield makeChild(family, birth);
      }
    }
  }

  // --- organizations -------------------------------------------------------------------------------------------

  function planOrganizations(): LocalityPlan[] {
    const weightSum = place.localities.reduce((s, l) => s + l.weight, 0);
    const participantSchools = profile.participants.filter((p) => p.kind === 'school').map((p) => p.key);
    const participantKgs = profile.participants.filter((p) => p.kind === 'kindergarten').map((p) => p.key);
    let schoolNo = 0;
    let kgNo = 0;
    return place.localities.map((locality, i) => {
      const children = (total * locality.weight) / weightSum;
      const cohort = children / 19;
      const isTown = locality.adjective === null && locality.hasSchool;
      const main = i === 0;
      let schoolKeys: string[] = [];
      let kgKeys: string[] = [];
      if (locality.hasSchool) {
        if (main && participantSchools.length > 0) schoolKeys = participantSchools;
        else {
          const n = isTown ? Math.max(5, Math.round((cohort * 11) / 950)) : 1;
          for (let k = 0; k < n; k++) schoolKeys.push(addSchool(locality, ++schoolNo, isTown ? k + 1 : null));
        }
        if (main && participantKgs.length > 0) {
          kgKeys = [...participantKgs];
          // A second kindergarten: the profile names the municipal kindergarten institution only.
          kgKeys.push(addKindergarten(locality, ++kgNo, null, true));
        } else {
          const n = isTown ? Math.max(6, Math.round((cohort * 4 * 0.85) / 180)) : 1;
          for (let k = 0; k < n; k++) kgKeys.push(addKindergarten(locality, ++kgNo, isTown ? k + 1 : null, false));
        }
      }
      const perSchool = (cohort * 0.95) / Math.max(1, schoolKeys.length);
      const perKg = cohort / Math.max(1, kgKeys.length);
      const schools = schoolKeys.map((key) => ({
        key,
        units: Array.from({ length: 12 }, (_, grade) => {
          const n = grade >= 10 ? perSchool * DEMO_RATES.afterNine.school : perSchool;
          return Math.min(CLASS_LETTERS.length, Math.max(1, Math.ceil(n / PUPILS_PER_CLASS)));
        }),
      }));
      const kindergartens = kgKeys.map((key) => ({
        key,
        units: DEMO_RATES.kindergarten.map((share) => Math.min(9, Math.max(1, Math.ceil((perKg * share) / CHILDREN_PER_GROUP)))),
      }));
      return { locality, schools, kindergartens };
    });
  }

  function orgAddress(locality: Locality): string {
    const street = rng.pick(locality.streets);
    return [place.region, locality.name, street, `д. ${rng.int(1, Math.min(40, locality.houses))}`].filter(Boolean).join(', ');
  }

  function addSchool(locality: Locality, n: number, number: number | null): string {
    const key = `demo-school-${n}`;
    const name = number === null ? `${locality.adjective} СОШ` : `СОШ № ${number}`;
    const full = number === null ? `${locality.adjective} средняя общеобразовательная школа` : `Средняя общеобразовательная школа № ${number}`;
    orgs.push({
      key,
      kind: 'school',
      fullName: `Муниципальное бюджетное общеобразовательное учреждение «${full}»`,
      shortName: `МБОУ «${name}»`,
      address: orgAddress(locality),
      headPosition: 'Директор',
      headName: headName(),
    });
    return key;
  }

  function addKindergarten(locality: Locality, n: number, number: number | null, named: boolean): string {
    const key = `demo-kindergarten-${n}`;
    const nick = KINDERGARTEN_NAMES[(n - 1) % KINDERGARTEN_NAMES.length]!;
    let name: string;
    if (named) name = `Детский сад «${nick}»`;
    else if (number === null) name = `${locality.adjective!.replace(/ская$/u, 'ский')} детский сад`;
    else name = rng.chance(0.5) ? `Детский сад № ${number} «${nick}»` : `Детский сад № ${number}`;
    orgs.push({
      key,
      kind: 'kindergarten',
      fullName: `Муниципальное бюджетное дошкольное образовательное учреждение «${name}»`,
      shortName: `МБДОУ «${name}»`,
      address: orgAddress(locality),
      headPosition: 'Заведующий',
      headName: headName(0.97),
    });
    return key;
  }

  function headName(women = 0.6): string {
    const g: Gender = rng.chance(women) ? 'f' : 'm';
    const name = (g === 'f' ? WOMEN_W : MEN_W).draw(rng);
    return `${surnameFor(SURNAMES_W.draw(rng), g)} ${name} ${patronymicOf(GRANDFATHERS_W.draw(rng), g)}`;
  }

  // --- families ------------------------------------------------------------------------------------------------

  function phone(): string | null {
    if (rng.chance(DEMO_RATES.noPhone)) return null;
    return `+7 9${rng.digits(2)} ${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}`;
  }

  function adult(g: Gender, surname: string): Person {
    return { surname, name: (g === 'm' ? MEN_W : WOMEN_W).draw(rng), patronymic: patronymicOf(GRANDFATHERS_W.draw(rng), g), phone: phone() };
  }

  function address(locality: Locality, avoidStreet?: string): Address {
    let street = rng.pick(locality.streets);
    if (avoidStreet !== undefined && locality.streets.length > 1) while (directoryStreetName(street) === avoidStreet) street = rng.pick(locality.streets);
    const inFlat = rng.chance(locality.flats);
    const house = String(rng.int(1, locality.houses)) + (rng.chance(0.04) ? 'А' : '');
    const building = inFlat && rng.chance(0.06) ? String(rng.int(1, 3)) : null;
    const flat = inFlat ? String(rng.int(1, 140)) : null;
    const text = [locality.name, street, `д. ${house}`, building ? `корп. ${building}` : null, flat ? `кв. ${flat}` : null].filter(Boolean).join(', ');
    return { locality: locality.name, street: directoryStreetName(street), house, building, flat, text };
  }

  function makeFamily(): Family {
    const plan = plansW.draw(rng);
    const surname = SURNAMES_W.draw(rng);
    const father = adult('m', surname);
    const single = rng.chance(DEMO_RATES.singleMother);
    const mother = adult('f', rng.chance(DEMO_RATES.motherOwnSurname) ? surnameFor(SURNAMES_W.draw(rng), 'f') : surnameFor(surname, 'f'));
    const guardianship = rng.chance(DEMO_RATES.guardianship);
    const registration = address(plan.locality);
    const actual = rng.chance(DEMO_RATES.otherActualAddress) ? address(plan.locality, registration.street) : null;
    // A child's school is that of its settlement; small villages without one send children to the town.
    const schoolPlans = plan.schools.length > 0 ? plan : (townPlans[0] ?? plan);
    return {
      plan,
      surname,
      father,
      mother: guardianship ? null : mother,
      fatherPresent: !single && !guardianship,
      guardian: guardianship ? adult('f', rng.chance(0.6) ? surnameFor(surname, 'f') : surnameFor(SURNAMES_W.draw(rng), 'f')) : null,
      registration,
      stayOnly: rng.chance(DEMO_RATES.stayOnly),
      actual,
      movedIn: rng.chance(DEMO_RATES.movedIn) ? addDays(windowStart, rng.int(0, windowDays - 1)) : null,
      noPatronymic: rng.chance(DEMO_RATES.noPatronymic),
      sop: rng.chance(DEMO_RATES.sop),
      parentsPdn: rng.chance(DEMO_RATES.parentsPdn),
      school: schoolPlans.schools.length > 0 ? rng.pick(schoolPlans.schools) : null,
      kindergarten: schoolPlans.kindergartens.length > 0 ? rng.pick(schoolPlans.kindergartens) : null,
      names: new Set(),
    };
  }

  /** A birth date drawn from the age pyramid (births by year), 0 to 18 full years old on asOf. */
  function drawBirth(): IsoDate {
    for (;;) {
      const d = addDays(windowStart, rng.int(0, windowDays - 1));
      if (rng.next() * MAX_BIRTHS < birthsIn(isoParts(d).year)) return d;
    }
  }

  /** The children's birth dates: 1.5–7 years apart, all inside the 0–18 window; twins share one. */
  function familyBirths(size: number): IsoDate[] {
    const births: IsoDate[] = [drawBirth()];
    for (let i = 1; i < size; i++) {
      const gap = rng.int(550, 2600);
      const later = addDays(births.at(-1)!, gap);
      const earlier = addDays(births[0]!, -gap);
      const canLater = compareIso(later, asOf) <= 0;
      const canEarlier = compareIso(earlier, windowStart) >= 0;
      if (canLater && (!canEarlier || rng.chance(0.5))) births.push(later);
      else if (canEarlier) births.unshift(earlier);
      else break;
    }
    const withTwins: IsoDate[] = [];
    for (const b of births) {
      withTwins.push(b);
      if (rng.chance(DEMO_RATES.twins)) withTwins.push(b);
    }
    return withTwins;
  }

  // --- children ------------------------------------------------------------------------------------------------

  function uniqueSnils(): string {
    for (;;) {
      const n = rng.int(2_000_000, 999_999_999);
      if (usedSnils.has(n)) continue;
      usedSnils.add(n);
      const nine = String(n).padStart(9, '0');
      return nine + snilsChecksum(nine);
    }
  }

  function birthCert(): { series: string; number: string } {
    for (;;) {
      const letters = rng.chance(0.85) ? place.certLetters : rng.pick(OTHER_CERT_LETTERS);
      const series = `${ROMAN.draw(rng)}-${letters}`;
      const number = rng.digits(6);
      if (usedCerts.has(`${series} ${number}`)) continue;
      usedCerts.add(`${series} ${number}`);
      return { series, number };
    }
  }

  /** Age in full years on a date. */
  function yearsOn(birth: IsoDate, on: IsoDate): number {
    const b = isoParts(birth);
    const d = isoParts(on);
    let years = d.year - b.year;
    if (d.month < b.month || (d.month === b.month && d.day < b.day)) years -= 1;
    return years;
  }

  /** The first 1 September on which the child is at least 6 years 6 months old; sometimes a year later. */
  function firstGradeYear(birth: IsoDate): number {
    const ready = dateOfAge(birth, 0, COMPULSORY_FROM_MONTHS);
    const p = isoParts(ready);
    let year = p.month < 9 || (p.month === 9 && p.day === 1) ? p.year : p.year + 1;
    if (yearsOn(birth, isoFromParts(year, 9, 1)) < 7 && rng.chance(DEMO_RATES.lateStart)) year += 1;
    return year;
  }

  function notAfterAsOf(d: IsoDate): IsoDate {
    return compareIso(d, asOf) > 0 ? asOf : d;
  }

  function orderDate(validFrom: IsoDate, birth: IsoDate): IsoDate {
    const d = addDays(validFrom, -rng.int(1, 12));
    return compareIso(d, birth) < 0 ? validFrom : d;
  }

  /** The day a child joined: 1 September of `year`, or later (a transfer, or the family moved in). */
  function joinDate(family: Family, year: number, birth: IsoDate, canTransfer: boolean): { from: IsoDate; transfer: boolean } {
    let from = isoFromParts(year, 9, 1);
    let transfer = false;
    if (canTransfer && year < yearStart && rng.chance(DEMO_RATES.transferred)) {
      from = addDays(from, rng.int(60, daysBetween(from, sept1)));
      transfer = true;
    }
    if (family.movedIn && compareIso(family.movedIn, from) > 0 && compareIso(family.movedIn, birth) > 0) {
      from = addDays(family.movedIn, rng.int(3, 25));
      transfer = true;
    }
    if (compareIso(from, asOf) > 0) from = asOf;
    return { from, transfer };
  }

  function makeChild(family: Family, birth: IsoDate): DemoItem {
    const gender: Gender = rng.chance(DEMO_RATES.boys) ? 'm' : 'f';
    // One name per child of a family, counting spellings of one name as one (no twins София and Софья).
    const spelling = (n: string) => nameSpellingKey(normalizeName(n));
    let name = (gender === 'm' ? BOYS_W : GIRLS_W).draw(rng);
    while (family.names.has(spelling(name))) name = (gender === 'm' ? BOYS_W : GIRLS_W).draw(rng);
    family.names.add(spelling(name));
    const cert = rng.chance(DEMO_RATES.birthCert) ? birthCert() : null;
    const child: ChildCore = {
      surname: surnameFor(family.surname, gender),
      name,
      patronymic: family.noPatronymic ? null : patronymicOf(family.father.name, gender),
      birthDate: birth,
      gender,
      snils: rng.chance(DEMO_RATES.snils) ? uniqueSnils() : null,
      birthCertSeries: cert?.series ?? null,
      birthCertNumber: cert?.number ?? null,
      hasSecondaryGeneral: false,
    };
    const facts: Fact[] = [];
    const since = family.movedIn && compareIso(family.movedIn, birth) > 0 ? family.movedIn : birth;
    const addr = (kind: 'registration' | 'stay' | 'actual', a: Address): Fact => ({
      type: 'address',
      kind,
      text: a.text,
      locality: a.locality,
      street: a.street,
      house: a.house,
      building: a.building,
      flat: a.flat,
      validFrom: since,
    });
    facts.push(addr(family.stayOnly ? 'stay' : 'registration', family.registration));
    if (family.actual) facts.push(addr('actual', family.actual));
    const rep = (relation: 'mother' | 'father' | 'guardian', p: Person): Fact => ({
      type: 'representative',
      relation,
      surname: p.surname,
      name: p.name,
      patronymic: p.patronymic,
      phone: p.phone,
      addressText: family.registration.text,
      validFrom: relation === 'guardian' ? addDays(birth, rng.int(0, Math.max(0, daysBetween(birth, asOf)))) : birth,
    });
    if (family.mother) facts.push(rep('mother', family.mother));
    if (family.fatherPresent) facts.push(rep('father', family.father));
    if (family.guardian) facts.push(rep('guardian', family.guardian));

    let orgKey: string | null = null;
    let attestationOrgKey: string | null = null;
    const outside = (form: 'family' | 'self', schoolKey: string, gradeStart: number, grade: number) => {
      // Chose it in one of the years at school, at the latest this year.
      const year = rng.int(Math.max(gradeStart, yearStart - 3), yearStart);
      const from = isoFromParts(year, 9, 1);
      const notified = addDays(from, -rng.int(5, 40));
      facts.push({
        type: 'form',
        form,
        basis: form === 'family' ? 'Уведомление родителей (законных представителей) о выборе семейного образования' : 'Заявление обучающегося о выборе самообразования',
        basisDate: notified,
        notifiedAt: notified,
        attestationOrgId: 0,
        validFrom: from,
      });
      if (year < yearStart) {
        const date = isoFromParts(yearStart, 5, rng.int(12, 28));
        const passed = rng.chance(0.93);
        facts.push({
          type: 'attestation',
          date,
          result: passed ? `Промежуточная аттестация пройдена, переведен${gender === 'f' ? 'а' : ''} в ${grade} класс` : 'Академическая задолженность по математике',
          orgId: 0,
          validFrom: date,
        });
      }
      attestationOrgKey = schoolKey;
    };
    const formFact = (form: EducationFormId, from: IsoDate, b: IsoDate) => {
      facts.push({
        type: 'form',
        form,
        basis: 'Заявление родителей (законных представителей)',
        basisDate: orderDate(from, b),
        notifiedAt: null,
        attestationOrgId: null,
        validFrom: from,
      });
    };

    const gradeStart = firstGradeYear(birth);
    const grade = yearStart - gradeStart + 1;
    const age = yearsOn(birth, asOf);

    if (grade <= 0) {
      // Preschool: a kindergarten group by age on 1 September.
      const ageSept = yearsOn(birth, sept1);
      const g = Math.min(4, ageSept - 2);
      if (g >= 0 && family.kindergarten && rng.chance(DEMO_RATES.kindergarten[g]!)) {
        const kg = family.kindergarten;
        const groups = kg.units[g]!;
        const k = rng.int(1, groups);
        const entryAge = Math.min(ageSept, g === 0 ? 2 : rng.chance(0.7) ? 3 : 2);
        const { from } = joinDate(family, yearStart - (ageSept - entryAge), birth, false);
        facts.push({
          type: 'study',
          orgId: 0,
          classLabel: groups > 1 ? `${GROUPS[g]} № ${k}` : GROUPS[g]!,
          validFrom: from,
          enrolOrderNumber: `${rng.int(1, 160)}-д`,
          enrolOrderDate: orderDate(from, birth),
        });
        orgKey = kg.key;
      }
    } else {
      let track: 'school' | 'college' | 'none' = 'school';
      if (grade >= 10) {
        const r = rng.next();
        track = r < DEMO_RATES.afterNine.school ? 'school' : r < DEMO_RATES.afterNine.school + DEMO_RATES.afterNine.college ? 'college' : 'none';
      }
      const finished = track === 'school' && grade > 11;
      if (finished) child.hasSecondaryGeneral = true;
      else if (track !== 'none') {
        const r = rng.next();
        const noneRate = DEMO_RATES.noOrganization * (family.stayOnly ? 3 : 1);
        let cut = noneRate;
        const school = family.school;
        if (r < cut || !school) {
          // Known to the registry (address, parents), taught by no one: what the product must find.
        } else if (r < (cut += DEMO_RATES.health)) {
          facts.push({ type: 'condition', kind: 'health', note: 'Медицинское заключение ВК', validFrom: addDays(sept1, -rng.int(0, 300)) });
        } else if (r < (cut += DEMO_RATES.rehab)) {
          facts.push({ type: 'condition', kind: 'rehab', note: 'Реабилитационный центр за пределами округа', validFrom: notAfterAsOf(addDays(sept1, rng.int(0, 60))) });
        } else if (track === 'school' && r < (cut += DEMO_RATES.family)) {
          outside('family', school.key, gradeStart, grade);
        } else if (track === 'school' && grade >= 10 && age >= 15 && r < (cut += DEMO_RATES.self)) {
          outside('self', school.key, gradeStart, grade);
        } else if (track === 'college') {
          const course = grade - 9;
          const { from } = joinDate(family, yearStart - course + 1, birth, false);
          facts.push({
            type: 'study',
            orgId: 0,
            classLabel: `${rng.pick(COLLEGE_GROUPS)}-${String((yearStart - course + 1) % 100).padStart(2, '0')}`,
            validFrom: from,
            enrolOrderNumber: `${rng.int(1, 400)}-к`,
            enrolOrderDate: orderDate(from, birth),
          });
          formFact('full_time', from, birth);
          orgKey = collegeKey;
        } else {
          const { from } = joinDate(family, gradeStart, birth, true);
          const letters = school.units[grade]!;
          facts.push({
            type: 'study',
            orgId: 0,
            classLabel: `${grade}${CLASS_LETTERS[rng.int(0, letters - 1)]}`,
            validFrom: from,
            enrolOrderNumber: `${rng.int(1, 220)}-у`,
            enrolOrderDate: orderDate(from, birth),
          });
          const f = rng.next();
          const form: EducationFormId =
            f < DEMO_RATES.partTime ? 'part_time' : f < DEMO_RATES.partTime + DEMO_RATES.extramural && grade >= 9 ? 'extramural' : 'full_time';
          formFact(form, from, birth);
          orgKey = school.key;
        }
      }
    }

    const flag = (kind: 'pdn' | 'parents_pdn' | 'sop' | 'guardianship' | 'kdn', note: string | null, from: IsoDate) =>
      facts.push({ type: 'flag', kind, note, validFrom: from });
    const recent = () => addDays(asOf, -rng.int(10, 700));
    const later = (d: IsoDate) => (compareIso(d, birth) < 0 ? birth : d);
    if (family.guardian) flag('guardianship', 'Постановление органа опеки', later(recent()));
    if (family.sop) flag('sop', 'Постановление ТКДНиЗП', later(recent()));
    if (family.parentsPdn) flag('parents_pdn', null, later(recent()));
    if (age >= 10 && rng.chance(DEMO_RATES.pdn)) flag('pdn', 'Самовольные уходы', later(recent()));
    if (age >= 12 && rng.chance(DEMO_RATES.kdn)) flag('kdn', null, later(recent()));

    return { child, facts, orgKey, attestationOrgKey };
  }
}
