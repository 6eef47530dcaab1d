import './intake.css';
import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/api';
import type { SubmissionSummary } from '../../../shared/api/intake';
import { api, errorText } from '../api';
import { formatDate, formatDateTime, plural } from '../format';
import { StatusBadge, goIntake } from './common';
import { PaperGridPage, forgetPaperDraft } from './PaperGridPage';
import { ReviewPage, forgetReviewQueues } from './ReviewPage';
import { SubmissionPage } from './SubmissionPage';
import { DropOverlay, UploadPage, forgetUploadDraft, takeDroppedFile, useFileDrop } from './UploadPage';

/** Everything «Списки» keeps in memory between its screens (typed rows, the review queue): forgotten on lock. */
export function forgetIntakeDrafts(): void {
  forgetUploadDraft();
  forgetPaperDraft();
  forgetReviewQueues();
}

interface Props {
  path: string;
  user: SessionUser;
}

/** «Списки»: #/intake, #/intake/file, #/intake/paper, #/intake/12, #/intake/12/review[/rowId]. */
export function IntakePage({ path }: Props) {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'file') return <UploadPage />;
  if (parts[0] === 'paper') return <PaperGridPage />;
  const id = parts[0] && /^\d+$/.test(parts[0]) ? Number(parts[0]) : null;
  if (id !== null && parts[1] === 'review') {
    const rowId = parts[2] && /^\d+$/.test(parts[2]) ? Number(parts[2]) : null;
    return <ReviewPage key={id} submissionId={id} rowId={rowId} />;
  }
  if (id !== null) return <SubmissionPage key={id} id={id} />;
  return <SubmissionsList />;
}

function counts(s: SubmissionSummary): string {
  const c = s.counts;
  const parts = [`${c.rows.toLocaleString('ru-RU')} ${plural(c.rows, 'строка', 'строки', 'строк')}`];
  if (c.errors) parts.push(`ошибок ${c.errors}`);
  if (c.undecided) parts.push(`ждут решения ${c.undecided}`);
  if (c.new) parts.push(`новых ${c.new}`);
  if (c.excluded) parts.push(`не принято ${c.excluded}`);
  return parts.join(' · ');
}

function SubmissionsList() {
  const [list, setList] = useState<SubmissionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const over = useFileDrop(takeDroppedFile);

  const load = useCallback(async () => {
    try {
      setList(await api.call('intake.list', {}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="md">
      {over && <DropOverlay text="Отпустите файл, чтобы принять список" />}
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Списки</Title>
        <Group gap="xs">
          <Button onClick={() => goIntake('file')}>Принять список из файла</Button>
          <Button variant="default" onClick={() => goIntake('paper')}>
            Ввести бумажный список
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Списки от школ, детских садов, полиции, больницы и других участников. Файл можно просто перетащить в это окно.
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {!list && !error && <Loader aria-label="Загрузка" />}
      {list && list.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed">Списков пока нет. Примите первый из файла или введите бумажный.</Text>
        </Paper>
      )}
      {list && list.length > 0 && (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" aria-label="Принятые списки">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>№</Table.Th>
                <Table.Th>Получен</Table.Th>
                <Table.Th>Кто прислал</Table.Th>
                <Table.Th>Вид списка</Table.Th>
                <Table.Th w={110}>По состоянию на</Table.Th>
                <Table.Th>Строки</Table.Th>
                <Table.Th w={130}>Состояние</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s) => (
                <Table.Tr
                  key={s.id}
                  className="intake-list-row"
                  tabIndex={0}
                  onClick={() => goIntake(String(s.id))}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') goIntake(String(s.id));
                  }}
                  aria-label={`Список № ${s.id}: ${s.listTitle}, ${s.orgName}`}
                >
                  <Table.Td>{s.id}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(s.receivedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(s.receivedAt).slice(11, 16)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.orgName}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.listTitle}</Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {s.origin === 'grid' ? 'бумажный список, введён вручную' : `файл «${s.fileName ?? ''}»`}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(s.asOf)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{counts(s)}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <StatusBadge status={s.status} />
                    {s.status === 'applied' && s.appliedAt && (
                      <Text size="xs" c="dimmed">
                        {formatDate(s.appliedAt)}
                      </Text>
                    )}
                    {s.status === 'undone' && s.undoneAt && (
                      <Text size="xs" c="dimmed">
                        {formatDate(s.undoneAt)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
