import { z } from 'zod';
import { ENTRY_KINDS, ENTRY_KIND_LABELS, REMOVAL_REASONS, type EntryKind } from '../domain/schoolRegister';
import { isoDateSchema } from './schemas';

/**
 * Calls of the internal school register (issue 11, Инструкция ЗАТО Свободный разделы 2–4): the escalation steps, the
 * карта учёта and the removal, as entries of one append-only history; their documents printed and registered.
 */

const text = (max: number) => z.string().trim().max(max, `Не длиннее ${max} символов`).default('');

/** Every field an entry may carry; which of them a kind needs is ENTRY_FIELDS. */
export const entryDataSchema = z.object({
  /** contact: how the class teacher reached the parents (телефон, беседа, запись в дневнике, уведомление). */
  how: text(200),
  /** contact: what the parents answered. */
  answer: text(2000),
  /** contact, visit: the cause of the absences as found out. */
  cause: text(1000),
  /** warning: to whom (the parent's ФИО); visit: who was at home. */
  parent: text(300),
  present: text(500),
  /** visit: the address visited; the members of the visit from ПДН and the social policy office. */
  address: text(500),
  pdn: text(300),
  social: text(300),
  /** visit: what was found (living conditions); the conclusion. */
  findings: text(4000),
  conclusion: text(2000),
  /** petition, removalPetition: the grounds. */
  grounds: text(4000),
  /** registered, removed: the decision's protocol (order) number. */
  protocol: text(100),
  /** report, work, measure: what was done / reported; answer: what the body answered. */
  what: text(4000),
  /** work, measure: the result. */
  result: text(2000),
  /** conditions: family, housing, who the child lives with. */
  family: text(2000),
  housing: text(2000),
  livesWith: text(500),
  /** letter: to which body, about what, the outgoing number. */
  addressee: text(500),
  subject: text(2000),
  outNumber: text(50),
  /** removalPetition: the характеристика and the current progress for the выписка из журнала. */
  characteristic: text(6000),
  progress: text(2000),
  /** removed: why. */
  reason: z.enum(REMOVAL_REASONS).nullable().default(null),
  /** A correction that withdraws the entry it replaces (entered by mistake). */
  cancelled: z.boolean().default(false),
});
export type EntryData = z.infer<typeof entryDataSchema>;
export type EntryField = Exclude<keyof EntryData, 'cancelled'>;

/** Fields each kind must have, with the message when one is empty; the screen shows the kind's fields in this order. */
export const ENTRY_FIELDS: Record<EntryKind, { field: EntryField; label: string; required: boolean; long?: boolean }[]> = {
  contact: [
    { field: 'how', label: 'Способ связи (телефон, беседа, запись в дневнике, уведомление)', required: true },
    { field: 'answer', label: 'Ответ родителей', required: true, long: true },
    { field: 'cause', label: 'Причина пропусков', required: false },
  ],
  warning: [
    { field: 'parent', label: 'Кому (Ф.И.О. родителя, законного представителя)', required: true },
    { field: 'what', label: 'Дополнительно к тексту предупреждения', required: false, long: true },
  ],
  visit: [
    { field: 'address', label: 'Адрес посещения', required: true },
    { field: 'pdn', label: 'Представитель ПДН (должность, Ф.И.О.)', required: true },
    { field: 'social', label: 'Сотрудник Управления социальной политики (должность, Ф.И.О.)', required: true },
    { field: 'present', label: 'Кто находился дома', required: false },
    { field: 'findings', label: 'Результаты обследования (условия проживания)', required: true, long: true },
    { field: 'cause', label: 'Причина пропусков', required: false },
    { field: 'conclusion', label: 'Выводы и рекомендации', required: true, long: true },
  ],
  petition: [{ field: 'grounds', label: 'Основания (пропуски, принятые меры)', required: true, long: true }],
  registered: [{ field: 'protocol', label: 'Номер протокола Совета профилактики (приказа)', required: true }],
  report: [{ field: 'what', label: 'Сведения о родителях и о том, как они исполняют обязанности', required: true, long: true }],
  conditions: [
    { field: 'family', label: 'Состав семьи', required: true, long: true },
    { field: 'housing', label: 'Жилищные условия', required: true, long: true },
    { field: 'livesWith', label: 'С кем проживает ребёнок', required: true },
  ],
  work: [
    { field: 'what', label: 'Что сделано', required: true, long: true },
    { field: 'result', label: 'Результат', required: false },
  ],
  measure: [
    { field: 'what', label: 'Принятая мера', required: true, long: true },
    { field: 'result', label: 'Результат', required: false },
  ],
  letter: [
    { field: 'addressee', label: 'Адресат (орган системы профилактики)', required: true },
    { field: 'outNumber', label: 'Исходящий номер', required: false },
    { field: 'subject', label: 'Содержание обращения', required: true, long: true },
  ],
  answer: [{ field: 'what', label: 'Содержание ответа', required: true, long: true }],
  removalPetition: [
    { field: 'grounds', label: 'Основания снятия с учёта', required: true, long: true },
    { field: 'characteristic', label: 'Характеристика обучающегося', required: true, long: true },
    { field: 'progress', label: 'Текущая успеваемость (для выписки из журнала)', required: true, long: true },
  ],
  removed: [{ field: 'protocol', label: 'Номер протокола Совета профилактики (для решения Совета)', required: false }],
};

/** Who did the step, by kind: the label of the «кто» field. */
export const ACTOR_LABELS: Partial<Record<EntryKind, string>> = {
  contact: 'Классный руководитель',
  petition: 'Классный руководитель',
  visit: 'Классный руководитель (от школы)',
  removalPetition: 'Классный руководитель',
  registered: 'Кто принял решение (председатель Совета профилактики)',
  removed: 'Кто принял решение (председатель Совета профилактики)',
};

export const entryInputSchema = z
  .object({
    childId: z.number().int(),
    kind: z.enum(ENTRY_KINDS, 'Неизвестный вид записи'),
    onDate: isoDateSchema,
    actor: z.string().trim().min(3, 'Укажите, кто это сделал (должность, Ф.И.О.)').max(300, 'Не длиннее 300 символов'),
    data: entryDataSchema.default(entryDataSchema.parse({})),
    /** letter: the date a written answer is due. */
    dueOn: isoDateSchema.nullable().default(null),
    /** answer: the letter answered. */
    refId: z.number().int().nullable().default(null),
    /** A correction: the entry this one replaces. */
    replacesId: z.number().int().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.data.cancelled) {
      if (v.replacesId === null) ctx.addIssue({ code: 'custom', path: ['replacesId'], message: 'Отменить можно только внесённую запись' });
      return;
    }
    for (const f of ENTRY_FIELDS[v.kind]) {
      if (f.required && !String(v.data[f.field] ?? '').trim()) ctx.addIssue({ code: 'custom', path: ['data', f.field], message: `${ENTRY_KIND_LABELS[v.kind]}: заполните поле «${f.label}»` });
    }
    if (v.kind === 'letter' && v.dueOn === null) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'Обращение: укажите срок письменного ответа (п. 5.3)' });
    if (v.kind === 'letter' && v.dueOn !== null && v.dueOn < v.onDate) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'Срок ответа не может быть раньше даты обращения' });
    if (v.kind === 'answer' && v.refId === null) ctx.addIssue({ code: 'custom', path: ['refId'], message: 'Ответ: выберите обращение, на которое он получен' });
    if (v.kind === 'removed' && v.data.reason === null) ctx.addIssue({ code: 'custom', path: ['data', 'reason'], message: 'Снятие с учёта: укажите основание' });
    if (v.kind === 'removed' && v.data.reason === 'council' && !v.data.protocol) {
      ctx.addIssue({ code: 'custom', path: ['data', 'protocol'], message: 'Снятие по решению Совета профилактики: укажите номер протокола' });
    }
  });
export type EntryInput = z.input<typeof entryInputSchema>;

export const entryDocumentSchema = z.object({ docKind: z.string(), title: z.string(), printoutId: z.number().int(), number: z.string(), issuedOn: z.string() });

export const registerEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(ENTRY_KINDS),
  onDate: z.string(),
  actor: z.string(),
  data: entryDataSchema,
  dueOn: z.string().nullable(),
  refId: z.number().int().nullable(),
  replacesId: z.number().int().nullable(),
  /** A later entry corrects (or withdraws) this one. */
  replacedBy: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  documents: z.array(entryDocumentSchema),
});
export type RegisterEntry = z.infer<typeof registerEntrySchema>;

/** The documents a step prints; the removal's four come from the ходатайство о снятии. */
export const DOC_KINDS = [
  'contact',
  'warning',
  'visit',
  'petition',
  'registered',
  'report',
  'letter',
  'card',
  'removalPetition',
  'characteristic',
  'journalExtract',
  'workReference',
  'removed',
] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const DOC_TITLES: Record<DocKind, string> = {
  contact: 'Справка о беседе классного руководителя с родителями',
  warning: 'Предупреждение родителям об административной ответственности',
  visit: 'Акт обследования условий жизни (посещение на дому)',
  petition: 'Ходатайство о постановке на внутришкольный учёт',
  registered: 'Решение о постановке на внутришкольный учёт',
  report: 'Информация о родителях (законных представителях)',
  letter: 'Обращение в орган системы профилактики',
  card: 'Карта учёта обучающегося',
  removalPetition: 'Ходатайство о снятии с внутришкольного учёта',
  characteristic: 'Характеристика на обучающегося',
  journalExtract: 'Выписка из классного журнала',
  workReference: 'Справка по индивидуальной работе с обучающимся и родителями',
  removed: 'Решение о снятии с внутришкольного учёта',
};
/** Which documents an entry of a kind prints (the карта учёта is printed from the pupil). */
export const DOCS_OF_KIND: Partial<Record<EntryKind, DocKind[]>> = {
  contact: ['contact'],
  warning: ['warning'],
  visit: ['visit'],
  petition: ['petition'],
  registered: ['registered'],
  report: ['report'],
  letter: ['letter'],
  removalPetition: ['removalPetition', 'characteristic', 'journalExtract', 'workReference'],
  removed: ['removed'],
};

export const attendanceMonthSchema = z.object({ month: z.string(), lessonsHeld: z.number().int(), missedTotal: z.number().int(), missedUnexcused: z.number().int() });

export const standingSchema = z.object({
  onRegister: z.boolean(),
  registeredOn: z.string().nullable(),
  lastStep: z.string().nullable(),
  lastStepOn: z.string().nullable(),
  removedOn: z.string().nullable(),
  label: z.string(),
});

export const nextStepSchema = z.object({ kind: z.enum(ENTRY_KINDS), reason: z.string() }).nullable();
export const removalCheckSchema = z.object({ countedFrom: z.string(), dueOn: z.string(), eligible: z.boolean(), text: z.string() }).nullable();

export const registerCardSchema = z.object({
  today: z.string(),
  child: z.object({
    id: z.number().int(),
    surname: z.string(),
    name: z.string(),
    patronymic: z.string().nullable(),
    birthDate: z.string(),
    classLabel: z.string().nullable(),
    orgId: z.number().int().nullable(),
    orgName: z.string().nullable(),
    address: z.string().nullable(),
    representatives: z.array(z.object({ relation: z.string(), fullName: z.string(), phone: z.string().nullable() })),
  }),
  standing: standingSchema,
  next: nextStepSchema,
  removal: removalCheckSchema,
  attendance: z.array(attendanceMonthSchema),
  /** Every entry with its history (corrected ones too, marked). */
  entries: z.array(registerEntrySchema),
  /** Documents printed from the pupil rather than an entry (the карта учёта). */
  documents: z.array(entryDocumentSchema),
});
export type RegisterCard = z.infer<typeof registerCardSchema>;

export const registerPupilSchema = z.object({
  childId: z.number().int(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  classLabel: z.string().nullable(),
  standing: z.string(),
  onRegister: z.boolean(),
  /** Unexcused absences in the current school year, and the last month with any. */
  missedUnexcused: z.number().int(),
  lastMissedMonth: z.string().nullable(),
  next: nextStepSchema,
  overdueLetters: z.number().int(),
});
export type RegisterPupil = z.infer<typeof registerPupilSchema>;

export const pupilsInputSchema = z.object({
  /** The department chooses the school; a school's user gets its own. */
  orgId: z.number().int().nullable().default(null),
  /** Every pupil of the school, not only those with absences or entries. */
  all: z.boolean().default(false),
  query: z.string().trim().max(100).default(''),
});

export const overdueLetterSchema = z.object({
  entryId: z.number().int(),
  childId: z.number().int(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  classLabel: z.string().nullable(),
  onDate: z.string(),
  addressee: z.string(),
  outNumber: z.string(),
  dueOn: z.string(),
  daysOverdue: z.number().int(),
});

export const printInputSchema = z.object({
  childId: z.number().int(),
  /** The entry whose document is printed; null for the карта учёта. */
  entryId: z.number().int().nullable().default(null),
  doc: z.enum(DOC_KINDS, 'Неизвестный документ'),
});
