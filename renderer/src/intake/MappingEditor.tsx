import { Alert, Anchor, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SubmissionSummary } from '../../../shared/api/intake';
import { FIELD_LABELS } from '../../../shared/intake/headers';
import { plural } from '../format';
import { Confirm, FIELD_ORDER } from './common';

const UNUSED = '-';
const OPTIONS = [{ value: UNUSED, label: 'не использовать' }, ...FIELD_ORDER.map((f) => ({ value: f, label: FIELD_LABELS[f] }))];

/** A, B, …, Z, AA — as Excel names its columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** What is missing for the rows to make sense, in words; empty when the mapping is usable. */
function missing(mapping: Record<string, string>): string[] {
  const fields = new Set(Object.values(mapping));
  const out: string[] = [];
  if (!fields.has('fio') && !(fields.has('surname') && fields.has('name'))) out.push('не указан столбец с Ф.И.О. (или столбцы «Фамилия» и «Имя»)');
  if (!fields.has('birthDate')) out.push('не указан столбец «Дата рождения»');
  return out;
}

interface Props {
  summary: SubmissionSummary;
  /** The first data rows as the file has them, to show what each column holds. */
  samples: string[][];
  editable: boolean;
  onChange: (mapping: Record<string, string | null>) => Promise<void>;
}

/**
 * Whether the columns were shown, per list: a list seen for the first time shows them once to be checked; after
 * that (back from the review, from a card) they stay as the person left them, folded unless opened, so the rows
 * are not pushed down the screen again.
 */
const shownBefore = new Map<number, boolean>();

/** Each column of the file with its header and an example, and the field it is read as. */
export function MappingEditor({ summary, samples, editable, onChange }: Props) {
  const [open, setOpenState] = useState(() => shownBefore.get(summary.id) ?? summary.status === 'draft');
  const setOpen = (f: (o: boolean) => boolean) =>
    setOpenState((o) => {
      const next = f(o);
      shownBefore.set(summary.id, next);
      return next;
    });
  useEffect(() => {
    // The next visit finds the panel folded unless the person opens it.
    if (!shownBefore.has(summary.id)) shownBefore.set(summary.id, false);
  }, [summary.id]);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Record<string, string | null> | null>(null);
  const used = Object.keys(summary.mapping).length;
  const problems = missing(summary.mapping);
  const handWork = summary.counts.manual + summary.counts.excluded;

  async function commit(next: Record<string, string | null>) {
    setBusy(true);
    try {
      await onChange(next);
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  function change(col: number, field: string | null) {
    // Working in the panel: it stays open when the rows are read again.
    shownBefore.set(summary.id, true);
    const next: Record<string, string | null> = {};
    summary.headers.forEach((_, i) => (next[String(i)] = summary.mapping[String(i)] ?? null));
    next[String(col)] = field === UNUSED ? null : field;
    // Another column read as the same field gives it up: one column per field.
    if (field && field !== UNUSED) for (const k of Object.keys(next)) if (k !== String(col) && next[k] === field && field !== 'notes') next[k] = null;
    if (handWork > 0) setPending(next);
    else void commit(next);
  }

  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600}>
          Столбцы файла: {used} из {summary.headers.length} {plural(summary.headers.length, 'используется', 'используются', 'используются')}
          {problems.length > 0 && (
            <Text span c="red" fw={600}>
              {' '}
              — {problems.join('; ')}
            </Text>
          )}
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'Скрыть' : editable ? 'Показать и исправить' : 'Показать'}
        </Anchor>
      </Group>
      {open && (
        <Stack gap="xs" mt="xs">
          <Text size="sm" c="dimmed">
            Программа узнала столбцы по заголовкам. Проверьте: если столбец понят неверно, выберите, что в нём на самом деле.
            Выбор запоминается для этой организации и вида списка.
            {editable && ' После изменения все строки будут прочитаны заново.'}
          </Text>
          <Group gap="xs" align="stretch" wrap="wrap" aria-label="Сопоставление столбцов" role="group">
            {summary.headers.map((header, i) => {
              const field = summary.mapping[String(i)] ?? null;
              const examples = samples.map((r) => r[i] ?? '').filter((v) => v.trim() !== '').slice(0, 2);
              return (
                <div key={i} className="intake-map-col" data-unused={field ? undefined : true}>
                  <Text size="xs" c="dimmed">
                    Столбец {columnLetter(i)}
                  </Text>
                  <Text size="sm" fw={600} lineClamp={2} title={header} mih={40}>
                    {header || '(без заголовка)'}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1} title={examples.join('; ')} mih={18}>
                    {examples.length ? `напр.: ${examples.join('; ')}` : 'пусто'}
                  </Text>
                  <Select
                    mt={4}
                    size="xs"
                    aria-label={`Столбец ${columnLetter(i)} «${header}»`}
                    data={OPTIONS}
                    value={field ?? UNUSED}
                    onChange={(v) => v !== (field ?? UNUSED) && change(i, v)}
                    allowDeselect={false}
                    searchable
                    disabled={!editable || busy}
                    comboboxProps={{ withinPortal: true, width: 300 }}
                  />
                </div>
              );
            })}
          </Group>
        </Stack>
      )}
      {!open && problems.length > 0 && (
        <Alert color="red" mt="xs" p="xs">
          Откройте столбцы и укажите, где Ф.И.О. и дата рождения.
        </Alert>
      )}
      {pending && (
        <Confirm
          title="Прочитать строки заново?"
          confirmLabel="Изменить столбцы"
          color="orange"
          onClose={() => setPending(null)}
          onConfirm={() => commit(pending)}
        >
          <Text>
            Все строки будут прочитаны заново по новым столбцам. Исправления строк, отметки «не принимать» и решения по
            совпадениям, сделанные в этом списке, будут сброшены.
          </Text>
        </Confirm>
      )}
    </Paper>
  );
}
