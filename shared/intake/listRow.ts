import type { IsoDate } from '../domain/dates';
import type { EducationFormId } from '../domain/educationForms';
import type { FieldId } from './headers';

/** What one row of an incoming list says, parsed and normalized for display (proper case, ISO dates). */
export interface ListRowValues {
  surname: string | null;
  name: string | null;
  patronymic: string | null;
  birthDate: IsoDate | null;
  gender: 'm' | 'f' | null;
  snils: string | null;
  birthCertSeries: string | null;
  birthCertNumber: string | null;
  addressRegistration: string | null;
  addressActual: string | null;
  addressResidence: string | null;
  classLabel: string | null;
  enrolOrderNumber: string | null;
  enrolOrderDate: IsoDate | null;
  educationForm: EducationFormId | null;
  /** Free text of columns kept for the person but not turned into facts (organization named in text, notes…). */
  notes: string | null;
}

/** A problem in one cell: which column (by its header as written in the file) and what is wrong, in Russian. */
export interface CellIssue {
  column: string;
  field: FieldId | null;
  value: string;
  message: string;
  /** Warnings do not block applying the list (e.g. «год «15» понят как 2015»). */
  severity: 'error' | 'warning';
}

export interface ParsedListRow {
  values: ListRowValues;
  issues: CellIssue[];
}

export const EMPTY_LIST_ROW: ListRowValues = {
  surname: null,
  name: null,
  patronymic: null,
  birthDate: null,
  gender: null,
  snils: null,
  birthCertSeries: null,
  birthCertNumber: null,
  addressRegistration: null,
  addressActual: null,
  addressResidence: null,
  classLabel: null,
  enrolOrderNumber: null,
  enrolOrderDate: null,
  educationForm: null,
  notes: null,
};
