import { z } from 'zod';
import { EDUCATION_FORM_IDS, type EducationFormId } from '../domain/educationForms';
import { normalizePhones, PHONE_MESSAGE } from '../domain/phone';
import { validateSnils } from '../domain/snils';
import { genderSchema, isoDateSchema } from './schemas';

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Не длиннее ${max} символов`)
    .nullish()
    .transform((v) => (v ? v : null));
const reqText = (what: string, max = 200) => z.string().trim().min(1, `Заполните поле «${what}»`).max(max, `«${what}» — не длиннее ${max} символов`);
const optDate = isoDateSchema.nullish().transform((v) => v ?? null);

export const educationFormSchema = z.enum(EDUCATION_FORM_IDS as [EducationFormId, ...EducationFormId[]]);

/** СНИЛС as typed («123-456-789 64») → 11 digits, or a Russian message. */
export const snilsSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    const r = validateSnils(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  })
  .nullish()
  .transform((v) => v ?? null);

/** Telephone(s) as typed → «+7 912 345-67-89» (several joined by «, »), or a Russian message; empty → null. */
export const phoneSchema = z
  .string()
  .trim()
  .max(200, 'Не длиннее 200 символов')
  .transform((v, ctx) => {
    const n = normalizePhones(v);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return n === '' ? null : n;
  })
  .nullish()
  .transform((v) => v ?? null);

export const childCoreSchema = z.object({
  surname: reqText('Фамилия', 100),
  name: reqText('Имя', 100),
  patronymic: optText(100),
  birthDate: isoDateSchema,
  gender: genderSchema.nullish().transform((v) => v ?? null),
  snils: snilsSchema,
  birthCertSeries: optText(20),
  birthCertNumber: optText(20),
  hasSecondaryGeneral: z.boolean().default(false),
});
export type ChildCoreInput = z.input<typeof childCoreSchema>;
export type ChildCore = z.output<typeof childCoreSchema>;

export const ADDRESS_KINDS = ['registration', 'stay', 'actual'] as const;
export const ADDRESS_KIND_LABELS: Record<(typeof ADDRESS_KINDS)[number], string> = {
  registration: 'Регистрация по месту жительства',
  stay: 'Регистрация по месту пребывания',
  actual: 'Фактическое проживание',
};
export const RELATIONS = ['mother', 'father', 'guardian', 'other'] as const;
export const RELATION_LABELS: Record<(typeof RELATIONS)[number], string> = {
  mother: 'Мать',
  father: 'Отец',
  guardian: 'Опекун (попечитель)',
  other: 'Иной законный представитель',
};
export const CONDITION_KINDS = ['health', 'rehab'] as const;
export const CONDITION_LABELS: Record<(typeof CONDITION_KINDS)[number], string> = {
  health: 'Не обучается по состоянию здоровья',
  rehab: 'В реабилитационном центре за пределами муниципалитета',
};
export const FLAG_KINDS = ['pdn', 'parents_pdn', 'sop', 'guardianship', 'kdn'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export const FLAG_LABELS: Record<FlagKind, string> = {
  pdn: 'На учёте в ПДН',
  parents_pdn: 'Родители на учёте в ПДН',
  sop: 'Семья в социально опасном положении',
  guardianship: 'Под опекой',
  kdn: 'На учёте в КДНиЗП',
};

/** One fact about a child, by type. Every fact is stored with its period and its source. */
export const factInputSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('address'),
    kind: z.enum(ADDRESS_KINDS),
    text: reqText('Адрес', 500),
    locality: optText(100),
    street: optText(150),
    house: optText(20),
    building: optText(20),
    flat: optText(20),
    validFrom: optDate,
  }),
  z.object({
    type: z.literal('representative'),
    relation: z.enum(RELATIONS),
    surname: reqText('Фамилия', 100),
    name: reqText('Имя', 100),
    patronymic: optText(100),
    phone: phoneSchema,
    addressText: optText(500),
    validFrom: optDate,
  }),
  z.object({
    type: z.literal('study'),
    orgId: z.number().int(),
    classLabel: optText(20),
    validFrom: optDate,
    enrolOrderNumber: optText(50),
    enrolOrderDate: optDate,
  }),
  z.object({
    type: z.literal('form'),
    form: educationFormSchema,
    basis: optText(300),
    basisDate: optDate,
    notifiedAt: optDate,
    attestationOrgId: z.number().int().nullish().transform((v) => v ?? null),
    validFrom: optDate,
  }),
  z.object({ type: z.literal('attestation'), date: isoDateSchema, result: reqText('Результат', 300), orgId: z.number().int().nullish().transform((v) => v ?? null), validFrom: optDate }),
  z.object({ type: z.literal('condition'), kind: z.enum(CONDITION_KINDS), note: optText(500), validFrom: optDate }),
  z.object({ type: z.literal('flag'), kind: z.enum(FLAG_KINDS), note: optText(500), validFrom: optDate }),
]);
export type FactInput = z.input<typeof factInputSchema>;
export type Fact = z.output<typeof factInputSchema>;
export type FactType = Fact['type'];
export const FACT_TYPES = ['address', 'representative', 'study', 'form', 'attestation', 'condition', 'flag'] as const satisfies readonly FactType[];

export const sourceInfoSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['manual', 'list', 'merge', 'demo']),
  userLogin: z.string(),
  orgName: z.string().nullable(),
  title: z.string().nullable(),
  asOf: z.string().nullable(),
  createdAt: z.string(),
  /** The user's name as the users list has it (the login when the user is not in it). */
  userName: z.string().nullable().optional(),
  /** A list's number (Списки → the list): the card links to it. */
  submissionId: z.number().int().nullable().optional(),
  /** Russian, for people: «Введено вручную: Иванова Мария Петровна, 01.02.2026» / «Список № 3 от 01.09.2026 …». */
  label: z.string(),
});
export type SourceInfo = z.infer<typeof sourceInfoSchema>;

export const factRowSchema = z.object({
  id: z.number().int(),
  type: z.enum(FACT_TYPES),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  recordedAt: z.string(),
  supersededBy: z.number().int().nullable(),
  withdrawnAt: z.string().nullable(),
  current: z.boolean(),
  /** The fact's own fields, as stored (orgId etc. resolved to names in `summary`). */
  data: z.record(z.string(), z.unknown()),
  summary: z.string(),
  source: sourceInfoSchema.nullable(),
  /** Later lists that said the same again (issue 8): «подтверждено списком … на 01.09.2026». */
  confirmedBy: z.array(sourceInfoSchema).optional(),
  /** The list whose newer fact of the same kind ended this one. */
  endedBy: sourceInfoSchema.nullable().optional(),
});
export type FactRow = z.infer<typeof factRowSchema>;

/** removed: created by a list that was undone, and named by nothing else. */
export const CHILD_STATUSES = ['active', 'merged', 'removed'] as const;

export const childRecordSchema = z.object({
  id: z.number().int(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  gender: genderSchema.nullable(),
  snils: z.string().nullable(),
  birthCertSeries: z.string().nullable(),
  birthCertNumber: z.string().nullable(),
  hasSecondaryGeneral: z.boolean(),
  status: z.enum(CHILD_STATUSES),
  mergedInto: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChildRecord = z.infer<typeof childRecordSchema>;

export const timelineEntrySchema = z.object({
  at: z.string(),
  text: z.string(),
  source: sourceInfoSchema.nullable(),
  /** «Изменено: СНИЛС»: each field with the value before and after, as the card shows values («не указан» for none). */
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })).optional(),
});

export const childCardSchema = z.object({
  child: childRecordSchema,
  current: z.object({
    orgId: z.number().int().nullable(),
    orgName: z.string().nullable(),
    classLabel: z.string().nullable(),
    form: educationFormSchema.nullable(),
  }),
  facts: z.array(factRowSchema),
  timeline: z.array(timelineEntrySchema),
  /** True when the role may not see the sensitive flags: they were left out, not absent. */
  flagsHidden: z.boolean(),
  merges: z.array(z.object({ id: z.number().int(), keptId: z.number().int(), mergedId: z.number().int(), mergedAt: z.string(), undoneAt: z.string().nullable() })),
});
export type ChildCard = z.infer<typeof childCardSchema>;

export const childRowSchema = z.object({
  id: z.number().int(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  classLabel: z.string().nullable(),
  form: educationFormSchema.nullable(),
  status: z.enum(CHILD_STATUSES),
});
export type ChildRow = z.infer<typeof childRowSchema>;

export const SORT_FIELDS = ['name', 'birthDate', 'org', 'class'] as const;

export const registryFilterSchema = z.object({
  query: z.string().max(200).default(''),
  /** Age limits apply on this date (default: today). */
  ageOn: isoDateSchema.optional(),
  ageFrom: z.number().int().min(0).max(30).optional(),
  ageTo: z.number().int().min(0).max(30).optional(),
  orgId: z.number().int().optional(),
  /** 'none': children no organization teaches now. */
  noOrg: z.boolean().optional(),
  classLabel: z.string().max(20).optional(),
  form: z.union([educationFormSchema, z.literal('none')]).optional(),
  status: z.enum(CHILD_STATUSES).default('active'),
  birthYear: z.number().int().min(1990).max(2100).optional(),
  flag: z.enum(FLAG_KINDS).optional(),
  condition: z.enum(CONDITION_KINDS).optional(),
});
export type RegistryFilter = z.input<typeof registryFilterSchema>;

export const registrySearchSchema = registryFilterSchema.extend({
  sort: z.enum(SORT_FIELDS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const similarChildSchema = z.object({
  id: z.number().int(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  orgName: z.string().nullable(),
  /** Russian: why it looks like the same child. */
  reason: z.string(),
  strong: z.boolean(),
});
export type SimilarChild = z.infer<typeof similarChildSchema>;

/** Per field of the person: which card's value the merged card keeps. */
export const MERGE_FIELDS = ['surname', 'name', 'patronymic', 'birthDate', 'gender', 'snils', 'birthCertSeries', 'birthCertNumber', 'hasSecondaryGeneral'] as const;
export const mergeChoicesSchema = z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['kept', 'merged']));

export const streetSchema = z.object({ id: z.number().int(), locality: z.string(), name: z.string() });
