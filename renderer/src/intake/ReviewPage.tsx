import { Alert, Anchor, Badge, Button, Group, Kbd, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Candidate, SubmissionRow, SubmissionSummary } from '../../../shared/api/intake';
import { api, errorText } from '../api';
import { formatDate } from '../format';
import { routeHref } from '../nav';
import { notifyError, notifyOk } from '../ui';
import { decisionView, goIntake, isTyping, isUndecided, modalOpen, personName } from './common';

/**
 * The rows a person looks at, per submission: the uncertain rows as they were when the queue was first opened,
 * and any row opened from the table. A decided row leaves the «На проверку» filter on the server, but it stays
 * here, so going back shows the decision and it can be revised.
 */
const queues = new Map<number, { rows: Map<number, SubmissionRow>; loaded: boolean }>();

function queueOf(submissionId: number) {
  let q = queues.get(submissionId);
  if (!q) {
    q = { rows: new Map(), loaded: false };
    queues.set(submissionId, q);
  }
  return q;
}

export function addToQueue(submissionId: number, row: SubmissionRow): void {
  queueOf(submissionId).rows.set(row.id, row);
}

export function forgetReviewQueues(): void {
  queues.clear();
}

const sorted = (q: { rows: Map<number, SubmissionRow> }) => [...q.rows.values()].sort((a, b) => a.rowNo - b.rowNo);

async function loadQueue(submissionId: number): Promise<SubmissionRow[]> {
  const q = queueOf(submissionId);
  // Fresh copies of the rows still waiting; the rows decided earlier are kept as they are.
  for (let offset = 0; ; offset += 500) {
    const res = await api.call('intake.rows', { submissionId, filter: 'review', offset, limit: 500 });
    for (const r of res.rows) q.rows.set(r.id, r);
    if (offset + res.rows.length >= res.total || res.rows.length === 0) break;
  }
  q.loaded = true;
  return sorted(q);
}

/** Posterior probability that the two are the same child, from the match weight in bits (prior included). */
const probability = (bits: number) => 1 / (1 + 2 ** -bits);

function percent(bits: number): string {
  const p = probability(bits) * 100;
  if (p >= 99.95) return '> 99,9 %';
  if (p < 0.1) return '< 0,1 %';
  // Down, never up: a pair asked about must not read as «100 %».
  const shown = p >= 99 || p < 10 ? Math.floor(p * 10) / 10 : Math.floor(p);
  return `${shown.toLocaleString('ru-RU')} %`;
}

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[.,;:«»"'()№-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const candidateAddresses = (c: Candidate): string[] => (c.address ? c.address.split(' || ').filter(Boolean) : []);

interface Line {
  label: string;
  list: string;
  value: (c: Candidate) => string;
  /** True when the candidate's value differs from the list's (and both are known). */
  differs: (c: Candidate) => boolean;
}

function lines(row: SubmissionRow, summary: SubmissionSummary): Line[] {
  const v = row.values;
  const text = (a: string | null, b: string | null) => Boolean(a && b && norm(a) !== norm(b));
  const addresses = [v.addressRegistration, v.addressActual, v.addressResidence].filter((a): a is string => Boolean(a));
  return [
    { label: 'Фамилия', list: v.surname ?? '', value: (c) => c.surname, differs: (c) => text(v.surname, c.surname) },
    { label: 'Имя', list: v.name ?? '', value: (c) => c.name, differs: (c) => text(v.name, c.name) },
    {
      label: 'Отчество',
      list: v.patronymic ?? '',
      value: (c) => c.patronymic ?? '',
      differs: (c) => Boolean(v.patronymic || c.patronymic) && norm(v.patronymic) !== norm(c.patronymic),
    },
    { label: 'Дата рождения', list: formatDate(v.birthDate), value: (c) => formatDate(c.birthDate), differs: (c) => Boolean(v.birthDate) && v.birthDate !== c.birthDate },
    {
      label: 'Адрес',
      list: addresses.join('; '),
      value: (c) => candidateAddresses(c).join('; '),
      differs: (c) => {
        const theirs = candidateAddresses(c).map(norm);
        return addresses.length > 0 && theirs.length > 0 && !addresses.some((a) => theirs.includes(norm(a)));
      },
    },
    { label: 'Организация', list: `${summary.orgName} (прислала список)`, value: (c) => c.orgName ?? 'не в организации', differs: () => false },
    { label: 'Класс / группа', list: v.classLabel ?? '', value: (c) => c.classLabel ?? '', differs: (c) => text(v.classLabel, c.classLabel) },
  ];
}

function DecisionLine({ row }: { row: SubmissionRow }) {
  const d = decisionView(row);
  const undecided = isUndecided(row);
  return (
    <Group gap="xs">
      <Text size="sm" fw={600}>
        Решение:
      </Text>
      <Badge color={d.color} variant={undecided ? 'filled' : 'light'} size="lg">
        {row.decision === 'manual' ? 'это ребёнок из реестра' : d.label}
      </Badge>
      {d.childId !== null && (
        <Anchor href={routeHref({ page: 'child', id: d.childId })} size="sm">
          № {d.childId}
          {d.childName ? ` — ${d.childName}` : ''}
        </Anchor>
      )}
    </Group>
  );
}

interface Props {
  submissionId: number;
  rowId: number | null;
}

/** Проверка совпадений: one uncertain row at a time, against its candidates; decided by keyboard. */
export function ReviewPage({ submissionId, rowId }: Props) {
  const [summary, setSummary] = useState<SubmissionSummary | null>(null);
  const [rows, setRows] = useState<SubmissionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [highlight, setHighlight] = useState(0);
  const [busy, setBusy] = useState(false);

  const refreshSummary = useCallback(() => {
    api.call('intake.summary', { submissionId }).then(setSummary, (e: unknown) => setError(errorText(e)));
  }, [submissionId]);

  useEffect(() => {
    let alive = true;
    refreshSummary();
    loadQueue(submissionId).then(
      (list) => {
        if (!alive) return;
        setRows(list);
        const asked = rowId !== null ? list.findIndex((r) => r.id === rowId) : -1;
        const firstOpen = list.findIndex(isUndecided);
        setIndex(asked >= 0 ? asked : Math.max(0, firstOpen));
      },
      (e: unknown) => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
    // The row asked for matters only when the queue opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submissionId, refreshSummary]);

  const row = rows?.[index];
  const draft = summary?.status === 'draft';

  // The highlighted candidate: the chosen one when there is a decision, else the best.
  useEffect(() => {
    if (!row) return;
    const chosen = row.childId !== null ? row.candidates.findIndex((c) => c.childId === row.childId) : -1;
    setHighlight(Math.max(0, chosen));
  }, [row]);

  // The address follows the row, so Back and a reload come to it.
  useEffect(() => {
    if (row) goIntake(`${submissionId}/review/${row.id}`, { replace: true });
  }, [row, submissionId]);

  const replace = useCallback(
    (next: SubmissionRow) => {
      addToQueue(submissionId, next);
      setRows((old) => (old ? old.map((r) => (r.id === next.id ? next : r)) : old));
    },
    [submissionId],
  );

  /** To the next row still waiting (after this one, then from the start); stays when none is left. */
  const advance = useCallback(
    (list: SubmissionRow[], from: number) => {
      const after = list.findIndex((r, i) => i > from && isUndecided(r));
      const before = list.findIndex((r) => isUndecided(r));
      const next = after >= 0 ? after : before;
      if (next >= 0) setIndex(next);
    },
    [],
  );

  const decide = useCallback(
    async (decision: { type: 'link'; childId: number } | { type: 'new' } | { type: 'notSame'; childId: number }) => {
      if (!row || !rows || busy || !draft) return;
      setBusy(true);
      try {
        const next = await api.call('intake.decide', { rowId: row.id, decision });
        replace(next);
        const list = rows.map((r) => (r.id === next.id ? next : r));
        refreshSummary();
        if (decision.type === 'notSame') {
          const rejected = row.candidates.find((c) => c.childId === decision.childId);
          notifyOk(`Запомнено: строка ${row.rowNo} и ${rejected ? personName(rejected) : `ребёнок № ${decision.childId}`} — разные дети`);
          // Other candidates may remain: the row stays on screen while it still waits.
          if (!isUndecided(next)) advance(list, index);
        } else {
          advance(list, index);
        }
      } catch (e) {
        notifyError(e, 'Решение не сохранено');
      } finally {
        setBusy(false);
      }
    },
    [row, rows, busy, draft, replace, refreshSummary, advance, index],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || modalOpen() || isTyping(e.target) || !rows || !row) return;
      const k = e.key.toLowerCase();
      if (e.key === 'ArrowRight') {
        e.preventDefault();
        setIndex((i) => Math.min(rows.length - 1, i + 1));
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        setIndex((i) => Math.max(0, i - 1));
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        setHighlight((h) => Math.min(row.candidates.length - 1, h + 1));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setHighlight((h) => Math.max(0, h - 1));
      } else if (/^[1-9]$/.test(e.key)) {
        const c = row.candidates[Number(e.key) - 1];
        if (c) {
          e.preventDefault();
          setHighlight(Number(e.key) - 1);
          void decide({ type: 'link', childId: c.childId });
        }
      } else if (k === 'н' || e.code === 'KeyY') {
        e.preventDefault();
        void decide({ type: 'new' });
      } else if (k === 'р' || e.code === 'KeyH') {
        const c = row.candidates[highlight];
        if (c) {
          e.preventDefault();
          void decide({ type: 'notSame', childId: c.childId });
        }
      } else if (e.key === 'Escape') {
        goIntake(String(submissionId));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, row, highlight, decide, submissionId]);

  const waiting = useMemo(() => (rows ?? []).filter(isUndecided).length, [rows]);

  const back = (
    <Anchor component="button" type="button" onClick={() => goIntake(String(submissionId))} size="sm" w="fit-content">
      ← К строкам списка
    </Anchor>
  );

  if (error) {
    return (
      <Stack gap="md">
        {back}
        <Alert color="red">{error}</Alert>
      </Stack>
    );
  }
  if (!rows || !summary) return <Loader aria-label="Загрузка" />;

  if (rows.length === 0 || !row) {
    return (
      <Stack gap="md">
        {back}
        <Title order={2}>Проверка совпадений</Title>
        <Paper withBorder p="lg">
          <Text>В этом списке нет строк, которые нужно проверить: все дети либо найдены в реестре наверняка, либо новые.</Text>
        </Paper>
      </Stack>
    );
  }

  const decided = rows.length - waiting;
  const ls = lines(row, summary);
  const readOnly = !draft || row.excluded || row.hasErrors;
  const candidate = row.candidates[highlight];

  return (
    <Stack gap="sm">
      {back}
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>Проверка совпадений</Title>
          <Text size="sm" c="dimmed">
            Список № {summary.id}: {summary.listTitle}, {summary.orgName}
          </Text>
        </div>
        <Stack gap={4} w={300}>
          <Text size="sm" ta="right">
            Решено {decided} из {rows.length}
            {waiting ? `, ждут решения: ${waiting}` : ''}
          </Text>
          <Progress value={(decided / rows.length) * 100} color={waiting ? 'orange' : 'teal'} aria-label="Решено" />
        </Stack>
      </Group>

      {waiting === 0 && draft && (
        <Alert color="teal" title="Все совпадения решены">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">Решения можно пересмотреть стрелками ← →. Когда всё готово — примените список.</Text>
            <Button size="xs" color="teal" onClick={() => goIntake(String(submissionId))}>
              К списку
            </Button>
          </Group>
        </Alert>
      )}

      <Paper withBorder p="sm">
        <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
          <Group gap="sm">
            <Button size="xs" variant="default" onClick={() => setIndex((i) => Math.max(0, i - 1))} disabled={index === 0} title="←">
              ← Предыдущая
            </Button>
            <Text fw={700}>
              Строка {row.rowNo} списка
              <Text span c="dimmed" fw={400}>
                {' '}
                ({index + 1} из {rows.length})
              </Text>
            </Text>
            <Button size="xs" variant="default" onClick={() => setIndex((i) => Math.min(rows.length - 1, i + 1))} disabled={index >= rows.length - 1} title="→">
              Следующая →
            </Button>
          </Group>
          <DecisionLine row={row} />
        </Group>

        {row.reasons.length > 0 && (
          <Text size="sm" mb="xs">
            <Text span c="dimmed">
              {isUndecided(row) ? 'Почему спрашиваем:' : 'Почему спрашивали:'}{' '}
            </Text>
            {row.reasons.join('; ')}
          </Text>
        )}
        {row.conflicts.length > 0 && (
          <Text size="sm" className="intake-conflict" mb="xs">
            Конфликт: {row.conflicts.join('; ')}
          </Text>
        )}

        {row.candidates.length === 0 ? (
          <Text c="dimmed">Похожих детей в реестре нет.</Text>
        ) : (
          <table className="intake-compare" aria-label={`Строка ${row.rowNo} и похожие дети`}>
            <colgroup>
              <col style={{ width: 140 }} />
              <col />
              {row.candidates.map((c) => (
                <col key={c.childId} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col" className="intake-compare-list">
                  В списке
                </th>
                {row.candidates.map((c, i) => (
                  <th
                    key={c.childId}
                    scope="col"
                    data-candidate
                    data-highlighted={i === highlight || undefined}
                    data-chosen={row.childId === c.childId || undefined}
                    onClick={() => setHighlight(i)}
                    title="Выделить: кнопки внизу решают про выделенного"
                  >
                    <Group gap={6} wrap="nowrap">
                      <Kbd size="xs">{i + 1}</Kbd>
                      <Anchor href={routeHref({ page: 'child', id: c.childId })} size="sm" fw={600}>
                        № {c.childId}
                      </Anchor>
                      {row.childId === c.childId && (
                        <Badge size="xs" color="teal">
                          выбран
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" title={`Вес совпадения ${c.score.toLocaleString('ru-RU')} бит`}>
                      вероятность совпадения: {percent(c.score)}
                    </Text>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ls.map((l) => (
                <tr key={l.label}>
                  <th scope="row">{l.label}</th>
                  <td className="intake-compare-list">{l.list || '—'}</td>
                  {row.candidates.map((c, i) => {
                    const value = l.value(c);
                    return (
                      <td
                        key={c.childId}
                        data-candidate
                        data-highlighted={i === highlight || undefined}
                        data-chosen={row.childId === c.childId || undefined}
                        onClick={() => setHighlight(i)}
                      >
                        {value ? l.differs(c) ? <span className="intake-diff">{value}</span> : value : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row">Чем похожи</th>
                <td className="intake-compare-list" />
                {row.candidates.map((c, i) => (
                  <td key={c.childId} data-candidate data-highlighted={i === highlight || undefined} data-chosen={row.childId === c.childId || undefined} onClick={() => setHighlight(i)}>
                    <Stack gap={2}>
                      {c.reasons.map((r) => (
                        <Text key={r} size="xs">
                          • {r}
                        </Text>
                      ))}
                    </Stack>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        )}

        {!readOnly && (
          // Always on screen, however tall the comparison: the decision is the point of the page.
          <div className="intake-decide-bar" role="group" aria-label="Решение по строке">
            <Group gap="xs" wrap="nowrap">
              {row.candidates.length > 0 && candidate && (
                <>
                  <Button
                    color="teal"
                    variant={row.childId === candidate.childId ? 'filled' : 'light'}
                    onClick={() => void decide({ type: 'link', childId: candidate.childId })}
                    disabled={busy}
                  >
                    Это этот ребёнок ({highlight + 1})
                  </Button>
                  <Button color="red" variant="subtle" onClick={() => void decide({ type: 'notSame', childId: candidate.childId })} disabled={busy}>
                    Это разные дети (Р)
                  </Button>
                </>
              )}
              <Button variant={row.decision === 'new' ? 'filled' : 'light'} onClick={() => void decide({ type: 'new' })} disabled={busy} loading={busy}>
                Новый ребёнок (Н)
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              <Kbd size="xs">1</Kbd>–<Kbd size="xs">9</Kbd> это этот ребёнок · <Kbd size="xs">Н</Kbd> новый ребёнок · <Kbd size="xs">Р</Kbd> это разные дети (выделенный) ·{' '}
              <Kbd size="xs">↑</Kbd>
              <Kbd size="xs">↓</Kbd> выделить · <Kbd size="xs">←</Kbd>
              <Kbd size="xs">→</Kbd> строки · <Kbd size="xs">Esc</Kbd> к списку
            </Text>
          </div>
        )}
        {readOnly && (
          <Text size="sm" c="dimmed" mt="sm">
            {!draft
              ? `Список ${summary.status === 'applied' ? 'применён' : 'закрыт'}: решения больше не меняются.`
              : row.excluded
                ? 'Строка не принимается: решать по ней не нужно.'
                : 'В строке ошибка: сначала исправьте её в таблице строк.'}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
