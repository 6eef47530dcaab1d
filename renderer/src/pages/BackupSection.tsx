import { Alert, Anchor, Button, Group, Modal, Paper, PasswordInput, ScrollArea, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { CallOutput, SessionUser } from '../../../shared/api';
import { api, errorText } from '../api';
import { formatDateTime } from '../format';
import { notifyError, notifyOk } from '../ui';

type Status = CallOutput<'backup.status'>;
type Listing = CallOutput<'backup.folders'>;

/** What the Electron preload adds for choosing files (browser mode has none: the server lists its folders). */
interface DialogBridge {
  chooseFolder?: () => Promise<string | null>;
  chooseBackupFile?: () => Promise<string | null>;
}
const bridge = (window as unknown as { uchet?: DialogBridge }).uchet;

/** «Резервная копия» and «Восстановить из копии» on the settings page (administrators). */
export function BackupSection({ user, onChanged }: { user: SessionUser; onChanged: () => void }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const load = useCallback(() => {
    api.call('backup.status', {}).then(setStatus, (e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);

  return (
    <Paper withBorder p="md" radius="md" aria-label="Резервная копия">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Резервная копия
        </Title>
        {error && <Alert color="red">{error}</Alert>}
        {status && <LastBackup status={status} />}
        <Text size="sm" c="dimmed">
          Копия — один зашифрованный файл: сохраните его на флешку или в другую папку. После записи программа открывает
          копию и проверяет её. Открыть копию можно паролем администратора или кодом восстановления.
        </Text>
        {status && <MakeBackup initialFolder={status.folder} onMade={load} />}
        <Group>
          <Button variant="default" onClick={() => setRestoring(true)}>
            Восстановить из копии…
          </Button>
        </Group>
      </Stack>
      <RestoreDialog opened={restoring} login={user.login} onClose={() => setRestoring(false)} onOpened={onChanged} />
    </Paper>
  );
}

function LastBackup({ status }: { status: Status }) {
  return (
    <Stack gap={4}>
      <Text size="sm" data-testid="last-backup">
        Последняя копия: {status.lastAt ? <b>{formatDateTime(status.lastAt)}</b> : <b>ещё не делалась</b>}
        {status.lastFile && (
          <Text span size="sm" c="dimmed">
            {' '}
            — {status.lastFile}
          </Text>
        )}
      </Text>
      {status.stale && (
        <Alert color="yellow" role="status" title="Пора сделать резервную копию">
          {status.lastAt ? 'Последней копии больше недели.' : 'Копия базы ещё ни разу не делалась.'} Если компьютер сломается, без копии данные
          не вернуть.
        </Alert>
      )}
    </Stack>
  );
}

/** Folder field with «Выбрать…»: the shell's dialog in Electron, the server's folders in browser mode. */
export function MakeBackup({ initialFolder, onMade, label = 'Сделать копию' }: { initialFolder: string | null; onMade: () => void; label?: string }) {
  const [folder, setFolder] = useState(initialFolder ?? '');
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose() {
    if (bridge?.chooseFolder) {
      const picked = await bridge.chooseFolder();
      if (picked) setFolder(picked);
    } else setPicking(true);
  }

  async function make() {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const r = await api.call('backup.toFolder', { folder });
      setMade(r.file);
      notifyOk('Резервная копия сделана и проверена');
      onMade();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label="Папка для копии (флешка или другая папка)"
          value={folder}
          onChange={(e) => setFolder(e.currentTarget.value)}
          placeholder="Нажмите «Выбрать…»"
          style={{ flex: 1 }}
        />
        <Button variant="default" onClick={() => void choose()}>
          Выбрать…
        </Button>
      </Group>
      <Group>
        <Button onClick={() => void make()} loading={busy} disabled={!folder.trim()}>
          {label}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {made && (
        <Alert color="green" role="status">
          Копия записана и проверена: {made}
        </Alert>
      )}
      <FolderPicker
        opened={picking}
        start={folder || null}
        mode="folder"
        onClose={() => setPicking(false)}
        onPick={(p) => {
          setFolder(p);
          setPicking(false);
        }}
      />
    </Stack>
  );
}

/** Browser mode's folder list (the server's folders, where the database lives): pick a folder, or a backup file. */
function FolderPicker({ opened, start, mode, onClose, onPick }: { opened: boolean; start: string | null; mode: 'folder' | 'backup'; onClose: () => void; onPick: (path: string) => void }) {
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');

  const go = useCallback((path: string | undefined) => {
    setError(null);
    api.call('backup.folders', path ? { path } : {}).then(
      (l) => {
        setListing(l);
        setTyped(l.path);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);

  useEffect(() => {
    if (opened) go(start ?? undefined);
  }, [opened, start, go]);

  return (
    <Modal opened={opened} onClose={onClose} title={mode === 'folder' ? 'Выбор папки для копии' : 'Выбор файла копии'} size="lg">
      <Stack gap="sm">
        {listing && (
          <Group gap="xs">
            {listing.places.map((p) => (
              <Button key={p.path} size="compact-sm" variant="light" onClick={() => go(p.path)}>
                {p.label}
              </Button>
            ))}
          </Group>
        )}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput label="Папка" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} style={{ flex: 1 }} onKeyDown={(e) => e.key === 'Enter' && go(typed)} />
          <Button variant="default" onClick={() => go(typed)}>
            Перейти
          </Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {listing && (
          <ScrollArea h={300} type="auto">
            <Stack gap={2}>
              {listing.parent && (
                <UnstyledButton onClick={() => go(listing.parent ?? undefined)} p={4}>
                  <Text size="sm">⬆ Наверх</Text>
                </UnstyledButton>
              )}
              {listing.folders.map((f) => (
                <UnstyledButton key={f.path} onClick={() => go(f.path)} p={4} aria-label={`Папка ${f.name}`}>
                  <Text size="sm">📁 {f.name}</Text>
                </UnstyledButton>
              ))}
              {mode === 'backup' &&
                listing.backups.map((b) => (
                  <UnstyledButton key={b.path} onClick={() => onPick(b.path)} p={4} aria-label={`Копия ${b.name}`}>
                    <Text size="sm" fw={600}>
                      💾 {b.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {formatDateTime(b.modifiedAt)}, {Math.max(1, Math.round(b.bytes / 1024)).toLocaleString('ru-RU')} КБ
                      </Text>
                    </Text>
                  </UnstyledButton>
                ))}
              {listing.folders.length === 0 && (mode === 'folder' || listing.backups.length === 0) && (
                <Text size="sm" c="dimmed">
                  {mode === 'folder' ? 'Вложенных папок нет.' : 'Здесь нет файлов копий (.uchetbak).'}
                </Text>
              )}
            </Stack>
          </ScrollArea>
        )}
        {mode === 'folder' && listing && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button onClick={() => onPick(listing.path)}>Выбрать эту папку</Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}

/** Restore into a new file (the open database stays as it is), then offer to open the restored one. */
function RestoreDialog({ opened, login: myLogin, onClose, onOpened }: { opened: boolean; login: string; onClose: () => void; onOpened: () => void }) {
  const [from, setFrom] = useState('');
  const [login, setLogin] = useState(myLogin);
  const [password, setPassword] = useState('');
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ file: string; label: string } | null>(null);

  async function choose() {
    if (bridge?.chooseBackupFile) {
      const picked = await bridge.chooseBackupFile();
      if (picked) setFrom(picked);
    } else setPicking(true);
  }

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      setRestored(await api.call('backup.restoreCopy', { from, login, password }));
      setPassword('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function openRestored() {
    if (!restored) return;
    try {
      await api.call('backup.openRestored', { file: restored.file });
      onOpened();
    } catch (e) {
      notifyError(e, 'Не удалось открыть восстановленную базу');
    }
  }

  function close() {
    setRestored(null);
    setError(null);
    setPassword('');
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title="Восстановить из копии" size="lg">
      {restored ? (
        <Stack gap="sm">
          <Alert color="green" title="Копия восстановлена в новый файл">
            <Text size="sm">«{restored.label}» — {restored.file}</Text>
            <Text size="sm" mt={4}>
              Открытая сейчас база не изменилась. Открыть восстановленную? Программа перейдёт к ней и попросит войти.
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Остаться в этой базе
            </Button>
            <Button onClick={() => void openRestored()}>Открыть восстановленную базу</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Копия восстанавливается в <b>новый файл</b> в папке данных программы; открытая база не меняется. Нужны логин и пароль
            администратора той базы, из которой сделана копия.
          </Text>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput label="Файл копии (.uchetbak)" value={from} onChange={(e) => setFrom(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button variant="default" onClick={() => void choose()}>
              Выбрать…
            </Button>
          </Group>
          <TextInput label="Логин администратора копии" value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
          <PasswordInput label="Пароль" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Anchor component="button" type="button" size="sm" onClick={close}>
              Отмена
            </Anchor>
            <Button onClick={() => void restore()} loading={busy} disabled={!from.trim() || !login.trim() || !password}>
              Восстановить в новый файл
            </Button>
          </Group>
          <FolderPicker
            opened={picking}
            start={null}
            mode="backup"
            onClose={() => setPicking(false)}
            onPick={(p) => {
              setFrom(p);
              setPicking(false);
            }}
          />
        </Stack>
      )}
    </Modal>
  );
}

