import { Alert, Button, Group, Loader, NumberInput, Paper, PasswordInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { type SessionUser, type Settings } from '../../../shared/api';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { fieldErrors, notifyError, notifyOk } from '../ui';
import { NewPasswordFields, newPasswordErrors } from '../NewPasswordFields';
import { BackupSection } from './BackupSection';

export function SettingsPage({ user, onChanged }: { user: SessionUser; onChanged: () => void }) {
  return (
    <Stack gap="lg" maw={720}>
      <Title order={2}>Настройки</Title>
      <GeneralSettings canEdit={canCall(user.role, 'settings.update')} onChanged={onChanged} />
      {canCall(user.role, 'backup.status') && <BackupSection user={user} onChanged={onChanged} />}
      <ChangePassword />
    </Stack>
  );
}

function GeneralSettings({ canEdit, onChanged }: { canEdit: boolean; onChanged: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [idle, setIdle] = useState<number | string>('');
  const [department, setDepartment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('settings.get', {}).then(
      (s) => {
        setSettings(s);
        setIdle(s.idleMinutes);
        setDepartment(s.departmentName);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);

  async function save() {
    if (typeof idle !== 'number') {
      setErrors({ idleMinutes: 'Укажите число минут' });
      return;
    }
    if (!settings) return;
    setErrors({});
    // Only what changed, so Журнал records exactly the edit.
    const changes: { idleMinutes?: number; departmentName?: string } = {};
    if (idle !== settings.idleMinutes) changes.idleMinutes = idle;
    if (department !== settings.departmentName) changes.departmentName = department;
    if (Object.keys(changes).length === 0) {
      notifyOk('Изменений нет');
      return;
    }
    setBusy(true);
    try {
      const s = await api.call('settings.update', changes);
      setSettings(s);
      notifyOk('Настройки сохранены');
      onChanged();
    } catch (e) {
      const fe = fieldErrors(e, ['idleMinutes', 'departmentName']);
      if (Object.keys(fe).length > 0) setErrors(fe);
      else notifyError(e, 'Не удалось сохранить настройки');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Title order={3} size="h4">
          Общие
        </Title>
        {error && <Alert color="red">{error}</Alert>}
        {!settings && !error && <Loader size="sm" aria-label="Загрузка" />}
        {settings && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              if (canEdit) void save();
            }}
            noValidate
          >
            <Stack gap="md">
              <div>
                <Text size="sm" fw={500}>
                  Порядок учёта
                </Text>
                <Text size="sm">{settings.profileTitle}</Text>
              </div>
              <Textarea
                label="Наименование органа образования"
                autosize
                minRows={1}
                maxRows={4}
                value={department}
                onChange={(e) => setDepartment(e.currentTarget.value.replace(/\s*\n\s*/g, ' '))}
                error={errors.departmentName}
                readOnly={!canEdit}
              />
              <NumberInput
                label="Блокировать через, минут бездействия"
                description="После этого времени без действий программа закроет базу и попросит пароль"
                value={idle}
                onChange={setIdle}
                min={1}
                max={240}
                allowDecimal={false}
                allowNegative={false}
                error={errors.idleMinutes}
                readOnly={!canEdit}
                w={320}
              />
              {canEdit ? (
                <Group>
                  <Button type="submit" loading={busy}>
                    Сохранить настройки
                  </Button>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  Изменить эти настройки может администратор.
                </Text>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function ChangePassword() {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [newPassword2, setNew2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function save() {
    const e: Record<string, string> = {};
    if (!oldPassword) e.oldPassword = 'Введите текущий пароль';
    const pw = newPasswordErrors(newPassword, newPassword2);
    if (pw.password) e.newPassword = pw.password;
    if (pw.repeat) e.newPassword2 = pw.repeat;
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    try {
      await api.call('session.changePassword', { oldPassword, newPassword });
      setOld('');
      setNew('');
      setNew2('');
      notifyOk('Пароль изменён');
    } catch (err) {
      const fe = fieldErrors(err, ['oldPassword', 'newPassword']);
      if (Object.keys(fe).length === 0) fe[''] = errorText(err);
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg">
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="md" maw={400}>
          <Title order={3} size="h4">
            Смена своего пароля
          </Title>
          <PasswordInput
            label="Текущий пароль"
            value={oldPassword}
            onChange={(e) => setOld(e.currentTarget.value)}
            error={errors.oldPassword}
            autoComplete="current-password"
          />
          <NewPasswordFields
            label="Новый пароль"
            description="Не короче 8 символов"
            value={newPassword}
            repeat={newPassword2}
            onChange={setNew}
            onRepeatChange={setNew2}
            errors={{ password: errors.newPassword, repeat: errors.newPassword2 }}
          />
          {errors[''] && <Alert color="red">{errors['']}</Alert>}
          <Group>
            <Button type="submit" loading={busy}>
              Сменить пароль
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
