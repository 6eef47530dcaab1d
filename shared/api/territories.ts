import { z } from 'zod';
import type { CallDef } from './contract';
import type { Role } from './roles';
import { isoDateSchema, orgKindSchema } from './schemas';
import { PARITIES, parseHouses } from '../domain/territory';

// Issue 10, points 4–6: organizations from a spreadsheet, school territories, reconciliation of the registry with a
// school's pupils list. The calls are spread into the contract (contract.ts) from here.

const DEPARTMENT: readonly Role[] = ['admin', 'operator'];

const def = <I extends z.ZodType, O extends z.ZodType>(d: CallDef<I, O>): CallDef<I, O> => d;

/** A spreadsheet as sent by the screen: its name and bytes (base64). */
export const tableFileSchema = z.object({
  fileName: z.string().min(1).max(255),
  base64: z.string().max(200 * 1024 * 1024, 'Файл больше 150 МБ'),
});

/** A problem in a row of a spreadsheet: the column as the file names it, and what is wrong. */
export const rowErrorSchema = z.object({ column: z.string(), message: z.string() });

// ---------- school territories ----------

export const paritySchema = z.enum(PARITIES);

export const territoryRuleSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  locality: z.string(),
  street: z.string(),
  houses: z.string(),
  parity: paritySchema,
  updatedAt: z.string(),
});
export type TerritoryRule = z.infer<typeof territoryRuleSchema>;

export const territoryInputSchema = z
  .object({
    id: z.number().int().optional(),
    orgId: z.number().int({ message: 'Выберите школу' }),
    locality: z.string().trim().max(150, 'Населённый пункт — не длиннее 150 символов').default(''),
    street: z.string().trim().max(150, 'Улица — не длиннее 150 символов').default(''),
    houses: z.string().trim().max(300, 'Дома — не длиннее 300 символов').default(''),
    parity: paritySchema.default('all'),
  })
  .superRefine((v, ctx) => {
    if (v.locality === '' && v.street === '') ctx.addIssue({ code: 'custom', path: ['locality'], message: 'Укажите населённый пункт или улицу' });
    if (v.street === '' && (v.houses !== '' || v.parity !== 'all')) ctx.addIssue({ code: 'custom', path: ['street'], message: 'Дома указываются для улицы: заполните улицу' });
    const err = parseHouses(v.houses).error;
    if (err) ctx.addIssue({ code: 'custom', path: ['houses'], message: err });
  });

export const territoryImportRowSchema = z.object({
  rowNo: z.number().int(),
  fileRowNo: z.number().int(),
  orgName: z.string(),
  orgId: z.number().int().nullable(),
  locality: z.string(),
  street: z.string(),
  houses: z.string(),
  parity: paritySchema,
  errors: z.array(rowErrorSchema),
});
export const territoryImportSchema = z.object({
  fileName: z.string(),
  headers: z.array(z.string()),
  rows: z.array(territoryImportRowSchema),
  errorRows: z.number().int(),
  /** Rows already in the directory exactly so (not added again). */
  already: z.number().int(),
});
export type TerritoryImport = z.infer<typeof territoryImportSchema>;

export const unresolvedSchema = z.object({
  asOf: isoDateSchema,
  children: z.number().int(),
  resolved: z.number().int(),
  noAddress: z.number().int(),
  groups: z.array(z.object({ locality: z.string(), street: z.string(), count: z.number().int(), example: z.string() })),
});
export type Unresolved = z.infer<typeof unresolvedSchema>;

// ---------- organizations from a spreadsheet ----------

export const orgImportRowSchema = z.object({
  rowNo: z.number().int(),
  fileRowNo: z.number().int(),
  kind: orgKindSchema.nullable(),
  fullName: z.string(),
  shortName: z.string(),
  address: z.string(),
  headPosition: z.string(),
  headName: z.string(),
  inn: z.string(),
  /** add: a new organization; update: found by ИНН or short name, something differs; same: nothing to change. */
  action: z.enum(['add', 'update', 'same']),
  existingId: z.number().int().nullable(),
  changes: z.array(z.string()),
  errors: z.array(rowErrorSchema),
});
export const orgImportSchema = z.object({
  fileName: z.string(),
  headers: z.array(z.string()),
  rows: z.array(orgImportRowSchema),
  errorRows: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  applied: z.boolean(),
});
export type OrgImport = z.infer<typeof orgImportSchema>;
export type OrgImportRow = z.infer<typeof orgImportRowSchema>;

// ---------- reconciliation (Кстово п. 3.3) ----------

export const RECONCILE_KINDS = ['not_in_registry', 'missing_from_list', 'class', 'form'] as const;
export type ReconcileKind = (typeof RECONCILE_KINDS)[number];
export const RECONCILE_KIND_LABELS: Record<ReconcileKind, string> = {
  not_in_registry: 'В списке, но не в реестре как ученик школы',
  missing_from_list: 'Ученик школы по реестру, но нет в списке',
  class: 'Класс отличается',
  form: 'Форма обучения отличается',
};
export const RECONCILE_ACTIONS = ['accept', 'moved', 'case', 'note'] as const;
export type ReconcileAction = (typeof RECONCILE_ACTIONS)[number];
export const RECONCILE_ACTION_LABELS: Record<ReconcileAction, string> = {
  accept: 'Принято по списку',
  moved: 'Отмечен как выбывший',
  case: 'Открыто дело',
  note: 'Отмечено',
};

export const reconcileListSchema = z.object({
  submissionId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  listKind: z.string(),
  listTitle: z.string(),
  asOf: isoDateSchema,
  status: z.string(),
  rows: z.number().int(),
});

export const reconcileItemSchema = z.object({
  kind: z.enum(RECONCILE_KINDS),
  /** The difference is gone from the comparison: settled by its action (the list's class accepted, the pupil marked moved). */
  settled: z.boolean(),
  childId: z.number().int().nullable(),
  rowNo: z.number().int().nullable(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string().nullable(),
  listValue: z.string().nullable(),
  registryValue: z.string().nullable(),
  action: z.enum(RECONCILE_ACTIONS).nullable(),
  actionNote: z.string().nullable(),
  actedAt: z.string().nullable(),
  actedBy: z.string().nullable(),
});
export type ReconcileItem = z.infer<typeof reconcileItemSchema>;

export const reconcileCountsSchema = z.object({
  listRows: z.number().int(),
  registryPupils: z.number().int(),
  matched: z.number().int(),
  notInRegistry: z.number().int(),
  missingFromList: z.number().int(),
  classDiffs: z.number().int(),
  formDiffs: z.number().int(),
  done: z.number().int(),
});

export const reconcileResultSchema = z.object({
  list: reconcileListSchema,
  counts: reconcileCountsSchema,
  items: z.array(reconcileItemSchema),
});
export type ReconcileResult = z.infer<typeof reconcileResultSchema>;

export const reconcileActInputSchema = z.object({
  submissionId: z.number().int(),
  kind: z.enum(RECONCILE_KINDS),
  childId: z.number().int().nullable().default(null),
  rowNo: z.number().int().nullable().default(null),
  action: z.enum(RECONCILE_ACTIONS),
  note: z.string().trim().max(1000).nullable().default(null),
});

export const reconcileSummarySchema = z.object({
  year: z.number().int(),
  schools: z.array(
    z.object({
      orgId: z.number().int(),
      orgName: z.string(),
      list: reconcileListSchema.nullable(),
      counts: reconcileCountsSchema.nullable(),
    }),
  ),
});
export type ReconcileSummary = z.infer<typeof reconcileSummarySchema>;

const empty = z.object({});
const ok = z.object({ ok: z.literal(true) });

export const territoryCalls = {
  'territories.list': def({ input: z.object({ orgId: z.number().int().nullable().default(null) }), output: z.array(territoryRuleSchema), access: 'unlocked', audit: 'none', title: 'Территории школ' }),
  'territories.save': def({ input: territoryInputSchema, output: territoryRuleSchema, access: DEPARTMENT, audit: 'change', title: 'Изменение территории школы' }),
  'territories.remove': def({ input: z.object({ id: z.number().int() }), output: ok, access: DEPARTMENT, audit: 'change', title: 'Исключение строки территории школы' }),
  'territories.importPreview': def({ input: tableFileSchema, output: territoryImportSchema, access: DEPARTMENT, audit: 'none', title: 'Проверка файла территорий', maxBodyBytes: 200 * 1024 * 1024 + 64 * 1024 }),
  'territories.importApply': def({ input: tableFileSchema, output: territoryImportSchema.extend({ added: z.number().int() }), access: DEPARTMENT, audit: 'change', title: 'Загрузка территорий школ из файла', maxBodyBytes: 200 * 1024 * 1024 + 64 * 1024 }),
  'territories.unresolved': def({ input: z.object({ asOf: isoDateSchema.optional() }), output: unresolvedSchema, access: DEPARTMENT, audit: 'read', title: 'Адреса вне территорий школ' }),
  'territories.ofChild': def({ input: z.object({ childId: z.number().int() }), output: z.object({ orgId: z.number().int(), orgName: z.string() }).nullable(), access: 'unlocked', audit: 'none', title: 'Территория ребёнка' }),
  'orgs.importPreview': def({ input: tableFileSchema, output: orgImportSchema, access: DEPARTMENT, audit: 'none', title: 'Проверка файла организаций', maxBodyBytes: 200 * 1024 * 1024 + 64 * 1024 }),
  'orgs.importApply': def({ input: tableFileSchema, output: orgImportSchema, access: DEPARTMENT, audit: 'change', title: 'Загрузка организаций из файла', maxBodyBytes: 200 * 1024 * 1024 + 64 * 1024 }),
  'reconcile.lists': def({ input: empty, output: z.array(reconcileListSchema), access: DEPARTMENT, audit: 'none', title: 'Списки обучающихся для сверки' }),
  'reconcile.run': def({ input: z.object({ submissionId: z.number().int() }), output: reconcileResultSchema, access: DEPARTMENT, audit: 'read', title: 'Сверка реестра со списком обучающихся' }),
  'reconcile.act': def({ input: reconcileActInputSchema, output: reconcileResultSchema, access: DEPARTMENT, audit: 'change', title: 'Действие по расхождению сверки' }),
  'reconcile.summary': def({ input: z.object({ year: z.number().int().min(2000).max(2100).optional() }), output: reconcileSummarySchema, access: DEPARTMENT, audit: 'none', title: 'Итоги сверки по школам' }),
} as const;
