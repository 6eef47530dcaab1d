import { eq, sql } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import type { Organization } from '../../shared/api/schemas';
import type { OrgKind } from '../../shared/profiles/types';
import type { CallContext } from './context';

function toOrg(row: typeof organizations.$inferSelect): Organization {
  return {
    id: row.id,
    profileKey: row.profileKey,
    kind: row.kind as OrgKind,
    fullName: row.fullName,
    shortName: row.shortName,
    address: row.address,
    headPosition: row.headPosition,
    headName: row.headName,
    active: row.active,
    updatedAt: row.updatedAt,
  };
}

export function listOrgs(ctx: CallContext): CallOutput<'orgs.list'> {
  return ctx.session().open.db.select().from(organizations).orderBy(organizations.kind, organizations.shortName).all().map(toOrg);
}

export function addOrg(ctx: CallContext, input: ParsedInput<'orgs.add'>): CallOutput<'orgs.add'> {
  const { open } = ctx.session();
  const row = ctx.tx(() => {
    const inserted = open.db.insert(organizations).values(input).returning().get();
    ctx.target('organization', inserted.id, input);
    return inserted;
  });
  return toOrg(row);
}

export function updateOrg(ctx: CallContext, input: ParsedInput<'orgs.update'>): CallOutput<'orgs.update'> {
  const { open } = ctx.session();
  const { id, ...fields } = input;
  const before = open.db.select().from(organizations).where(eq(organizations.id, id)).get();
  if (!before) throw new ApiError('NOT_FOUND', 'Организация не найдена');
  // Only what really changed goes to the journal, old and new side by side.
  const changed: Record<string, { было: unknown; стало: unknown }> = {};
  for (const [k, v] of Object.entries(fields)) {
    const old = before[k as keyof typeof before];
    if (v !== undefined && v !== old) changed[k] = { было: old, стало: v };
  }
  ctx.target('organization', id, changed);
  const row = ctx.tx(() =>
    open.db
      .update(organizations)
      .set({ ...fields, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(eq(organizations.id, id))
      .returning()
      .get(),
  );
  return toOrg(row);
}
