import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { MERGE_FIELDS, type ChildCore } from '../../../shared/api/registry';
import { refreshCurrent } from '../access';
import type { CallContext } from '../context';
import { buildCard, childRecord } from './card';
import { FACT_TABLES, RegistryWriter, createSource } from './write';

interface Snapshot {
  kept: Record<string, unknown>;
  merged: Record<string, unknown>;
  moved: Record<string, number[]>;
}

/**
 * Two cards of one child become one: the person picks each field; every fact of the second card moves to
 * the first; the second card stays, marked merged. The snapshot keeps both rows as they were, so undo puts
 * them back exactly. Nothing is deleted. The child's other records (attendance, the school register, movement,
 * cases, reconciliation, «это разные дети», list rows) are history and are not moved: every reader takes them with
 * the kept card through children.merged_into (access.ts recordCardsSql / recordOwnerSql), so undo needs nothing
 * for them.
 */
export function merge(ctx: CallContext, input: ParsedInput<'children.merge'>): CallOutput<'children.merge'> {
  const { open, user } = ctx.session();
  const { sqlite } = open;
  if (input.keptId === input.mergedId) throw new ApiError('VALIDATION', 'Нельзя объединить карточку саму с собой');
  const kept = childRecord(sqlite, input.keptId);
  const merged = childRecord(sqlite, input.mergedId);
  if (!kept || !merged) throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
  if (kept.status !== 'active' || merged.status !== 'active') throw new ApiError('CONFLICT', 'Одна из карточек уже объединена с другой.');

  const next = Object.fromEntries(MERGE_FIELDS.map((f) => [f, input.choices[f] === 'merged' ? merged[f] : kept[f]])) as unknown as ChildCore;
  const changed = MERGE_FIELDS.filter((f) => next[f] !== kept[f]);
  ctx.target('child', input.keptId, { mergedId: input.mergedId, fromMerged: changed });
  ctx.tx(() => {
    const rowOf = (id: number) => sqlite.prepare('SELECT * FROM children WHERE id = ?').get(id) as Record<string, unknown>;
    const snapshot: Snapshot = { kept: rowOf(input.keptId), merged: rowOf(input.mergedId), moved: {} };
    for (const { table } of Object.values(FACT_TABLES)) {
      const ids = sqlite.prepare(`SELECT id FROM ${table} WHERE child_id = ?`).pluck().all(input.mergedId) as number[];
      snapshot.moved[table] = ids;
      sqlite.prepare(`UPDATE ${table} SET child_id = ? WHERE child_id = ?`).run(input.keptId, input.mergedId);
    }
    const sourceId = createSource(sqlite, { kind: 'merge', userLogin: user.login });
    if (changed.length) {
      sqlite
        .prepare('INSERT INTO child_versions (child_id, data, changed, source_id) VALUES (?, ?, ?, ?)')
        .run(input.keptId, JSON.stringify(Object.fromEntries(MERGE_FIELDS.map((f) => [f, kept[f]]))), JSON.stringify(changed), sourceId);
    }
    const writer = new RegistryWriter(sqlite, ctx.today());
    writer.updatePerson(input.keptId, next);
    sqlite.prepare("UPDATE children SET status = 'merged', merged_into = ? WHERE id = ?").run(input.keptId, input.mergedId);
    // Its facts moved to the kept card, so the merged one is left with no current organization, by the one rule.
    writer.refreshCurrent(input.keptId);
    writer.refreshCurrent(input.mergedId);
    sqlite.prepare('INSERT INTO merges (kept_id, merged_id, snapshot, user_login) VALUES (?, ?, ?, ?)').run(input.keptId, input.mergedId, JSON.stringify(snapshot), user.login);
  });
  return buildCard(ctx, input.keptId);
}

export function unmerge(ctx: CallContext, input: ParsedInput<'children.unmerge'>): CallOutput<'children.unmerge'> {
  const { open, user } = ctx.session();
  const { sqlite } = open;
  const m = sqlite.prepare('SELECT * FROM merges WHERE id = ?').get(input.mergeId) as
    | { id: number; kept_id: number; merged_id: number; snapshot: string; undone_at: string | null }
    | undefined;
  if (!m) throw new ApiError('NOT_FOUND', 'Объединение не найдено');
  if (m.undone_at) throw new ApiError('CONFLICT', 'Это объединение уже отменено.');
  const snap = JSON.parse(m.snapshot) as Snapshot;
  const kept = childRecord(sqlite, m.kept_id)!;
  // Undo restores the rows exactly; an edit made to the card after the merge would be lost, so it must go first.
  if (kept.version !== (snap.kept.version as number) + 1 || kept.status !== 'active') {
    throw new ApiError('CONFLICT', 'Карточку изменяли после объединения: отменить объединение нельзя, не потеряв эти изменения.');
  }
  ctx.target('child', m.kept_id, { mergedId: m.merged_id, mergeId: m.id });
  ctx.tx(() => {
    for (const [table, ids] of Object.entries(snap.moved)) {
      if (!ids.length) continue;
      sqlite.prepare(`UPDATE ${table} SET child_id = ? WHERE id IN (SELECT value FROM json_each(?))`).run(m.merged_id, JSON.stringify(ids));
    }
    for (const row of [snap.kept, snap.merged]) {
      const cols = Object.keys(row).filter((c) => c !== 'id');
      sqlite.prepare(`UPDATE children SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(row);
    }
    // The snapshot's current columns were right on the day of the merge; today may differ.
    refreshCurrent(sqlite, m.kept_id, ctx.today());
    refreshCurrent(sqlite, m.merged_id, ctx.today());
    sqlite.prepare("UPDATE merges SET undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), undone_by = ? WHERE id = ?").run(user.login, m.id);
  });
  return buildCard(ctx, m.kept_id);
}
