import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { isMonth } from '../../shared/domain/truancy';
import { toCsv } from '../services/csv';
import { need, UsageError, writeOut, type CliCommand, type CliRun, type CliValues } from './command';

function month(values: CliValues): string {
  const m = need(values, 'month');
  if (!isMonth(m)) throw new UsageError(`--month: ожидается месяц ГГГГ-ММ, получено «${m}»`);
  return m;
}

async function orgId({ call, values }: Pick<CliRun, 'call' | 'values'>): Promise<number> {
  const name = need(values, 'org');
  const orgs = await call('orgs.list', {});
  const org = orgs.find((o) => String(o.id) === name || o.shortName === name);
  if (!org) throw new UsageError(`Нет организации «${name}» (см. uchet orgs list)`);
  return org.id;
}

/** The header of `uchet truancy --format csv`. */
export const TRUANCY_CSV_HEADER = ['child_id', 'surname', 'name', 'patronymic', 'birth_date', 'class', 'lessons', 'missed_unexcused', 'percent', 'status'] as const;

/** `uchet attendance import` and `uchet truancy`: the same calls the «Посещаемость» screen makes. */
export const attendanceCommands: CliCommand[] = [
  {
    words: ['attendance', 'import'],
    usage: `uchet attendance import --db FILE --org ID|КРАТКОЕ_НАИМЕНОВАНИЕ --month ГГГГ-ММ [--check] ФАЙЛ
      (отчёт о посещаемости из электронного журнала, XLSX или CSV; применяется целиком или не применяется;
      печатает JSON: строк прочитано, с ошибками, записано; --check — только проверить)`,
    options: { month: { type: 'string' }, check: { type: 'boolean' } },
    run: async ({ call, values, args }) => {
      const file = args[0];
      if (!file) throw new UsageError('Не указан файл отчёта о посещаемости');
      if (args.length > 1) throw new UsageError(`Лишние слова: ${args.slice(1).join(' ')}`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new ApiError('NOT_FOUND', `Файл не найден: ${file}`);
      }
      const input = { orgId: await orgId({ call, values }), month: month(values), fileName: basename(file), base64: bytes.toString('base64') };
      const r = await call(values.check ? 'attendance.importPreview' : 'attendance.importApply', input);
      const summary = {
        file: r.fileName,
        month: r.month,
        rowsRead: r.rowsRead,
        rowsWithErrors: r.rowsWithErrors,
        applied: r.applied,
        saved: r.saved,
        unchanged: r.unchanged,
        errors: r.issues.map((i) => i.text),
      };
      console.log(JSON.stringify(summary, null, 2));
      if (r.issues.length > 0) throw new ApiError('VALIDATION', `Отчёт не применён: ошибок ${r.issues.length} (строк с ошибками ${r.rowsWithErrors}). Исправьте файл и загрузите его снова.`);
    },
  },
  {
    words: ['truancy'],
    usage: `uchet truancy --db FILE --org ID|КРАТКОЕ_НАИМЕНОВАНИЕ --month ГГГГ-ММ --format csv|json [--out FILE]
      (не приступившие к обучению и систематически пропускающие занятия за месяц: ${TRUANCY_CSV_HEADER.join(';')};
      status: not-started — не приступил, systematic — систематически пропускает)`,
    options: { month: { type: 'string' } },
    run: async ({ call, values, args }) => {
      if (args.length) throw new UsageError(`Неизвестная команда: truancy ${args.join(' ')}`);
      const format = need(values, 'format');
      if (format !== 'csv' && format !== 'json') throw new UsageError(`Неизвестный формат «${format}». Есть: csv, json`);
      const list = await call('attendance.truancy', { orgId: await orgId({ call, values }), month: month(values) });
      const rows = list.rows.map((r) => ({
        child_id: r.childId,
        surname: r.surname,
        name: r.name,
        patronymic: r.patronymic,
        birth_date: r.birthDate,
        class: r.classLabel,
        lessons: r.lessonsHeld,
        missed_unexcused: r.missedUnexcused,
        percent: r.percent,
        status: r.status,
      }));
      const text =
        format === 'csv'
          ? toCsv(TRUANCY_CSV_HEADER, rows.map((r) => TRUANCY_CSV_HEADER.map((k) => r[k])), { eol: '\n' })
          : rows.length === 0
            ? '[]\n'
            : `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
      writeOut(text, values.out, `Учеников в списке: ${rows.length} → ${String(values.out)}`);
    },
  },
];
