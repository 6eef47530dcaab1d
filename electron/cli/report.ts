import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/errors';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { REPORT_FORMATS, type ReportFormat } from '../../shared/api/reports';
import { formatRuDate } from '../../shared/domain/dates';
import { verifyFile } from '../services/reports/register';

export const REPORT_USAGE = `  uchet report list --db FILE [--json]   (формы отчётов порядка учёта: id и название)
  uchet report --db FILE --form ID [--org ID|КРАТКОЕ_НАИМЕНОВАНИЕ] --as-of ГГГГ-ММ-ДД [--year ГГГГ] --format pdf|xlsx --out FILE
        (документ регистрируется в реестре выданных документов; печатаются его номер и SHA-256)
  uchet report verify FILE [--db FILE]   (зарегистрирован ли документ, какой, не изменён ли; код выхода 0 — зарегистрирован и не изменён)
`;

/** What the main command line gives this one: a session through the dispatcher, and its usage error. */
export interface ReportCli {
  session(options: { db: string; user?: string; 'password-file'?: string }): Promise<{
    call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
    close(): void;
  }>;
  usage(message: string): Error;
}

const OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  'password-file': { type: 'string' },
  form: { type: 'string' },
  org: { type: 'string' },
  'as-of': { type: 'string' },
  year: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new ApiError('NOT_FOUND', `Файл не найден: ${file}`);
  }
}

/** `uchet report …` (argv after «report»). Every database call goes through the dispatcher, as the UI's do. */
export async function runReport(argv: string[], cli: ReportCli): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const need = (name: 'db' | 'form' | 'as-of' | 'format' | 'out'): string => {
    const v = values[name];
    if (!v) throw cli.usage(`Не указан параметр --${name}`);
    return v;
  };
  const sessionOptions = () => ({
    db: need('db'),
    ...(values.user ? { user: values.user } : {}),
    ...(values['password-file'] ? { 'password-file': values['password-file'] } : {}),
  });
  const [sub, arg] = positionals;

  if (sub === 'verify') {
    if (!arg) throw cli.usage('Не указан файл для проверки');
    const bytes = readInput(arg);
    let result;
    if (values.db) {
      const s = await cli.session(sessionOptions());
      try {
        result = await s.call('reports.verify', { fileName: basename(arg), base64: bytes.toString('base64') });
      } finally {
        s.close();
      }
    } else {
      // Without a database only the number the file carries can be read.
      result = await verifyFile(null, bytes);
    }
    console.log(result.message);
    console.log(`SHA-256: ${result.sha256}`);
    if (result.status !== 'registered') process.exitCode = 1;
    return;
  }
  if (sub !== undefined && sub !== 'list') throw cli.usage(`Неизвестная команда: report ${sub}`);

  const s = await cli.session(sessionOptions());
  try {
    if (sub === 'list') {
      const forms = await s.call('reports.forms', {});
      if (values.json) return void console.log(JSON.stringify(forms, null, 2));
      for (const f of forms) console.log(`${f.id}\t${f.title}\t${f.basis}`);
      return;
    }
    const formId = need('form');
    const format = need('format');
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw cli.usage(`Неизвестный формат «${format}». Есть: ${REPORT_FORMATS.join(', ')}`);
    const out = need('out');
    let orgId: number | null = null;
    if (values.org) {
      const orgs = await s.call('orgs.list', {});
      const org = orgs.find((o) => String(o.id) === values.org || o.shortName === values.org);
      if (!org) throw cli.usage(`Нет организации «${values.org}» (см. uchet orgs list)`);
      orgId = org.id;
    }
    let year: number | null = null;
    if (values.year !== undefined) {
      year = Number(values.year);
      if (!Number.isInteger(year)) throw cli.usage(`--year: ожидается год, получено «${values.year}»`);
    }
    const made = await s.call('reports.make', { formId, orgId, asOf: need('as-of'), year, format: format as ReportFormat });
    writeFileSync(out, Buffer.from(made.base64, 'base64'), { mode: 0o600 });
    const p = made.printout;
    console.log(`Документ № ${p.number} от ${formatRuDate(p.issuedOn)}: ${p.formTitle}${p.orgName ? `, ${p.orgName}` : ''}, по состоянию на ${formatRuDate(p.asOf)}; детей: ${p.childCount} → ${out}`);
    console.log(`SHA-256: ${p.sha256}`);
  } finally {
    s.close();
  }
}
