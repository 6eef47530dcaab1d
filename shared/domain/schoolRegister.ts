import { addDays, addMonths, daysInMonth, formatRuDate, isoFromParts, type IsoDate } from './dates';

/**
 * The internal school register (внутришкольный учёт) as rules: the escalation of the Инструкция ЗАТО Свободный,
 * section 2 (a pupil misses lessons → the class teacher's contact with the parents → a written warning and a home
 * visit → the ходатайство and the register → a report about the parents), the карта учёта of section 3 and the
 * removal of section 4 (six months without unexcused absences, counted from the last one). Pure functions of the
 * recorded entries and the attendance months; the service and the screens call them, nothing else decides.
 */

/** The escalation steps of section 2, in order, and the placing on the register (п. 2.3, 3.1). */
export const ESCALATION_KINDS = ['contact', 'warning', 'visit', 'petition', 'registered', 'report'] as const;
/** The карта учёта (п. 3.3, 5.3): living conditions, individual preventive work, measures, letters and answers. */
export const CARD_KINDS = ['conditions', 'work', 'measure', 'letter', 'answer'] as const;
/** Section 4: the removal's documents (ходатайство, характеристика, выписка, справки) and the removal itself. */
export const REMOVAL_KINDS = ['removalPetition', 'removed'] as const;
export const ENTRY_KINDS = [...ESCALATION_KINDS, ...CARD_KINDS, ...REMOVAL_KINDS] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  contact: 'Контакт классного руководителя с родителями',
  warning: 'Письменное предупреждение родителям об административной ответственности',
  visit: 'Посещение на дому с ПДН и Управлением социальной политики (акт обследования)',
  petition: 'Ходатайство классного руководителя о постановке на внутришкольный учёт',
  registered: 'Постановка на внутришкольный учёт',
  report: 'Информация о родителях в Отдел, ТКДНиЗП и ПДН',
  conditions: 'Условия проживания',
  work: 'Индивидуальная профилактическая работа',
  measure: 'Мера, принятая школой',
  letter: 'Обращение в орган системы профилактики',
  answer: 'Ответ органа системы профилактики',
  removalPetition: 'Ходатайство о снятии с внутришкольного учёта',
  removed: 'Снятие с внутришкольного учёта',
};

/** The point of the Инструкция each step follows. */
export const ENTRY_KIND_BASIS: Partial<Record<EntryKind, string>> = {
  contact: 'п. 2.1',
  warning: 'п. 2.2.1',
  visit: 'п. 2.2.2',
  petition: 'п. 2.3, 3.1',
  registered: 'п. 2.3, 3.1–3.2',
  report: 'п. 2.4',
  letter: 'п. 5.2–5.3',
  removalPetition: 'п. 4.1',
  removed: 'раздел 4',
};

export const REMOVAL_REASONS = ['council', 'graduated', 'left'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];
export const REMOVAL_REASON_LABELS: Record<RemovalReason, string> = {
  council: 'решение Совета профилактики (шесть месяцев без пропусков по неуважительной причине)',
  graduated: 'окончил общеобразовательное учреждение',
  left: 'выбыл из общеобразовательного учреждения',
};

export const REMOVAL_REASON_SHORT: Record<RemovalReason, string> = { council: 'решение Совета профилактики', graduated: 'окончил школу', left: 'выбыл из школы' };

/**
 * п. 4.2: a pupil who finished the school or left it is off its register from the day the study there ended,
 * whether or not anyone wrote so: the removal the rules add to the recorded entries (never stored; its id sorts it
 * after every entry of the same day).
 * `leaveReason` is the order's wording (studies.leave_reason); finishing basic or secondary general education
 * is graduation.
 */
export function removalOnLeaving(leftOn: IsoDate, leaveReason: string | null): RegisterEvent {
  const graduated = leaveReason !== null && /^получение (основного|среднего) общего образования/u.test(leaveReason);
  return { id: Number.MAX_SAFE_INTEGER, kind: 'removed', onDate: leftOn, replacesId: null, reason: graduated ? 'graduated' : 'left' };
}

/** An entry as the rules see it. */
export interface RegisterEvent {
  id: number;
  kind: EntryKind;
  onDate: IsoDate;
  /** The entry this one corrects (the corrected one no longer counts). */
  replacesId: number | null;
  /** A correction that withdraws an entry made by mistake. */
  cancelled?: boolean;
  /** For 'removed'. */
  reason?: RemovalReason | null;
}

/** One month of a pupil's attendance (B1's attendanceOf). */
export interface AttendanceMonthLike {
  /** YYYY-MM */
  month: string;
  lessonsHeld: number;
  missedUnexcused: number;
}

/** The entries that count: not replaced by a correction, not withdrawn; ordered by date, then as recorded. */
export function currentEvents<T extends RegisterEvent>(events: readonly T[]): T[] {
  const replaced = new Set(events.filter((e) => e.replacesId !== null).map((e) => e.replacesId));
  return events.filter((e) => !replaced.has(e.id) && !e.cancelled).sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : a.id - b.id));
}

/** Where a pupil stands on the register. */
export interface Standing {
  /** On the internal register now. */
  onRegister: boolean;
  registeredOn: IsoDate | null;
  /** The last escalation step of the current round (after the last removal). */
  lastStep: EscalationKind | null;
  lastStepOn: IsoDate | null;
  /** Escalation steps done in the current round. */
  done: EscalationKind[];
  /** The last removal (ends a round): date and reason. */
  removedOn: IsoDate | null;
  removedReason: RemovalReason | null;
  /** A ходатайство о снятии is made in the current stay on the register. */
  removalPetitionOn: IsoDate | null;
  /** Russian, for people: «На внутришкольном учёте с 12.11.2026». */
  label: string;
}

export function standingOf(events: readonly RegisterEvent[]): Standing {
  const cur = currentEvents(events);
  let start = 0;
  let removedOn: IsoDate | null = null;
  let removedReason: RemovalReason | null = null;
  cur.forEach((e, i) => {
    if (e.kind === 'removed') {
      start = i + 1;
      removedOn = e.onDate;
      removedReason = e.reason ?? null;
    }
  });
  const round = cur.slice(start);
  const steps = round.filter((e): e is RegisterEvent & { kind: EscalationKind } => (ESCALATION_KINDS as readonly string[]).includes(e.kind));
  const done = [...new Set(steps.map((e) => e.kind))];
  const reg = steps.find((e) => e.kind === 'registered') ?? null;
  const last = steps.at(-1) ?? null;
  const petition = reg ? (round.filter((e) => e.kind === 'removalPetition' && e.onDate >= reg.onDate).at(-1) ?? null) : null;
  let label: string;
  if (reg) label = `На внутришкольном учёте с ${formatRuDate(reg.onDate)}`;
  else if (last) label = `${ENTRY_KIND_LABELS[last.kind]} (${formatRuDate(last.onDate)})`;
  else if (removedOn) label = `Снят с внутришкольного учёта ${formatRuDate(removedOn)}${removedReason && removedReason !== 'council' ? ` (${REMOVAL_REASON_SHORT[removedReason as RemovalReason]})` : ''}`;
  else label = 'Мер не принималось';
  return {
    onRegister: reg !== null,
    registeredOn: reg?.onDate ?? null,
    lastStep: last?.kind ?? null,
    lastStepOn: last?.onDate ?? null,
    done,
    removedOn,
    removedReason,
    removalPetitionOn: petition?.onDate ?? null,
    label,
  };
}

/** The last day of a month «YYYY-MM». */
export function monthEnd(month: string): IsoDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return isoFromParts(y, m, daysInMonth(y, m));
}

/**
 * The day of the last unexcused absence as attendance knows it. Attendance is kept by month, so the last day of
 * the last month with an unexcused absence: the absence may have been on any day of it, and the rule must not
 * let a pupil off the register before six whole months have passed.
 */
export function lastUnexcusedDay(months: readonly AttendanceMonthLike[]): IsoDate | null {
  let last: string | null = null;
  for (const m of months) if (m.missedUnexcused > 0 && (last === null || m.month > last)) last = m.month;
  return last === null ? null : monthEnd(last);
}

/**
 * п. 4.1: removal may be proposed when for six months the pupil missed no lesson without a good reason. Counted
 * from the last unexcused absence (or, when attendance shows none, from the day the pupil was put on the register):
 * the six months run from the next day and end on the same day six months later (ГК РФ ст. 191, 192 — 31 August
 * ends on 28/29 February); the first day removal may be proposed is the day after.
 */
export function removalDueOn(lastUnexcused: IsoDate | null, registeredOn: IsoDate): IsoDate {
  const from = lastUnexcused ?? registeredOn;
  return addDays(addMonths(from, 6), 1);
}

export interface RemovalCheck {
  /** The day counting starts from (the last unexcused absence, or the placing on the register). */
  countedFrom: IsoDate;
  /** The first day removal may be proposed. */
  dueOn: IsoDate;
  eligible: boolean;
  /** Russian, for people. */
  text: string;
}

export function removalCheck(standing: Standing, months: readonly AttendanceMonthLike[], today: IsoDate): RemovalCheck | null {
  if (!standing.onRegister || !standing.registeredOn) return null;
  const last = lastUnexcusedDay(months);
  const dueOn = removalDueOn(last, standing.registeredOn);
  const countedFrom = last ?? standing.registeredOn;
  const eligible = today >= dueOn;
  const since = last ? `месяца последнего пропуска без уважительной причины (${last.slice(5, 7)}.${last.slice(0, 4)})` : `постановки на учёт (${formatRuDate(standing.registeredOn)})`;
  const text = eligible
    ? `Шесть месяцев без пропусков по неуважительной причине с ${since}: можно представить документы о снятии с учёта в Совет профилактики (п. 4.1).`
    : `Снятие с учёта возможно с ${formatRuDate(dueOn)}, если до того не будет пропусков без уважительной причины (шесть месяцев с ${since}).`;
  return { countedFrom, dueOn, eligible, text };
}

export interface NextStep {
  kind: EntryKind;
  /** Why, in Russian, with the point of the Инструкция. */
  reason: string;
}

const monthOf = (d: IsoDate) => d.slice(0, 7);

/**
 * The day of a month up to which a step is taken as coming before most of the month's lessons: the month's
 * absences then count as going on after it. Attendance is kept by month, so this is the finest the rule can see.
 */
export const STEP_MONTH_LAST_EARLY_DAY = 15;

/**
 * Months with unexcused absences after a step (null: all): the months after the step's month, and the step's own
 * month when the step was taken in its first half (STEP_MONTH_LAST_EARLY_DAY).
 */
function missedAfter(months: readonly AttendanceMonthLike[], after: IsoDate | null): AttendanceMonthLike[] {
  if (after === null) return months.filter((m) => m.missedUnexcused > 0);
  const from = Number(after.slice(8, 10)) <= STEP_MONTH_LAST_EARLY_DAY ? monthOf(after) : null;
  return months.filter((m) => m.missedUnexcused > 0 && (m.month > monthOf(after) || m.month === from));
}

function monthsText(ms: readonly AttendanceMonthLike[]): string {
  return ms.map((m) => `${m.month.slice(5, 7)}.${m.month.slice(0, 4)} — ${m.missedUnexcused}`).join(', ');
}

/**
 * The next step the Инструкция asks for, or null when nothing is due. Absences «go on» when attendance shows
 * unexcused absences after the last step (missedAfter: by month, the step's own month when it was taken early).
 */
export function suggestNextStep(events: readonly RegisterEvent[], months: readonly AttendanceMonthLike[], today: IsoDate): NextStep | null {
  const s = standingOf(events);
  if (s.onRegister) {
    const check = removalCheck(s, months, today)!;
    if (check.eligible) {
      if (s.removalPetitionOn) return { kind: 'removed', reason: 'Ходатайство о снятии с учёта подготовлено: внесите решение Совета профилактики (дата, номер протокола) — раздел 4.' };
      return { kind: 'removalPetition', reason: check.text };
    }
    const goingOn = missedAfter(months, s.lastStepOn);
    if (goingOn.length && !s.done.includes('report')) {
      return { kind: 'report', reason: `Пропуски без уважительной причины продолжаются после постановки на учёт (${monthsText(goingOn)}): подробно проинформируйте Отдел, ТКДНиЗП и ПДН о родителях (п. 2.4).` };
    }
    if (goingOn.length) {
      return { kind: 'letter', reason: `Пропуски продолжаются (${monthsText(goingOn)}): обратитесь в органы системы профилактики и запросите письменный ответ (п. 5.3).` };
    }
    return null;
  }
  // Not on the register: the current round of section 2.
  const afterRound = s.removedOn;
  if (!s.lastStep) {
    const missed = missedAfter(months, afterRound);
    if (!missed.length) return null;
    return { kind: 'contact', reason: `Пропуски без уважительной причины (${monthsText(missed)}): классному руководителю выяснить причины у родителей и предупредить их (п. 2.1).` };
  }
  const goingOn = missedAfter(months, s.lastStepOn);
  switch (s.lastStep) {
    case 'contact':
      return goingOn.length
        ? { kind: 'warning', reason: `Пропуски продолжаются после беседы с родителями (${monthsText(goingOn)}): предупредите родителей письменно об административной ответственности (п. 2.2.1).` }
        : null;
    case 'warning':
      return s.done.includes('visit')
        ? goingOn.length
          ? { kind: 'petition', reason: `Пропуски продолжаются (${monthsText(goingOn)}): ходатайство классного руководителя о постановке на внутришкольный учёт (п. 2.3, 3.1).` }
          : null
        : { kind: 'visit', reason: 'Вместе с письменным предупреждением — посещение на дому с ПДН и сотрудником Управления социальной политики, оформленное актом (п. 2.2.2).' };
    case 'visit':
      if (!s.done.includes('warning')) return { kind: 'warning', reason: 'Вместе с посещением на дому — письменное предупреждение родителям об административной ответственности (п. 2.2.1).' };
      return goingOn.length
        ? { kind: 'petition', reason: `Пропуски продолжаются после предупреждения и посещения (${monthsText(goingOn)}): ходатайство классного руководителя о постановке на внутришкольный учёт (п. 2.3, 3.1).` }
        : null;
    case 'petition':
      return { kind: 'registered', reason: 'Ходатайство подано: внесите решение о постановке на внутришкольный учёт и заведите карту учёта (п. 3.1–3.2).' };
    case 'report':
      return goingOn.length
        ? { kind: s.done.includes('petition') ? 'registered' : 'petition', reason: `Пропуски продолжаются (${monthsText(goingOn)}): постановка на внутришкольный учёт (п. 2.3).` }
        : null;
    default:
      return null;
  }
}

/** A letter to a prevention body whose written answer (п. 5.3) is past due. */
export function letterOverdue(dueOn: IsoDate | null, answeredOn: IsoDate | null, today: IsoDate): boolean {
  return dueOn !== null && answeredOn === null && today > dueOn;
}
