import { and, eq, isNull } from 'drizzle-orm';
import { children, organizations, studies } from '../../db/schema';
import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import type { Child, SessionUser } from '../../shared/api/schemas';
import type { CallContext } from './context';

/** A school user sees only the children its own organization currently teaches. Enforced here, not in the UI. */
function assertMayRead(ctx: CallContext, user: SessionUser, currentOrgId: number | null): void {
  if (user.role !== 'school') return;
  if (user.orgId === null || currentOrgId !== user.orgId) {
    throw new ApiError('FORBIDDEN', 'Этот ребёнок не относится к вашей организации: его данные недоступны.');
  }
}

function currentStudy(ctx: CallContext, childId: number) {
  return ctx.session().open.db.select().from(studies).where(and(eq(studies.childId, childId), isNull(studies.validTo))).get();
}

export function getChild(ctx: CallContext, input: ParsedInput<'children.get'>): CallOutput<'children.get'> {
  const { open, user } = ctx.session();
  const row = open.db.select().from(children).where(eq(children.id, input.id)).get();
  if (!row) throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
  const study = currentStudy(ctx, row.id);
  assertMayRead(ctx, user, study?.orgId ?? null);
  ctx.target('child', row.id);
  return toChild(row, study ?? null);
}

export function addChild(ctx: CallContext, input: ParsedInput<'children.add'>): CallOutput<'children.add'> {
  const { open, user } = ctx.session();
  const orgId = user.role === 'school' ? user.orgId : input.orgId;
  if (orgId !== null && !open.db.select().from(organizations).where(eq(organizations.id, orgId)).get()) {
    throw new ApiError('VALIDATION', 'Нет такой организации', { issues: [{ path: 'orgId', message: 'Нет такой организации' }] });
  }
  return ctx.tx(() => {
    const row = open.db
      .insert(children)
      .values({ surname: input.surname, name: input.name, patronymic: input.patronymic, birthDate: input.birthDate, gender: input.gender })
      .returning()
      .get();
    const study =
      orgId === null
        ? null
        : open.db.insert(studies).values({ childId: row.id, orgId, classLabel: input.classLabel }).returning().get();
    // Field names only: the journal records that a child was written, not the child's data.
    ctx.target('child', row.id, { fields: Object.keys(input) });
    return toChild(row, study);
  });
}

function toChild(row: typeof children.$inferSelect, study: typeof studies.$inferSelect | null): Child {
  return {
    id: row.id,
    surname: row.surname,
    name: row.name,
    patronymic: row.patronymic,
    birthDate: row.birthDate,
    gender: row.gender === 'm' || row.gender === 'f' ? row.gender : null,
    orgId: study?.orgId ?? null,
    classLabel: study?.classLabel ?? null,
  };
}
