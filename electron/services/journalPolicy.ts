import { readKeyFile } from '../../db/keys';
import type { Workspace } from '../app/workspace';
import { journalExtends, journalHead, type AuditInput } from './audit';

/**
 * What the dispatcher writes to the journal beyond «this call succeeded»: refused calls, one entry per search a
 * person made (not one per page fetched while scrolling), and the seal kept in the key file after each entry.
 */

/** A page of the same list, asked again by the same user within this time, is the same search: journaled once. */
export const REPEATED_READ_MS = 5 * 60_000;

const recentReads = new WeakMap<Workspace, Map<string, number>>();

/**
 * For a read that pages through a list (its input has an offset): the list's identity — the call and its input
 * without offset and limit. null for any other call: every card opened is its own entry.
 */
export function pagedReadKey(name: string, audit: string, input: unknown): string | null {
  if (audit !== 'read' || !input || typeof input !== 'object' || !('offset' in input)) return null;
  const { offset: _offset, limit: _limit, ...query } = input as Record<string, unknown>;
  return `${name}|${JSON.stringify(Object.fromEntries(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))))}`;
}

export function readJournaledRecently(ws: Workspace, login: string, key: string): boolean {
  const at = recentReads.get(ws)?.get(`${login}|${key}`);
  return at !== undefined && ws.now() - at < REPEATED_READ_MS;
}

export function noteReadJournaled(ws: Workspace, login: string, key: string): void {
  let seen = recentReads.get(ws);
  if (!seen) recentReads.set(ws, (seen = new Map()));
  const now = ws.now();
  if (seen.size > 1000) for (const [k, at] of seen) if (now - at >= REPEATED_READ_MS) seen.delete(k);
  seen.set(`${login}|${key}`, now);
}

const ID_TYPES: Record<string, string> = { children: 'child', facts: 'fact', orgs: 'organization', users: 'user', intake: 'submission', streets: 'street', reports: 'printout' };
/** What a refused call without an object's number was after: the registry for a search, the database for a backup. */
const WHOLE_TYPES: Record<string, string> = { children: 'registry', backup: 'database', audit: 'audit', users: 'user', orgs: 'organization', intake: 'submission', reports: 'report' };
const ID_FIELDS: [string, string][] = [
  ['childId', 'child'],
  ['keptId', 'child'],
  ['submissionId', 'submission'],
  ['rowId', 'submissionRow'],
  ['mergeId', 'merge'],
];

/**
 * The journal entry of a refused call: who, which call, why — and the object's number from the input, never
 * the input itself (it may hold a child's data).
 */
export function refusalEntry(
  userLogin: string,
  name: string,
  input: unknown,
  target: { objectType: string; objectId: string | null },
  reason: string,
): AuditInput {
  const prefix = name.split('.')[0] ?? name;
  let object = { objectType: WHOLE_TYPES[prefix] ?? prefix, objectId: null as string | null };
  if (target.objectId !== null) object = { objectType: target.objectType, objectId: target.objectId };
  else if (input && typeof input === 'object') {
    const i = input as Record<string, unknown>;
    const field = ID_FIELDS.find(([f]) => typeof i[f] === 'number');
    if (field) object = { objectType: field[1], objectId: String(i[field[0]]) };
    else if (typeof i.id === 'number') object = { objectType: ID_TYPES[prefix] ?? prefix, objectId: String(i.id) };
  }
  return { userLogin, action: 'access.denied', ...object, details: JSON.stringify({ call: name, reason }) };
}

/**
 * After an entry is committed: the journal's head goes into the key file, so a journal later cut short or
 * rewritten no longer matches it. A seal the journal no longer contains is never replaced — it is the evidence;
 * `audit verify` reports it. A failure here does not undo the call (it is committed): it is only reported.
 */
export function sealJournal(ws: Workspace): void {
  const session = ws.current;
  if (!session) return;
  try {
    const { sqlite } = session.open;
    const head = journalHead(sqlite);
    if (!head) return;
    // The journal keeps real time (appendAudit), not the workspace's test clock; so does its seal.
    // Re-read from disk: another process (the command line, another window) may have changed the file.
    const onDisk = readKeyFile(ws.keysPath);
    const old = onDisk.journalSeal;
    if (old && (old.lastId >= head.lastId || !journalExtends(sqlite, old))) return;
    ws.saveKeys({ ...onDisk, journalSeal: { ...head, at: new Date().toISOString() } });
  } catch (err) {
    console.error(`Печать журнала не записана в файл ключей: ${(err as Error)?.message ?? 'ошибка'}`);
  }
}
