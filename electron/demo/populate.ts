import type { OpenDatabase } from '../../db/open';
import { organizations } from '../../db/schema';
import type { ChildCore, Fact } from '../../shared/api/registry';
import { normalizeName } from '../../shared/domain/names';
import { createSource, insertChildrenBulk } from '../services/registry/write';
import type { DemoItem, DemoOrg, DemoStreet } from './generate';

export interface PopulateOptions {
  /** Who the demo source is recorded as. */
  userLogin: string;
  /** The day the demo is made as of: the source's date and the day the current schools are worked out for. */
  asOf: string;
  /** Called once with 0 before the children, then after each chunk. */
  onProgress?: (done: number, total: number) => void;
  /** Children per chunk between progress calls. */
  chunk?: number;
}

export interface PopulateResult {
  sourceId: number;
  children: number;
  orgs: number;
  streets: number;
}

/** What is written: a generated municipality (generateDemo) or a plan whose children are made as they are written (planDemo). */
export interface DemoInput {
  orgs: readonly DemoOrg[];
  streets: readonly DemoStreet[];
  items: readonly DemoItem[] | (() => Iterable<DemoItem>);
  /** For progress when `items` is a generator. */
  total?: number;
}

/** Page cache while the demo is written, KiB. */
const POPULATE_CACHE_KIB = 256 * 1024;

/**
 * Writes a generated municipality into an open database in one transaction (a savepoint when the caller
 * already holds one): the organizations the profile did not pre-fill, the street directory, and every child
 * with its facts through the registry's bulk writer, all from one source «Демонстрационные данные».
 */
export function populateDemo(open: OpenDatabase, demo: DemoInput, options: PopulateOptions): PopulateResult {
  const { sqlite } = open;
  // 200,000 children's index entries land at random places: a page cache that holds most of the file saves
  // reading (and decrypting) the same pages again and again. For this connection only, and put back afterwards.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  const bigger = cacheSize < 0 ? Math.max(-cacheSize, POPULATE_CACHE_KIB) : POPULATE_CACHE_KIB;
  sqlite.pragma(`cache_size = -${bigger}`);
  try {
    return sqlite.transaction(() => write(open, demo, options))();
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

function write(open: OpenDatabase, demo: DemoInput, options: PopulateOptions): PopulateResult {
  const { sqlite, db } = open;
  const ids = new Map<string, number>();
  const existing = sqlite.prepare('SELECT id, profile_key AS key FROM organizations WHERE profile_key IS NOT NULL ORDER BY id').all() as { id: number; key: string }[];
  for (const row of existing) if (!ids.has(row.key)) ids.set(row.key, row.id);
  let orgCount = 0;
  for (const o of demo.orgs) {
    if (ids.has(o.key)) continue;
    const row = db
      .insert(organizations)
      .values({ profileKey: o.key, kind: o.kind, fullName: o.fullName, shortName: o.shortName, address: o.address, headPosition: o.headPosition, headName: o.headName })
      .returning({ id: organizations.id })
      .get();
    ids.set(o.key, row.id);
    orgCount += 1;
  }

  const insertStreet = sqlite.prepare('INSERT OR IGNORE INTO streets (locality, name, name_norm) VALUES (?, ?, ?)');
  let streetCount = 0;
  for (const s of demo.streets) streetCount += insertStreet.run(s.locality, s.name, normalizeName(s.name)).changes;

  const sourceId = createSource(sqlite, { kind: 'demo', userLogin: options.userLogin, title: 'Демонстрационные данные', asOf: options.asOf });
  const orgId = (key: string | null, what: string): number => {
    const id = key === null ? undefined : ids.get(key);
    if (id === undefined) throw new Error(`Демо-данные: нет организации «${key ?? ''}» (${what})`);
    return id;
  };
  const withIds = (it: DemoItem): { child: ChildCore; facts: Fact[] } => ({
    child: it.child,
    facts: it.facts.map((f): Fact => {
      if (f.type === 'study') return { ...f, orgId: orgId(it.orgKey, 'обучение') };
      if (f.type === 'form' && f.attestationOrgId !== null) return { ...f, attestationOrgId: orgId(it.attestationOrgKey, 'аттестация') };
      if (f.type === 'attestation' && f.orgId !== null) return { ...f, orgId: orgId(it.attestationOrgKey, 'аттестация') };
      return f;
    }),
  });

  const items = typeof demo.items === 'function' ? demo.items() : demo.items;
  const total = demo.total ?? (Array.isArray(items) ? items.length : 0);
  const chunk = Math.max(1, options.chunk ?? 5000);
  options.onProgress?.(0, total);
  let done = 0;
  let part: { child: ChildCore; facts: Fact[] }[] = [];
  const flush = () => {
    done += insertChildrenBulk(open, sourceId, part, options.asOf).length;
    part = [];
    options.onProgress?.(done, Math.max(total, done));
  };
  for (const it of items) {
    part.push(withIds(it));
    if (part.length >= chunk) flush();
  }
  if (part.length > 0) flush();
  return { sourceId, children: done, orgs: orgCount, streets: streetCount };
}
