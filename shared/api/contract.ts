import { z } from 'zod';
import type { Role } from './roles';
import {
  auditEntrySchema,
  isoDateSchema,
  loginSchema,
  newPasswordSchema,
  orgInputSchema,
  orgSchema,
  passwordSchema,
  roleSchema,
  sessionUserSchema,
  userSchema,
} from './schemas';
import { gridSchema, listRowValuesSchema, rowFilterSchema, submissionRowSchema, submissionSummarySchema, uploadSchema } from './intake';
import {
  childCardSchema,
  childCoreSchema,
  childRowSchema,
  factInputSchema,
  FACT_TYPES,
  mergeChoicesSchema,
  registryFilterSchema,
  registrySearchSchema,
  similarChildSchema,
  streetSchema,
} from './registry';
import { journalSealSchema, shownSealSchema } from './journalSeal';
import { territoryCalls } from './territories';
import { attendanceGridInputSchema, attendanceGridSchema, attendanceImportResultSchema, attendanceImportSchema, attendanceSaveResultSchema, attendanceSaveSchema, monthSchema, truancyListSchema, truancyOverviewSchema } from './attendance';
import { caseAddSchema, nieChildSchema, nieFilterSchema, nieListSchema } from './education';
import { deadlinesInputSchema, deadlinesSchema, forecastSchema, statisticsSchema } from './desk';
import {
  confirmInputSchema,
  enrolInputSchema,
  enrolResultSchema,
  expelInputSchema,
  firstGradeInputSchema,
  idResultSchema,
  leave15InputSchema,
  movementOverviewSchema,
  movementPeriodSchema,
  noticeSentInputSchema,
  pupilSchema,
  transferNoticeSchema,
} from './movement';
import { entryInputSchema, overdueLetterSchema, printInputSchema, pupilsInputSchema, registerCardSchema, registerPupilSchema } from './schoolRegister';
import { reportFormsSchema, madeFileSchema, printoutSchema, registerFilterSchema, reportFormatSchema, reportParamsSchema, reportPreviewSchema, reprintSchema, verifyInputSchema, verifyResultSchema } from './reports';

/**
 * Who may make a call: anyone (before unlock), any unlocked user, or the listed roles.
 * The dispatcher enforces it; the UI only mirrors it.
 */
export type Access = 'public' | 'unlocked' | readonly Role[];

/** What the audit log records for a successful call: a change, a read of a child's personal data, or nothing. */
export type AuditKind = 'change' | 'read' | 'none';

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  audit: AuditKind;
  /** Russian name of the action, shown in Журнал. */
  title: string;
  /**
   * The largest request body (JSON bytes) a transport reads for the call, checked before reading it;
   * unset: DEFAULT_MAX_BODY_BYTES. Only calls that carry a file or a long form raise it.
   */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A file as base64 (its schemas allow 200 MB of it) with the rest of the call around it. */
export const FILE_BODY_BYTES = 200 * 1024 * 1024 + 64 * 1024;

function call<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def;
}

const empty = z.object({});
const ok = z.object({ ok: z.literal(true) });
const ADMIN: readonly Role[] = ['admin'];
const DEPARTMENT: readonly Role[] = ['admin', 'operator'];
const AUDITORS: readonly Role[] = ['admin', 'inspector'];
const WRITERS: readonly Role[] = ['admin', 'operator', 'school'];

/**
 * What a re-key of the database did: the key file's new generation, users whose old-format slot could not be
 * carried over (an administrator sets them a new password), and a new recovery code when the old one could not be.
 */
export const rekeyResultSchema = z.object({
  generation: z.number().int(),
  needNewPassword: z.array(z.string()),
  recoveryCode: z.string().nullable(),
});

export const appStateSchema = z.object({
  state: z.enum(['no-database', 'locked', 'unlocked']),
  label: z.string().nullable(),
  user: sessionUserSchema.nullable(),
  idleMinutes: z.number().int(),
  retryAfterMs: z.number().int(),
  /** The server's «today» (its clock, UCHET_TODAY in tests and demos): the screens count ages and default dates from it. */
  today: z.iso.date(),
  /** The demo database is open (its own folder, see electron/app/dataHome.ts): every screen says so. */
  demo: z.boolean().optional(),
});
export type AppState = z.infer<typeof appStateSchema>;

export const settingsSchema = z.object({
  profileId: z.string(),
  profileTitle: z.string(),
  departmentName: z.string(),
  idleMinutes: z.number().int().min(1).max(240),
});
export type Settings = z.infer<typeof settingsSchema>;

export const backupStatusSchema = z.object({
  /** The last backup made of this database (from the app or the command line), UTC instant; null: never. */
  lastAt: z.iso.datetime().nullable(),
  lastFile: z.string().nullable(),
  /** The folder of the last backup, offered again. */
  folder: z.string().nullable(),
  madeToday: z.boolean(),
  /** Never made, or older than a week: the reminder shows. */
  stale: z.boolean(),
});

export const backupFoldersSchema = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  folders: z.array(z.object({ name: z.string(), path: z.string() })),
  backups: z.array(z.object({ name: z.string(), path: z.string(), bytes: z.number().int(), modifiedAt: z.iso.datetime() })),
  /** The places a person looks first: the home folder, USB sticks (/media, /run/media), drives on Windows. */
  places: z.array(z.object({ label: z.string(), path: z.string() })),
});

export const auditFilterSchema = z.object({
  userLogin: z.string().optional(),
  action: z.string().optional(),
  objectType: z.string().optional(),
  objectId: z.string().optional(),
  /** Instants (UTC ISO): the renderer turns the user's local days into their start and end. */
  fromAt: z.iso.datetime().optional(),
  toAt: z.iso.datetime().optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const contract = {
  'app.state': call({
    input: empty,
    output: appStateSchema,
    access: 'public',
    audit: 'none',
    title: 'Состояние приложения',
  }),
  'setup.profiles': call({
    input: empty,
    output: z.array(z.object({ id: z.string(), title: z.string(), departmentName: z.string() })),
    access: 'public',
    audit: 'none',
    title: 'Список профилей',
  }),
  'setup.create': call({
    input: z.object({
      profileId: z.string().min(1, 'Выберите порядок учёта'),
      departmentName: z.string().trim().min(1, 'Укажите наименование органа образования').max(500),
      adminLogin: loginSchema,
      adminName: z.string().trim().min(1, 'Укажите Ф.И.О. администратора').max(200),
      password: newPasswordSchema,
    }),
    output: z.object({ recoveryCode: z.string(), user: sessionUserSchema }),
    access: 'public',
    audit: 'change',
    title: 'Создание базы данных',
  }),
  'setup.demo': call({
    input: z.object({
      children: z.number().int().min(10, 'Не меньше 10 детей').max(250_000, 'Не больше 250 000 детей').default(3000),
      seed: z.number().int().default(1),
      profileId: z.string().default('zato-svobodny'),
    }),
    output: z.object({ login: z.string(), password: z.string(), user: sessionUserSchema, children: z.number().int() }),
    access: 'public',
    audit: 'change',
    title: 'Создание демонстрационной базы',
  }),
  'session.unlock': call({
    input: z.object({ login: z.string().trim().min(1, 'Введите логин'), password: passwordSchema }),
    output: sessionUserSchema,
    access: 'public',
    audit: 'change',
    title: 'Вход',
  }),
  'session.recover': call({
    input: z.object({
      recoveryCode: z.string().trim().min(1, 'Введите код восстановления'),
      login: z.string().trim().min(1, 'Введите логин'),
      newPassword: newPasswordSchema,
    }),
    output: sessionUserSchema,
    access: 'public',
    audit: 'change',
    title: 'Вход по коду восстановления',
  }),
  'session.lock': call({ input: empty, output: ok, access: 'unlocked', audit: 'change', title: 'Блокировка' }),
  'session.touch': call({ input: empty, output: ok, access: 'unlocked', audit: 'none', title: 'Активность' }),
  'session.changePassword': call({
    input: z.object({ oldPassword: passwordSchema, newPassword: newPasswordSchema }),
    output: ok,
    access: 'unlocked',
    audit: 'change',
    title: 'Смена пароля',
  }),
  'settings.get': call({ input: empty, output: settingsSchema, access: 'unlocked', audit: 'none', title: 'Настройки' }),
  'settings.update': call({
    input: z.object({
      idleMinutes: z.number().int().min(1, 'Не меньше 1 минуты').max(240, 'Не больше 240 минут').optional(),
      departmentName: z.string().trim().min(1).max(500).optional(),
    }),
    output: settingsSchema,
    access: ADMIN,
    audit: 'change',
    title: 'Изменение настроек',
  }),
  // Staff names and logins are personal data too: reading the list is journaled.
  'users.list': call({ input: empty, output: z.array(userSchema), access: ADMIN, audit: 'read', title: 'Пользователи' }),
  'users.add': call({
    input: z.object({
      login: loginSchema,
      displayName: z.string().trim().min(1, 'Укажите Ф.И.О.').max(200),
      role: roleSchema,
      orgId: z.number().int().nullable(),
      password: newPasswordSchema,
    }),
    output: userSchema,
    access: ADMIN,
    audit: 'change',
    title: 'Добавление пользователя',
  }),
  'users.update': call({
    input: z.object({
      id: z.number().int(),
      displayName: z.string().trim().min(1).max(200).optional(),
      role: roleSchema.optional(),
      orgId: z.number().int().nullable().optional(),
      active: z.boolean().optional(),
    }),
    // Deactivating a user re-keys the database: what the re-key did comes back with the user.
    output: userSchema.extend({ rekey: rekeyResultSchema.optional() }),
    access: ADMIN,
    audit: 'change',
    title: 'Изменение пользователя',
  }),
  'users.resetPassword': call({
    input: z.object({ login: z.string().min(1), password: newPasswordSchema }),
    output: ok,
    access: ADMIN,
    audit: 'change',
    title: 'Новый пароль пользователя',
  }),
  'users.rekey': call({ input: empty, output: rekeyResultSchema, access: ADMIN, audit: 'change', title: 'Смена ключа базы' }),
  'orgs.list': call({ input: empty, output: z.array(orgSchema), access: 'unlocked', audit: 'none', title: 'Организации' }),
  'orgs.add': call({ input: orgInputSchema, output: orgSchema, access: DEPARTMENT, audit: 'change', title: 'Добавление организации' }),
  'orgs.update': call({
    input: orgInputSchema.partial().extend({ id: z.number().int(), active: z.boolean().optional() }),
    output: orgSchema,
    access: DEPARTMENT,
    audit: 'change',
    title: 'Изменение организации',
  }),
  'audit.list': call({
    input: auditFilterSchema,
    output: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }),
    access: AUDITORS,
    audit: 'none',
    title: 'Журнал',
  }),
  'audit.verify': call({
    /** Seals kept outside the database (a backup's, a printout's): the key file's own seal is always checked. */
    input: z.object({ seals: z.array(shownSealSchema).max(50).default([]) }),
    output: z.object({ ok: z.boolean(), count: z.number().int(), brokenAtId: z.number().int().nullable(), message: z.string(), seal: journalSealSchema.nullable() }),
    access: AUDITORS,
    audit: 'change',
    title: 'Проверка журнала',
  }),
  'backup.create': call({
    input: z.object({ to: z.string().trim().min(1, 'Укажите файл резервной копии').max(4096) }),
    output: z.object({ file: z.string(), bytes: z.number().int(), seal: journalSealSchema.nullable() }),
    access: ADMIN,
    audit: 'change',
    title: 'Резервная копия',
  }),
  'backup.restore': call({
    /** Restores into the workspace's (new) file. Only an administrator of the backed-up database may: checked inside the copy. */
    input: z
      .object({
        from: z.string().trim().min(1, 'Укажите файл резервной копии').max(4096),
        login: z.string().trim().min(1).max(200).optional(),
        password: passwordSchema.optional(),
        recoveryCode: z.string().trim().min(1).max(100).optional(),
      })
      .refine((v) => v.recoveryCode || (v.login && v.password), 'Нужны логин и пароль администратора или код восстановления'),
    output: sessionUserSchema,
    access: 'public',
    audit: 'change',
    title: 'Восстановление из резервной копии',
  }),
  'backup.status': call({ input: empty, output: backupStatusSchema, access: ADMIN, audit: 'none', title: 'Состояние резервных копий' }),
  'backup.toFolder': call({
    input: z.object({ folder: z.string().trim().min(1, 'Выберите папку для резервной копии').max(4096) }),
    output: z.object({ file: z.string(), bytes: z.number().int(), at: z.iso.datetime(), verified: z.literal(true) }),
    access: ADMIN,
    audit: 'change',
    title: 'Резервная копия в папку',
  }),
  'backup.folders': call({
    input: z.object({ path: z.string().max(4096).optional() }),
    output: backupFoldersSchema,
    access: ADMIN,
    audit: 'none',
    title: 'Папки для резервной копии',
  }),
  'backup.restoreCopy': call({
    /** Into a new file beside the data folder's databases, never over the open one; the open database stays open. */
    input: z
      .object({
        from: z.string().trim().min(1, 'Выберите файл резервной копии').max(4096),
        login: z.string().trim().min(1).max(200).optional(),
        password: passwordSchema.optional(),
        recoveryCode: z.string().trim().min(1).max(100).optional(),
      })
      .refine((v) => v.recoveryCode || (v.login && v.password), 'Нужны логин и пароль администратора копии или код восстановления'),
    output: z.object({ file: z.string(), label: z.string() }),
    access: ADMIN,
    audit: 'change',
    title: 'Восстановление копии в новый файл',
  }),
  'backup.openRestored': call({
    input: z.object({ file: z.string().min(1).max(4096) }),
    output: ok,
    access: ADMIN,
    audit: 'change',
    title: 'Переход к восстановленной базе',
  }),
  'setup.leaveDemo': call({ input: empty, output: ok, access: 'public', audit: 'none', title: 'Переход от демо к настоящей базе' }),
  'children.search': call({
    input: registrySearchSchema,
    output: z.object({ rows: z.array(childRowSchema), total: z.number().int() }),
    access: 'unlocked',
    audit: 'read',
    title: 'Поиск в реестре',
  }),
  'children.card': call({ input: z.object({ id: z.number().int() }), output: childCardSchema, access: 'unlocked', audit: 'read', title: 'Просмотр карточки ребёнка' }),
  'children.create': call({
    input: z.object({ child: childCoreSchema, facts: z.array(factInputSchema).max(50).default([]) }),
    output: childCardSchema,
    access: WRITERS,
    audit: 'change',
    title: 'Новый ребёнок',
  }),
  'children.update': call({
    input: z.object({ id: z.number().int(), version: z.number().int(), child: childCoreSchema }),
    output: childCardSchema,
    access: WRITERS,
    audit: 'change',
    title: 'Изменение данных ребёнка',
  }),
  'children.findSimilar': call({
    input: z.object({
      surname: z.string().max(100),
      name: z.string().max(100),
      patronymic: z.string().max(100).nullish(),
      birthDate: z.string().max(10),
      excludeId: z.number().int().optional(),
    }),
    output: z.array(similarChildSchema),
    access: 'unlocked',
    // Names and birth dates of other children: a read like any other.
    audit: 'read',
    title: 'Похожие дети',
  }),
  'facts.add': call({
    input: z.object({
      childId: z.number().int(),
      fact: factInputSchema,
      /** A record of the same kind this one replaces (a transfer to another class): ended in the same transaction. */
      ends: z
        .object({
          id: z.number().int(),
          validTo: isoDateSchema,
          leaveOrderNumber: z.string().trim().max(50).optional(),
          leaveOrderDate: isoDateSchema.optional(),
          leaveReason: z.string().trim().max(300).optional(),
        })
        .optional(),
    }),
    output: childCardSchema,
    access: WRITERS,
    audit: 'change',
    title: 'Новые сведения о ребёнке',
  }),
  'facts.end': call({
    input: z.object({
      type: z.enum(FACT_TYPES),
      id: z.number().int(),
      validTo: isoDateSchema,
      leaveOrderNumber: z.string().trim().max(50).optional(),
      leaveOrderDate: isoDateSchema.optional(),
      leaveReason: z.string().trim().max(300).optional(),
    }),
    output: childCardSchema,
    access: WRITERS,
    audit: 'change',
    title: 'Окончание периода',
  }),
  'facts.correct': call({
    input: z.object({ id: z.number().int(), fact: factInputSchema }),
    output: childCardSchema,
    access: WRITERS,
    audit: 'change',
    title: 'Исправление сведений',
  }),
  'children.merge': call({
    input: z.object({ keptId: z.number().int(), mergedId: z.number().int(), choices: mergeChoicesSchema.default({}) }),
    output: childCardSchema,
    access: DEPARTMENT,
    audit: 'change',
    title: 'Объединение карточек',
  }),
  'children.unmerge': call({ input: z.object({ mergeId: z.number().int() }), output: childCardSchema, access: DEPARTMENT, audit: 'change', title: 'Отмена объединения' }),
  'children.exportXlsx': call({
    input: registryFilterSchema.extend({ sort: registrySearchSchema.shape.sort, dir: registrySearchSchema.shape.dir }),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
    access: 'unlocked',
    audit: 'read',
    title: 'Выгрузка реестра в Excel',
  }),
  'children.exportPlain': call({
    input: z.object({ format: z.enum(['csv', 'json'], 'Формат выгрузки: csv или json') }),
    output: z.object({ text: z.string(), rows: z.number().int() }),
    access: ['admin', 'operator', 'inspector'],
    audit: 'read',
    title: 'Выгрузка реестра для проверки',
  }),
  'registry.classes': call({ input: z.object({ orgId: z.number().int() }), output: z.array(z.string()), access: 'unlocked', audit: 'none', title: 'Классы организации' }),
  'streets.list': call({ input: z.object({ prefix: z.string().max(100).default(''), limit: z.number().int().min(1).max(100).default(20) }), output: z.array(streetSchema), access: 'unlocked', audit: 'none', title: 'Улицы' }),
  'streets.add': call({
    input: z.object({ locality: z.string().trim().min(1, 'Укажите населённый пункт').max(100), name: z.string().trim().min(1, 'Укажите улицу').max(150) }),
    output: streetSchema,
    access: DEPARTMENT,
    audit: 'change',
    title: 'Добавление улицы',
  }),
  'intake.listKinds': call({
    input: empty,
    output: z.array(z.object({ id: z.string(), title: z.string(), orgKinds: z.array(z.string()), asOf: z.string(), basis: z.string() })),
    access: 'unlocked',
    audit: 'none',
    title: 'Виды списков',
  }),
  'intake.upload': call({ input: uploadSchema, output: submissionSummarySchema, access: DEPARTMENT, audit: 'change', title: 'Приём списка из файла', maxBodyBytes: FILE_BODY_BYTES }),
  // 5,000 rows of the paper form at their longest, in UTF-8.
  'intake.grid': call({ input: gridSchema, output: submissionSummarySchema, access: DEPARTMENT, audit: 'change', title: 'Ввод бумажного списка', maxBodyBytes: 24 * 1024 * 1024 }),
  'intake.list': call({ input: empty, output: z.array(submissionSummarySchema), access: DEPARTMENT, audit: 'none', title: 'Принятые списки' }),
  'intake.summary': call({ input: z.object({ submissionId: z.number().int() }), output: submissionSummarySchema, access: DEPARTMENT, audit: 'none', title: 'Список' }),
  'intake.setMapping': call({
    input: z.object({ submissionId: z.number().int(), mapping: z.record(z.string(), z.string().nullable()) }),
    output: submissionSummarySchema,
    access: DEPARTMENT,
    audit: 'change',
    title: 'Сопоставление столбцов',
  }),
  'intake.rows': call({
    input: z.object({ submissionId: z.number().int(), filter: rowFilterSchema.default('all'), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ rows: z.array(submissionRowSchema), total: z.number().int() }),
    access: DEPARTMENT,
    audit: 'read',
    title: 'Строки списка',
  }),
  'intake.fixRow': call({
    input: z.object({ rowId: z.number().int(), values: listRowValuesSchema.partial() }),
    output: submissionRowSchema,
    access: DEPARTMENT,
    audit: 'change',
    title: 'Исправление строки списка',
  }),
  'intake.excludeRow': call({
    input: z.object({ rowId: z.number().int(), excluded: z.boolean() }),
    output: submissionRowSchema,
    access: DEPARTMENT,
    audit: 'change',
    title: 'Строка списка не принимается',
  }),
  'intake.decide': call({
    input: z.object({
      rowId: z.number().int(),
      decision: z.discriminatedUnion('type', [
        z.object({ type: z.literal('link'), childId: z.number().int() }),
        z.object({ type: z.literal('new') }),
        z.object({ type: z.literal('notSame'), childId: z.number().int() }),
      ]),
    }),
    output: submissionRowSchema,
    access: DEPARTMENT,
    audit: 'change',
    title: 'Решение по совпадению',
  }),
  'intake.apply': call({ input: z.object({ submissionId: z.number().int() }), output: submissionSummarySchema, access: DEPARTMENT, audit: 'change', title: 'Применение списка' }),
  'intake.undo': call({
    input: z.object({ submissionId: z.number().int() }),
    output: submissionSummarySchema.extend({ withdrawnFacts: z.number().int(), removedChildren: z.number().int() }),
    access: DEPARTMENT,
    audit: 'change',
    title: 'Отмена списка',
  }),
  'intake.exportLinks': call({
    input: z.object({ format: z.literal('csv', 'Формат выгрузки связей: csv') }),
    output: z.object({ text: z.string(), rows: z.number().int() }),
    access: DEPARTMENT,
    audit: 'read',
    title: 'Выгрузка связей строк списков с детьми',
  }),
  'intake.discard': call({ input: z.object({ submissionId: z.number().int() }), output: submissionSummarySchema, access: DEPARTMENT, audit: 'change', title: 'Отказ от черновика списка' }),
  // Report forms and the register of printouts (issue 9). Making a form reads children's data: journaled
  // with the form, organization and number, never a child. The inspector reads the register only.
  'reports.forms': call({ input: empty, output: reportFormsSchema, access: 'unlocked', audit: 'none', title: 'Формы отчётов' }),
  'reports.preview': call({ input: reportParamsSchema, output: reportPreviewSchema, access: WRITERS, audit: 'read', title: 'Просмотр формы отчёта' }),
  'reports.make': call({
    input: reportParamsSchema.extend({ format: reportFormatSchema }),
    output: madeFileSchema,
    access: WRITERS,
    audit: 'read',
    title: 'Печать формы отчёта',
  }),
  'reports.register': call({
    input: registerFilterSchema,
    output: z.object({ rows: z.array(printoutSchema), total: z.number().int() }),
    access: 'unlocked',
    audit: 'none',
    title: 'Реестр выданных документов',
  }),
  'reports.verify': call({ input: verifyInputSchema, output: verifyResultSchema, access: 'unlocked', audit: 'none', title: 'Проверка выданного документа', maxBodyBytes: FILE_BODY_BYTES }),
  'reports.reprint': call({ input: z.object({ id: z.number().int() }), output: reprintSchema, access: WRITERS, audit: 'read', title: 'Повторная печать документа' }),
  // Organizations from a spreadsheet, school territories, reconciliation (issue 10, points 4–6): shared/api/territories.ts.
  ...territoryCalls,
  // The internal school register (issue 11, Инструкция разделы 2–4). Who may read a карта учёта is access.ts's
  // (mayReadRegisterCard): the services check it, so a refusal names the rule rather than the role list.
  'school.pupils': call({
    input: pupilsInputSchema,
    output: z.object({ rows: z.array(registerPupilSchema), today: isoDateSchema, orgId: z.number().int() }),
    access: 'unlocked',
    audit: 'read',
    title: 'Внутришкольный учёт: обучающиеся',
  }),
  'school.card': call({ input: z.object({ childId: z.number().int() }), output: registerCardSchema, access: 'unlocked', audit: 'read', title: 'Просмотр карты учёта' }),
  'school.addEntry': call({ input: entryInputSchema, output: registerCardSchema, access: WRITERS, audit: 'change', title: 'Запись в карту учёта', maxBodyBytes: 256 * 1024 }),
  'school.print': call({ input: printInputSchema, output: madeFileSchema, access: WRITERS, audit: 'read', title: 'Печать документа внутришкольного учёта' }),
  'school.overdueLetters': call({
    input: z.object({ orgId: z.number().int().nullable().default(null) }),
    output: z.array(overdueLetterSchema),
    access: 'unlocked',
    audit: 'read',
    title: 'Обращения без ответа в срок',
  }),
  // Movement of pupils (issue 11, point 5): a school's user on its own organization, the department on every school.
  // (Call names are letters and dots only: the browser-mode server's route takes no digits.)
  'movement.overview': call({ input: movementPeriodSchema, output: movementOverviewSchema, access: 'unlocked', audit: 'read', title: 'Движение обучающихся' }),
  'movement.pupils': call({
    input: z.object({ orgId: z.number().int().nullish().transform((v) => v ?? null) }),
    output: z.array(pupilSchema),
    access: WRITERS,
    audit: 'read',
    title: 'Обучающиеся организации (для отчисления)',
  }),
  'movement.enrol': call({ input: enrolInputSchema, output: enrolResultSchema, access: WRITERS, audit: 'change', title: 'Зачисление обучающегося' }),
  'movement.expel': call({ input: expelInputSchema, output: idResultSchema, access: WRITERS, audit: 'change', title: 'Отчисление обучающегося' }),
  'movement.confirm': call({ input: confirmInputSchema, output: idResultSchema, access: WRITERS, audit: 'change', title: 'Подтверждение о продолжении образования' }),
  'movement.noticeSent': call({ input: noticeSentInputSchema, output: transferNoticeSchema, access: WRITERS, audit: 'change', title: 'Уведомление о зачислении отправлено' }),
  'movement.printNotice': call({ input: z.object({ id: z.number().int() }), output: madeFileSchema, access: WRITERS, audit: 'read', title: 'Печать уведомления о зачислении в порядке перевода' }),
  'movement.leaveSchool': call({ input: leave15InputSchema, output: idResultSchema, access: WRITERS, audit: 'change', title: 'Оставление школы по достижении 15 лет' }),
  'movement.firstGrade': call({ input: firstGradeInputSchema, output: idResultSchema, access: DEPARTMENT, audit: 'change', title: 'Разрешение на приём в 1 класс вне возраста 6,5–8 лет' }),
  // The department's desk (issue 10): deadlines, statistics, the first-grade forecast — counts, no child's data.
  'desk.deadlines': call({ input: deadlinesInputSchema, output: deadlinesSchema, access: 'unlocked', audit: 'none', title: 'Сроки представления сведений' }),
  'desk.statistics': call({ input: z.object({ asOf: isoDateSchema }), output: statisticsSchema, access: ['admin', 'operator', 'inspector'], audit: 'none', title: 'Статистика' }),
  'desk.forecast': call({
    input: z.object({ year: z.number().int().min(2000, 'Год: не ранее 2000').max(2100, 'Год: не позднее 2100') }),
    output: forecastSchema,
    access: ['admin', 'operator', 'inspector'],
    audit: 'none',
    title: 'Прогноз приёма в 1 класс',
  }),
  // Attendance and truancy (issue 11): a school's user for its own pupils; the department for any school.
  'attendance.grid': call({ input: attendanceGridInputSchema, output: attendanceGridSchema, access: WRITERS, audit: 'read', title: 'Посещаемость класса за месяц' }),
  'attendance.save': call({ input: attendanceSaveSchema, output: attendanceSaveResultSchema, access: WRITERS, audit: 'change', title: 'Ввод посещаемости' }),
  'attendance.importPreview': call({
    input: attendanceImportSchema,
    output: attendanceImportResultSchema,
    access: WRITERS,
    audit: 'read',
    title: 'Проверка отчёта о посещаемости из электронного журнала',
    maxBodyBytes: FILE_BODY_BYTES,
  }),
  'attendance.importApply': call({
    input: attendanceImportSchema,
    output: attendanceImportResultSchema,
    access: WRITERS,
    audit: 'change',
    title: 'Загрузка посещаемости из электронного журнала',
    maxBodyBytes: FILE_BODY_BYTES,
  }),
  'attendance.truancy': call({
    input: z.object({ orgId: z.number().int().nullable().default(null), month: monthSchema }),
    output: truancyListSchema,
    access: WRITERS,
    audit: 'read',
    title: 'Не посещающие и систематически пропускающие занятия',
  }),
  'attendance.overview': call({
    input: z.object({ month: monthSchema }),
    output: truancyOverviewSchema,
    access: DEPARTMENT,
    audit: 'read',
    title: 'Пропуски занятий по школам',
  }),
  'education.list': call({ input: nieFilterSchema, output: nieListSchema, access: 'unlocked', audit: 'read', title: 'Дети, не получающие образование' }),
  'education.child': call({
    input: z.object({ childId: z.number().int(), asOf: isoDateSchema.optional() }),
    output: nieChildSchema,
    access: 'unlocked',
    audit: 'read',
    title: 'Сведения о ребёнке, не получающем образование',
  }),
  'education.caseAdd': call({ input: caseAddSchema, output: nieChildSchema, access: WRITERS, audit: 'change', title: 'Запись в деле о ребёнке, не получающем образование' }),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;

/** Journal actions that are not calls: events the services record on their own. */
export const EXTRA_AUDIT_ACTIONS: Record<string, string> = {
  'session.failed': 'Неудачная попытка входа',
  /** A call refused by the role check or a service's scope check (dispatcher). */
  'access.denied': 'Отказ в доступе',
};

export function auditActionTitle(action: string): string {
  return isCallName(action) ? contract[action].title : (EXTRA_AUDIT_ACTIONS[action] ?? action);
}

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
