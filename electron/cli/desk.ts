import { DEADLINE_STATUS_LABELS } from '../../shared/domain/deadlines';
import { formatRuDate, isValidIsoDate } from '../../shared/domain/dates';
import { need, UsageError, type CliCommand } from './command';

/** A table for people: a header line and rows, tab-separated (or JSON with --json). */
function printTable(header: string[], rows: (string | number)[][]): void {
  for (const r of [header, ...rows]) console.log(r.map(String).join('\t'));
}

/** `uchet deadlines`, `uchet forecast`: the department's desk (issue 10). */
export const deskCommands: CliCommand[] = [
  {
    words: ['deadlines'],
    usage: `uchet deadlines --db FILE --as-of ГГГГ-ММ-ДД [--json]
      (сроки представления сведений с 1 сентября учебного года по дату + 7 дней: просрочено, срок в ближайшие 7 дней, получено)`,
    options: { 'as-of': { type: 'string' } },
    run: async ({ call, values }) => {
      const asOf = need(values, 'as-of');
      if (!isValidIsoDate(asOf)) throw new UsageError(`--as-of: ожидается дата ГГГГ-ММ-ДД, получено «${asOf}»`);
      const d = await call('desk.deadlines', { asOf });
      if (values.json) return void console.log(JSON.stringify(d, null, 2));
      console.log(
        `Сроки на ${formatRuDate(d.asOf)} (с ${formatRuDate(d.from)} по ${formatRuDate(d.to)}): просрочено ${d.counts.late}, срок в ближайшие 7 дней ${d.counts.soon}, получено ${d.counts.received}`,
      );
      printTable(
        ['Срок', 'Организация', 'Что', 'Кому', 'Статус', 'Получено', 'Основание'],
        d.items
          .filter((i) => i.status !== 'upcoming')
          .map((i) => [
            formatRuDate(i.due),
            i.orgName,
            i.what,
            i.to,
            DEADLINE_STATUS_LABELS[i.status],
            i.receivedOn ? `${formatRuDate(i.receivedOn)}${i.receivedLate ? ' (с опозданием)' : ''}` : '',
            i.basis,
          ]),
      );
    },
  },
  {
    words: ['forecast'],
    usage: `uchet forecast --db FILE --year ГГГГ [--json]
      (прогноз приёма в 1 класс на учебные годы, начинающиеся 1 сентября ГГГГ и ГГГГ+1, по территориям школ)`,
    options: { year: { type: 'string' } },
    run: async ({ call, values }) => {
      const text = need(values, 'year');
      const year = Number(text);
      if (!/^\d{4}$/u.test(text) || !Number.isInteger(year)) throw new UsageError(`--year: ожидается год ГГГГ, получено «${text}»`);
      const f = await call('desk.forecast', { year });
      if (values.json) return void console.log(JSON.stringify(f, null, 2));
      console.log(
        `Прогноз приёма в 1 класс по данным реестра на ${formatRuDate(f.on)}; территория — ${f.territoryBy === 'territories' ? 'по закреплённым территориям школ' : 'по школе, сообщившей адрес ребёнка'}`,
      );
      printTable(
        ['Учебный год', 'Территория (школа)', '6,5–8 лет', 'Старше 8 лет, не приступили', 'Всего'],
        f.years.flatMap((y) => [...y.rows.map((r) => [y.label, r.name, r.ofAge, r.late, r.total]), [y.label, 'Итого', y.totals.ofAge, y.totals.late, y.totals.total]]),
      );
    },
  },
];
