import type Database from 'better-sqlite3';
import type { OpenDatabase } from '../../../db/open';
import type { IsoDate } from '../../../shared/domain/dates';
import { refreshCurrent } from '../access';
import type { ChildCore, Fact, FactType } from '../../../shared/api/registry';
import { childKeys } from './keys';
import { noteNames } from './nameIndex';

/** Table and columns of each fact type; every table also has the common fact columns. */
export const FACT_TABLES: Record<FactType, { table: string; columns: string[] }> = {
  address: { table: 'addresses', columns: ['kind', 'text', 'locality', 'street', 'house', 'building', 'flat'] },
  representative: { table: 'representatives', columns: ['relation', 'surname', 'name', 'patronymic', 'phone', 'address_text'] },
  study: { table: 'studies', columns: ['org_id', 'class_label', 'enrol_order_number', 'enrol_order_date'] },
  form: { table: 'education_forms', columns: ['form', 'basis', 'basis_date', 'notified_at', 'attestation_org_id'] },
  attestation: { table: 'attestations', columns: ['date', 'result', 'org_id'] },
  condition: { table: 'conditions', columns: ['kind', 'note'] },
  flag: { table: 'flags', columns: ['kind', 'note'] },
};

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
export { camel, snake };

export interface SourceInput {
  kind: 'manual' | 'list' | 'merge' | 'demo';
  userLogin: string;
  orgId?: number | null;
  title?: string | null;
  asOf?: string | null;
  submissionId?: number | null;
}

export function createSource(sqlite: Database.Database, s: SourceInput): number {
  return Number(
    sqlite
      .prepare('INSERT INTO sources (kind, user_login, org_id, title, as_of, submission_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.kind, s.userLogin, s.orgId ?? null, s.title ?? null, s.asOf ?? null, s.submissionId ?? null).lastInsertRowid,
  );
}

/** Prepared statements for one connection, made once: bulk writes (imports, demo) reuse them row after row. */
export class RegistryWriter {
  private readonly insertChild: Database.Statement;
  private readonly insertFact: Map<FactType, Database.Statement> = new Map();
  /** `today`: the day the current organization, class and form are worked out for (the call's ctx.today()). */
  constructor(
    readonly sqlite: Database.Database,
    public today: IsoDate,
  ) {
    this.insertChild = sqlite.prepare(
      `INSERT INTO children (surname, name, patronymic, birth_date, gender, snils, birth_cert_series, birth_cert_number,
        has_secondary_general, surname_norm, name_norm, patronymic_norm, sort_key, source_id)
       VALUES (@surname, @name, @patronymic, @birthDate, @gender, @snils, @birthCertSeries, @birthCertNumber,
        @hasSecondaryGeneral, @surnameNorm, @nameNorm, @patronymicNorm, @sortKey, @sourceId)`,
    );
    for (const [type, { table, columns }] of Object.entries(FACT_TABLES) as [FactType, (typeof FACT_TABLES)[FactType]][]) {
      const cols = ['child_id', 'valid_from', 'source_id', ...columns];
      this.insertFact.set(type, sqlite.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${camel(c)}`).join(', ')})`));
    }
  }

  /** Inserts a child with its facts; the caller holds the transaction. Returns the new id. */
  addChild(child: ChildCore, facts: readonly Fact[], sourceId: number): number {
    const keys = childKeys(child);
    const id = Number(this.insertChild.run({ ...child, hasSecondaryGeneral: child.hasSecondaryGeneral ? 1 : 0, ...keys, sourceId }).lastInsertRowid);
    noteNames(this.sqlite, keys.surnameNorm, keys.nameNorm, keys.patronymicNorm);
    for (const fact of facts) this.addFact(id, fact, sourceId, false);
    this.refreshCurrent(id);
    return id;
  }

  /** New person fields for an existing child: keys recomputed, version bumped (the caller keeps the old version). */
  updatePerson(id: number, next: ChildCore): void {
    const keys = childKeys(next);
    this.sqlite
      .prepare(
        `UPDATE children SET surname = @surname, name = @name, patronymic = @patronymic, birth_date = @birthDate, gender = @gender,
          snils = @snils, birth_cert_series = @birthCertSeries, birth_cert_number = @birthCertNumber,
          has_secondary_general = @hasSecondaryGeneral, surname_norm = @surnameNorm, name_norm = @nameNorm,
          patronymic_norm = @patronymicNorm, sort_key = @sortKey, version = version + 1,
          updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
         WHERE id = @id`,
      )
      .run({ ...next, hasSecondaryGeneral: next.hasSecondaryGeneral ? 1 : 0, ...keys, id });
    noteNames(this.sqlite, keys.surnameNorm, keys.nameNorm, keys.patronymicNorm);
  }

  addFact(childId: number, fact: Fact, sourceId: number, refresh = true): number {
    const { type: _type, ...fields } = fact;
    const id = Number(this.insertFact.get(fact.type)!.run({ ...fields, childId, sourceId }).lastInsertRowid);
    if (refresh && (fact.type === 'study' || fact.type === 'form')) this.refreshCurrent(childId);
    return id;
  }

  refreshCurrent(childId: number): void {
    refreshCurrent(this.sqlite, childId, this.today);
  }
}

/** Many children from one source in one transaction (demo data, a whole list). */
export function insertChildrenBulk(open: OpenDatabase, sourceId: number, items: readonly { child: ChildCore; facts: readonly Fact[] }[], today: IsoDate): number[] {
  const writer = new RegistryWriter(open.sqlite, today);
  const ids = open.sqlite.transaction(() => items.map((it) => writer.addChild(it.child, it.facts, sourceId)))();
  // Many new rows change what the query planner should do; refresh its statistics where they went stale.
  open.sqlite.pragma('optimize');
  return ids;
}
