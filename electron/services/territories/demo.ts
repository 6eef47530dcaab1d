import type Database from 'better-sqlite3';
import { placeKey } from '../../../shared/domain/territory';

/**
 * Territories for a demo municipality: the streets of each settlement with schools shared out among them (the
 * town's longest street split by even and odd houses, another by house ranges), a settlement without a school
 * given whole to the first school of the largest settlement, except the last one, left unassigned so the list of
 * unresolved addresses has something to show. Deterministic: the same database gives the same territories.
 */
export function seedDemoTerritories(sqlite: Database.Database, userLogin: string): number {
  const schools = sqlite.prepare("SELECT id, address FROM organizations WHERE kind = 'school' ORDER BY id").all() as { id: number; address: string }[];
  const streets = sqlite.prepare('SELECT locality, name FROM streets ORDER BY locality, name_norm').all() as { locality: string; name: string }[];
  if (schools.length === 0 || streets.length === 0) return 0;
  const byLocality = new Map<string, string[]>();
  for (const s of streets) {
    const list = byLocality.get(s.locality) ?? [];
    list.push(s.name);
    byLocality.set(s.locality, list);
  }
  const localityOf = (address: string): string | null => {
    const words = ` ${placeKey(address)} `;
    let found: string | null = null;
    for (const loc of byLocality.keys()) if (words.includes(` ${placeKey(loc)} `) && (found === null || loc.length > found.length)) found = loc;
    return found;
  };
  const schoolsOf = new Map<string, number[]>();
  for (const s of schools) {
    const loc = localityOf(s.address);
    if (loc === null) continue;
    schoolsOf.set(loc, [...(schoolsOf.get(loc) ?? []), s.id]);
  }
  const largest = [...byLocality.entries()].sort((a, b) => b[1].length - a[1].length)[0]![0];
  const main = schoolsOf.get(largest)?.[0] ?? schools[0]!.id;
  const insert = sqlite.prepare('INSERT INTO territory_rules (org_id, locality, street, houses, parity, created_by) VALUES (?, ?, ?, ?, ?, ?)');
  let n = 0;
  const add = (org: number, loc: string, street: string, houses = '', parity = 'all') => {
    insert.run(org, loc, street, houses, parity, userLogin);
    n += 1;
  };
  const without = [...byLocality.keys()].filter((l) => !schoolsOf.has(l));
  for (const [loc, names] of byLocality) {
    const own = schoolsOf.get(loc);
    if (!own) {
      if (loc !== without.at(-1)) add(main, loc, '');
      continue;
    }
    if (own.length === 1) {
      add(own[0]!, loc, '');
      continue;
    }
    // Streets sharing a key («ул. Мира», «б-р Мира») go to one school, as people would read them.
    const keyOwner = new Map<string, number>();
    names.forEach((name, i) => {
      const key = placeKey(name);
      if (i === 0) {
        add(own[0]!, loc, name, '', 'odd');
        add(own[1 % own.length]!, loc, name, '', 'even');
      } else if (i === 1) {
        add(own[2 % own.length]!, loc, name, '1–30');
        add(own[3 % own.length]!, loc, name, '31–');
      } else {
        const org = keyOwner.get(key) ?? own[Math.floor((i * own.length) / names.length)]!;
        keyOwner.set(key, org);
        add(org, loc, name);
      }
    });
  }
  return n;
}
