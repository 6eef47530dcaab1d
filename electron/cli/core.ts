import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readBackup } from '../../db/backup';
import { readKeyFile } from '../../db/keys';
import { ApiError } from '../../shared/api/errors';
import { parseSeal, type ShownSeal } from '../../shared/api/journalSeal';
import { ROLES } from '../../shared/api/roles';
import { ORG_KINDS } from '../../shared/profiles/types';
import { need, secret, UsageError, writeOut, type CliCommand, type CliValues } from './command';

function printRows(rows: Record<string, unknown>[], json: unknown): void {
  if (json) return void console.log(JSON.stringify(rows, null, 2));
  for (const r of rows) console.log(Object.values(r).map((x) => (x === null ? '' : String(x))).join('\t'));
}

const list = (v: CliValues, name: string): string[] => {
  const x = v[name];
  return Array.isArray(x) ? x.map(String) : typeof x === 'string' ? [x] : [];
};

/** The commands that work on an open database, each through the dispatcher as the acting user. */
export const coreCommands: CliCommand[] = [
  {
    words: ['users', 'list'],
    usage: 'uchet users list --db FILE [--json]',
    run: async ({ call, values }) => printRows(await call('users.list', {}), values.json),
  },
  {
    words: ['users', 'add'],
    usage: `uchet users add --db FILE --login LOGIN --name "Ф.И.О." --role ${ROLES.join('|')} [--org ID|КРАТКОЕ_НАИМЕНОВАНИЕ]
      (пароль нового пользователя: UCHET_NEW_PASSWORD или --new-password-file)`,
    run: async ({ call, values }) => {
      const role = need(values, 'role');
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`Неизвестная роль «${role}». Есть: ${ROLES.join(', ')}`);
      let orgId: number | null = null;
      if (values.org) {
        const orgs = await call('orgs.list', {});
        const org = orgs.find((o) => String(o.id) === values.org || o.shortName === values.org);
        if (!org) throw new UsageError(`Нет организации «${String(values.org)}» (см. uchet orgs list)`);
        orgId = org.id;
      }
      const user = await call('users.add', {
        login: need(values, 'login'),
        displayName: need(values, 'name'),
        role: role as (typeof ROLES)[number],
        orgId,
        password: secret('UCHET_NEW_PASSWORD', values['new-password-file'] as string | undefined, 'Пароль нового пользователя'),
      });
      console.log(`Пользователь добавлен: ${user.login} (id ${user.id})`);
    },
  },
  {
    words: ['orgs', 'list'],
    usage: 'uchet orgs list --db FILE [--json]',
    run: async ({ call, values }) => {
      const orgs = await call('orgs.list', {});
      printRows(orgs.map((o) => ({ id: o.id, kind: o.kind, shortName: o.shortName, fullName: o.fullName, headName: o.headName })), values.json);
    },
  },
  {
    words: ['orgs', 'add'],
    usage: `uchet orgs add --db FILE --kind ${ORG_KINDS.join('|')} --full-name "…" --short-name "…" [--address "…"] [--head-position "…"] [--head-name "…"]`,
    run: async ({ call, values }) => {
      const kind = need(values, 'kind');
      if (!(ORG_KINDS as readonly string[]).includes(kind)) throw new UsageError(`Неизвестный вид организации «${kind}». Есть: ${ORG_KINDS.join(', ')}`);
      const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
      const org = await call('orgs.add', {
        kind: kind as (typeof ORG_KINDS)[number],
        fullName: need(values, 'full-name'),
        shortName: need(values, 'short-name'),
        address: str('address'),
        headPosition: str('head-position'),
        headName: str('head-name'),
      });
      console.log(`Организация добавлена: ${org.shortName} (id ${org.id})`);
    },
  },
  {
    words: ['audit', 'verify'],
    usage: `uchet audit verify --db FILE [--backup BACKUP_FILE]… [--seal "№/ЗАПИСЕЙ/ХЕШ"]…
      (журнал сверяется с печатью в файле ключей и с печатями резервных копий и распечаток)`,
    options: { backup: { type: 'string', multiple: true }, seal: { type: 'string', multiple: true } },
    run: async ({ call, values, ws }) => {
      const dbId = readKeyFile(ws.keysPath).dbId;
      const seals: ShownSeal[] = [];
      for (const file of list(values, 'backup')) {
        const { keys } = readBackup(file);
        if (keys.dbId !== dbId) throw new ApiError('VALIDATION', `Резервная копия ${file} сделана с другой базы: сверять с ней журнал нельзя.`);
        if (!keys.journalSeal) throw new ApiError('VALIDATION', `В резервной копии ${file} нет печати журнала (копия сделана прежней версией программы).`);
        seals.push({ ...keys.journalSeal, source: `резервная копия ${basename(file)}` });
      }
      for (const text of list(values, 'seal')) {
        const seal = parseSeal(text);
        if (!seal) throw new UsageError(`Печать журнала «${text}» не прочитана: ожидается «номер/записей/хеш из 64 шестнадцатеричных цифр»`);
        seals.push({ ...seal, source: 'распечатка' });
      }
      const verdict = await call('audit.verify', { seals });
      if (!verdict.ok) throw new ApiError('DAMAGED', verdict.message);
      console.log(verdict.message);
    },
  },
  {
    words: ['backup'],
    usage: 'uchet backup --db FILE --to BACKUP_FILE   (администратор)',
    options: { to: { type: 'string' } },
    run: async ({ call, values }) => {
      const made = await call('backup.create', { to: need(values, 'to') });
      console.log(`Резервная копия записана: ${made.file} (${(made.bytes / 1024).toFixed(0)} КиБ)`);
    },
  },
  {
    words: ['children', 'export'],
    usage: `uchet children export --db FILE --format csv|json [--out FILE]
      (все дети: id, Ф.И.О., дата рождения, организация, класс, форма обучения; по умолчанию в стандартный вывод)`,
    run: async ({ call, values }) => {
      const format = need(values, 'format');
      if (format !== 'csv' && format !== 'json') throw new UsageError(`Неизвестный формат «${format}». Есть: csv, json`);
      const { text, rows } = await call('children.exportPlain', { format });
      writeOut(text, values.out, `Выгружено детей: ${rows} → ${String(values.out)}`);
    },
  },
  {
    words: ['links', 'export'],
    usage: `uchet links export --db FILE --format csv [--out FILE]
      (строка на каждую принятую строку списков: file;row;child_id;decision;score)`,
    run: async ({ call, values }) => {
      if (need(values, 'format') !== 'csv') throw new UsageError('Формат выгрузки связей: csv');
      const { text, rows } = await call('intake.exportLinks', { format: 'csv' });
      writeOut(text, values.out, `Выгружено строк: ${rows} → ${String(values.out)}`);
    },
  },
  {
    words: ['import'],
    usage: `uchet import --list-kinds --db FILE
  uchet import --db FILE --org ID|КРАТКОЕ_НАИМЕНОВАНИЕ --kind ВИД_СПИСКА --as-of ГГГГ-ММ-ДД [--apply] ФАЙЛ
      (печатает JSON: строк прочитано, с ошибками, связано автоматически, на проверку, новых)`,
    options: { 'as-of': { type: 'string' }, apply: { type: 'boolean' }, 'list-kinds': { type: 'boolean' } },
    run: async ({ call, values, args }) => {
      if (values['list-kinds']) {
        const kinds = await call('intake.listKinds', {});
        return printRows(kinds.map((k) => ({ id: k.id, title: k.title, asOf: k.asOf })), values.json);
      }
      const file = args[0];
      if (!file) throw new UsageError('Не указан файл списка');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new ApiError('NOT_FOUND', `Файл не найден: ${file}`);
      }
      const orgs = await call('orgs.list', {});
      const org = orgs.find((o) => String(o.id) === values.org || o.shortName === values.org);
      if (!org) throw new UsageError(`Нет организации «${typeof values.org === 'string' ? values.org : ''}» (см. uchet orgs list)`);
      const kinds = await call('intake.listKinds', {});
      if (!kinds.some((k) => k.id === values.kind)) throw new UsageError(`Неизвестный вид списка «${typeof values.kind === 'string' ? values.kind : ''}» (см. uchet import --list-kinds)`);
      const submitted = await call('intake.upload', { orgId: org.id, listKind: need(values, 'kind'), asOf: need(values, 'as-of'), fileName: basename(file), base64: bytes.toString('base64') });
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
        await call('intake.apply', { submissionId: submitted.id });
        report.applied = true;
      }
      console.log(JSON.stringify(report, null, 2));
    },
  },
];
