import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import type { SubmissionRow, SubmissionSummary } from '../../../shared/api/intake';
import type { FieldId } from '../../../shared/intake/headers';
import { api } from '../api';
import { formatDate } from '../format';
import { routeHref } from '../nav';
import { DateField } from '../registry/fields';
import { notifyError } from '../ui';
import { decisionView, issueText, personName, rowAddress } from './common';

type Values = SubmissionRow['values'];
type EditKey = 'surname' | 'name' | 'patronymic' | 'birthDate' | 'snils' | 'addressRegistration' | 'addressActual' | 'addressResidence' | 'classLabel';

const EDIT_LABELS: Record<EditKey, string> = {
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  snils: 'СНИЛС',
  addressRegistration: 'Адрес регистрации',
  addressActual: 'Адрес проживания',
  addressResidence: 'Адрес места жительства',
  classLabel: 'Класс / группа',
};

/** Which values a problem in a column of this field is about. */
const KEYS_OF_FIELD: Partial<Record<FieldId, EditKey[]>> = {
  fio: ['surname', 'name', 'patronymic'],
  surname: ['surname'],
  name: ['name'],
  patronymic: ['patronymic'],
  birthDate: ['birthDate'],
  snils: ['snils'],
  addressRegistration: ['addressRegistration'],
  addressActual: ['addressActual'],
  addressResidence: ['addressResidence'],
  classOrGroup: ['classLabel'],
  organizationAndClass: ['classLabel'],
};

const keysOf = (field: string | null): EditKey[] => (field ? (KEYS_OF_FIELD[field as FieldId] ?? []) : []);

/** The text the row's cell had where a value could not be understood (e.g. «31.02.2015»). */
function rawFor(row: SubmissionRow, key: EditKey): string | null {
  for (const issue of row.issues) {
    if (!keysOf(issue.field).includes(key) || !issue.value.trim()) continue;
    if (issue.field === 'fio') {
      const words = issue.value.trim().split(/\s+/);
      const i = ['surname', 'name', 'patronymic'].indexOf(key);
      return (i < 2 ? words[i] : words.slice(2).join(' ')) || null;
    }
    return issue.value.trim();
  }
  return null;
}

function initialText(row: SubmissionRow, key: EditKey): string {
  const v = row.values[key as keyof Values];
  if (typeof v === 'string' && v) return key === 'birthDate' ? formatDate(v) : v;
  return rawFor(row, key) ?? '';
}

function editKeys(row: SubmissionRow): EditKey[] {
  const keys: EditKey[] = ['surname', 'name', 'patronymic', 'birthDate', 'classLabel', 'addressRegistration', 'addressActual'];
  const mentioned = new Set(row.issues.flatMap((i) => keysOf(i.field)));
  if (row.values.snils || mentioned.has('snils')) keys.splice(4, 0, 'snils');
  if (row.values.addressResidence || mentioned.has('addressResidence')) keys.push('addressResidence');
  return keys;
}

interface EditorProps {
  row: SubmissionRow;
  onSaved: (row: SubmissionRow) => void;
  onCancel: () => void;
}

/** The row's values in place: Enter re-checks and re-links it, Esc leaves it as it was. */
export function RowEditor({ row, onSaved, onCancel }: EditorProps) {
  const keys = editKeys(row);
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(keys.map((k) => [k, initialText(row, k)])));
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const bad = new Set(row.issues.filter((i) => i.severity === 'error').flatMap((i) => keysOf(i.field)));

  useEffect(() => {
    // The first field with a problem, or the first field.
    const first = keys.find((k) => bad.has(k)) ?? keys[0];
    const el = formRef.current?.querySelector<HTMLInputElement>(`[data-key="${first}"]`);
    el?.focus();
    el?.select();
    // Only when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    const values: Partial<Values> = {};
    for (const k of keys) {
      const text = (texts[k] ?? '').trim();
      if (text !== initialText(row, k).trim() || bad.has(k)) (values as Record<string, string | null>)[k] = text || null;
    }
    if (Object.keys(values).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.call('intake.fixRow', { rowId: row.id, values }));
    } catch (err) {
      notifyError(err, 'Строка не исправлена');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      aria-label={`Исправление строки ${row.rowNo}`}
    >
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" verticalSpacing={6}>
          {keys.map((k) =>
            k === 'birthDate' ? (
              <DateField
                key={k}
                size="xs"
                label={EDIT_LABELS[k]}
                data-key={k}
                value={texts[k] ?? ''}
                onChange={(v) => setTexts((t) => ({ ...t, [k]: v }))}
                error={bad.has(k) && texts[k] === initialText(row, k) ? true : undefined}
                disabled={busy}
              />
            ) : (
              <TextInput
                key={k}
                size="xs"
                label={EDIT_LABELS[k]}
                data-key={k}
                value={texts[k] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setTexts((t) => ({ ...t, [k]: v }));
                }}
                error={bad.has(k) && texts[k] === initialText(row, k) ? true : undefined}
                disabled={busy}
                autoComplete="off"
                spellCheck={false}
              />
            ),
          )}
        </SimpleGrid>
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>
            Проверить и сохранить
          </Button>
          <Button size="xs" variant="default" onClick={onCancel} disabled={busy}>
            Отмена
          </Button>
          <Text size="xs" c="dimmed">
            Enter — сохранить, Esc — отменить. Строка будет проверена и сверена с реестром заново.
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

/** A value, or the text of the cell that could not be understood, in red. */
function Shown({ row, keys, value }: { row: SubmissionRow; keys: EditKey[]; value: string | null }) {
  if (value) return <>{value}</>;
  const raw = row.issues.find((i) => i.severity === 'error' && keysOf(i.field).some((k) => keys.includes(k)));
  if (raw) return <span className="intake-bad">{raw.value.trim() ? raw.value : 'пусто'}</span>;
  return (
    <Text span c="dimmed">
      —
    </Text>
  );
}

export function DecisionCell({ row, onReview }: { row: SubmissionRow; onReview: (() => void) | null }) {
  const d = decisionView(row);
  const waiting = row.decision === 'review' && row.childId === null;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="wrap">
        <Badge color={d.color} variant="light">
          {d.label}
        </Badge>
        {onReview && waiting && (
          <Anchor component="button" type="button" size="sm" fw={600} onClick={onReview}>
            Решить
          </Anchor>
        )}
      </Group>
      {d.childId !== null && (
        <Text size="xs">
          <Anchor href={routeHref({ page: 'child', id: d.childId })} size="xs">
            № {d.childId}
            {d.childName ? ` — ${d.childName}` : ''}
          </Anchor>
        </Text>
      )}
      {!row.excluded && !row.hasErrors && row.reasons.length > 0 && (
        <Text size="xs" c="dimmed">
          {row.reasons.join('; ')}
        </Text>
      )}
      {row.decision === 'new' && !row.excluded && !row.hasErrors && row.candidates[0] && (
        // A new child close to one of the registry must not pass unseen: the closest is named here.
        <Text size="xs" c="orange.8" data-testid="new-close">
          Похож на{' '}
          <Anchor href={routeHref({ page: 'child', id: row.candidates[0].childId })} size="xs">
            № {row.candidates[0].childId} — {[row.candidates[0].surname, row.candidates[0].name, row.candidates[0].patronymic].filter(Boolean).join(' ')},{' '}
            {formatDate(row.candidates[0].birthDate)}
          </Anchor>
        </Text>
      )}
      {onReview && !waiting && (
        <Anchor component="button" type="button" size="xs" onClick={onReview} w="fit-content">
          Изменить решение
        </Anchor>
      )}
    </Stack>
  );
}

interface TableProps {
  summary: SubmissionSummary;
  rows: SubmissionRow[];
  editable: boolean;
  editing: number | null;
  onEdit: (rowId: number | null) => void;
  onRow: (row: SubmissionRow) => void;
  onReview: (row: SubmissionRow) => void;
}

const COLS = 7;

export function RowsTable({ summary, rows, editable, editing, onEdit, onRow, onReview }: TableProps) {
  const [busyRow, setBusyRow] = useState<number | null>(null);

  async function exclude(row: SubmissionRow) {
    setBusyRow(row.id);
    try {
      onRow(await api.call('intake.excludeRow', { rowId: row.id, excluded: !row.excluded }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusyRow(null);
    }
  }

  return (
    <Table className="intake-table" verticalSpacing={6} aria-label="Строки списка" withRowBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={72}>Строка</Table.Th>
          <Table.Th w="20%">Фамилия, имя, отчество</Table.Th>
          <Table.Th w={110}>Дата рождения</Table.Th>
          <Table.Th>Адрес</Table.Th>
          <Table.Th w={80}>{summary.origin === 'grid' ? 'Класс / группа' : 'Класс'}</Table.Th>
          <Table.Th w="24%">{summary.status === 'draft' ? 'Что будет при применении' : summary.status === 'applied' ? 'Что сделано' : 'Решение'}</Table.Th>
          <Table.Th w={128} aria-label="Действия" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const v = row.values;
          const errors = row.issues.filter((i) => i.severity === 'error');
          const warnings = row.issues.filter((i) => i.severity === 'warning');
          const sub = (row.issues.length > 0 || row.conflicts.length > 0) && !(row.excluded && editing !== row.id);
          const canReview = editable && !row.excluded && !row.hasErrors && row.candidates.length > 0 && (row.decision === 'review' || row.decision === 'manual' || row.decision === 'new' || row.decision === 'auto');
          return (
            <Fragment key={row.id}>
              <Table.Tr data-row-no={row.rowNo} data-excluded={row.excluded || undefined} data-errors={errors.length && !row.excluded ? true : undefined}>
                <Table.Td className="intake-rowno">
                  <Text size="sm" fw={600}>
                    {row.rowNo}
                  </Text>
                  {row.fileRowNo !== null && row.fileRowNo !== row.rowNo && (
                    <Text size="xs" c="dimmed" title="Номер строки в Excel">
                      в файле {row.fileRowNo}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Shown row={row} keys={['surname', 'name', 'patronymic']} value={personName(v) || null} />
                </Table.Td>
                <Table.Td>
                  <Shown row={row} keys={['birthDate']} value={v.birthDate ? formatDate(v.birthDate) : null} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3} title={rowAddress(v) ?? undefined}>
                    {rowAddress(v) ?? ''}
                  </Text>
                  {v.addressActual && v.addressActual !== rowAddress(v) && (
                    <Text size="xs" c="dimmed" lineClamp={2} title={v.addressActual}>
                      проживает: {v.addressActual}
                    </Text>
                  )}
                  {v.notes && (
                    <Text size="xs" c="dimmed" lineClamp={2} title={v.notes}>
                      Примечание: {v.notes}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{v.classLabel ?? ''}</Table.Td>
                <Table.Td className="intake-decision">
                  <DecisionCell row={row} onReview={canReview ? () => onReview(row) : null} />
                </Table.Td>
                <Table.Td className="intake-actions">
                  {editable && (
                    <Stack gap={4} align="stretch">
                      {!row.excluded && editing !== row.id && (
                        <Button size="compact-sm" variant={row.hasErrors ? 'filled' : 'default'} onClick={() => onEdit(row.id)} title="Исправить значения строки">
                          Исправить
                        </Button>
                      )}
                      <Button
                        size="compact-sm"
                        variant={row.excluded ? 'light' : 'subtle'}
                        color={row.excluded ? 'blue' : 'red'}
                        loading={busyRow === row.id}
                        onClick={() => void exclude(row)}
                        title={row.excluded ? 'Строка снова будет принята' : 'Строка останется в списке, но в реестр не попадёт'}
                      >
                        {row.excluded ? 'Принять' : 'Не принимать'}
                      </Button>
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
              {sub && (
                <Table.Tr className="intake-sub">
                  <Table.Td />
                  <Table.Td colSpan={COLS - 1}>
                    <Stack gap={2}>
                      {errors.map((issue, i) => (
                        <Text key={`e${i}`} className="intake-issue" role="note">
                          {issueText(row.rowNo, issue)}
                        </Text>
                      ))}
                      {warnings.map((issue, i) => (
                        <Text key={`w${i}`} size="sm" c="orange.8">
                          {issueText(row.rowNo, issue)}
                        </Text>
                      ))}
                      {row.conflicts.map((c, i) => (
                        <Text key={`c${i}`} className="intake-conflict">
                          Конфликт: {c}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              )}
              {editing === row.id && (
                <Table.Tr className="intake-sub">
                  <Table.Td />
                  <Table.Td colSpan={COLS - 1} bg="blue.0">
                    <RowEditor
                      row={row}
                      onCancel={() => onEdit(null)}
                      onSaved={(next) => {
                        onRow(next);
                        onEdit(null);
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
