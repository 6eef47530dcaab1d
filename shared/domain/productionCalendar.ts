import type { IsoDate } from './dates';

/**
 * The Russian production calendar as data: the non-working holidays of the Labour Code and, per year, the
 * transfers of days off made by the Government's yearly постановление «О переносе выходных дней в … году».
 * The rules that turn these into «is this a working day» are in workingDays.ts.
 *
 * To add a year: copy the постановление's transfers («с субботы 4 января на пятницу 2 мая» → { from: '…-01-04',
 * to: '…-05-02' }) into a new entry of PRODUCTION_YEARS and name the постановление in `basis`. Nothing else:
 * the holidays and the Labour Code's own move of a day off that falls on a holiday (ст. 112 ч. 2) are applied by
 * workingDays.ts.
 */

/**
 * Non-working holidays, ТК РФ ст. 112 ч. 1 (month-day): 1–6 and 8 January (новогодние каникулы), 7 January
 * (Рождество Христово), 23 February, 8 March, 1 May, 9 May, 12 June, 4 November.
 */
export const NON_WORKING_HOLIDAYS: readonly string[] = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
];

/** A transfer of a day off: `from` becomes a working day (unless it is a holiday itself), `to` a day off. */
export interface DayOffTransfer {
  from: IsoDate;
  to: IsoDate;
}

export interface ProductionYear {
  year: number;
  /** The постановление the transfers come from; null when it is not known yet. */
  basis: string | null;
  /** True while the year's постановление is not in the data: only the Labour Code's own rules are applied. */
  provisional: boolean;
  transfers: readonly DayOffTransfer[];
}

export const PRODUCTION_YEARS: readonly ProductionYear[] = [
  {
    year: 2025,
    // Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году».
    // Days off: 1–8 Jan, 22–23 Feb, 8–9 Mar, 1–4 May, 8–11 May, 12–15 Jun, 2–4 Nov, 31 Dec; Saturday 1 Nov works.
    // (23 Feb and 8 Mar fall on a Sunday and a Saturday; their day off is moved by the постановление to 8 May and
    // 13 June, so 24 Feb and 10 Mar are working days.)
    basis: 'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
    provisional: false,
    transfers: [
      { from: '2025-01-04', to: '2025-05-02' },
      { from: '2025-01-05', to: '2025-12-31' },
      { from: '2025-02-23', to: '2025-05-08' },
      { from: '2025-03-08', to: '2025-06-13' },
      { from: '2025-11-01', to: '2025-11-03' },
    ],
  },
  {
    year: 2026,
    // Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году».
    // Days off: 1–11 Jan, 21–23 Feb, 7–9 Mar, 1–3 May, 9–11 May, 12–14 Jun, 4 Nov, 31 Dec. 8 March (Sunday) and
    // 9 May (Saturday) move to Monday 9 March and Monday 11 May by ТК ст. 112 ч. 2 itself.
    basis: 'Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»',
    provisional: false,
    transfers: [
      { from: '2026-01-03', to: '2026-01-09' },
      { from: '2026-01-04', to: '2026-12-31' },
    ],
  },
  {
    year: 2027,
    // The постановление for 2027 was not available when this was written (it is usually signed in the autumn
    // before). Until it is added here, only the Labour Code applies: the holidays, and 1 May (Saturday), 9 May
    // (Sunday) and 12 June (Saturday) moved to Monday 3 May, 10 May and 14 June (ст. 112 ч. 2). The two January
    // weekend days (2 and 3 January) are moved by the постановление to days not known yet — add them here.
    basis: null,
    provisional: true,
    transfers: [],
  },
];

export function productionYear(year: number): ProductionYear | null {
  return PRODUCTION_YEARS.find((y) => y.year === year) ?? null;
}
