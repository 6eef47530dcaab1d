import { Alert, Anchor, Badge, Button, Group, Loader, Pagination, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SubmissionRow, SubmissionSummary } from '../../../shared/api/intake';
import { api, errorText } from '../api';
import { formatDate, formatDateTime, plural } from '../format';
import { notifyError, notifyOk } from '../ui';
import { Confirm, STATUS_LABELS, StatusBadge, goIntake } from './common';
import { MappingEditor } from './MappingEditor';
import { addToQueue } from './ReviewPage';
import { RowsTable } from './Rows';

type Filter = 'all' | 'errors' | 'review' | 'new' | 'newClose' | 'linked' | 'excluded' | 'conflicts';

const PAGE = 50;

const TABS: { id: Filter; label: string; count: (c: SubmissionSummary['counts']) => number; color?: string }[] = [
  { id: 'all', label: 'Все', count: (c) => c.rows },
  { id: 'errors', label: 'С ошибками', count: (c) => c.errors, color: 'red' },
  { id: 'review', label: 'На проверку', count: (c) => c.review, color: 'orange' },
  { id: 'new', label: 'Новые', count: (c) => c.new, color: 'blue' },
  { id: 'newClose', label: 'Новые, но похожи на ребёнка реестра', count: (c) => c.newClose, color: 'orange' },
  { id: 'linked', label: 'Связаны', count: (c) => c.auto + c.manual, color: 'teal' },
  { id: 'excluded', label: 'Не принимаются', count: (c) => c.excluded, color: 'gray' },
  { id: 'conflicts', label: 'Конфликты', count: (c) => c.conflicts, color: 'orange' },
];

/** Filter and page of a submission's table, kept while the user goes to the review queue and back. */
const places = new Map<number, { filter: Filter; page: number }>();

/** Why the list cannot be applied yet, in words; empty when it can. */
export function applyBlockers(s: SubmissionSummary): string[] {
  const out: string[] = [];
  const c = s.counts;
  if (c.errors) out.push(`${c.errors} ${plural(c.errors, 'строка', 'строки', 'строк')} с ошибками — исправьте ${plural(c.errors, 'её', 'их', 'их')} или отметьте «Не принимать»`);
  if (c.undecided) out.push(`${c.undecided} ${plural(c.undecided, 'строка ждёт', 'строки ждут', 'строк ждут')} решения — «Проверить совпадения»`);
  if (c.rows - c.excluded - c.errors <= 0) out.push('в списке не осталось строк для применения');
  return out;
}

const applied = (c: SubmissionSummary['counts']) => c.rows - c.excluded - c.errors;

export function SubmissionPage({ id }: { id: number }) {
  const [summary, setSummary] = useState<SubmissionSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const place = places.get(id) ?? { filter: 'all' as Filter, page: 1 };
  const [filter, setFilter] = useState<Filter>(place.filter);
  const [page, setPage] = useState(place.page);
  const [rows, setRows] = useState<{ key: string; rows: SubmissionRow[]; total: number } | null>(null);
  const [samples, setSamples] = useState<string[][]>([]);
  const [editing, setEditing] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<'apply' | 'undo' | 'discard' | null>(null);
  const [version, setVersion] = useState(0);
  const key = `${filter}|${page}|${version}`;
  const keyRef = useRef(key);
  keyRef.current = key;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const firstLoad = useRef(true);

  useEffect(() => {
    places.set(id, { filter, page });
  }, [id, filter, page]);

  const loadSummary = useCallback(async () => {
    try {
      const next = await api.call('intake.summary', { submissionId: id });
      // Opened again on a filter that has nothing left (the errors were fixed, the matches decided): all rows.
      if (firstLoad.current) {
        firstLoad.current = false;
        const tab = TABS.find((t) => t.id === filterRef.current);
        if (tab && tab.id !== 'all' && tab.count(next.counts) === 0) {
          setFilter('all');
          setPage(1);
        }
      }
      setSummary(next);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id]);

  useEffect(() => {
    void loadSummary();
  }, [loadSummary]);

  useEffect(() => {
    const k = key;
    api.call('intake.rows', { submissionId: id, filter, offset: (page - 1) * PAGE, limit: PAGE }).then(
      (res) => {
        if (keyRef.current !== k) return;
        // A page past the end (rows left the filter): to the last page there is.
        if (res.rows.length === 0 && res.total > 0 && page > 1) setPage(Math.ceil(res.total / PAGE));
        else setRows({ key: k, rows: res.rows, total: res.total });
      },
      (e: unknown) => keyRef.current === k && setError(errorText(e)),
    );
  }, [id, filter, page, key]);

  useEffect(() => {
    api.call('intake.rows', { submissionId: id, filter: 'all', offset: 0, limit: 3 }).then(
      (res) => setSamples(res.rows.map((r) => r.cells)),
      () => undefined,
    );
  }, [id, version]);

  const onRow = useCallback(
    (next: SubmissionRow) => {
      // The row stays where it is (even if it no longer fits the filter) so the person sees what became of it.
      setRows((old) => (old ? { ...old, rows: old.rows.map((r) => (r.id === next.id ? next : r)) } : old));
      void loadSummary();
    },
    [loadSummary],
  );

  if (error && !summary) {
    return (
      <Stack gap="md">
        <Anchor component="button" type="button" onClick={() => goIntake('')} size="sm" w="fit-content">
          ← Списки
        </Anchor>
        <Alert color="red" title="Список не открылся">
          {error}
        </Alert>
      </Stack>
    );
  }
  if (!summary) return <Loader aria-label="Загрузка" />;

  const s = summary;
  const c = s.counts;
  const draft = s.status === 'draft';
  const blockers = applyBlockers(s);
  const loading = !rows || rows.key !== key;

  function chooseFilter(f: Filter) {
    setFilter(f);
    setPage(1);
    setEditing(null);
  }

  async function setMapping(mapping: Record<string, string | null>) {
    try {
      setSummary(await api.call('intake.setMapping', { submissionId: id, mapping }));
      setEditing(null);
      setPage(1);
      setVersion((v) => v + 1);
      notifyOk('Строки прочитаны заново');
    } catch (e) {
      notifyError(e, 'Столбцы не изменены');
    }
  }

  async function apply() {
    try {
      const next = await api.call('intake.apply', { submissionId: id });
      setSummary(next);
      setConfirm(null);
      setEditing(null);
      setFilter('all');
      setPage(1);
      setVersion((v) => v + 1);
      notifyOk('Список применён: сведения внесены в реестр');
    } catch (e) {
      notifyError(e, 'Список не применён');
      void loadSummary();
    }
  }

  async function undo() {
    try {
      const res = await api.call('intake.undo', { submissionId: id });
      setSummary(res);
      setConfirm(null);
      setFilter('all');
      setPage(1);
      setVersion((v) => v + 1);
      notifyOk(
        `Список отменён: ${res.withdrawnFacts} ${plural(res.withdrawnFacts, 'сведение отозвано', 'сведения отозваны', 'сведений отозвано')}` +
          (res.removedChildren ? `, ${res.removedChildren} ${plural(res.removedChildren, 'ребёнок удалён', 'ребёнка удалены', 'детей удалены')} из реестра` : ''),
      );
    } catch (e) {
      notifyError(e, 'Список не отменён');
    }
  }

  async function discard() {
    try {
      await api.call('intake.discard', { submissionId: id });
      setConfirm(null);
      notifyOk('Черновик списка отклонён');
      goIntake('');
    } catch (e) {
      notifyError(e, 'Не получилось');
    }
  }

  function review(row: SubmissionRow) {
    addToQueue(id, row);
    goIntake(`${id}/review/${row.id}`);
  }

  return (
    <Stack gap="md">
      <Anchor component="button" type="button" onClick={() => goIntake('')} size="sm" w="fit-content">
        ← Списки
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div>
          <Group gap="sm" align="center">
            <Title order={2}>Список № {s.id}</Title>
            <StatusBadge status={s.status} size="lg" />
          </Group>
          <Text fw={600} mt={4}>
            {s.listTitle}
          </Text>
          <Text size="sm" c="dimmed">
            {s.orgName} · по состоянию на {formatDate(s.asOf)} · получен {formatDateTime(s.receivedAt)} ·{' '}
            {s.origin === 'grid' ? 'бумажный список, введён вручную' : `файл «${s.fileName ?? ''}»`}
          </Text>
          {s.status === 'applied' && s.appliedAt && (
            <Text size="sm" c="green.8">
              Применён {formatDateTime(s.appliedAt)}
            </Text>
          )}
          {s.status === 'undone' && s.undoneAt && (
            <Text size="sm" c="dimmed">
              Применён {formatDateTime(s.appliedAt)}, отменён {formatDateTime(s.undoneAt)}: все его сведения отозваны
            </Text>
          )}
        </div>
        <Group gap="xs">
          {draft && (
            <Button variant="subtle" color="gray" onClick={() => setConfirm('discard')}>
              Отклонить список
            </Button>
          )}
          {s.status === 'applied' && (
            <Button variant="light" color="red" onClick={() => setConfirm('undo')}>
              Отменить список
            </Button>
          )}
        </Group>
      </Group>

      {s.sameFileAs && draft && (
        <Alert color="orange" variant="filled" title="Этот файл уже принимали" role="alert">
          <Text size="sm">
            Точно такой же файл получен {formatDateTime(s.sameFileAs.receivedAt)} — список № {s.sameFileAs.id} (
            {STATUS_LABELS[s.sameFileAs.status as SubmissionSummary['status']] ?? s.sameFileAs.status}). Если это тот же список, отклоните этот черновик.
            Применить его ещё раз можно: дублей детей и сведений не будет.
          </Text>
          <Group gap="xs" mt="xs">
            <Button size="xs" variant="white" color="orange" onClick={() => goIntake(String(s.sameFileAs!.id))}>
              Открыть список № {s.sameFileAs.id}
            </Button>
            <Button size="xs" variant="white" color="gray" onClick={() => setConfirm('discard')}>
              Отклонить этот черновик
            </Button>
          </Group>
        </Alert>
      )}

      {s.origin === 'file' && s.headers.length > 0 && (
        <MappingEditor key={`${version}-${JSON.stringify(s.mapping)}`} summary={s} samples={samples} editable={draft} onChange={setMapping} />
      )}

      {draft && (
        <Paper withBorder p="sm" bg={blockers.length ? 'white' : 'green.0'}>
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Stack gap={2}>
              {blockers.length ? (
                <>
                  <Text fw={600}>Пока применить нельзя:</Text>
                  {blockers.map((b) => (
                    <Text key={b} size="sm" c="red.8">
                      • {b}
                    </Text>
                  ))}
                </>
              ) : (
                <Text fw={600}>
                  Всё проверено: {applied(c)} {plural(applied(c), 'строка будет применена', 'строки будут применены', 'строк будут применены')}
                  {c.excluded ? `, ${c.excluded} не ${plural(c.excluded, 'принимается', 'принимаются', 'принимаются')}` : ''}.
                </Text>
              )}
            </Stack>
            <Group gap="xs">
              {c.review > 0 && (
                <Button variant={c.undecided ? 'filled' : 'default'} color="orange" onClick={() => goIntake(`${id}/review`)}>
                  Проверить совпадения{c.undecided ? ` (${c.undecided})` : ''}
                </Button>
              )}
              <Button onClick={() => setConfirm('apply')} disabled={blockers.length > 0} title={blockers.length ? blockers.join('; ') : undefined}>
                Применить список
              </Button>
            </Group>
          </Group>
        </Paper>
      )}

      <Tabs value={filter} onChange={(v) => v && chooseFilter(v as Filter)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => {
            const n = t.count(c);
            return (
              <Tabs.Tab
                key={t.id}
                value={t.id}
                rightSection={
                  <Badge size="sm" variant={n && t.id !== 'all' ? 'filled' : 'light'} color={n ? (t.color ?? 'gray') : 'gray'} circle={n < 10}>
                    {n.toLocaleString('ru-RU')}
                  </Badge>
                }
              >
                {t.label}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>

      {error && <Alert color="red">{error}</Alert>}

      <Paper withBorder pos="relative" aria-busy={loading}>
        {rows && rows.total === 0 && !loading && (
          <Text c="dimmed" p="md">
            {filter === 'all' ? 'В списке нет строк с данными.' : 'Таких строк нет.'}
          </Text>
        )}
        {rows && rows.rows.length > 0 && (
          <div style={{ opacity: loading ? 0.6 : 1 }}>
            <RowsTable summary={s} rows={rows.rows} editable={draft} editing={editing} onEdit={setEditing} onRow={onRow} onReview={review} />
          </div>
        )}
        {!rows && <Loader m="md" aria-label="Загрузка строк" />}
      </Paper>

      {rows && rows.total > PAGE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Строки {((page - 1) * PAGE + 1).toLocaleString('ru-RU')}–{Math.min(page * PAGE, rows.total).toLocaleString('ru-RU')} из {rows.total.toLocaleString('ru-RU')}
          </Text>
          <Pagination total={Math.ceil(rows.total / PAGE)} value={page} onChange={(p) => (setPage(p), setEditing(null))} size="sm" />
        </Group>
      )}

      {confirm === 'apply' && (
        <Confirm title="Применить список?" confirmLabel="Применить" onClose={() => setConfirm(null)} onConfirm={apply}>
          <Stack gap={4}>
            <Text>
              В реестр будут внесены сведения из {applied(c)} {plural(applied(c), 'строки', 'строк', 'строк')} списка «{s.listTitle}» от {s.orgName}, по
              состоянию на {formatDate(s.asOf)}:
            </Text>
            <Text size="sm">• связано с детьми реестра: {c.auto + c.manual}</Text>
            <Text size="sm">• новых детей: {c.new}</Text>
            {c.excluded > 0 && <Text size="sm">• не принимается строк: {c.excluded}</Text>}
            {c.conflicts > 0 && (
              <Text size="sm" c="orange.8">
                • конфликтов: {c.conflicts} — прежние сведения не будут перезаписаны, противоречие будет видно в карточке
              </Text>
            )}
            <Text size="sm" c="dimmed" mt="xs">
              Всё применяется разом. Применённый список можно отменить: его сведения будут отозваны.
            </Text>
          </Stack>
        </Confirm>
      )}
      {confirm === 'undo' && (
        <Confirm title="Отменить применённый список?" confirmLabel="Отменить список" color="red" onClose={() => setConfirm(null)} onConfirm={undo}>
          <Stack gap={4}>
            <Text>
              Все сведения, которые список внёс в реестр по {applied(c)} {plural(applied(c), 'строке', 'строкам', 'строкам')} (обучение, адреса, отметки),
              будут отозваны — они останутся в истории карточек с пометкой «отозвано».
            </Text>
            {c.new > 0 && (
              <Text>
                {c.new} {plural(c.new, 'ребёнок, добавленный', 'ребёнка, добавленных', 'детей, добавленных')} этим списком, будут удалены из реестра, если о них не
                говорит ничто другое.
              </Text>
            )}
            <Text size="sm" c="dimmed">
              Точное число отозванных сведений программа покажет сразу после отмены. Отмена записывается в журнал.
            </Text>
          </Stack>
        </Confirm>
      )}
      {confirm === 'discard' && (
        <Confirm title="Отклонить черновик списка?" confirmLabel="Отклонить" color="red" onClose={() => setConfirm(null)} onConfirm={discard}>
          <Text>В реестр из этого списка ничего не попадёт. Черновик останется в перечне списков с пометкой «отклонён».</Text>
        </Confirm>
      )}
    </Stack>
  );
}
