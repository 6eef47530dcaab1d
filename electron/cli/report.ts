import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { REPORT_FORMATS, type ReportFormat, type VerifyResult } from '../../shared/api/reports';
import { formatRuDate } from '../../shared/domain/dates';
import { verifyFile } from '../services/reports/register';
import { need, UsageError, type CliCommand, type CliValues } from './command';

function readInput(file: string | undefined): Buffer {
  if (!file) throw new UsageError('Не указан файл для проверки');
  try {
    return readFileSync(file);
  } catch {
    throw new ApiError('NOT_FOUND', `Файл не найден: ${file}`);
  }
}

/** The verdict on standard output; exit code 0 only for a registered, unchanged document. */
function printVerdict(result: VerifyResult): void {
  console.log(result.message);
  console.log(`SHA-256: ${result.sha256}`);
  if (result.status !== 'registered') process.exitCode = 1;
}

const str = (v: CliValues, name: string): string | undefined => (typeof v[name] === 'string' ? (v[name] as string) : undefined);

/** `uchet report …`: forms of the profile, a registered printout, and the check of a file against the register. */
export const reportCommands: CliCommand[] = [
  {
    words: ['report', 'list'],
    usage: 'uchet report list --db FILE [--json]   (формы отчётов порядка учёта: id, название, основание)',
    run: async ({ call, values }) => {
      const { forms } = await call('reports.forms', {});
      if (values.json) return void console.log(JSON.stringify(forms, null, 2));
      for (const f of forms) console.log(`${f.id}\t${f.title}\t${f.basis}`);
    },
  },
  {
    words: ['report', 'verify'],
    usage: `uchet report verify FILE [--db FILE]
      (зарегистрирован ли документ в реестре выданных документов, какой, не изменён ли после выдачи;
      код выхода 0 — зарегистрирован и не изменён; без --db только читается номер в файле)`,
    run: async ({ call, args }) => {
      const file = args[0];
      const bytes = readInput(file);
      printVerdict(await call('reports.verify', { fileName: basename(file!), base64: bytes.toString('base64') }));
    },
    // Without a database only the number the file carries can be told.
    runWithoutDatabase: async ({ args }) => printVerdict(await verifyFile(null, readInput(args[0]))),
  },
  {
    words: ['report'],
    usage: `uchet report --db FILE --form ID [--org ID|КРАТКОЕ_НАИМЕНОВАНИЕ] --as-of ГГГГ-ММ-ДД [--year ГГГГ] --format pdf|xlsx --out FILE
      (документ регистрируется в реестре выданных документов; печатаются его номер и SHA-256)`,
    options: { form: { type: 'string' }, 'as-of': { type: 'string' }, year: { type: 'string' } },
    run: async ({ call, values, args }) => {
      if (args.length) throw new UsageError(`Неизвестная команда: report ${args.join(' ')}`);
      const format = need(values, 'format');
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`Неизвестный формат «${format}». Есть: ${REPORT_FORMATS.join(', ')}`);
      const formId = need(values, 'form');
      const asOf = need(values, 'as-of');
      const out = need(values, 'out');
      let orgId: number | null = null;
      const orgName = str(values, 'org');
      if (orgName) {
        const orgs = await call('orgs.list', {});
        const org = orgs.find((o) => String(o.id) === orgName || o.shortName === orgName);
        if (!org) throw new UsageError(`Нет организации «${orgName}» (см. uchet orgs list)`);
        orgId = org.id;
      }
      let year: number | null = null;
      const yearText = str(values, 'year');
      if (yearText !== undefined) {
        year = Number(yearText);
        if (!Number.isInteger(year)) throw new UsageError(`--year: ожидается год, получено «${yearText}»`);
      }
      const made = await call('reports.make', { formId, orgId, asOf, year, format: format as ReportFormat });
      writeFileSync(out, Buffer.from(made.base64, 'base64'), { mode: 0o600 });
      const p = made.printout;
      console.log(`Документ № ${p.number} от ${formatRuDate(p.issuedOn)}: ${p.formTitle}${p.orgName ? `, ${p.orgName}` : ''}, по состоянию на ${formatRuDate(p.asOf)}; детей: ${p.childCount} → ${out}`);
      console.log(`SHA-256: ${p.sha256}`);
    },
  },
];
