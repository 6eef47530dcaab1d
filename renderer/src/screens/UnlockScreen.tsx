import { Alert, Anchor, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/api';
import { api, errorText } from '../api';
import { fieldErrors } from '../ui';
import { NewPasswordFields, newPasswordErrors } from '../NewPasswordFields';
import { DemoBadge, lastLogin, rememberLogin } from './LockExtras';

/** The demo's login and password are no secret: the data are made up (electron/services/demo.ts). */
const DEMO_LOGIN = 'demo';
const DEMO_PASSWORD = 'demo-demo-demo';

/** Seconds left until `until` (ms since epoch), ticking once a second; 0 when past. */
function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

interface Props {
  label: string | null;
  retryAfterMs: number;
  onUnlocked: () => void;
  /** The demo database is the one to unlock: the screen says so, and offers the way to the real one. */
  demo?: boolean;
}

export function UnlockScreen({ label, retryAfterMs, onUnlocked, demo = false }: Props) {
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  const [until, setUntil] = useState(() => (retryAfterMs > 0 ? Date.now() + retryAfterMs : 0));

  // The server's own count wins over ours (e.g. after a reload during a pause).
  useEffect(() => {
    if (retryAfterMs > 0) setUntil((u) => Math.max(u, Date.now() + retryAfterMs));
  }, [retryAfterMs]);

  return (
    <Center mih="100vh" p="md" bg="gray.1">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={440} maw="100%">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              Учёт детей
            </Title>
            {label && (
              <Text c="dimmed" size="sm" mt={4}>
                {label}
              </Text>
            )}
          </div>
          {demo && (
            <Stack gap={6}>
              <DemoBadge onLeft={onUnlocked} block />
              <Text size="sm">
                Вход в демо: логин <b>{DEMO_LOGIN}</b>, пароль <b>{DEMO_PASSWORD}</b>.
              </Text>
            </Stack>
          )}
          {mode === 'login' ? (
            <LoginForm until={until} setUntil={setUntil} onUnlocked={onUnlocked} onForgot={() => setMode('recover')} initialLogin={lastLogin() || (demo ? DEMO_LOGIN : '')} />
          ) : (
            <RecoverForm until={until} setUntil={setUntil} onUnlocked={onUnlocked} onBack={() => setMode('login')} />
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

interface FormProps {
  until: number;
  setUntil: (ms: number) => void;
  onUnlocked: () => void;
}

/** Starts the countdown: from a THROTTLED answer, or — after a wrong password — from the pause that failure began (the pause is per login). */
async function throttleFrom(e: unknown, setUntil: (ms: number) => void): Promise<void> {
  if (!(e instanceof ApiError)) return;
  if ((e.code === 'THROTTLED' || e.code === 'WRONG_PASSWORD') && e.retryAfterMs) setUntil(Date.now() + e.retryAfterMs);
}

/** The server's message without its own «через N с»: the screen shows one countdown, live (see LoginForm). */
function withoutPause(text: string): string {
  return text.replace(/\s*(Следующая попытка — через|Подождите) \d+ с\.?/u, '').trim();
}

function LoginForm({ until, setUntil, onUnlocked, onForgot, initialLogin }: FormProps & { onForgot: () => void; initialLogin: string }) {
  // The login stays filled after a lock (the last one typed on this computer); the cursor waits in the password.
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ code: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(until);
  // One countdown: the message keeps only its reason, and «Следующая попытка через N с» ticks under it.
  const text = error ? withoutPause(error.text) : null;
  const shown = text && !(error?.code === 'THROTTLED' && wait === 0) ? text : null;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!login.trim() || !password) {
      setError({ code: 'EMPTY', text: 'Введите логин и пароль' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.call('session.unlock', { login, password });
      rememberLogin(login.trim());
      onUnlocked();
    } catch (e) {
      setError({ code: e instanceof ApiError ? e.code : 'INTERNAL', text: errorText(e) });
      setPassword('');
      await throttleFrom(e, setUntil);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(ev) => void submit(ev)} noValidate>
      <Stack gap="md">
        <TextInput
          label="Логин"
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          autoComplete="username"
          autoFocus={!initialLogin}
        />
        <PasswordInput
          label="Пароль"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          autoFocus={Boolean(initialLogin)}
        />
        {shown && (
          <Alert color="red" role="alert">
            {shown}
          </Alert>
        )}
        {wait > 0 && (
          <Text size="sm" c="dimmed" role="timer" data-testid="retry-countdown">
            Следующая попытка через {wait} с
          </Text>
        )}
        <Button type="submit" loading={busy} disabled={wait > 0} fullWidth>
          Войти
        </Button>
        <Group justify="center">
          <Anchor component="button" type="button" size="sm" onClick={onForgot}>
            Забыли пароль?
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

const RECOVER_FIELDS = ['recoveryCode', 'login', 'newPassword'] as const;

function RecoverForm({ until, setUntil, onUnlocked, onBack }: FormProps & { onBack: () => void }) {
  const [recoveryCode, setCode] = useState('');
  const [login, setLogin] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [newPassword2, setNewPassword2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(until);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!recoveryCode.trim()) e.recoveryCode = 'Введите код восстановления';
    if (!login.trim()) e.login = 'Введите логин';
    const pw = newPasswordErrors(newPassword, newPassword2);
    if (pw.password) e.newPassword = pw.password;
    if (pw.repeat) e.newPassword2 = pw.repeat;
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    try {
      await api.call('session.recover', { recoveryCode, login, newPassword });
      onUnlocked();
    } catch (err) {
      const fe = fieldErrors(err, RECOVER_FIELDS);
      if (Object.keys(fe).length === 0) fe[''] = errorText(err);
      setErrors(fe);
      await throttleFrom(err, setUntil);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(ev) => void submit(ev)} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Введите код восстановления, выданный при создании базы, и задайте пользователю новый пароль.
        </Text>
        <TextInput
          label="Код восстановления"
          value={recoveryCode}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errors.recoveryCode}
          styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
          autoFocus
        />
        <TextInput
          label="Логин"
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          error={errors.login}
          autoComplete="username"
        />
        <NewPasswordFields
          label="Новый пароль"
          value={newPassword}
          repeat={newPassword2}
          onChange={setNewPassword}
          onRepeatChange={setNewPassword2}
          errors={{ password: errors.newPassword, repeat: errors.newPassword2 }}
        />
        {errors[''] && (
          <Alert color="red" role="alert">
            {errors['']}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={wait > 0} fullWidth>
          {wait > 0 ? `Войти с новым паролем (через ${wait} с)` : 'Войти с новым паролем'}
        </Button>
        <Group justify="center">
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            Вернуться ко входу по паролю
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
