import type Database from 'better-sqlite3';
import { ApiError } from '../../shared/api/errors';
import { ROLES_READING_REGISTER_CARDS, ROLES_SEEING_SENSITIVE } from '../../shared/api/roles';
import type { SessionUser } from '../../shared/api/schemas';
import type { IsoDate } from '../../shared/domain/dates';
import { parseClassLabel } from '../../shared/domain/levels';
import type { CallContext } from './context';

// The one place for three rules every service follows: a fact in force on a date, the child's current
// organization, and what a user may read. Services call these; none writes its own version.

/**
 * SQL twin of `isInForce` (shared/domain/inForce.ts): not superseded, not withdrawn, started, not ended.
 * `alias` is the fact table's alias ('' for none); `on` an SQL expression for the date (a parameter such as
 * '@on' or '?', or a column).
 */
export function inForceSql(alias: string, on: string): string {
  const a = alias ? `${alias}.` : '';
  // `on` once, so a positional parameter is bound once; '' sorts before every date, '9999-12-31' after; the
  // day before valid_to is the last one in force.
  return `${a}superseded_by IS NULL AND ${a}withdrawn_at IS NULL AND ${on} BETWEEN coalesce(${a}valid_from, '') AND coalesce(date(${a}valid_to, '-1 day'), '9999-12-31')`;
}

/** A fact row that still stands (not superseded, not withdrawn), whatever its period: a child's history of facts. */
export function standingSql(alias: string): string {
  const a = alias ? `${alias}.` : '';
  return `(${a}superseded_by IS NULL AND ${a}withdrawn_at IS NULL)`;
}

/** A standing fact not ended yet, whatever day it is: what a newer list's fact ends, confirms or conflicts with (intake). */
export function openSql(alias: string): string {
  const a = alias ? `${alias}.` : '';
  return `(${a}valid_to IS NULL AND ${a}superseded_by IS NULL AND ${a}withdrawn_at IS NULL)`;
}

/**
 * Among facts in force on @on, the latest begun wins (an undated one by the day it was written, but never later
 * than @on: a clock set back for a test or a demo must not make it «newer» than a fact begun that day), then the
 * latest written.
 */
export const newestFirstSql = (a: string): string => `coalesce(${a}.valid_from, min(substr(${a}.recorded_at, 1, 10), @on)) DESC, ${a}.id DESC`;
const newest = (a: string) => `ORDER BY ${newestFirstSql(a)} LIMIT 1`;

/**
 * The one definition of «the child's current organization, class and form»: the newest study (form) in force
 * on the day. Kept denormalized in children.cur_* (and cur_grade, from the class) for search; `refreshCurrent`
 * is the only writer of those columns.
 */
const REFRESH_CURRENT_SQL = `
  UPDATE children SET
    cur_org_id = (SELECT s.org_id FROM studies s WHERE s.child_id = children.id AND ${inForceSql('s', '@on')} ${newest('s')}),
    cur_class = (SELECT s.class_label FROM studies s WHERE s.child_id = children.id AND ${inForceSql('s', '@on')} ${newest('s')}),
    cur_form = (SELECT f.form FROM education_forms f WHERE f.child_id = children.id AND ${inForceSql('f', '@on')} ${newest('f')})
  WHERE id = @id`;

const refreshers = new WeakMap<Database.Database, (childId: number, on: IsoDate) => void>();

/** Recomputes one child's current columns as of `on`; statements prepared once per connection (bulk writes reuse them). */
export function refreshCurrent(sqlite: Database.Database, childId: number, on: IsoDate): void {
  let fn = refreshers.get(sqlite);
  if (!fn) {
    const refresh = sqlite.prepare(REFRESH_CURRENT_SQL);
    const readClass = sqlite.prepare('SELECT cur_class FROM children WHERE id = ?').pluck();
    const writeGrade = sqlite.prepare('UPDATE children SET cur_grade = ? WHERE id = ?');
    fn = (id, day) => {
      refresh.run({ id, on: day });
      const cls = readClass.get(id) as string | null;
      writeGrade.run(cls ? (parseClassLabel(cls)?.grade ?? null) : null, id);
    };
    refreshers.set(sqlite, fn);
  }
  fn(childId, on);
}

/**
 * The current columns hold for the day they were computed. When the calendar moves (a study that ends on
 * 31 May, a transfer entered ahead of 1 September), the children whose facts began or ended in between are
 * brought up to the day. Cheap when nothing changed: one meta lookup.
 */
export function keepCurrent(sqlite: Database.Database, today: IsoDate): void {
  const was = sqlite.prepare("SELECT value FROM meta WHERE key = 'currentAsOf'").pluck().get() as string | undefined;
  if (was === today) return;
  const [lo, hi] = was === undefined ? [today, today] : was < today ? [was, today] : [today, was];
  // A fact starts holding on valid_from and stops on valid_to: those days between the two dates change something.
  // Without a mark (a database from before this rule), every child whose facts start or end after today is redone.
  const moved = was === undefined ? '(valid_from > @hi) OR (valid_to > @lo)' : '(valid_from > @lo AND valid_from <= @hi) OR (valid_to > @lo AND valid_to <= @hi)';
  const ids = sqlite.prepare(`SELECT child_id FROM studies WHERE ${moved} UNION SELECT child_id FROM education_forms WHERE ${moved}`).pluck().all({ lo, hi }) as number[];
  sqlite
    .transaction(() => {
      for (const id of ids) refreshCurrent(sqlite, id, today);
      sqlite.prepare("INSERT INTO meta (key, value) VALUES ('currentAsOf', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(today);
    })
    .immediate();
}

/**
 * The one rule for what a merged card leaves behind. A merge moves the facts (FACT_TABLES: addresses, studies,
 * forms…) to the kept card and records their ids for undo. Everything else that names a child — attendance, the
 * school register and its documents, cases of a child not in education, movement records, reconciliation actions,
 * «это разные дети» decisions, list rows — is history kept as it was written (append-only, most of it by trigger):
 * it stays on the card it was written for, and the kept card's record is its own and that of every card merged into
 * it (children.merged_into, at any depth). Undoing the merge gives each card its own back by itself. Every reader of
 * such a record by a child goes through these.
 */
/**
 * SQL: the ids of the cards whose records are card `id`'s (a parameter or a column): itself and the cards merged into
 * it. The planner cannot tell that these are one or two ids: a query that also filters by an indexed organization or
 * month names its child index (INDEXED BY), or it may walk the whole organization's rows for each child.
 */
export function recordCardsSql(id: string): string {
  return `(WITH RECURSIVE rc(id) AS (SELECT ${id} UNION SELECT m.id FROM rc CROSS JOIN children m ON m.merged_into = rc.id) SELECT id FROM rc)`;
}

/** SQL: the active card a record written for card `id` belongs to now: `id` itself, or the card it was merged into (up the chain). */
export function recordOwnerSql(id: string): string {
  return `(WITH RECURSIVE ro(id, up) AS (SELECT id, merged_into FROM children WHERE id = ${id} UNION SELECT c.id, c.merged_into FROM children c JOIN ro ON c.id = ro.up) SELECT id FROM ro WHERE up IS NULL)`;
}

const ownerStatements = new WeakMap<Database.Database, Database.Statement>();

/** For many records at once: the cards among `childIds` merged since, each with the card it belongs to now (the others are their own). */
export function recordOwners(sqlite: Database.Database, childIds: readonly number[]): Map<number, number> {
  if (!childIds.length) return new Map();
  const rows = sqlite
    .prepare(`SELECT c.id, ${recordOwnerSql('c.id')} AS owner FROM children c WHERE c.status = 'merged' AND c.id IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify([...new Set(childIds)])) as [number, number | null][];
  return new Map(rows.filter((r) => r[1] !== null).map((r) => [r[0], r[1]!]));
}

/** The card a record written for `childId` belongs to now (itself unless it was merged into another). */
export function recordOwner(sqlite: Database.Database, childId: number): number {
  let owner = ownerStatements.get(sqlite);
  if (!owner) ownerStatements.set(sqlite, (owner = sqlite.prepare(`SELECT ${recordOwnerSql('?')}`).pluck()));
  return (owner.get(childId) as number | null) ?? childId;
}

/** What a user may read: every child, or only those its organization teaches now; and the sensitive flags or not. */
export interface ReadScope {
  /** null: every child; a number: only children whose current organization it is (-1 for a school user with none). */
  orgId: number | null;
  /** ПДН, СОП, опека, КДН: on cards and as search and export filters. */
  flags: boolean;
  /**
   * The internal school register's карты учёта (living conditions, preventive work, measures, letters): the school
   * that keeps a card (orgId above), the department's administrator and operator; never an inspector.
   */
  registerCards: boolean;
}

export function readScope(user: SessionUser): ReadScope {
  return {
    orgId: user.role === 'school' ? (user.orgId ?? -1) : null,
    flags: ROLES_SEEING_SENSITIVE.includes(user.role),
    registerCards: ROLES_READING_REGISTER_CARDS.includes(user.role),
  };
}

export function mayReadChild(scope: ReadScope, curOrgId: number | null): boolean {
  return scope.orgId === null || curOrgId === scope.orgId;
}

/** A school user reaches only the children its organization teaches now. */
export function assertMayReadChild(user: SessionUser, curOrgId: number | null): void {
  if (!mayReadChild(readScope(user), curOrgId)) {
    throw new ApiError('FORBIDDEN', 'Этот ребёнок не относится к вашей организации: его данные недоступны.');
  }
}

/** The scope as a WHERE condition on children (alias `c`). */
export function scopeSql(scope: ReadScope, alias = 'c'): { sql: string; args: unknown[] } {
  return scope.orgId === null ? { sql: '1', args: [] } : { sql: `${alias}.cur_org_id = ?`, args: [scope.orgId] };
}

export function maySeeFlags(user: SessionUser): boolean {
  return readScope(user).flags;
}

/** A filter by a sensitive flag tells who has it as surely as the card would: refused to roles that may not see flags. */
export function assertMayFilterByFlag(scope: ReadScope, flag: unknown): void {
  if (flag !== undefined && flag !== null && !scope.flags) {
    throw new ApiError('FORBIDDEN', 'Отбор по отметкам ПДН, СОП, опеки и КДН доступен только специалистам отдела.');
  }
}

/** The calling user's scope, with the current columns brought up to the call's day first. */
export function readerScope(ctx: CallContext): ReadScope {
  const { open, user } = ctx.session();
  keepCurrent(open.sqlite, ctx.today());
  return readScope(user);
}

/**
 * Who may read (and keep) a карта учёта kept by `cardOrgId`: the department's administrator and operator any card,
 * a school's user only its own organization's — not the card another school kept of a pupil who has since moved
 * to it, and never an inspector.
 */
export function mayReadRegisterCard(scope: ReadScope, cardOrgId: number | null): boolean {
  return scope.registerCards && (scope.orgId === null || (cardOrgId !== null && cardOrgId === scope.orgId));
}

export function assertMayReadRegisterCard(user: SessionUser, cardOrgId: number | null): void {
  const scope = readScope(user);
  if (!scope.registerCards) throw new ApiError('FORBIDDEN', 'Карта учёта внутришкольного учёта недоступна для вашей роли: её видят школа и специалисты отдела.');
  if (!mayReadRegisterCard(scope, cardOrgId)) throw new ApiError('FORBIDDEN', 'Карта учёта ведётся другой организацией: её сведения вам недоступны.');
}
