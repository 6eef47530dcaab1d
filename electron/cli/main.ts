import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/errors';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { PROFILES } from '../../shared/profiles';
import { clockFromEnv } from '../app/clock';
import { Workspace } from '../app/workspace';
import { createDispatcher } from '../dispatcher';
import { DEMO_LOGIN, watchDemoProgress } from '../services/demo';
import { need, secret, UsageError, type CliCommand, type CliOption, type CliValues } from './command';
import { coreCommands } from './core';
import { keyCommands } from './keys';
import { reportCommands } from './report';
import { deskCommands } from './desk';
import { attendanceCommands } from './attendance';
import { educationCommands } from './education';

/**
 * Every command that works on a database is a CliCommand making calls through the dispatcher, as the UI does:
 * the role check and the journal apply to the command line too. A new file of commands is added here.
 */
const COMMANDS: readonly CliCommand[] = [...coreCommands, ...keyCommands, ...reportCommands, ...deskCommands, ...educationCommands, ...attendanceCommands];

const USAGE = `Учёт детей — командная строка.

Пароль берётся из переменной окружения UCHET_PASSWORD или из файла --password-file, никогда из аргументов.
Пользователь, от имени которого выполняется команда: --user LOGIN (или UCHET_USER; по умолчанию admin).

  uchet init --db FILE --profile ${PROFILES.map((p) => p.id).join('|')} --admin LOGIN [--name "Ф.И.О."] [--department "…"]
  uchet restore --from BACKUP_FILE --db NEW_FILE   (администратор копии: его пароль, или код восстановления:
        UCHET_RECOVERY_CODE / --recovery-code-file)
  uchet demo --db FILE --children N [--seed S] [--profile ${PROFILES.map((p) => p.id).join('|')}]
        (новая база с вымышленными детьми; логин и пароль демо-пользователя печатаются, пароль не нужен)
${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}
`;

const COMMON_OPTIONS: Record<string, CliOption> = {
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
  from: { type: 'string' },
  'password-file': { type: 'string' },
  'new-password-file': { type: 'string' },
  'recovery-code-file': { type: 'string' },
  password: { type: 'string' },
  children: { type: 'string' },
  seed: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const OPTIONS: Record<string, CliOption> = Object.assign({}, COMMON_OPTIONS, ...COMMANDS.map((c) => c.options ?? {}));

const password = (v: CliValues) => secret('UCHET_PASSWORD', v['password-file'] as string | undefined, 'Пароль');
const explicitUser = (v: CliValues) => (typeof v.user === 'string' ? v.user : process.env.UCHET_USER);
const actingUser = (v: CliValues) => explicitUser(v) ?? 'admin';

function caller(ws: Workspace) {
  const dispatch = createDispatcher(ws);
  return async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const res = await dispatch(name, input);
    if (!res.ok) throw ApiError.from(res.error);
    return res.result as CallOutput<N>;
  };
}

/** The command named by the first words, the longest name first (`links export` before `links`). */
function findCommand(positionals: string[]): CliCommand | undefined {
  return [...COMMANDS]
    .sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((w, i) => positionals[i] === w));
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--password')) throw new UsageError('Пароль в аргументах командной строки виден другим программам: используйте UCHET_PASSWORD или --password-file');
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [cmd] = positionals;
  if (values.help || !cmd) return void console.log(USAGE);

  if (cmd === 'init') {
    const ws = new Workspace(need(values, 'db'), clockFromEnv());
    const profileId = need(values, 'profile');
    const profile = PROFILES.find((p) => p.id === profileId);
    if (!profile) throw new UsageError(`Неизвестный профиль «${profileId}». Есть: ${PROFILES.map((p) => p.id).join(', ')}`);
    const res = await createDispatcher(ws)('setup.create', {
      profileId,
      departmentName: typeof values.department === 'string' ? values.department : profile.departmentName,
      adminLogin: need(values, 'admin'),
      adminName: typeof values.name === 'string' ? values.name : 'Администратор',
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
    // Through the dispatcher like every call: the restore is checked (an administrator of the copy) and journaled.
    const ws = new Workspace(need(values, 'db'), clockFromEnv());
    const from = need(values, 'from');
    const useCode = Boolean(values['recovery-code-file'] || process.env.UCHET_RECOVERY_CODE);
    const login = useCode ? explicitUser(values) : actingUser(values);
    try {
      await caller(ws)('backup.restore', {
        from,
        ...(login ? { login } : {}),
        ...(useCode
          ? { recoveryCode: secret('UCHET_RECOVERY_CODE', values['recovery-code-file'] as string | undefined, 'Код восстановления') }
          : { password: password(values) }),
      });
    } finally {
      ws.lock();
    }
    console.log(`База восстановлена: ${ws.dbPath}`);
    return;
  }

  const command = findCommand(positionals);
  if (!command) throw new UsageError(`Неизвестная команда: ${positionals.join(' ')}`);
  if (command.runWithoutDatabase && !values.db) return command.runWithoutDatabase({ values, args: positionals.slice(command.words.length) });
  const ws = new Workspace(need(values, 'db'), clockFromEnv());
  if (!ws.exists()) throw new ApiError('NOT_FOUND', `Файл базы данных не найден: ${ws.dbPath}`);
  const call = caller(ws);
  await call('session.unlock', { login: actingUser(values), password: password(values) });
  try {
    await command.run({ values, args: positionals.slice(command.words.length), call, ws });
  } finally {
    ws.lock();
  }
}

/** A new database with a made-up municipality; prints the demo user's login and password. */
async function demo(values: CliValues): Promise<void> {
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

/**
 * A reader that stops reading early (`uchet orgs list --db FILE | head -1`) closes the pipe: the rest of the output
 * has nowhere to go, and that is the reader's choice, not an error. The command ends quietly, as `ls | head` does.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    console.error(`Ошибка вывода: ${err.code ?? err.name}`);
    process.exit(1);
  });
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  const code = (err as { code?: string }).code;
  if (err instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS_')) {
    // One line: what is wrong, and where the usage is (uchet --help prints it). Node's own parse errors are English.
    const option = /'(-[^' <]+)/.exec((err as Error).message)?.[1] ?? '';
    const text =
      err instanceof UsageError
        ? (err as Error).message.replace(/\.$/, '')
        : code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
          ? `неизвестный параметр ${option}`
          : `у параметра ${option} нет значения или оно неверно`;
    console.error(`Ошибка: ${text}. Справка: uchet --help`);
    process.exitCode = 2;
  } else if (err instanceof ApiError) {
    console.error(`Ошибка: ${err.message}`);
    process.exitCode = 1;
  } else {
    console.error(process.env.UCHET_DEBUG ? err : 'Внутренняя ошибка. Запустите с UCHET_DEBUG=1, чтобы увидеть подробности.');
    process.exitCode = 1;
  }
}
