import type { ChildRow } from '../../../shared/api/registry';
import { isCompulsoryAge } from '../../../shared/domain/age';
import { educationFormLabel } from '../../../shared/domain/educationForms';
import { formColumnWord } from '../../../shared/domain/notInEducation';
import { todayIsoNow } from '../format';

/**
 * The registry table's «Форма образования» cell in the rule's words (issue 10, п. 1): the form when one is recorded;
 * «дошкольное» in a kindergarten; «форма не указана» at a school or college that did not report it; «не обучается»
 * for a child of compulsory age no organization teaches; «—» otherwise.
 */
export function registryFormWord(row: Pick<ChildRow, 'birthDate' | 'form'>, orgKind: string | null): string {
  const compulsory = isCompulsoryAge(row.birthDate, todayIsoNow(), { hasSecondaryGeneral: false });
  return formColumnWord({ compulsory, orgKind, form: row.form, formLabel: row.form ? educationFormLabel(row.form) : null });
}
