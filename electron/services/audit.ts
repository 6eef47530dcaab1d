import { createHash, createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { JournalSeal, ShownSeal } from '../../shared/api/journalSeal';
import { formatSeal } from '../../shared/api/journalSeal';
import { plural } from '../../shared/text';

/**
 * The journal is a chain: every entry carries its predecessor's MAC and its own. Since version 2 the MAC is
 * HMAC-SHA-256 under a journal key — 32 random bytes kept in the encrypted database (meta 'journalKey'), so it
 * is readable only while the database is unlocked and survives a re-key of the database. Entries written
 * before the key existed (meta 'journalMacFrom' names the first keyed entry) keep the old plain SHA-256.
 *
 * The chain alone proves nothing against someone who holds the database key: they can recompute it. What
 * anchors it is the seal — the chain's head — kept outside the database (the key file, every backup, printouts):
 * a journal cut short, or rewritten up to a sealed entry, no longer matches the seal. See README «Журнал».
 */
const GENESIS = '0'.repeat(64);
const KEY_META = 'journalKey';
const FROM_META = 'journalMacFrom';
const MAC_DOMAIN = 'uchet-journal/2';

export interface AuditInput {
  userLogin: string;
  action: string;
  objectType: string;
  objectId: string | null;
  details: string | null;
}

interface JournalKey {
  key: Buffer;
  /** The first entry chained with the key; earlier entries are plain SHA-256. */
  fromId: number;
}

const keys = new WeakMap<Database.Database, JournalKey>();
/** The chain's last entry and length as this connection last saw them, so a seal does not count the table. */
const heads = new WeakMap<Database.Database, { lastId: number; count: number }>();

function readJournalKey(sqlite: Database.Database): JournalKey | null {
  const cached = keys.get(sqlite);
  if (cached) return cached;
  const rows = sqlite.prepare('SELECT key, value FROM meta WHERE key IN (?, ?)').all(KEY_META, FROM_META) as { key: string; value: string }[];
  const hex = rows.find((r) => r.key === KEY_META)?.value;
  const from = Number(rows.find((r) => r.key === FROM_META)?.value);
  if (!hex || !/^[0-9a-f]{64}$/.test(hex) || !Number.isInteger(from)) return null;
  const k = { key: Buffer.from(hex, 'hex'), fromId: from };
  // Only a committed key is remembered: a transaction that made it may still roll back.
  if (!sqlite.inTransaction) keys.set(sqlite, k);
  return k;
}

/** Inside the append's transaction: the first append of a database (or of one made before v2) makes the key. */
function journalKeyForAppend(sqlite: Database.Database, nextId: number): JournalKey {
  const existing = readJournalKey(sqlite);
  if (existing) return existing;
  const k = { key: randomBytes(32), fromId: nextId };
  const put = sqlite.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  put.run(KEY_META, k.key.toString('hex'));
  put.run(FROM_META, String(k.fromId));
  return k;
}

function legacyHash(prevHash: string, at: string, e: AuditInput): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, at, e.userLogin, e.action, e.objectType, e.objectId, e.details]))
    .digest('hex');
}

/** The entry's number is in the MAC too: entries cannot be renumbered or swapped without breaking it. */
function entryMac(key: Buffer, id: number, prevHash: string, at: string, e: AuditInput): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([MAC_DOMAIN, id, prevHash, at, e.userLogin, e.action, e.objectType, e.objectId, e.details]))
    .digest('hex');
}

function expectedHash(k: JournalKey | null, id: number, prevHash: string, at: string, e: AuditInput): string {
  return k && id >= k.fromId ? entryMac(k.key, id, prevHash, at, e) : legacyHash(prevHash, at, e);
}

/**
 * Appends one entry chained to the last. Must run inside an IMMEDIATE transaction (the dispatcher's) so two
 * processes cannot both chain to the same predecessor. The seal is written after the commit (sealJournal).
 */
export function appendAudit(sqlite: Database.Database, e: AuditInput, at = new Date().toISOString()): void {
  const last = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const prev = last?.hash ?? GENESIS;
  const id = (last?.id ?? 0) + 1;
  const k = journalKeyForAppend(sqlite, id);
  sqlite
    .prepare(
      'INSERT INTO audit_log (id, at, user_login, action, object_type, object_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(id, at, e.userLogin, e.action, e.objectType, e.objectId, e.details, prev, expectedHash(k, id, prev, at, e));
  const known = heads.get(sqlite);
  if (known && known.lastId === (last?.id ?? 0)) heads.set(sqlite, { lastId: id, count: known.count + 1 });
  else heads.delete(sqlite);
}

/** The chain's head now, or null for an empty journal. */
export function journalHead(sqlite: Database.Database): JournalSeal | null {
  const last = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  if (!last) return null;
  let known = heads.get(sqlite);
  if (!known || known.lastId !== last.id) {
    known = { lastId: last.id, count: sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number };
    heads.set(sqlite, known);
  }
  return { lastId: last.id, count: known.count, hash: last.hash };
}

/**
 * Whether the journal as it is now still contains a sealed head: the entry numbered seal.lastId is there with
 * the sealed MAC. A new seal never replaces one the journal no longer contains — that one is the evidence.
 */
export function journalExtends(sqlite: Database.Database, seal: JournalSeal): boolean {
  const hash = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(seal.lastId) as string | undefined;
  return hash === seal.hash;
}

export interface AuditVerdict {
  ok: boolean;
  count: number;
  brokenAtId: number | null;
  message: string;
}

interface AuditRow extends AuditInput {
  id: number;
  at: string;
  prevHash: string;
  hash: string;
}

/**
 * Walks the whole chain (an edited, inserted, deleted or swapped entry breaks it at that point), then holds it
 * against every seal shown: the sealed entry must be there with the sealed MAC and the same number of entries
 * before it (a cut or a rewrite up to the seal no longer matches).
 */
export function verifyAudit(sqlite: Database.Database, seals: readonly ShownSeal[] = []): AuditVerdict {
  const k = readJournalKey(sqlite);
  const rows = sqlite
    .prepare(
      'SELECT id, at, user_login AS userLogin, action, object_type AS objectType, object_id AS objectId, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id',
    )
    .iterate() as IterableIterator<AuditRow>;
  const wanted = new Set(seals.map((s) => s.lastId));
  const seen = new Map<number, { hash: string; count: number }>();
  let prev = GENESIS;
  let count = 0;
  let lastId = 0;
  for (const row of rows) {
    count += 1;
    if (row.prevHash !== prev || expectedHash(k, row.id, prev, row.at, row) !== row.hash) {
      return {
        ok: false,
        count,
        brokenAtId: row.id,
        message: `Журнал нарушен на записи № ${row.id}: запись изменена, удалена, переставлена или вставлена в обход приложения.`,
      };
    }
    if (wanted.has(row.id)) seen.set(row.id, { hash: row.hash, count });
    prev = row.hash;
    lastId = row.id;
  }
  for (const seal of seals) {
    const at = seen.get(seal.lastId);
    const where = `печать журнала (${seal.source}: ${formatSeal(seal)})`;
    if (!at) {
      return {
        ok: false,
        count,
        brokenAtId: null,
        message: `Журнал короче, чем его ${where}: в печати запись № ${seal.lastId} (${seal.count} ${plural(seal.count, 'запись', 'записи', 'записей')}), в базе последняя № ${lastId}. Записи удалены, или база заменена более старой копией.`,
      };
    }
    if (at.hash !== seal.hash || at.count !== seal.count) {
      return {
        ok: false,
        count,
        brokenAtId: seal.lastId,
        message: `Журнал не совпадает с ${where.replace('печать', 'печатью')} на записи № ${seal.lastId}: записи до неё изменены, удалены или переставлены, и цепочка пересчитана.`,
      };
    }
  }
  const sealed = seals.length ? ` Совпадает ${plural(seals.length, 'с печатью', 'с печатями', 'с печатями')}: ${seals.map((s) => `${s.source} (№ ${s.lastId})`).join(', ')}.` : '';
  return {
    ok: true,
    count,
    brokenAtId: null,
    message: `Журнал цел: ${count} ${plural(count, 'запись', 'записи', 'записей')}, цепочка не нарушена.${sealed}`,
  };
}
