/**
 * Report forms as data. A regulation profile lists its forms (`RegulationProfile.forms`); one engine prepares
 * any of them from the registry into a `PreparedTable` (electron/services/reports/prepare.ts) and renders that
 * one table to PDF and to XLSX, so the two always agree. Adding a form is a profile change: a `FormDef` that
 * names one of the row sources below.
 */
import type { IsoDate } from '../domain/dates';
import type { OrgKind } from '../profiles/types';

/** How a column's cells are typed and printed: text, a date (IsoDate → ДД.ММ.ГГГГ), a count, the row number. */
export type ColumnKind = 'text' | 'date' | 'number' | 'index';

export interface FormColumn {
  /** Stable key: the row source fills cells by it. */
  key: string;
  /** The header exactly as the appendix gives it. */
  header: string;
  /** Relative width (the renderers scale the sum to the page). */
  width: number;
  kind: ColumnKind;
  /** A spanning upper header over consecutive columns with the same group (Кстово, приложение 6). */
  group?: string;
}

/**
 * Named queries over the registry (prepare.ts). Each returns rows keyed by column key, read as of the form's
 * date: the facts in force on that day.
 */
export type RowSourceId =
  /** Children 5–18 years living on the organization's territory (as far as the registry knows it). */
  | 'territory-children'
  /** Pupils of the organization on the date. */
  | 'pupils'
  /** Pupils not attending or systematically missing lessons in the month of the date (attendance + the profile's rule). */
  | 'truancy'
  /** Pupils who left the organization's 9th grade in the school year before the date, and where they went. */
  | 'grade9-leavers'
  /** Pupils who left the organization during the school year (not moves between its own classes). */
  | 'expelled'
  /** Pupils enrolled in the organization during the school year (not moves between its own classes). */
  | 'enrolled'
  /** Numbers of pupils 6.5–18 years by form of education, a row per organization. */
  | 'form-counts-by-org'
  /** Numbers of pupils by form of education, a row per level of education (начальное, основное, среднее). */
  | 'form-counts-by-level'
  /** Numbers of pupils by level of education and by form, a row per school (the consolidated report, Кстово п. 4.1.8). */
  | 'counts-by-org-level'
  /** Children with their form of education in force (all forms, or the forms listed in `forms`). */
  | 'forms-of-education'
  /** Children of compulsory age known to the registry but neither in a school nor in family/self-education. */
  | 'not-in-school';

export interface RowSource {
  query: RowSourceId;
  /** Only these forms of education (ids of shared/domain/educationForms), where the query reads forms. */
  forms?: readonly string[];
  /** Age window in full years on the date, inclusive, where the query takes it. */
  ageFrom?: number;
  ageTo?: number;
  /** Only children of compulsory age on the date (6 years 6 months to 18, without secondary general; shared/domain/age). */
  compulsoryAge?: boolean;
}

/** Group rows (a heading line before each group): by year of birth, class, form of education, or none. */
export type FormGrouping = 'birth-year' | 'class' | 'form' | null;

/** Within a group: by ФИО (Russian collation, ё beside е), by class then ФИО, or as the source gives them. */
export type FormSorting = 'name' | 'class-name' | 'source';

export interface FormTotals {
  /** Label of the totals row, written in the first text column (e.g. «Итого»). */
  label: string;
  /** Number columns summed into the totals row. */
  sum: readonly string[];
}

export interface FormSectionDef {
  /** Heading above this table, for forms with more than one table (Кстово, приложение 5). */
  heading?: string;
  columns: readonly FormColumn[];
  source: RowSource;
  sort: FormSorting;
  group: FormGrouping;
  totals?: FormTotals;
  /** Whether the rows are children (counted in the printout register); false for tables of numbers. */
  listsChildren: boolean;
}

export interface SignatureDef {
  /** Signed by the head of the organization the form is for (position and name from its card). */
  signer: 'org-head';
  /** Label when the card has no position: the appendix's own words. */
  fallbackPosition: string;
  /** «М.П.» where the appendix has it. */
  stamp: boolean;
  /** A date line («Дата …»), filled with the printout's date. */
  date: boolean;
}

export interface FormParams {
  /** The organization the form is made for: required, optional (none = the whole municipality), none. */
  org: 'required' | 'optional' | 'none';
  /** The regulation's «по состоянию на …» for people, e.g. «на 1 сентября текущего года». */
  asOfHint: string;
  /** Whether the form takes a year (not used by the shipped forms; kept for profiles that need it). */
  year?: boolean;
}

export interface FormDef {
  /** Stable id, unique across profiles: 'kstovo-app2', 'zato-app1', 'zato-instr-app1'. */
  id: string;
  /** Short title for lists and the register: «Приложение 2. Список обучающихся по классам». */
  title: string;
  /** Where the regulation demands it: «п. 3.1, приложение 2». */
  basis: string;
  /** Who sends (prints) it. */
  orgKinds: readonly OrgKind[];
  orientation: 'portrait' | 'landscape';
  /** Top-right block: «Приложение 2», «к Порядку …». */
  attachment: readonly string[];
  /**
   * The form's heading, centered. Placeholders: {asOf} ДД.ММ.ГГГГ, {year} the as-of year, {schoolYear} «2025/2026»
   * of the as-of date, {periodFrom} the first day of the reporting period (see prepare.ts).
   */
  heading: readonly string[];
  /** Caption under the organization's name, as in the appendix: «(наименование ОО)». */
  orgCaption: string | null;
  /**
   * The reporting period that ends on the as-of date, for {periodFrom} and the movement queries: the school year
   * (from the 1 September that began it, a month's grace after the year's end) or the calendar month.
   */
  period?: 'school-year' | 'month';
  /** Printed «по состоянию на ДД.ММ.ГГГГ» line (false where the heading already says the date). */
  asOfLine: boolean;
  params: FormParams;
  sections: readonly FormSectionDef[];
  signature: SignatureDef;
  /** Notes printed under the table (placeholders of prepare.ts: {extramural}, {noForm}). */
  footnotes?: readonly string[];
  /** What the registry does not hold yet for this form (shown on screen, README). */
  dataNote?: string;
}

/** A cell: text, a number, an IsoDate (in a 'date' column), or empty. */
export type Cell = string | number | IsoDate | null;

export interface PreparedColumn {
  key: string;
  header: string;
  width: number;
  kind: ColumnKind;
  group?: string;
}

export interface PreparedGroup {
  /** «2014 год рождения», «5А класс»; null when the form is not grouped. */
  heading: string | null;
  rows: Cell[][];
}

export interface PreparedSection {
  heading: string | null;
  columns: PreparedColumn[];
  groups: PreparedGroup[];
  /** Totals rows, cells aligned with columns. */
  totals: Cell[][];
  /** Rows in the section (children where the section lists children). */
  rowCount: number;
  listsChildren: boolean;
}

export interface PreparedSignature {
  /** «Директор», or the appendix's «Руководитель организации» when the card has no position. */
  position: string;
  /** «И.О. Фамилия» from the card, or '' (a blank line is printed to write it in). */
  name: string;
  stamp: boolean;
  /** The date printed in the signature block (the printout's date is used when null). */
  dated: boolean;
}

export interface PreparedTable {
  formId: string;
  profileId: string;
  title: string;
  orientation: 'portrait' | 'landscape';
  attachment: string[];
  heading: string[];
  /** The organization's full name (null for a municipality-wide form without an organization). */
  orgFullName: string | null;
  orgCaption: string | null;
  asOf: IsoDate;
  /** «по состоянию на 01.09.2026», or null when the heading says it. */
  asOfLine: string | null;
  params: { orgId: number | null; asOf: IsoDate; year: number | null };
  /** First day of the reporting period (see FormDef.period), or null. */
  periodFrom: IsoDate | null;
  /** The first (often only) section's table, for single-table consumers. */
  columns: PreparedColumn[];
  groups: PreparedGroup[];
  totals: Cell[][];
  /** Every table of the form in order (one for most forms, two for Кстово приложение 5). */
  sections: PreparedSection[];
  /** Children listed (sum over sections that list children; 0 for tables of numbers). */
  childCount: number;
  signature: PreparedSignature;
  footnotes: string[];
  /** Printed in an empty table. */
  emptyText: string;
}

/** What a rendered file carries besides the table: the printout's register number and date. */
export interface PrintStamp {
  number: string;
  date: IsoDate;
}

export const EMPTY_TEXT = 'Сведений нет';
