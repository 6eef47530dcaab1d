import { Alert, Anchor, Box, Button, Group, Paper, Progress, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { plural } from '../format';
import { fileSize, goIntake, readAsBase64 } from './common';
import { EMPTY_HEADER, ListFields, headerErrors, headerInput, type ListHeader } from './ListFields';

const ACCEPT = '.xlsx,.ods,.csv,.txt,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet,text/csv';

/** A file dropped on the table of lists waits here for the form that takes it. */
let droppedFile: File | null = null;
/** What was chosen last time: the next list often comes from the same organization. */
let lastHeader: ListHeader = EMPTY_HEADER;

export function takeDroppedFile(file: File): void {
  droppedFile = file;
  goIntake('file');
}

export function forgetUploadDraft(): void {
  droppedFile = null;
  lastHeader = EMPTY_HEADER;
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Drag-and-drop of a file anywhere on the window; `over` says whether a file is being held over it. */
export function useFileDrop(onFile: (file: File) => void, enabled = true): boolean {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFile, enabled]);
  return over;
}

export function DropOverlay({ text }: { text: string }) {
  return (
    <Box className="intake-drop-overlay" aria-hidden>
      <Text fw={700} size="xl">
        {text}
      </Text>
    </Box>
  );
}

type Phase = { step: 'idle' } | { step: 'reading'; share: number } | { step: 'sending'; since: number };

export function UploadPage() {
  const [header, setHeader] = useState<ListHeader>(lastHeader);
  const [file, setFile] = useState<File | null>(() => {
    const f = droppedFile;
    droppedFile = null;
    return f;
  });
  const [shown, setShown] = useState<Partial<Record<keyof ListHeader | 'file', string>>>({});
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const input = useRef<HTMLInputElement>(null);
  const busy = phase.step !== 'idle';

  useEffect(() => {
    lastHeader = header;
  }, [header]);

  useEffect(() => {
    if (phase.step !== 'sending') return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [phase.step]);

  const pick = useCallback((f: File) => {
    setFile(f);
    setFailure(null);
    setShown((old) => ({ ...old, file: undefined }));
  }, []);
  const over = useFileDrop(pick, !busy);

  const changeHeader = useCallback((next: ListHeader) => {
    setHeader(next);
    setShown((old) => {
      const errors = headerErrors(next);
      // A message goes away as soon as its field is right; new ones wait for the next try.
      return { file: old.file, orgId: old.orgId && errors.orgId, listKind: old.listKind && errors.listKind, asOf: old.asOf && errors.asOf };
    });
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Partial<Record<keyof ListHeader | 'file', string>> = headerErrors(header);
    if (!file) errors.file = 'Выберите файл списка или перетащите его сюда';
    setShown(errors);
    if (Object.values(errors).some(Boolean)) return;
    setFailure(null);
    try {
      setPhase({ step: 'reading', share: 0 });
      const base64 = await readAsBase64(file!, (share) => setPhase({ step: 'reading', share }));
      setPhase({ step: 'sending', since: Date.now() });
      setNow(Date.now());
      const summary = await api.call('intake.upload', { ...headerInput(header), fileName: file!.name, base64 });
      goIntake(String(summary.id));
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setPhase({ step: 'idle' });
    }
  }

  const seconds = phase.step === 'sending' ? Math.max(0, Math.floor((now - phase.since) / 1000)) : 0;

  return (
    <Stack gap="md" maw={1100}>
      {over && <DropOverlay text="Отпустите файл — он будет принят в эту форму" />}
      <Anchor component="button" type="button" onClick={() => goIntake('')} size="sm" w="fit-content">
        ← Списки
      </Anchor>
      <Title order={2}>Принять список из файла</Title>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Приём списка из файла">
        <Stack gap="md">
          <Paper withBorder p="md">
            <ListFields value={header} onChange={changeHeader} errors={shown} disabled={busy} autoFocus />
          </Paper>

          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label="Файл списка"
            data-testid="intake-file"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) pick(f);
              e.currentTarget.value = '';
            }}
          />
          <UnstyledButton
            className="intake-drop"
            data-filled={file ? true : undefined}
            data-error={shown.file ? true : undefined}
            onClick={() => input.current?.click()}
            disabled={busy}
            aria-describedby="intake-drop-hint"
          >
            {file ? (
              <Stack gap={4} align="center">
                <Text fw={700} size="lg">
                  {file.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {fileSize(file.size)} · нажмите, чтобы выбрать другой файл, или перетащите его сюда
                </Text>
              </Stack>
            ) : (
              <Stack gap={4} align="center">
                <Text fw={700} size="lg">
                  Перетащите файл списка сюда
                </Text>
                <Text size="sm" c="dimmed">
                  или нажмите, чтобы выбрать его на диске
                </Text>
              </Stack>
            )}
          </UnstyledButton>
          <Text id="intake-drop-hint" size="xs" c={shown.file ? 'red' : 'dimmed'} mt={-8}>
            {shown.file ??
              'Excel (.xlsx), LibreOffice (.ods) или CSV (в UTF-8 или Windows-1251, разделитель «;», «,» или табуляция). Строки с названием организации над таблицей, «№ п/п», итоги и подписи под таблицей программа пропустит сама.'}
          </Text>

          {failure && (
            <Alert color="red" title="Список не принят">
              {failure}
            </Alert>
          )}

          {busy && (
            <Paper withBorder p="md" aria-live="polite">
              {phase.step === 'reading' ? (
                <Stack gap={6}>
                  <Text size="sm">Чтение файла… {Math.round(phase.share * 100)}%</Text>
                  <Progress value={phase.share * 100} aria-label="Чтение файла" />
                </Stack>
              ) : (
                <Stack gap={6}>
                  <Text size="sm">
                    Разбор строк и сверка с реестром… {seconds > 0 && `${seconds} ${plural(seconds, 'секунда', 'секунды', 'секунд')}`}
                  </Text>
                  <Progress value={100} animated striped aria-label="Разбор списка" />
                  <Text size="xs" c="dimmed">
                    Список из 50 000 строк разбирается до полуминуты. В реестр пока ничего не записывается.
                  </Text>
                </Stack>
              )}
            </Paper>
          )}

          <Group gap="xs">
            <Button type="submit" loading={busy}>
              Проверить список
            </Button>
            <Button variant="default" onClick={() => goIntake('')} disabled={busy}>
              Отмена
            </Button>
            <Text size="sm" c="dimmed">
              В реестр ничего не попадёт, пока вы не просмотрите строки и не примените список.
            </Text>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
