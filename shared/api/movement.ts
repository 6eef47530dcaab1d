import { z } from 'zod';
import { CONTINUATION_KINDS, FIRST_GRADE_DECISIONS } from '../domain/movement';
import { childCoreSchema } from './registry';
import { isoDateSchema } from './schemas';

// Movement of pupils (issue 11, point 5): enrolments and expulsions with their orders, transfer notices due in two
// working days, confirmations of further education, leaving at 15, permissions for first grade.

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Не длиннее ${max} символов`)
    .nullish()
    .transform((v) => (v ? v : null));
const reqText = (what: string, max = 200) => z.string().trim().min(1, `Заполните поле «${what}»`).max(max, `«${what}» — не длиннее ${max} символов`);
const optDate = isoDateSchema.nullish().transform((v) => v ?? null);

export const continuationKindSchema = z.enum(CONTINUATION_KINDS, 'Выберите, где продолжает обучение');
export const taskStatusSchema = z.enum(['open', 'overdue', 'done', 'done-late']);

export const movementPeriodSchema = z
  .object({
    /** The school; a school's user may omit it (its own). */
    orgId: z.number().int().nullish().transform((v) => v ?? null),
    from: isoDateSchema,
    to: isoDateSchema,
  })
  .refine((p) => p.from <= p.to, { message: 'Начало периода позже его конца', path: ['from'] });

const orderFields = {
  orderNumber: reqText('Номер приказа', 50),
  orderDate: isoDateSchema,
};

export const enrolInputSchema = z
  .object({
    /** A child the user may read; or `child` for a pupil new to the registry. */
    childId: z.number().int().nullish().transform((v) => v ?? null),
    child: childCoreSchema.nullish().transform((v) => v ?? null),
    orgId: z.number().int().nullish().transform((v) => v ?? null),
    classLabel: reqText('Класс', 20),
    /** First day at the school. */
    date: isoDateSchema,
    ...orderFields,
    /** Enrolled by transfer: the sending school (from the organizations, or its name when it is not ours). */
    transfer: z
      .object({
        fromOrgId: z.number().int().nullish().transform((v) => v ?? null),
        fromOrgName: optText(300),
      })
      .refine((t) => t.fromOrgId !== null || t.fromOrgName !== null, { message: 'Укажите исходную организацию', path: ['fromOrgName'] })
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((e) => (e.childId === null) !== (e.child === null), { message: 'Выберите ребёнка или введите нового', path: ['childId'] });

export const continuationInputSchema = z
  .object({
    kind: continuationKindSchema,
    /** Where: an organization of ours or its name. */
    orgId: z.number().int().nullish().transform((v) => v ?? null),
    name: optText(300),
    orderNumber: optText(50),
    orderDate: optDate,
    /** The day the confirmation came. */
    confirmedOn: isoDateSchema,
    note: optText(500),
  })
  .refine((c) => !(c.kind === 'school' || c.kind === 'spo') || c.orgId !== null || c.name !== null, {
    message: 'Укажите организацию, в которую зачислен обучающийся',
    path: ['name'],
  });
export type ContinuationInput = z.input<typeof continuationInputSchema>;

export const expelInputSchema = z.object({
  /** The study being ended (the pupil's current study at the school). */
  studyId: z.number().int(),
  /** The day the pupil left: from this day the study no longer holds. */
  date: isoDateSchema,
  ...orderFields,
  reason: reqText('Причина', 200),
  continuation: continuationInputSchema.nullish().transform((v) => v ?? null),
});

export const noticeSentInputSchema = z.object({ id: z.number().int(), sentOn: isoDateSchema, note: optText(300) });

export const confirmInputSchema = z.object({ studyId: z.number().int(), continuation: continuationInputSchema });

export const leave15InputSchema = z.object({
  /** The record being changed (a new version replaces it), or null for a new one. */
  id: z.number().int().nullish().transform((v) => v ?? null),
  childId: z.number().int(),
  /** The school left (a school's user: its own). */
  orgId: z.number().int().nullish().transform((v) => v ?? null),
  parentsConsentOn: optDate,
  commissionConsentOn: optDate,
  commissionDecision: optText(100),
  departmentConsentOn: optDate,
  departmentDecision: optText(100),
  /** The day the pupil left school (the expulsion). */
  leftOn: optDate,
  measuresOn: optDate,
  measures: optText(1000),
});

export const firstGradeInputSchema = z
  .object({
    id: z.number().int().nullish().transform((v) => v ?? null),
    childId: z.number().int(),
    /** The school the parents applied to. */
    orgId: z.number().int().nullish().transform((v) => v ?? null),
    /** The school year's 1 September the child would start on. */
    startOn: isoDateSchema,
    applicant: optText(300),
    applicationOn: isoDateSchema,
    decision: z.enum(FIRST_GRADE_DECISIONS).nullish().transform((v) => v ?? null),
    decisionOn: optDate,
    decisionNumber: optText(50),
  })
  .refine((f) => f.decision === null || f.decisionOn !== null, { message: 'Укажите дату решения', path: ['decisionOn'] })
  .refine((f) => f.decisionOn === null || f.decisionOn >= f.applicationOn, { message: 'Решение раньше заявления', path: ['decisionOn'] });

const continuationSchema = z.object({
  id: z.number().int(),
  kind: continuationKindSchema,
  label: z.string(),
  where: z.string().nullable(),
  orderNumber: z.string().nullable(),
  orderDate: z.string().nullable(),
  confirmedOn: z.string().nullable(),
});
export type Continuation = z.infer<typeof continuationSchema>;

export const movementEventSchema = z.object({
  studyId: z.number().int(),
  childId: z.number().int(),
  fio: z.string(),
  birthDate: z.string(),
  classLabel: z.string().nullable(),
  kind: z.enum(['enrol', 'expel']),
  date: z.string(),
  orderNumber: z.string().nullable(),
  orderDate: z.string().nullable(),
  reason: z.string().nullable(),
  /** Where from (an enrolment) or where to (an expulsion), as far as known. */
  other: z.string().nullable(),
  /** An open study (may be ended by an expulsion). */
  open: z.boolean(),
});

export const transferNoticeSchema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  fio: z.string(),
  classLabel: z.string().nullable(),
  fromOrg: z.string(),
  orderNumber: z.string().nullable(),
  orderDate: z.string(),
  dueDate: z.string(),
  sentOn: z.string().nullable(),
  status: taskStatusSchema,
  daysOverdue: z.number().int(),
  printoutNumber: z.string().nullable(),
  /** False when the due date was counted on a year whose постановление is not in the data. */
  officialCalendar: z.boolean(),
});
export type TransferNotice = z.infer<typeof transferNoticeSchema>;

export const unconfirmedSchema = z.object({
  studyId: z.number().int(),
  childId: z.number().int(),
  fio: z.string(),
  birthDate: z.string(),
  classLabel: z.string().nullable(),
  expelledOn: z.string(),
  orderNumber: z.string().nullable(),
  orderDate: z.string().nullable(),
  reason: z.string().nullable(),
  days: z.number().int(),
  /** Past the profile's days: a not-in-education candidate. */
  candidate: z.boolean(),
});

export const leaverSchema = z.object({
  studyId: z.number().int(),
  childId: z.number().int(),
  fio: z.string(),
  birthDate: z.string(),
  classLabel: z.string().nullable(),
  leftOn: z.string(),
  reason: z.string().nullable(),
  /** What the registry itself says (a study elsewhere, a form of education). */
  registry: z.string().nullable(),
  continuation: continuationSchema.nullable(),
});

export const leave15Schema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  fio: z.string(),
  birthDate: z.string(),
  orgName: z.string().nullable(),
  parentsConsentOn: z.string().nullable(),
  commissionConsentOn: z.string().nullable(),
  commissionDecision: z.string().nullable(),
  departmentConsentOn: z.string().nullable(),
  departmentDecision: z.string().nullable(),
  leftOn: z.string().nullable(),
  measuresDue: z.string().nullable(),
  measuresOn: z.string().nullable(),
  measures: z.string().nullable(),
  status: taskStatusSchema.nullable(),
});

export const firstGradeSchema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  fio: z.string(),
  birthDate: z.string(),
  orgName: z.string().nullable(),
  startOn: z.string(),
  ageStatus: z.enum(['early', 'normal', 'late']),
  applicant: z.string().nullable(),
  applicationOn: z.string(),
  decision: z.enum(FIRST_GRADE_DECISIONS).nullable(),
  decisionOn: z.string().nullable(),
  decisionNumber: z.string().nullable(),
});

export const movementOverviewSchema = z.object({
  orgId: z.number().int().nullable(),
  today: z.string(),
  from: z.string(),
  to: z.string(),
  /** The profile's days after which an unconfirmed expulsion is a not-in-education candidate. */
  unconfirmedDays: z.number().int(),
  events: z.array(movementEventSchema),
  notices: z.array(transferNoticeSchema),
  unconfirmed: z.array(unconfirmedSchema),
  grade9: z.array(leaverSchema),
  leave15: z.array(leave15Schema),
  firstGrade: z.array(firstGradeSchema),
});
export type MovementOverview = z.infer<typeof movementOverviewSchema>;

export const pupilSchema = z.object({
  studyId: z.number().int(),
  childId: z.number().int(),
  fio: z.string(),
  birthDate: z.string(),
  classLabel: z.string().nullable(),
});

export const enrolResultSchema = z.object({ childId: z.number().int(), studyId: z.number().int(), notice: transferNoticeSchema.nullable() });
export const idResultSchema = z.object({ id: z.number().int() });
