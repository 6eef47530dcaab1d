import type { CallOutput } from '../../shared/api/contract';
import { need, UsageError, type CliCommand } from './command';

function printRekey(r: CallOutput<'users.rekey'>): void {
  console.log(`Ключ базы сменён (поколение ${r.generation}): старые копии файла ключей к базе больше не подходят. Сделайте новую резервную копию.`);
  if (r.needNewPassword.length > 0) console.log(`Задайте новый пароль пользователям (старый к новому ключу не подходит): ${r.needNewPassword.join(', ')}`);
  if (r.recoveryCode) console.log(`Новый код восстановления (прежний больше не действует; запишите и храните отдельно):\n${r.recoveryCode}`);
}

/** Deactivation and re-key from the command line, through the dispatcher like the Users page. */
export const keyCommands: CliCommand[] = [
  {
    words: ['users', 'deactivate'],
    usage: 'uchet users deactivate --db FILE --login LOGIN   (пользователь больше не входит; ключ базы меняется)',
    run: async ({ call, values }) => {
      const login = need(values, 'login');
      const user = (await call('users.list', {})).find((u) => u.login === login);
      if (!user) throw new UsageError(`Нет пользователя «${login}» (см. uchet users list)`);
      if (!user.active) return void console.log(`Пользователь ${login} уже отключён.`);
      const res = await call('users.update', { id: user.id, active: false });
      console.log(`Пользователь ${login} отключён.`);
      if (res.rekey) printRekey(res.rekey);
    },
  },
  {
    words: ['users', 'rekey'],
    usage: 'uchet users rekey --db FILE   (новый ключ базы для всех действующих пользователей и кода восстановления)',
    run: async ({ call }) => printRekey(await call('users.rekey', {})),
  },
];
