import { z } from 'zod';
import { isoDateSchema } from './schemas';

/** A month, «2026-10». */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u, 'Месяц в формате ГГГГ-ММ');

const count = z.number().int('Целое число').min(0, 'Не меньше 0').max(10_000, 'Слишком большое число');

export const truancyStatusSchema = z.enum(['not-started', 'systematic']);

/** What the profile says about truancy, for the screen. */
export const truancyRuleSchema = z.object({
  thresholdPercent: z.number().nullable(),
  markedBySchool: z.boolean(),
  basis: z.string(),
});

/** A pupil's line of the class grid: the month's figures in force (null: not entered) and what the rule makes of them. */
export const attendanceGridRowSchema = z.object({
  childId: z.number().int(),
  fio: z.string(),
  birthDate: isoDateSchema,
  classLabel: z.string().nullable(),
  lessonsHeld: z.number().int().nullable(),
  missedTotal: z.number().int().nullable(),
  missedUnexcused: z.number().int().nullable(),
  schoolMark: z.boolean(),
  percent: z.number().nullable(),
  status: truancyStatusSchema.nullable(),
  /** How many earlier entries of this month are kept in the history. */
  replaced: z.number().int(),
});

export const attendanceGridSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  month: monthSchema,
  classes: z.array(z.string()),
  classLabel: z.string().nullable(),
  rows: z.array(attendanceGridRowSchema),
  rule: truancyRuleSchema,
});

export const attendanceGridInputSchema = z.object({
  orgId: z.number().int().nullable().default(null),
  month: monthSchema,
  classLabel: z.string().max(20).nullable().default(null),
});

export const attendanceSaveSchema = z.object({
  orgId: z.number().int().nullable().default(null),
  month: monthSchema,
  rows: z
    .array(
      z.object({
        childId: z.number().int(),
        lessonsHeld: count,
        missedTotal: count,
        missedUnexcused: count,
        schoolMark: z.boolean().optional(),
      }),
    )
    .max(5000, 'Не больше 5000 строк за раз'),
});

export const attendanceSaveResultSchema = z.object({ saved: z.number().int(), unchanged: z.number().int() });

export const attendanceImportSchema = z.object({
  orgId: z.number().int().nullable().default(null),
  month: monthSchema,
  fileName: z.string().min(1).max(255),
  base64: z.string().max(200 * 1024 * 1024, 'Файл больше 150 МБ'),
});

/** One problem, with where it is: «Файл «x.xlsx», строка 7, столбец C «Уроков проведено»: …». */
export const importIssueSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string(), text: z.string() });

export const importPreviewRowSchema = z.object({
  fileRow: z.number().int(),
  fio: z.string(),
  classLabel: z.string().nullable(),
  childId: z.number().int().nullable(),
  lessonsHeld: z.number().int().nullable(),
  missedTotal: z.number().int().nullable(),
  missedUnexcused: z.number().int().nullable(),
  percent: z.number().nullable(),
  /** Whether the figures differ from those in force (a re-import replaces them, the old ones stay in history). */
  change: z.enum(['new', 'changed', 'same']).nullable(),
  ok: z.boolean(),
});

export const attendanceImportResultSchema = z.object({
  fileName: z.string(),
  month: monthSchema,
  rowsRead: z.number().int(),
  rowsWithErrors: z.number().int(),
  issues: z.array(importIssueSchema),
  rows: z.array(importPreviewRowSchema),
  applied: z.boolean(),
  saved: z.number().int(),
  unchanged: z.number().int(),
});
export type AttendanceImportResult = z.infer<typeof attendanceImportResultSchema>;

export const truancyRowSchema = z.object({
  childId: z.number().int(),
  orgId: z.number().int(),
  fio: z.string(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: isoDateSchema,
  classLabel: z.string().nullable(),
  lessonsHeld: z.number().int(),
  missedUnexcused: z.number().int(),
  percent: z.number().nullable(),
  status: truancyStatusSchema,
});

export const truancyListSchema = z.object({
  orgId: z.number().int(),
  month: monthSchema,
  rows: z.array(truancyRowSchema),
  rule: truancyRuleSchema,
});

/** The department's view: per school, month by month, how many do not attend or systematically miss; the month's list. */
export const truancyOverviewSchema = z.object({
  month: monthSchema,
  months: z.array(monthSchema),
  schools: z.array(
    z.object({
      orgId: z.number().int(),
      name: z.string(),
      /** Per month of `months`: not started, systematic; null when the school entered no attendance that month. */
      counts: z.array(z.object({ notStarted: z.number().int(), systematic: z.number().int() }).nullable()),
    }),
  ),
  rows: z.array(truancyRowSchema.extend({ orgName: z.string() })),
  rule: truancyRuleSchema,
});
