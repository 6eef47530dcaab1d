import { z } from 'zod';
import { isoDateSchema } from './schemas';

// The department's desk (issue 10): the deadlines dashboard, the statistics and the first-grade forecast.

export const DEADLINE_STATUSES = ['received', 'late', 'soon', 'upcoming', 'passed'] as const;

/** One duty of one organization for one period, with its status on the date (shared/domain/deadlines.ts). */
export const deadlineItemSchema = z.object({
  deadlineId: z.string(),
  what: z.string(),
  to: z.string(),
  when: z.string(),
  basis: z.string(),
  due: isoDateSchema,
  periodFrom: isoDateSchema,
  periodTo: isoDateSchema,
  /** The organization that owes it. */
  orgId: z.number().int(),
  orgName: z.string(),
  orgKind: z.string(),
  /** The department's own duty (to the ministry, the КДН, the ПДН, or its own database). */
  own: z.boolean(),
  status: z.enum(DEADLINE_STATUSES),
  daysLeft: z.number().int(),
  receivedOn: isoDateSchema.nullable(),
  receivedLate: z.boolean(),
  /** How receipt is seen: an applied list of this kind, a registered printout of this form, or not at all. */
  evidence: z.string(),
});
export type DeadlineItem = z.infer<typeof deadlineItemSchema>;

export const deadlinesInputSchema = z.object({ asOf: isoDateSchema.optional() });

export const deadlinesSchema = z.object({
  asOf: isoDateSchema,
  /** The occurrences looked at: from 1 September of the school year to 7 days ahead. */
  from: isoDateSchema,
  to: isoDateSchema,
  items: z.array(deadlineItemSchema),
  counts: z.object({ late: z.number().int(), soon: z.number().int(), received: z.number().int(), passed: z.number().int() }),
});
export type Deadlines = z.infer<typeof deadlinesSchema>;

const countSchema = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export type StatCount = z.infer<typeof countSchema>;

/** Counts of the children in education on a date (pupils of schools, family and self-education). */
export const statisticsSchema = z.object({
  asOf: isoDateSchema,
  total: z.number().int(),
  byForm: z.array(countSchema),
  byLevel: z.array(countSchema),
  byGrade: z.array(countSchema),
  byAge: z.array(countSchema),
  byOrg: z.array(
    z.object({
      orgId: z.number().int().nullable(),
      name: z.string(),
      total: z.number().int(),
      /** Counts by form id (full_time, part_time, extramural, family, self). */
      forms: z.record(z.string(), z.number().int()),
    }),
  ),
  /** Pupils with no form of education in the registry, counted as очная. */
  noFormAssumed: z.number().int(),
});
export type Statistics = z.infer<typeof statisticsSchema>;

export const forecastRowSchema = z.object({
  /** The school whose territory the child lives on; null: «территория не определена». */
  orgId: z.number().int().nullable(),
  name: z.string(),
  /** Reach 6 years 6 months but not over 8 years by 1 September (the year's new first-graders). */
  ofAge: z.number().int(),
  /** Over 8 years and under 18 by 1 September, never at school (the first year only). */
  late: z.number().int(),
  total: z.number().int(),
});
export type ForecastRow = z.infer<typeof forecastRowSchema>;

export const forecastSchema = z.object({
  /** The state of the registry the forecast is made from (today, or 31 August before a past year). */
  on: isoDateSchema,
  /** How territory is decided: by the school territories directory, or by the school that reported the address. */
  territoryBy: z.enum(['territories', 'reporting-school']),
  years: z.array(
    z.object({
      year: z.number().int(),
      label: z.string(),
      september1: isoDateSchema,
      rows: z.array(forecastRowSchema),
      totals: z.object({ ofAge: z.number().int(), late: z.number().int(), total: z.number().int() }),
    }),
  ),
});
export type Forecast = z.infer<typeof forecastSchema>;
