import { Alert, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CallOutput } from '../../../shared/api';
import { api } from '../api';
import { formatDateTime } from '../format';
import { MakeBackup } from '../pages/BackupSection';
import { notifyError } from '../ui';

/** Where the user was when the app locked, per login and database: the same person unlocking comes back there (page and card). */
const PLACE_KEY = 'uchet.place';
/** The last login typed: the unlock screen shows it filled in. Not secret (the screen shows it anyway). */
const LOGIN_KEY = 'uchet.lastLogin';

export function rememberPlace(login: string, hash: string): void {
  try {
    sessionStorage.setItem(PLACE_KEY, JSON.stringify({ login, hash }));
  } catch {
    // Storage refused: the next unlock starts at the registry.
  }
}

/** The place to come back to, if this login left one (the address after «#»), else null. */
export function placeFor(login: string): string | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(PLACE_KEY) ?? 'null') as { login?: unknown; hash?: unknown } | null;
    return v && v.login === login && typeof v.hash === 'string' && v.hash.startsWith('#/') ? v.hash : null;
  } catch {
    return null;
  }
}

export function lastLogin(): string {
  try {
    return localStorage.getItem(LOGIN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberLogin(login: string): void {
  try {
    localStorage.setItem(LOGIN_KEY, login);
  } catch {
    // Only a convenience.
  }
}

/** On every screen of the demo: it is a demo, and the way to the real database (the wizard; the demo stays). */
export function DemoBadge({ onLeft, block = false }: { onLeft: () => void; block?: boolean }) {
  const [busy, setBusy] = useState(false);
  async function leave() {
    setBusy(true);
    try {
      await api.call('setup.leaveDemo', {});
      onLeft();
    } catch (e) {
      notifyError(e, 'Не удалось перейти к настоящей базе');
    } finally {
      setBusy(false);
    }
  }
  if (block) {
    return (
      <Alert color="orange" variant="light" p="sm" role="note" data-testid="demo-banner" title="Это демо: данные вымышленные">
        <Stack gap={6} align="flex-start">
          <Text size="sm">Дети, школы и люди здесь придуманы программой. Настоящая база создаётся отдельно, демо останется.</Text>
          <Button size="compact-sm" variant="light" color="orange" onClick={() => void leave()} loading={busy}>
            Создать настоящую базу
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" data-testid="demo-banner">
      <Badge color="orange" size="lg" variant="filled" title="Дети, школы и люди в этой базе придуманы программой">
        Демо: данные вымышленные
      </Badge>
      <Button size="compact-sm" variant="light" color="orange" onClick={() => void leave()} loading={busy}>
        Создать настоящую базу
      </Button>
    </Group>
  );
}

/** Offered on «Заблокировать» when no backup was made today (administrators): make one, or lock without. */
export function BackupOnLock({ status, onLock, onCancel }: { status: CallOutput<'backup.status'> | null; onLock: () => void; onCancel: () => void }) {
  return (
    <Modal opened={status !== null} onClose={onCancel} title="Сегодня резервная копия не делалась" size="lg">
      {status && (
        <Stack gap="sm">
          <Text size="sm">
            {status.lastAt ? `Последняя копия — ${formatDateTime(status.lastAt)}.` : 'Копия этой базы ещё ни разу не делалась.'} Сделать копию
            перед уходом? Она займёт несколько секунд.
          </Text>
          <MakeBackup initialFolder={status.folder} onMade={onLock} label="Сделать копию и заблокировать" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Отмена
            </Button>
            <Button variant="light" onClick={onLock}>
              Заблокировать без копии
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

export async function backupStatusIfDue(): Promise<CallOutput<'backup.status'> | null> {
  try {
    const s = await api.call('backup.status', {});
    return s.madeToday ? null : s;
  } catch {
    return null;
  }
}
