import { z } from 'zod';
import { isoDateSchema } from './schemas';

/** A printout's number: the year it was issued and a gap-free sequence within that year, «2026-000123». */
export function printoutNumber(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(6, '0')}`;
}
/** Finds a printout number in text (a PDF's metadata, an XLSX footer, a user's query). */
export const PRINTOUT_NUMBER_RE = /(?<!\d)(\d{4})-(\d{6})(?!\d)/;

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const reportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** A form of the profile as the «Отчёты» page shows it: what it is, where the regulation asks for it, what it needs. */
export const reportFormSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** «Приложение 2 к Порядку …». */
  appendix: z.string(),
  /** Where in the regulation the form is required (пункт), for people. */
  basis: z.string(),
  /** Who sends (prints) it: organization kinds. */
  orgKinds: z.array(z.string()),
  /** The organization parameter: required, optional (none = the whole municipality), not taken. */
  org: z.enum(['required', 'optional', 'none']),
  /** The regulation's «по состоянию на …», for people: «на 1 сентября текущего года». */
  asOfHint: z.string(),
  needsYear: z.boolean(),
  landscape: z.boolean(),
  /** What the registry does not hold yet for this form. */
  dataNote: z.string().nullable(),
});
export type ReportForm = z.infer<typeof reportFormSchema>;

/** The forms the user may make, and the app's today (the default «по состоянию на»: the clock is the server's). */
export const reportFormsSchema = z.object({ forms: z.array(reportFormSchema), today: isoDateSchema });

/** What a printout is made from: the form and its parameters. The same parameters make the same table again. */
export const reportParamsSchema = z.object({
  formId: z.string().min(1, 'Выберите форму').max(100),
  orgId: z.number().int().nullable().default(null),
  asOf: isoDateSchema,
  year: z.number().int().min(1900).max(2200).nullable().default(null),
});
export type ReportParams = z.infer<typeof reportParamsSchema>;

const cellSchema = z.union([z.string(), z.number(), z.null()]);

/**
 * The first page of a form on screen: the prepared table (shared/reports/types PreparedTable) with only its
 * first rows, so the preview is quick whatever the size of the form; the PDF and the XLSX are made from the
 * same prepared table.
 */
export const reportPreviewSchema = z.object({
  formId: z.string(),
  title: z.string(),
  orientation: z.enum(['portrait', 'landscape']),
  attachment: z.array(z.string()),
  heading: z.array(z.string()),
  orgFullName: z.string().nullable(),
  orgCaption: z.string().nullable(),
  asOfLine: z.string().nullable(),
  sections: z.array(
    z.object({
      heading: z.string().nullable(),
      columns: z.array(z.object({ key: z.string(), header: z.string(), width: z.number(), kind: z.string(), group: z.string().optional() })),
      groups: z.array(z.object({ heading: z.string().nullable(), rows: z.array(z.array(cellSchema)) })),
      totals: z.array(z.array(cellSchema)),
      rowCount: z.number().int(),
    }),
  ),
  signature: z.object({ position: z.string(), name: z.string(), stamp: z.boolean(), dated: z.boolean() }),
  footnotes: z.array(z.string()),
  emptyText: z.string(),
  /** Children the whole form lists, all rows of its tables, and how many of them the preview shows. */
  childCount: z.number().int(),
  rowCount: z.number().int(),
  shownRows: z.number().int(),
});
export type ReportPreview = z.infer<typeof reportPreviewSchema>;

export const printoutSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  issuedOn: z.string(),
  formId: z.string(),
  formTitle: z.string(),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  asOf: z.string(),
  params: reportParamsSchema,
  format: reportFormatSchema,
  sha256: z.string(),
  childCount: z.number().int(),
  byteSize: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  copies: z.number().int(),
});
export type Printout = z.infer<typeof printoutSchema>;

export const madeFileSchema = z.object({
  printout: printoutSchema,
  fileName: z.string(),
  base64: z.string(),
});

export const reprintSchema = madeFileSchema.extend({
  /** The registry gives the same table today as when it was issued (content, not layout). */
  sameContent: z.boolean(),
  /** The file is byte for byte the one issued. */
  sameFile: z.boolean(),
});

export const registerFilterSchema = z.object({
  formId: z.string().max(100).optional(),
  orgId: z.number().int().optional(),
  /** Part of the number («2026-0001») or the whole number. */
  number: z.string().trim().max(20).optional(),
  createdBy: z.string().max(40).optional(),
  fromDate: isoDateSchema.optional(),
  toDate: isoDateSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export const VERIFY_STATUSES = ['registered', 'changed', 'unknown'] as const;
export const verifyResultSchema = z.object({
  status: z.enum(VERIFY_STATUSES),
  /** The verdict in Russian, for people. */
  message: z.string(),
  sha256: z.string(),
  /** The printout the file is (or claims to be). */
  printout: printoutSchema.nullable(),
  /** The file is a copy made again from the register rather than the first issue. */
  copy: z.boolean(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const verifyInputSchema = z.object({
  fileName: z.string().max(255).default(''),
  /** The file's bytes, base64. */
  base64: z.string().min(1, 'Файл пуст').max(200 * 1024 * 1024, 'Файл больше 150 МБ'),
});
