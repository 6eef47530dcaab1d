import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { plural } from '../../shared/text';

/** The first entry's predecessor: a fixed value, so the chain has a known start. */
const GENESIS = '0'.repeat(64);

export interface AuditInput {
  userLogin: string;
  action: string;
  objectType: string;
  objectId: string | null;
  details: string | null;
}

function entryHash(prevHash: string, at: string, e: AuditInput): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, at, e.userLogin, e.action, e.objectType, e.objectId, e.details]))
    .digest('hex');
}

/**
 * Appends one entry chained to the last. Must run inside an IMMEDIATE transaction (the dispatcher's) so two
 * processes cannot both chain to the same predecessor.
 */
export function appendAudit(sqlite: Database.Database, e: AuditInput, at = new Date().toISOString()): void {
  const prev = (sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
  sqlite
    .prepare(
      'INSERT INTO audit_log (at, user_login, action, object_type, object_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(at, e.userLogin, e.action, e.objectType, e.objectId, e.details, prev, entryHash(prev, at, e));
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

/** Walks the whole chain; an edited, inserted or deleted entry breaks it at that point. */
export function verifyAudit(sqlite: Database.Database): AuditVerdict {
  const rows = sqlite
    .prepare(
      'SELECT id, at, user_login AS userLogin, action, object_type AS objectType, object_id AS objectId, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id',
    )
    .iterate() as IterableIterator<AuditRow>;
  let prev = GENESIS;
  let count = 0;
  for (const row of rows) {
    count += 1;
    if (row.prevHash !== prev || entryHash(prev, row.at, row) !== row.hash) {
      return {
        ok: false,
        count,
        brokenAtId: row.id,
        message: `Журнал нарушен на записи № ${row.id}: запись изменена, удалена или вставлена в обход приложения.`,
      };
    }
    prev = row.hash;
  }
  return { ok: true, count, brokenAtId: null, message: `Журнал цел: ${count} ${plural(count, 'запись', 'записи', 'записей')}, цепочка не нарушена.` };
}
