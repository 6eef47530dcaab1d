import type Database from 'better-sqlite3';
import { formatRuDate, type IsoDate } from '../../../shared/domain/dates';
import type { EntryKind } from '../../../shared/domain/schoolRegister';
import type { EntryData } from '../../../shared/api/schoolRegister';
import { currentEntries, entriesOf, type Entry } from './entries';

/** How a recorded step reads in a monthly list's «принятые меры». */
const MEASURE_TEXT: Partial<Record<EntryKind, (d: EntryData, e: Entry) => string>> = {
  contact: (d) => `беседа классного руководителя с родителями${d.how ? ` (${d.how})` : ''}`,
  warning: () => 'родители письменно предупреждены об административной ответственности',
  visit: () => 'посещение на дому совместно с ПДН и Управлением социальной политики, составлен акт обследования',
  petition: () => 'ходатайство классного руководителя о постановке на внутришкольный учёт',
  registered: (d) => `поставлен на внутришкольный учёт${d.protocol ? ` (протокол № ${d.protocol})` : ''}`,
  report: () => 'информация о родителях направлена в Отдел образования, ТКДНиЗП и ПДН',
  work: (d) => `индивидуальная профилактическая работа: ${d.what}${d.result ? ` (результат: ${d.result})` : ''}`,
  measure: (d) => `${d.what}${d.result ? ` (результат: ${d.result})` : ''}`,
  letter: (d, e) => `обращение в ${d.addressee}${d.outNumber ? ` № ${d.outNumber}` : ''}${e.row.due_on ? `, ответ до ${formatRuDate(e.row.due_on)}` : ''}`,
  answer: (d) => `получен ответ: ${d.what}`,
  removed: () => 'снят с внутришкольного учёта',
};

/**
 * The cause of a pupil's absences and the measures the school took, from the recorded steps, for the monthly lists
 * (ЗАТО Свободный Приложение 1 к Инструкции, Кстово Приложение 3): the measures dated from `from` to `to`
 * (inclusive, «ДД.ММ.ГГГГ — …; …»), the cause as last found out by `to` (a contact with the parents or a home
 * visit). Corrected and withdrawn entries do not count. Empty strings when nothing is recorded. The caller has
 * checked that its user may read the child.
 */
export function measuresTaken(sqlite: Database.Database, childId: number, from: string, to: string): { cause: string; measures: string } {
  const cur = currentEntries(entriesOf(sqlite, childId, null)).filter((e) => e.row.on_date <= to);
  const cause = cur.filter((e) => (e.row.kind === 'contact' || e.row.kind === 'visit') && e.data.cause).at(-1)?.data.cause ?? '';
  const measures = cur
    .filter((e) => e.row.on_date >= from && MEASURE_TEXT[e.row.kind])
    .map((e) => `${formatRuDate(e.row.on_date as IsoDate)} — ${MEASURE_TEXT[e.row.kind]!(e.data, e)}`)
    .join('; ');
  return { cause, measures };
}
