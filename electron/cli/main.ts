import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readBackup, restoreBackup, writeBackup } from '../../db/backup';
import { unwrapWithPassword, unwrapWithRecoveryCode } from '../../db/keys';
import { ApiError } from '../../shared/api/errors';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { ORG_KINDS } from '../../shared/profiles/types';
import { PROFILES } from '../../shared/profiles';
import { ROLES } from '../../shared/api/roles';
import { clockFromEnv } from '../app/clock';
import { Workspace } from '../app/workspace';
import { createDispatcher } from '../dispatcher';
import { appendAudit } from '../services/audit';
import { DEMO_LOGIN, watchDemoProgress } from '../services/demo';
import { exportChildren, plainChildrenCsv, plainChildrenJson } from '../services/registry/exportPlain';
import { REPORT_USAGE, runReport } from './report';

const USAGE = `Учёт детей — командная строка.

Пароль берётся из переменной окружения UCHET_PASSWORD или из файла --password-file, никогда из аргументов.
Пользователь, от имени которого выполняется команда: --user LOGIN (или UCHET_USER; по умолчанию admin).

  uchet init --db FILE --profile ${PROFILES.map((p) => p.id).join('|')} --admin LOGIN [--name "Ф.И.О."] [--department "…"]
  uchet users list --db FILE [--json]
  uchet users add --db FILE --login LOGIN --name "Ф.И.О." --role ${ROLES.join('|')} [--org ID|КРАТКОЕ_НАИМЕНОВАНИЕ]
        (пароль нового пользователя: UCHET_NEW_PASSWORD или --new-password-file)
  uchet orgs list --db FILE [--json]
  uchet orgs add --db FILE --kind ${ORG_KINDS.join('|')} --full-name "…" --short-name "…" [--address "…"] [--head-position "…"] [--head-name "…"]
  uchet audit verify --db FILE
  uchet backup --db FILE --to BACKUP_FILE
  uchet restore --from BACKUP_FILE --db NEW_FILE  (пароль пользователя или код восстановления: UCHET_RECOVERY_CODE / --recovery-code-file)
  uchet demo --db FILE --children N [--seed S] [--profile ${PROFILES.map((p) => p.id).join('|')}]
        (новая база с вымышленными детьми; логин и пароль демо-пользователя печатаются, пароль не нужен)
  uchet children export --db FILE --format csv|json [--out FILE]
  uchet import --list-kinds --db FILE
  uchet import --db FILE --org ID|КРАТКОЕ_НАИМЕНОВАНИЕ --kind ВИД_СПИСКА --as-of ГГГГ-ММ-ДД [--apply] ФАЙЛ
        (печатает JSON: строк прочитано, с ошибками, связано автоматически, на проверку, новых)
  uchet links export --db FILE --format csv  (строка на каждую принятую строку списков: file;row;child_id;decision;score)
        (все дети: id, Ф.И.О., дата рождения, организация, класс, форма обучения; по умолчанию в стандартный вывод)
${REPORT_USAGE}`;

class UsageError extends Error {}

const OPTIONS = {
  db: { type: 'string' },
  profile: { type: 'string' },
  admin: { type: 'string' },
  name: { type: 'string' },
  department: { type: 'string' },
  user: { type: 'string' },
  login: { type: 'string' },
  role: { type: 'string' },
  org: { type: 'string' },
  kind: { type: 'string' },
  'full-name': { type: 'string' },
  'short-name': { type: 'string' },
  address: { type: 'string' },
  'head-position': { type: 'string' },
  'head-name': { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  'password-file': { type: 'string' },
  'new-password-file': { type: 'string' },
  'recovery-code-file': { type: 'string' },
  password: { type: 'string' },
  children: { type: 'string' },
  seed: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'as-of': { type: 'string' },
  apply: { type: 'boolean' },
  'list-kinds': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function need(values: Values, name: keyof Values): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`Не указан параметр --${String(name)}`);
  return v;
}

function secret(envName: string, file: string | undefined, what: string): string {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new UsageError(`Не удалось прочитать файл ${file} (${what})`);
    }
  }
  const v = process.env[envName];
  if (!v) throw new UsageError(`${what}: задайте переменную окружения ${envName} или укажите файл`);
  return v;
}

const password = (v: Values) => secret('UCHET_PASSWORD', v['password-file'], 'Пароль');
const actingUser = (v: Values) => v.user ?? process.env.UCHET_USER ?? 'admin';

/** Opens the database as a user and runs calls through the same dispatcher the UI uses. */
async function session(values: Values) {
  const ws = new Workspace(need(values, 'db'), clockFromEnv());
  if (!ws.exists()) throw new ApiError('NOT_FOUND', `Файл базы данных не найден: ${ws.dbPath}`);
  const dispatch = createDispatcher(ws);
  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const res = await dispatch(name, input);
    if (!res.ok) throw ApiError.from(res.error);
    return res.result as CallOutput<N>;
  }
  await call('session.unlock', { login: actingUser(values), password: password(values) });
  return { ws, call, close: () => ws.lock() };
}

function printRows(rows: Record<string, unknown>[], json: boolean | undefined): void {
  if (json) return void console.log(JSON.stringify(rows, null, 2));
  for (const r of rows) console.log(Object.values(r).map((x) => (x === null ? '' : String(x))).join('\t'));
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--password')) throw new UsageError('Пароль в аргументах командной строки виден другим программам: используйте UCHET_PASSWORD или --password-file');
  // Report commands have options of their own (electron/cli/report.ts); they call the same dispatcher.
  if (argv[0] === 'report') return runReport(argv.slice(1), { session: (o) => session(o as Values), usage: (m) => new UsageError(m) });
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [cmd, sub] = positionals;
  if (values.help || !cmd) return void console.log(USAGE);

  if (cmd === 'init') {
    const ws = new Workspace(need(values, 'db'), clockFromEnv());
    const profileId = need(values, 'profile');
    const profile = PROFILES.find((p) => p.id === profileId);
    if (!profile) throw new UsageError(`Неизвестный профиль «${profileId}». Есть: ${PROFILES.map((p) => p.id).join(', ')}`);
    const res = await createDispatcher(ws)('setup.create', {
      profileId,
      departmentName: values.department ?? profile.departmentName,
      adminLogin: need(values, 'admin'),
      adminName: values.name ?? 'Администратор',
      password: password(values),
    });
    ws.lock();
    if (!res.ok) throw ApiError.from(res.error);
    const { recoveryCode } = res.result as CallOutput<'setup.create'>;
    console.log(`База данных создана: ${ws.dbPath}`);
    console.log(`Код восстановления (запишите и храните отдельно, больше он не будет показан):\n${recoveryCode}`);
    return;
  }

  if (cmd === 'demo') return demo(values);

  if (cmd === 'restore') {
    const backup = readBackup(need(values, 'from'));
    const target = need(values, 'db');
    const code = values['recovery-code-file'] || process.env.UCHET_RECOVERY_CODE ? secret('UCHET_RECOVERY_CODE', values['recovery-code-file'], 'Код восстановления') : null;
    const key = code ? await unwrapWithRecoveryCode(backup.keys, code) : await unwrapWithPassword(backup.keys, actingUser(values), password(values));
    restoreBackup(backup, key, target);
    console.log(`База восстановлена: ${target}`);
    return;
  }

  const s = await session(values);
  try {
    if (cmd === 'users' && sub === 'list') return printRows(await s.call('users.list', {}), values.json);
    if (cmd === 'users' && sub === 'add') {
      const role = need(values, 'role');
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`Неизвестная роль «${role}». Есть: ${ROLES.join(', ')}`);
      let orgId: number | null = null;
      if (values.org) {
        const orgs = await s.call('orgs.list', {});
        const org = orgs.find((o) => String(o.id) === values.org || o.shortName === values.org);
        if (!org) throw new UsageError(`Нет организации «${values.org}» (см. uchet orgs list)`);
        orgId = org.id;
      }
      const user = await s.call('users.add', {
        login: need(values, 'login'),
        displayName: need(values, 'name'),
        role: role as (typeof ROLES)[number],
        orgId,
        password: secret('UCHET_NEW_PASSWORD', values['new-password-file'], 'Пароль нового пользователя'),
      });
      return void console.log(`Пользователь добавлен: ${user.login} (id ${user.id})`);
    }
    if (cmd === 'orgs' && sub === 'list') {
      const orgs = await s.call('orgs.list', {});
      return printRows(orgs.map((o) => ({ id: o.id, kind: o.kind, shortName: o.shortName, fullName: o.fullName, headName: o.headName })), values.json);
    }
    if (cmd === 'orgs' && sub === 'add') {
      const kind = need(values, 'kind');
      if (!(ORG_KINDS as readonly string[]).includes(kind)) throw new UsageError(`Неизвестный вид организации «${kind}». Есть: ${ORG_KINDS.join(', ')}`);
      const org = await s.call('orgs.add', {
        kind: kind as (typeof ORG_KINDS)[number],
        fullName: need(values, 'full-name'),
        shortName: need(values, 'short-name'),
        address: values.address ?? '',
        headPosition: values['head-position'] ?? '',
        headName: values['head-name'] ?? '',
      });
      return void console.log(`Организация добавлена: ${org.shortName} (id ${org.id})`);
    }
    if (cmd === 'audit' && sub === 'verify') {
      const verdict = await s.call('audit.verify', {});
      if (!verdict.ok) throw new ApiError('DAMAGED', verdict.message);
      return void console.log(verdict.message);
    }
    if (cmd === 'children' && sub === 'export') {
      const format = need(values, 'format');
      if (format !== 'csv' && format !== 'json') throw new UsageError(`Неизвестный формат «${format}». Есть: csv, json`);
      const { open, user } = s.ws.require();
      if (user.role === 'school') throw new ApiError('FORBIDDEN', 'Выгрузка всего реестра недоступна для роли «школа».');
      const rows = exportChildren(open);
      const text = format === 'csv' ? plainChildrenCsv(rows) : plainChildrenJson(rows);
      // A read of every child's personal data: journaled like any other read.
      open.sqlite
        .transaction(() =>
          appendAudit(open.sqlite, { userLogin: user.login, action: 'children.exportPlain', objectType: 'children', objectId: null, details: JSON.stringify({ format, rows: rows.length }) }),
        )
        .immediate();
      if (!values.out) {
        // `… | head` closes the pipe early: that is not an error.
        process.stdout.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EPIPE') process.exit(0);
          throw err;
        });
        return void process.stdout.write(text);
      }
      writeFileSync(values.out, text, { mode: 0o600 });
      return void console.log(`Выгружено детей: ${rows.length} → ${values.out}`);
    }
    if (cmd === 'import' && values['list-kinds']) {
      return printRows(await s.call('intake.listKinds', {}).then((kinds) => kinds.map((k) => ({ id: k.id, title: k.title, asOf: k.asOf }))), values.json);
    }
    if (cmd === 'import') {
      const file = positionals[1];
      if (!file) throw new UsageError('Не указан файл списка');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new ApiError('NOT_FOUND', `Файл не найден: ${file}`);
      }
      const orgs = await s.call('orgs.list', {});
      const org = orgs.find((o) => String(o.id) === values.org || o.shortName === values.org);
      if (!org) throw new UsageError(`Нет организации «${values.org ?? ''}» (см. uchet orgs list)`);
      const kinds = await s.call('intake.listKinds', {});
      if (!kinds.some((k) => k.id === values.kind)) throw new UsageError(`Неизвестный вид списка «${values.kind ?? ''}» (см. uchet import --list-kinds)`);
      const submitted = await s.call('intake.upload', { orgId: org.id, listKind: need(values, 'kind'), asOf: need(values, 'as-of'), fileName: basename(file), base64: bytes.toString('base64') });
      const c = submitted.counts;
      const report = {
        file: basename(file),
        submissionId: submitted.id,
        rowsRead: c.rows,
        rowsWithErrors: c.errors,
        linkedAutomatically: c.auto,
        sentToReview: c.review,
        new: c.new,
        conflicts: c.conflicts,
        sameFileAs: submitted.sameFileAs?.id ?? null,
        applied: false,
      };
      if (values.apply) {
        // Nothing is half-applied: with rows to fix or to decide, the list waits for a person in the app.
        if (c.errors || c.undecided) {
          console.log(JSON.stringify(report, null, 2));
          throw new ApiError('CONFLICT', `Список не применён: строк с ошибками ${c.errors}, на проверке ${c.undecided}. Откройте список № ${submitted.id} в приложении.`);
        }
        await s.call('intake.apply', { submissionId: submitted.id });
        report.applied = true;
      }
      return void console.log(JSON.stringify(report, null, 2));
    }
    if (cmd === 'links' && sub === 'export') {
      if (need(values, 'format') !== 'csv') throw new UsageError('Формат выгрузки связей: csv');
      const { open } = s.ws.require();
      const rows = open.sqlite
        .prepare(
          `SELECT x.file_name AS file, r.row_no AS row, r.child_id AS childId, r.decision, r.score
           FROM submission_rows r JOIN submissions x ON x.id = r.submission_id
           WHERE x.status != 'discarded' AND r.decision IS NOT NULL AND NOT r.excluded AND NOT r.has_errors
           ORDER BY x.id, r.row_no`,
        )
        .all() as { file: string | null; row: number; childId: number | null; decision: string; score: number | null }[];
      const lines = ['file;row;child_id;decision;score', ...rows.map((r) => [r.file ?? 'бумажный список', r.row, r.decision === 'review' ? '' : (r.childId ?? ''), r.decision, r.score === null ? '' : (r.score / 10).toFixed(1)].join(';'))];
      return void process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (cmd === 'backup') {
      const { open, keys } = s.ws.require();
      const { bytes } = writeBackup(open, keys, need(values, 'to'));
      return void console.log(`Резервная копия записана: ${values.to} (${(bytes / 1024).toFixed(0)} КиБ)`);
    }
    throw new UsageError(`Неизвестная команда: ${positionals.join(' ')}`);
  } finally {
    s.close();
  }
}

/** A new database with a made-up municipality; prints the demo user's login and password. */
async function demo(values: Values): Promise<void> {
  const ws = new Workspace(need(values, 'db'), clockFromEnv());
  const children = Number(need(values, 'children'));
  if (!Number.isInteger(children)) throw new UsageError(`--children: ожидается целое число, получено «${values.children}»`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: ожидается целое число, получено «${values.seed}»`);
  const profileId = values.profile ?? 'zato-svobodny';
  if (!PROFILES.some((p) => p.id === profileId)) throw new UsageError(`Неизвестный профиль «${profileId}». Есть: ${PROFILES.map((p) => p.id).join(', ')}`);
  let shown = -1;
  const stop = watchDemoProgress(ws, (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    // On a terminal the line is redrawn; into a file or a pipe, a line every 10 %.
    const step = process.stderr.isTTY ? percent : Math.floor(percent / 10) * 10;
    if (step === shown) return;
    shown = step;
    process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}Демо-данные: ${done} из ${total} (${percent} %)${process.stderr.isTTY && done < total ? '' : '\n'}`);
  });
  let res;
  try {
    res = await createDispatcher(ws)('setup.demo', { children, seed, profileId });
  } finally {
    stop();
    ws.lock();
  }
  if (!res.ok) throw ApiError.from(res.error);
  const out = res.result as CallOutput<'setup.demo'>;
  console.log(`Демонстрационная база создана: ${ws.dbPath}`);
  console.log(`Детей: ${out.children}`);
  console.log(`Логин: ${out.login}`);
  console.log(`Пароль: ${out.password}`);
  console.log(`(например: UCHET_USER=${DEMO_LOGIN} UCHET_PASSWORD=${out.password} uchet children export --db ${ws.dbPath} --format csv)`);
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`Ошибка: ${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (err instanceof ApiError) {
    console.error(`Ошибка: ${err.message}`);
    process.exitCode = 1;
  } else {
    console.error(process.env.UCHET_DEBUG ? err : 'Внутренняя ошибка. Запустите с UCHET_DEBUG=1, чтобы увидеть подробности.');
    process.exitCode = 1;
  }
}
