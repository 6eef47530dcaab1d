import { z } from 'zod';
import { EDUCATION_GROUPS } from '../domain/notInEducation';
import { ORG_KINDS } from '../profiles/types';
import { isoDateSchema } from './schemas';

/** A case's status (issue 10, п. 2): выявлен → проверяется → устроен в ОО / выбыл / семейное образование оформлено / иное. */
export const CASE_STATUSES = ['found', 'checking', 'placed', 'moved', 'family', 'other'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  found: 'Выявлен',
  checking: 'Проверяется',
  placed: 'Устроен в ОО',
  moved: 'Выбыл',
  family: 'Семейное образование оформлено',
  other: 'Иное',
};
/** What a list row shows: no case yet, a case's status, or a case the registry closed by itself. */
export const CASE_VIEW_STATUSES = ['none', ...CASE_STATUSES, 'closed-auto'] as const;
export type CaseViewStatus = (typeof CASE_VIEW_STATUSES)[number];
export const CASE_VIEW_LABELS: Record<CaseViewStatus, string> = {
  none: 'Дело не заведено',
  ...CASE_STATUS_LABELS,
  'closed-auto': 'Закрыто: получает образование',
};
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['found', 'checking'];

/** Dated entries of what was done (issue 10, п. 2). 'status' is a status change. */
export const CASE_ENTRY_KINDS = ['status', 'request', 'visit', 'letter', 'answer', 'note'] as const;
export type CaseEntryKind = (typeof CASE_ENTRY_KINDS)[number];
export const CASE_ENTRY_LABELS: Record<CaseEntryKind, string> = {
  status: 'Смена статуса',
  request: 'Запрос в ОО',
  visit: 'Выход по адресу',
  letter: 'Письмо в КДН/ПДН',
  answer: 'Ответ',
  note: 'Иное',
};

export const educationGroupSchema = z.enum(EDUCATION_GROUPS);

export const nieSourceSchema = z.object({
  /** Sender organization (null: typed in by hand). */
  orgName: z.string().nullable(),
  orgKind: z.string().nullable(),
  title: z.string().nullable(),
  asOf: z.string().nullable(),
  /** Russian, for people: «Список … от …, по состоянию на …». */
  label: z.string(),
});
export type NieSource = z.infer<typeof nieSourceSchema>;

export const nieRowSchema = z.object({
  childId: z.number().int(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  ageYears: z.number().int(),
  ageMonths: z.number().int(),
  group: educationGroupSchema,
  reason: z.string(),
  sources: z.array(nieSourceSchema),
  /** The school whose territory the living address is on (null: unknown or no resolver). */
  territoryOrgId: z.number().int().nullable(),
  territoryName: z.string().nullable(),
  address: z.string().nullable(),
  registrationAddress: z.string().nullable(),
  actualAddress: z.string().nullable(),
  /** Without education since: the last study's (or family form's) end, else since known to live here (the earliest list or address), not before 6 years 6 months. */
  withoutSince: z.string(),
  daysWithout: z.number().int(),
  /** First known to the registry (the earliest list or entry naming the child), or the case's opening if earlier. */
  foundOn: z.string(),
  daysSinceFound: z.number().int(),
  caseId: z.number().int().nullable(),
  caseStatus: z.enum(CASE_VIEW_STATUSES),
});
export type NieRow = z.infer<typeof nieRowSchema>;

export const nieFilterSchema = z.object({
  asOf: isoDateSchema.optional(),
  /** Which groups; default: not in education and «выбыл?». */
  groups: z.array(educationGroupSchema).optional(),
  ageFrom: z.number().int().min(0).max(30).optional(),
  ageTo: z.number().int().min(0).max(30).optional(),
  /** Named by a list from an organization of this kind. */
  sourceKind: z.enum(ORG_KINDS).optional(),
  caseStatus: z.enum(CASE_VIEW_STATUSES).optional(),
  minDaysSinceFound: z.number().int().min(0).max(100_000).optional(),
  territoryOrgId: z.number().int().optional(),
  limit: z.number().int().min(1).max(1_000_000).default(500),
});
export type NieFilter = z.input<typeof nieFilterSchema>;

export const nieListSchema = z.object({
  asOf: z.string(),
  total: z.number().int(),
  /** Counts of the whole list by group (before the other filters), for the tabs. */
  byGroup: z.record(z.string(), z.number().int()),
  rows: z.array(nieRowSchema),
  /** Whether school territories are known (the territory filter is offered). */
  territories: z.boolean(),
  /** Open cases the registry closed by itself on the date: a list or an edit brought a study or a form of education. */
  closedCases: z.array(z.object({ childId: z.number().int(), fio: z.string(), birthDate: z.string(), caseId: z.number().int(), note: z.string() })),
});
export type NieList = z.infer<typeof nieListSchema>;

export const caseEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(CASE_ENTRY_KINDS),
  status: z.enum(CASE_STATUSES).nullable(),
  onDate: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type CaseEntry = z.infer<typeof caseEntrySchema>;

export const nieChildSchema = z.object({
  asOf: z.string(),
  child: z.object({ id: z.number().int(), surname: z.string(), name: z.string(), patronymic: z.string().nullable(), birthDate: z.string() }),
  group: educationGroupSchema,
  reason: z.string(),
  sources: z.array(nieSourceSchema),
  lastStudy: z
    .object({ orgName: z.string(), orgKind: z.string(), classLabel: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable(), leaveReason: z.string().nullable(), leaveOrder: z.string().nullable() })
    .nullable(),
  addresses: z.array(z.object({ kind: z.string(), text: z.string(), from: z.string().nullable(), to: z.string().nullable(), current: z.boolean(), source: z.string().nullable() })),
  territoryName: z.string().nullable(),
  case: z
    .object({
      id: z.number().int(),
      openedOn: z.string(),
      openedBy: z.string(),
      status: z.enum(CASE_STATUSES),
      view: z.enum(CASE_VIEW_STATUSES),
      /** Said when the case closed itself: why (the study or form and the list that brought it). */
      closedNote: z.string().nullable(),
      entries: z.array(caseEntrySchema),
    })
    .nullable(),
});
export type NieChild = z.infer<typeof nieChildSchema>;

const note = z
  .string()
  .trim()
  .max(2000, 'Не длиннее 2000 символов')
  .nullish()
  .transform((v) => (v ? v : null));

export const caseAddSchema = z
  .object({
    childId: z.number().int(),
    kind: z.enum(CASE_ENTRY_KINDS),
    status: z.enum(CASE_STATUSES).nullish().transform((v) => v ?? null),
    onDate: isoDateSchema,
    note,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'status' && !v.status) ctx.addIssue({ code: 'custom', path: ['status'], message: 'Выберите новый статус' });
    if (v.kind !== 'status' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Опишите, что сделано' });
  });
export type CaseAddInput = z.input<typeof caseAddSchema>;
