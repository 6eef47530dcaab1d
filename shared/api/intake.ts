import { z } from 'zod';
import { isoDateSchema } from './schemas';

export const cellIssueSchema = z.object({
  column: z.string(),
  field: z.string().nullable(),
  value: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});

export const listRowValuesSchema = z.object({
  surname: z.string().nullable(),
  name: z.string().nullable(),
  patronymic: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.enum(['m', 'f']).nullable(),
  snils: z.string().nullable(),
  birthCertSeries: z.string().nullable(),
  birthCertNumber: z.string().nullable(),
  addressRegistration: z.string().nullable(),
  addressActual: z.string().nullable(),
  addressResidence: z.string().nullable(),
  classLabel: z.string().nullable(),
  enrolOrderNumber: z.string().nullable(),
  enrolOrderDate: z.string().nullable(),
  educationForm: z.enum(['full_time', 'part_time', 'extramural', 'family', 'self']).nullable(),
  notes: z.string().nullable(),
});

export const DECISIONS = ['auto', 'review', 'new', 'manual'] as const;
export type Decision = (typeof DECISIONS)[number];

export const candidateSchema = z.object({
  childId: z.number().int(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  orgName: z.string().nullable(),
  classLabel: z.string().nullable(),
  address: z.string().nullable(),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const submissionRowSchema = z.object({
  id: z.number().int(),
  rowNo: z.number().int(),
  fileRowNo: z.number().int().nullable(),
  cells: z.array(z.string()),
  values: listRowValuesSchema,
  issues: z.array(cellIssueSchema),
  hasErrors: z.boolean(),
  excluded: z.boolean(),
  decision: z.enum(DECISIONS).nullable(),
  childId: z.number().int().nullable(),
  sameAsRow: z.number().int().nullable(),
  score: z.number().nullable(),
  reasons: z.array(z.string()),
  candidates: z.array(candidateSchema),
  /** Problems the list would cause if applied as it is (another school claims the child…). */
  conflicts: z.array(z.string()),
});
export type SubmissionRow = z.infer<typeof submissionRowSchema>;

export const submissionSummarySchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  listKind: z.string(),
  listTitle: z.string(),
  asOf: z.string(),
  receivedAt: z.string(),
  origin: z.enum(['file', 'grid']),
  fileName: z.string().nullable(),
  status: z.enum(['draft', 'applied', 'undone', 'discarded']),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  counts: z.object({
    rows: z.number().int(),
    errors: z.number().int(),
    excluded: z.number().int(),
    auto: z.number().int(),
    review: z.number().int(),
    undecided: z.number().int(),
    new: z.number().int(),
    /** Rows decided «new» whose child is close to one of the registry (a candidate above the review threshold): shown, not passed unseen. */
    newClose: z.number().int(),
    manual: z.number().int(),
    conflicts: z.number().int(),
  }),
  /** An earlier list with the same file hash: the person is warned. */
  sameFileAs: z.object({ id: z.number().int(), receivedAt: z.string(), status: z.string() }).nullable(),
  appliedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

const startSchema = z.object({
  orgId: z.number().int({ message: 'Выберите организацию, приславшую список' }),
  listKind: z.string().min(1, 'Выберите вид списка'),
  asOf: isoDateSchema,
});

export const uploadSchema = startSchema.extend({
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64. */
  base64: z.string().max(200 * 1024 * 1024, 'Файл больше 150 МБ'),
});

/** A paper form typed into the grid: the same columns the file would have. */
export const gridSchema = startSchema.extend({
  rows: z
    .array(
      z.object({
        surname: z.string().max(100).default(''),
        name: z.string().max(100).default(''),
        patronymic: z.string().max(100).default(''),
        birthDate: z.string().max(20).default(''),
        addressRegistration: z.string().max(500).default(''),
        addressActual: z.string().max(500).default(''),
        classLabel: z.string().max(40).default(''),
        notes: z.string().max(500).default(''),
      }),
    )
    .min(1, 'Введите хотя бы одну строку')
    .max(5000),
});

export const rowFilterSchema = z.enum(['all', 'errors', 'review', 'new', 'newClose', 'linked', 'excluded', 'conflicts']);
