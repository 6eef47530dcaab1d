import { isValidIsoDate } from '../../shared/domain/dates';
import { toCsv } from '../services/csv';
import { sourcesCell } from '../services/education/list';
import { need, UsageError, writeOut, type CliCommand } from './command';

const COLUMNS = ['child_id', 'surname', 'name', 'patronymic', 'birth_date', 'group', 'sources', 'case_status'] as const;

/** `uchet not-in-education`: the «Не обучаются» list on a date, the same call the screen makes. */
export const educationCommands: CliCommand[] = [
  {
    words: ['not-in-education'],
    usage: `uchet not-in-education --db FILE --as-of ГГГГ-ММ-ДД --format csv|json [--out FILE]
      (дети, не получающие образование на дату: ${COLUMNS.join(';')}; строка на ребёнка)`,
    options: { 'as-of': { type: 'string' } },
    run: async ({ call, values, args }) => {
      if (args.length) throw new UsageError(`Неизвестная команда: not-in-education ${args.join(' ')}`);
      const asOf = need(values, 'as-of');
      if (!isValidIsoDate(asOf)) throw new UsageError(`--as-of: ожидается дата ГГГГ-ММ-ДД, получено «${asOf}»`);
      const format = need(values, 'format');
      if (format !== 'csv' && format !== 'json') throw new UsageError(`Неизвестный формат «${format}». Есть: csv, json`);
      const list = await call('education.list', { asOf, groups: ['not-in-education', 'left-municipality?', 'kindergarten-under-8'], limit: 1_000_000 });
      const rows = list.rows.map((r) => ({
        child_id: r.childId,
        surname: r.surname,
        name: r.name,
        patronymic: r.patronymic ?? '',
        birth_date: r.birthDate,
        group: r.group,
        sources: sourcesCell(r.sources),
        case_status: r.caseStatus,
      }));
      const text =
        format === 'json'
          ? `${JSON.stringify(rows, null, 2)}\n`
          : toCsv(
              COLUMNS,
              rows.map((r) => COLUMNS.map((c) => r[c])),
              { eol: '\n' },
            );
      writeOut(text, values.out, `Детей: ${rows.length} → ${String(values.out)}`);
    },
  },
];
