import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Settings of this database: profile, department name, idle lock. One row per key. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const organizations = sqliteTable('organizations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  profileKey: text('profile_key'),
  kind: text('kind').notNull(),
  fullName: text('full_name').notNull(),
  shortName: text('short_name').notNull(),
  address: text('address').notNull().default(''),
  headPosition: text('head_position').notNull().default(''),
  headName: text('head_name').notNull().default(''),
  /** ИНН: how a re-imported list of organizations finds the one it already made. */
  inn: text('inn'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    orgId: integer('org_id').references(() => organizations.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('users_login_uq').on(t.login)],
);

/**
 * Append-only: triggers in the migration refuse UPDATE and DELETE, and each row's hash covers the previous
 * row's hash, so an edit made past the triggers (another SQLite tool with the key) is still detected.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userLogin: text('user_login').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    details: text('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_object_idx').on(t.objectType, t.objectId)],
);

/**
 * Who said a fact: typed in by hand (by whom), taken from a list (from which organization, as of which date),
 * or produced by a merge or the demo generator. Every fact row points at one.
 */
export const sources = sqliteTable('sources', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  userLogin: text('user_login').notNull(),
  orgId: integer('org_id').references(() => organizations.id),
  title: text('title'),
  asOf: text('as_of'),
  submissionId: integer('submission_id'),
  createdAt: text('created_at').notNull().default(now),
});

/**
 * The child as a person. The *_norm columns are search and matching keys made by shared/domain/names
 * (SQLite's lower() folds ASCII only); sort_key orders by Russian collation with plain binary comparison.
 * cur_* repeat the current facts so that the registry filters and sorts in SQLite with indexes.
 */
export const children = sqliteTable(
  'children',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surname: text('surname').notNull(),
    name: text('name').notNull(),
    patronymic: text('patronymic'),
    birthDate: text('birth_date').notNull(),
    gender: text('gender'),
    snils: text('snils'),
    birthCertSeries: text('birth_cert_series'),
    birthCertNumber: text('birth_cert_number'),
    hasSecondaryGeneral: integer('has_secondary_general', { mode: 'boolean' }).notNull().default(false),
    status: text('status').notNull().default('active'),
    mergedInto: integer('merged_into'),
    surnameNorm: text('surname_norm').notNull().default(''),
    nameNorm: text('name_norm').notNull().default(''),
    patronymicNorm: text('patronymic_norm').notNull().default(''),
    sortKey: text('sort_key').notNull().default(''),
    curOrgId: integer('cur_org_id'),
    curClass: text('cur_class'),
    curGrade: integer('cur_grade'),
    curForm: text('cur_form'),
    sourceId: integer('source_id').references(() => sources.id),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('children_birth_idx').on(t.birthDate),
    index('children_sort_idx').on(t.status, t.sortKey),
    index('children_surname_idx').on(t.surnameNorm),
    index('children_name_idx').on(t.nameNorm),
    index('children_patronymic_idx').on(t.patronymicNorm),
    index('children_org_idx').on(t.curOrgId, t.curClass),
    index('children_form_idx').on(t.curForm),
    index('children_snils_idx').on(t.snils),
    // Covers the scans of active children by age (forecast, statistics): the rows themselves are wide.
    index('children_active_birth_idx').on(t.status, t.birthDate, t.hasSecondaryGeneral),
    // A kept card's records include those of the cards merged into it (access.ts recordCardsSql): found by this index.
    index('children_merged_into_idx').on(t.mergedInto).where(sql`merged_into IS NOT NULL`),
  ],
);

/** Earlier states of a child's own fields: a row per change, with who said it. The timeline reads them. */
export const childVersions = sqliteTable(
  'child_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    data: text('data').notNull(),
    changed: text('changed').notNull(),
    sourceId: integer('source_id').references(() => sources.id),
    recordedAt: text('recorded_at').notNull().default(now),
  },
  (t) => [index('child_versions_child_idx').on(t.childId)],
);

/**
 * Columns every fact table has: the period it is true for, who said it, and how it ended. Facts are never
 * updated in place: a correction supersedes the row, an undone list withdraws it.
 */
const factColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  childId: integer('child_id')
    .notNull()
    .references(() => children.id),
  validFrom: text('valid_from'),
  validTo: text('valid_to'),
  sourceId: integer('source_id').references(() => sources.id),
  recordedAt: text('recorded_at').notNull().default(now),
  supersededBy: integer('superseded_by'),
  withdrawnAt: text('withdrawn_at'),
  /** When the period was closed (valid_to is the day it ended; this is the moment someone said so). */
  endedAt: text('ended_at'),
  /** The list whose newer fact of the same kind closed this one (the reason shown in its history); null when a person did. */
  endedBySource: integer('ended_by_source'),
});

export const addresses = sqliteTable(
  'addresses',
  {
    ...factColumns(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    locality: text('locality'),
    street: text('street'),
    house: text('house'),
    building: text('building'),
    flat: text('flat'),
  },
  (t) => [index('addresses_child_idx').on(t.childId)],
);

export const representatives = sqliteTable(
  'representatives',
  {
    ...factColumns(),
    relation: text('relation').notNull(),
    surname: text('surname').notNull(),
    name: text('name').notNull(),
    patronymic: text('patronymic'),
    phone: text('phone'),
    addressText: text('address_text'),
  },
  (t) => [index('representatives_child_idx').on(t.childId)],
);

/** Where a child studies: organization, class or group, enrolment and expulsion orders. */
export const studies = sqliteTable(
  'studies',
  {
    ...factColumns(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    classLabel: text('class_label'),
    enrolOrderNumber: text('enrol_order_number'),
    enrolOrderDate: text('enrol_order_date'),
    leaveOrderNumber: text('leave_order_number'),
    leaveOrderDate: text('leave_order_date'),
    leaveReason: text('leave_reason'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    index('studies_child_idx').on(t.childId),
    index('studies_org_idx').on(t.orgId, t.validTo),
    // Covering: «in force on a date» for every child at once (the «Не обучаются» list) reads the index, not the rows.
    index('studies_in_force_idx').on(t.orgId, t.childId, t.validFrom, t.validTo, t.supersededBy, t.withdrawnAt),
  ],
);

/** Form of education with its basis; for family and self-education, the notice and the attesting school. */
export const educationForms = sqliteTable(
  'education_forms',
  {
    ...factColumns(),
    form: text('form').notNull(),
    basis: text('basis'),
    basisDate: text('basis_date'),
    notifiedAt: text('notified_at'),
    attestationOrgId: integer('attestation_org_id').references(() => organizations.id),
  },
  (t) => [index('education_forms_child_idx').on(t.childId), index('education_forms_in_force_idx').on(t.form, t.childId, t.validFrom, t.validTo, t.supersededBy, t.withdrawnAt)],
);

export const attestations = sqliteTable(
  'attestations',
  {
    ...factColumns(),
    date: text('date').notNull(),
    result: text('result').notNull(),
    orgId: integer('org_id').references(() => organizations.id),
  },
  (t) => [index('attestations_child_idx').on(t.childId)],
);

/** Not studying for health reasons; in a rehabilitation centre outside the municipality. */
export const conditions = sqliteTable(
  'conditions',
  {
    ...factColumns(),
    kind: text('kind').notNull(),
    note: text('note'),
  },
  (t) => [index('conditions_child_idx').on(t.childId), index('conditions_in_force_idx').on(t.kind, t.childId, t.validFrom, t.validTo, t.supersededBy, t.withdrawnAt)],
);

/** The sensitive flags (ПДН, СОП, опека, ТКДНиЗП): only roles allowed to see them get them. */
export const flags = sqliteTable(
  'flags',
  {
    ...factColumns(),
    kind: text('kind').notNull(),
    note: text('note'),
  },
  (t) => [index('flags_child_idx').on(t.childId)],
);

/** A merge keeps what it changed, so that undo puts both cards back exactly. */
export const merges = sqliteTable('merges', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  keptId: integer('kept_id')
    .notNull()
    .references(() => children.id),
  mergedId: integer('merged_id')
    .notNull()
    .references(() => children.id),
  snapshot: text('snapshot').notNull(),
  userLogin: text('user_login').notNull(),
  mergedAt: text('merged_at').notNull().default(now),
  undoneAt: text('undone_at'),
  undoneBy: text('undone_by'),
});

/** The municipality's street directory, editable, for autocomplete and address structure. */
export const streets = sqliteTable(
  'streets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    locality: text('locality').notNull(),
    name: text('name').notNull(),
    nameNorm: text('name_norm').notNull(),
  },
  (t) => [uniqueIndex('streets_uq').on(t.locality, t.name)],
);

/**
 * One received list: who sent it, which list of the profile, as of which date, the file and its hash (the
 * same file again is recognized). A draft until applied; an applied list can be undone as a whole.
 */
export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    listKind: text('list_kind').notNull(),
    asOf: text('as_of').notNull(),
    receivedAt: text('received_at').notNull().default(now),
    origin: text('origin').notNull(),
    fileName: text('file_name'),
    fileHash: text('file_hash'),
    headers: text('headers').notNull().default('[]'),
    mapping: text('mapping').notNull().default('{}'),
    status: text('status').notNull().default('draft'),
    createdBy: text('created_by').notNull(),
    sourceId: integer('source_id').references(() => sources.id),
    /** What applying changed besides adding facts (periods it ended), so undo can put it back. */
    effects: text('effects').notNull().default('[]'),
    appliedAt: text('applied_at'),
    appliedBy: text('applied_by'),
    undoneAt: text('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [index('submissions_hash_idx').on(t.fileHash)],
);

/** A row of a list as received (cells), as understood (values, issues) and as decided (which child, why). */
export const submissionRows = sqliteTable(
  'submission_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    rowNo: integer('row_no').notNull(),
    fileRowNo: integer('file_row_no'),
    cells: text('cells').notNull(),
    vals: text('vals').notNull(),
    issues: text('issues').notNull().default('[]'),
    hasErrors: integer('has_errors', { mode: 'boolean' }).notNull().default(false),
    excluded: integer('excluded', { mode: 'boolean' }).notNull().default(false),
    decision: text('decision'),
    childId: integer('child_id').references(() => children.id),
    sameAsRow: integer('same_as_row'),
    score: integer('score'),
    reasons: text('reasons').notNull().default('[]'),
    candidates: text('candidates').notNull().default('[]'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
  },
  (t) => [uniqueIndex('submission_rows_uq').on(t.submissionId, t.rowNo), index('submission_rows_decision_idx').on(t.submissionId, t.decision)],
);

/** The column mapping a person confirmed, remembered per organization and list kind. */
export const intakeMappings = sqliteTable(
  'intake_mappings',
  {
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    listKind: text('list_kind').notNull(),
    headers: text('headers').notNull(),
    mapping: text('mapping').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('intake_mappings_uq').on(t.orgId, t.listKind)],
);

/**
 * A later list that says again what a fact already says (the same study, the same address): the card shows it as
 * confirmed by that list on its date instead of only the first source. Withdrawn with the list when it is undone.
 */
export const factConfirmations = sqliteTable(
  'fact_confirmations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The fact table (FACT_TABLES in electron/services/registry/write.ts) and the fact's id in it. */
    factTable: text('fact_table').notNull(),
    factId: integer('fact_id').notNull(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    recordedAt: text('recorded_at').notNull().default(now),
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [index('fact_confirmations_fact_idx').on(t.factTable, t.factId), index('fact_confirmations_source_idx').on(t.sourceId)],
);

/** «Это разные дети»: a child and a person key (or another child) that must not be proposed as one again. */
export const distinctPairs = sqliteTable(
  'distinct_pairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    otherKey: text('other_key').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: text('decided_at').notNull().default(now),
  },
  (t) => [uniqueIndex('distinct_pairs_uq').on(t.childId, t.otherKey)],
);

/**
 * Register of printouts: every PDF or XLSX made of a report form. The number («2026-000123») is the year and a
 * gap-free sequence within it, allocated in the transaction that stores the row; it and the date are printed on
 * every page, and the file's SHA-256 lets a paper's file be checked later. table_sha is the hash of the prepared
 * table (the content without layout), so a reprint can say whether the registry still gives the same content.
 */
export const printouts = sqliteTable(
  'printouts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    issuedOn: text('issued_on').notNull(),
    formId: text('form_id').notNull(),
    formTitle: text('form_title').notNull(),
    orgId: integer('org_id').references(() => organizations.id),
    asOf: text('as_of').notNull(),
    params: text('params').notNull().default('{}'),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    tableSha: text('table_sha').notNull(),
    childCount: integer('child_count').notNull(),
    byteSize: integer('byte_size').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('printouts_year_seq_uq').on(t.year, t.seq),
    uniqueIndex('printouts_number_uq').on(t.number),
    index('printouts_sha_idx').on(t.sha256),
    index('printouts_form_idx').on(t.formId, t.orgId),
  ],
);

/** A printout made again from the register (same number, date and parameters): its file, who made it, when. */
export const printoutCopies = sqliteTable(
  'printout_copies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    printoutId: integer('printout_id')
      .notNull()
      .references(() => printouts.id),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    tableSha: text('table_sha').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('printout_copies_sha_idx').on(t.sha256), index('printout_copies_printout_idx').on(t.printoutId)],
);

/**
 * Attendance of a pupil for a month at a school (the class journal's report): lessons held, missed in all, of them
 * without a good reason. Append-only: a new entry for the same pupil, school and month supersedes the old one
 * (superseded_by), which stays as history; triggers refuse deletes and any other change. school_mark is the
 * school's own «систематически пропускает» mark (a profile without a numeric threshold relies on it).
 */
export const attendance = sqliteTable(
  'attendance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    month: text('month').notNull(),
    lessonsHeld: integer('lessons_held').notNull(),
    missedTotal: integer('missed_total').notNull(),
    missedUnexcused: integer('missed_unexcused').notNull(),
    schoolMark: text('school_mark'),
    origin: text('origin').notNull(),
    fileName: text('file_name'),
    sourceId: integer('source_id').references(() => sources.id),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull().default(now),
    supersededBy: integer('superseded_by'),
  },
  (t) => [
    index('attendance_child_idx').on(t.childId, t.month),
    index('attendance_org_month_idx').on(t.orgId, t.month, t.supersededBy),
    // The month's figures in force, covered: the truancy list of a whole district reads the index alone.
    index('attendance_month_idx')
      .on(t.month, t.orgId, t.childId, t.lessonsHeld, t.missedTotal, t.missedUnexcused, t.schoolMark, t.supersededBy)
      .where(sql`superseded_by IS NULL`),
  ],
);

/**
 * The territory assigned to a school («территория, закреплённая за общеобразовательной организацией»): one row per
 * street of a settlement (an empty street: the whole settlement) with its houses («1–25, 30», empty: all) and parity.
 * A removed row stays, marked removed (who, when); every change is in the journal. Resolved by
 * electron/services/territories/resolve.ts.
 */
export const territoryRules = sqliteTable(
  'territory_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    locality: text('locality').notNull().default(''),
    street: text('street').notNull().default(''),
    houses: text('houses').notNull().default(''),
    /** 'all' | 'even' | 'odd' */
    parity: text('parity').notNull().default('all'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    removedAt: text('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [index('territory_rules_org_idx').on(t.orgId)],
);

/**
 * Reconciliation of the registry with a school's pupils list (Кстово п. 3.3): what was done about each difference
 * (accepted the list's value, marked moved, opened a case, noted). A difference is named by its kind, the child
 * and/or the list's row.
 */
export const reconciliationActions = sqliteTable(
  'reconciliation_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** 'not_in_registry' | 'missing_from_list' | 'class' | 'form' */
    kind: text('kind').notNull(),
    childId: integer('child_id').references(() => children.id),
    rowNo: integer('row_no'),
    /** 'accept' | 'moved' | 'case' | 'note' */
    action: text('action').notNull(),
    note: text('note'),
    caseId: integer('case_id'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('reconciliation_actions_sub_idx').on(t.submissionId)],
);

/**
 * The internal school register (внутришкольный учёт, Инструкция ЗАТО Свободный разделы 2–4): every step of the
 * escalation, the карта учёта's entries (living conditions, preventive work, measures, letters to the prevention
 * bodies and their answers), the removal. One row per dated event, kind-specific fields in `data` (JSON, checked by
 * shared/api/schoolRegister.ts). Append-only: a correction is a new row naming the row it replaces (replaces_id);
 * triggers refuse updates and deletes. org_id is the school that keeps the card.
 */
export const schoolRegisterEntries = sqliteTable(
  'school_register_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull(),
    onDate: text('on_date').notNull(),
    actor: text('actor').notNull(),
    data: text('data').notNull().default('{}'),
    dueOn: text('due_on'),
    refId: integer('ref_id'),
    replacesId: integer('replaces_id'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('school_register_child_idx').on(t.childId, t.onDate), index('school_register_org_idx').on(t.orgId, t.kind), index('school_register_due_idx').on(t.kind, t.dueOn)],
);

/** A document of the school register printed under a number of the printouts register: which pupil, which entry. */
export const schoolRegisterDocuments = sqliteTable(
  'school_register_documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    entryId: integer('entry_id').references(() => schoolRegisterEntries.id),
    docKind: text('doc_kind').notNull(),
    printoutId: integer('printout_id')
      .notNull()
      .references(() => printouts.id),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('school_register_documents_child_idx').on(t.childId)],
);

/**
 * A case about a child not in education (issue 10): opened once per child, never changed or deleted; what happens
 * is in education_case_entries. Status is the newest status entry; whether the case closed itself (a list or an
 * edit brought a study or a form of education) is computed on read by electron/services/education/ from the rule.
 */
export const educationCases = sqliteTable(
  'education_cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    openedOn: text('opened_on').notNull(),
    openedBy: text('opened_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('education_cases_child_uq').on(t.childId)],
);

/**
 * A dated entry of a case: a status change (status set) or an action (запрос в ОО, выход по адресу, письмо в КДН/ПДН,
 * ответ, иное) with who did it. Append-only: triggers refuse updates and deletes.
 */
export const educationCaseEntries = sqliteTable(
  'education_case_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => educationCases.id),
    kind: text('kind').notNull(),
    status: text('status'),
    onDate: text('on_date').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('education_case_entries_case_idx').on(t.caseId)],
);

/**
 * Movement of pupils (issue 11, point 5): a transfer notice owed to the sending school (due in two working days),
 * the confirmation of where an expelled pupil continued (Кстово приложения 4 и 5), leaving school at 15 with the
 * consents and the department's measures, the department's permission for first grade outside 6.5–8 years.
 * Append-only: a change is a new row that `replaces` the one it changes (the current one is not replaced);
 * triggers refuse updates and deletes.
 */
export const movementRecords = sqliteTable(
  'movement_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    /** The school the record belongs to (receiving school of a transfer, the school left); null for the department's own. */
    orgId: integer('org_id').references(() => organizations.id),
    studyId: integer('study_id').references(() => studies.id),
    counterpartOrgId: integer('counterpart_org_id').references(() => organizations.id),
    counterpartName: text('counterpart_name'),
    orderNumber: text('order_number'),
    orderDate: text('order_date'),
    dueDate: text('due_date'),
    doneOn: text('done_on'),
    data: text('data').notNull().default('{}'),
    replaces: integer('replaces'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    index('movement_records_kind_idx').on(t.kind, t.orgId),
    index('movement_records_child_idx').on(t.childId),
    index('movement_records_study_idx').on(t.studyId),
    uniqueIndex('movement_records_replaces_uq').on(t.replaces),
  ],
);
