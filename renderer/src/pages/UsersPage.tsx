import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import {
  ROLES,
  ROLE_LABELS,
  loginSchema,
  type Organization,
  type Role,
  type SessionUser,
  type User,
  type CallOutput,
} from '../../../shared/api';
import { api, errorText } from '../api';
import { formatDate } from '../format';
import { fieldErrors, notifyError, notifyOk } from '../ui';
import { NewPasswordFields, newPasswordErrors } from '../NewPasswordFields';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

type RekeyResult = CallOutput<'users.rekey'>;

export function UsersPage({ user: me }: { user: SessionUser }) {
  const [users, setUsers] = useState<User[] | null>(null);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);
  const [confirmOff, setConfirmOff] = useState<User | null>(null);
  const [confirmRekey, setConfirmRekey] = useState(false);
  const [rekeying, setRekeying] = useState(false);
  const [rekeyed, setRekeyed] = useState<RekeyResult | null>(null);

  const load = useCallback(async () => {
    try {
      const [u, o] = await Promise.all([api.call('users.list', {}), api.call('orgs.list', {})]);
      setUsers(u);
      setOrgs(o);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const orgName = (id: number | null) => (id === null ? '' : (orgs.find((o) => o.id === id)?.shortName ?? `№ ${id}`));

  async function toggle(u: User) {
    setConfirmOff(null);
    setToggling(u.id);
    try {
      const res = await api.call('users.update', { id: u.id, active: !u.active });
      notifyOk(
        u.active
          ? `Пользователь ${u.login} отключён, ключ базы сменён`
          : `Пользователь ${u.login} включён: задайте ему новый пароль («Новый пароль»)`,
      );
      if (res.rekey && (res.rekey.recoveryCode || res.rekey.needNewPassword.length > 0)) setRekeyed(res.rekey);
      await load();
    } catch (e) {
      notifyError(e);
      await load();
    } finally {
      setToggling(null);
    }
  }

  async function rekey() {
    setConfirmRekey(false);
    setRekeying(true);
    try {
      setRekeyed(await api.call('users.rekey', {}));
    } catch (e) {
      notifyError(e, 'Ключ базы не сменён');
    } finally {
      setRekeying(false);
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Пользователи</Title>
        <Group gap="sm">
          <Button variant="default" loading={rekeying} onClick={() => setConfirmRekey(true)}>
            Сменить ключ базы
          </Button>
          <Button onClick={() => setAdding(true)}>Добавить пользователя</Button>
        </Group>
      </Group>
      <RolesProtectAlert />
      {error && <Alert color="red">{error}</Alert>}
      {!users && !error && <Loader aria-label="Загрузка" />}
      {users && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={860} type="native">
            <Table verticalSpacing="sm" aria-label="Пользователи">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Логин</Table.Th>
                  <Table.Th>Ф.И.О.</Table.Th>
                  <Table.Th>Роль</Table.Th>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Создан</Table.Th>
                  <Table.Th>Состояние</Table.Th>
                  <Table.Th>Действия</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.map((u) => (
                  <Table.Tr key={u.id} c={u.active ? undefined : 'dimmed'}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {u.login}
                      </Text>
                    </Table.Td>
                    <Table.Td>{u.displayName}</Table.Td>
                    <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                    <Table.Td>{orgName(u.orgId)}</Table.Td>
                    <Table.Td>{formatDate(u.createdAt)}</Table.Td>
                    <Table.Td style={{ minWidth: 120 }}>
                      <Badge variant="light" color={u.active ? 'green' : 'gray'}>
                        {u.active ? 'Работает' : 'Отключён'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setResetFor(u)}
                          aria-label={`Новый пароль для ${u.login}`}
                        >
                          Новый пароль
                        </Button>
                        {u.id !== me.id && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color={u.active ? 'red' : 'green'}
                            loading={toggling === u.id}
                            onClick={() => (u.active ? setConfirmOff(u) : void toggle(u))}
                            aria-label={`${u.active ? 'Отключить' : 'Включить'} ${u.login}`}
                          >
                            {u.active ? 'Отключить' : 'Включить'}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={<Text fw={700}>Новый пользователь</Text>} size="md">
        {adding && (
          <AddUserForm
            orgs={orgs}
            onCancel={() => setAdding(false)}
            onSaved={() => {
              setAdding(false);
              void load();
            }}
          />
        )}
      </Modal>
      <Modal opened={confirmOff !== null} onClose={() => setConfirmOff(null)} title={<Text fw={700}>Отключить {confirmOff?.login}?</Text>} size="md">
        {confirmOff && (
          <Stack gap="md">
            <Text size="sm">
              {confirmOff.displayName} больше не сможет войти. База данных будет перешифрована новым ключом: пароль этого пользователя
              и старые копии файла ключей её больше не откроют. Остальные входят со своими паролями, как прежде. На базе района это
              займёт до полуминуты.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmOff(null)}>
                Отмена
              </Button>
              <Button color="red" onClick={() => void toggle(confirmOff)}>
                Отключить и сменить ключ
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={confirmRekey} onClose={() => setConfirmRekey(false)} title={<Text fw={700}>Сменить ключ базы?</Text>} size="md">
        <Stack gap="md">
          <Text size="sm">
            База данных будет перешифрована новым случайным ключом, и он будет выдан всем действующим пользователям и коду
            восстановления. Пароли не меняются. Старые копии файла ключей (например, унесённые на флешке) базу больше не откроют. На
            базе района это займёт до полуминуты.
          </Text>
          <Text size="sm">
            Резервные копии, сделанные раньше, хранят свой файл ключей: они по-прежнему открываются паролями, которые действовали в день
            копии. После смены ключа сделайте новую резервную копию, а старые храните так же надёжно или уничтожьте.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmRekey(false)}>
              Отмена
            </Button>
            <Button color="red" onClick={() => void rekey()}>
              Сменить ключ
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={rekeyed !== null} onClose={() => setRekeyed(null)} title={<Text fw={700}>Ключ базы сменён</Text>} size="md" closeOnClickOutside={false}>
        {rekeyed && <RekeyDone result={rekeyed} onClose={() => setRekeyed(null)} />}
      </Modal>
      <Modal
        opened={resetFor !== null}
        onClose={() => setResetFor(null)}
        title={<Text fw={700}>Новый пароль для {resetFor?.login}</Text>}
        size="md"
      >
        {resetFor && <ResetPasswordForm target={resetFor} onDone={() => setResetFor(null)} />}
      </Modal>
    </Stack>
  );
}

/** What roles inside one database protect, and what they do not: said plainly where users are managed. */
function RolesProtectAlert() {
  return (
    <Alert color="blue" title="Что защищают роли">
      <Text size="sm">
        Роли ограничивают то, что показывает приложение: пользователь организации видит только детей своей организации, проверяющий —
        без особых отметок, и каждое действие записано в журнал. Но файл базы один, и пароль любого пользователя открывает его
        целиком: тот, у кого есть файл базы с файлом ключей и любой действующий пароль, может прочитать все данные в обход
        приложения. Поэтому школа, которой нельзя видеть детей других школ, должна работать со своей отдельной базой на своём
        компьютере, а не с учётной записью в базе отдела.
      </Text>
      <Text size="sm" mt="xs">
        Отключение пользователя и кнопка «Сменить ключ базы» перешифровывают базу: пароль отключённого и старые копии файла ключей её
        больше не открывают. Резервные копии, сделанные раньше, открываются паролями, действовавшими в день копии.
      </Text>
    </Alert>
  );
}

function RekeyDone({ result, onClose }: { result: RekeyResult; onClose: () => void }) {
  return (
    <Stack gap="md">
      <Text size="sm">Старые копии файла ключей к базе больше не подходят. Сделайте новую резервную копию.</Text>
      {result.recoveryCode && (
        <Alert color="orange" title="Новый код восстановления">
          <Text size="sm">Прежний код больше не действует. Запишите новый и храните его в сейфе:</Text>
          <Code block fz="lg" mt="xs" aria-label="Новый код восстановления">
            {result.recoveryCode}
          </Code>
        </Alert>
      )}
      {result.needNewPassword.length > 0 && (
        <Alert color="orange" title="Нужен новый пароль">
          <Text size="sm">Этим пользователям задайте новый пароль («Новый пароль»): старый к новому ключу не подходит.</Text>
          <List size="sm" mt="xs">
            {result.needNewPassword.map((login) => (
              <List.Item key={login}>{login}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>{result.recoveryCode ? 'Код записан' : 'Понятно'}</Button>
      </Group>
    </Stack>
  );
}

const ADD_FIELDS = ['login', 'displayName', 'role', 'orgId', 'password', 'password2'] as const;

function AddUserForm({ orgs, onCancel, onSaved }: { orgs: Organization[]; onCancel: () => void; onSaved: () => void }) {
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [orgId, setOrgId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const orgOptions = orgs
    .filter((o) => o.active && o.kind !== 'department')
    .map((o) => ({ value: String(o.id), label: o.shortName }));

  async function save() {
    const e: Record<string, string> = {};
    const l = loginSchema.safeParse(login);
    if (!l.success) e.login = l.error.issues[0]?.message ?? 'Неверный логин';
    if (!displayName.trim()) e.displayName = 'Укажите Ф.И.О.';
    if (role === 'school' && !orgId) e.orgId = 'Выберите организацию';
    const pw = newPasswordErrors(password, password2);
    if (pw.password) e.password = pw.password;
    if (pw.repeat) e.password2 = pw.repeat;
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    try {
      await api.call('users.add', {
        login,
        displayName,
        role,
        orgId: role === 'school' && orgId ? Number(orgId) : null,
        password,
      });
      notifyOk(`Пользователь ${login} добавлен`);
      onSaved();
    } catch (err) {
      const fe = fieldErrors(err, ADD_FIELDS);
      if (Object.keys(fe).length === 0) fe[''] = errorText(err);
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack gap="md">
        <TextInput
          label="Логин"
          description="Латинские буквы, цифры, точка, дефис"
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          error={errors.login}
          autoComplete="off"
          required
        />
        <TextInput
          label="Ф.И.О."
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName}
          required
        />
        <Select
          label="Роль"
          data={ROLE_OPTIONS}
          value={role}
          onChange={(v) => v && setRole(v as Role)}
          allowDeselect={false}
          error={errors.role}
        />
        {role === 'school' && (
          <Select
            label="Организация"
            description="Пользователь увидит только детей этой организации"
            data={orgOptions}
            value={orgId}
            onChange={setOrgId}
            error={errors.orgId}
            searchable
            nothingFoundMessage="Не найдено"
            required
          />
        )}
        <NewPasswordFields
          description="Не короче 8 символов"
          value={password}
          repeat={password2}
          onChange={setPassword}
          onRepeatChange={setPassword2}
          errors={{ password: errors.password, repeat: errors.password2 }}
          required
        />
        {errors[''] && <Alert color="red">{errors['']}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Отмена
          </Button>
          <Button type="submit" loading={busy}>
            Добавить
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResetPasswordForm({ target, onDone }: { target: User; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function save() {
    const e: Record<string, string> = {};
    const pw = newPasswordErrors(password, password2);
    if (pw.password) e.password = pw.password;
    if (pw.repeat) e.password2 = pw.repeat;
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    try {
      await api.call('users.resetPassword', { login: target.login, password });
      notifyOk(`Пароль пользователя ${target.login} изменён`);
      onDone();
    } catch (err) {
      const fe = fieldErrors(err, ['password']);
      if (Object.keys(fe).length === 0) fe[''] = errorText(err);
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm">
          {target.displayName} войдёт с этим паролем. Сообщите его лично, не по электронной почте.
        </Text>
        <NewPasswordFields
          label="Новый пароль"
          value={password}
          repeat={password2}
          onChange={setPassword}
          onRepeatChange={setPassword2}
          errors={{ password: errors.password, repeat: errors.password2 }}
          autoFocus
        />
        {errors[''] && <Alert color="red">{errors['']}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={busy}>
            Отмена
          </Button>
          <Button type="submit" loading={busy}>
            Сохранить пароль
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
