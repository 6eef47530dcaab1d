import { ActionIcon, Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { api, errorText } from '../api';
import { plural } from '../format';
import { maskRuDate, ruDateError } from '../registry/dates';
import { goIntake } from './common';
import { EMPTY_HEADER, ListFields, headerErrors, headerInput, type ListHeader } from './ListFields';

const COLUMNS = [
  { key: 'surname', label: 'Фамилия', width: '12%' },
  { key: 'name', label: 'Имя', width: '10%' },
  { key: 'patronymic', label: 'Отчество', width: '12%' },
  { key: 'birthDate', label: 'Дата рождения', width: '110px' },
  { key: 'addressRegistration', label: 'Адрес регистрации', width: '20%' },
  { key: 'addressActual', label: 'Адрес проживания', width: '20%' },
  { key: 'classLabel', label: 'Класс / группа', width: '80px' },
  { key: 'notes', label: 'Примечание', width: '14%' },
] as const;

type Key = (typeof COLUMNS)[number]['key'];
type GridRow = Record<Key, string>;

const emptyRow = (): GridRow => ({ surname: '', name: '', patronymic: '', birthDate: '', addressRegistration: '', addressActual: '', classLabel: '', notes: '' });
const isEmpty = (r: GridRow) => COLUMNS.every((c) => r[c.key].trim() === '');

/** The typed form survives a visit to another screen; it is forgotten on lock. */
let draft: { header: ListHeader; rows: GridRow[] } | null = null;

export function forgetPaperDraft(): void {
  draft = null;
}

const START_ROWS = 5;

/** A paper form typed into a grid: Enter and Tab go right, Enter in the last cell starts a new row. */
export function PaperGridPage() {
  const [header, setHeader] = useState<ListHeader>(() => draft?.header ?? EMPTY_HEADER);
  const [rows, setRows] = useState<GridRow[]>(() => draft?.rows ?? Array.from({ length: START_ROWS }, emptyRow));
  const [shown, setShown] = useState<Partial<Record<keyof ListHeader, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touchedDates, setTouchedDates] = useState<Set<number>>(new Set());
  const grid = useRef<HTMLTableElement>(null);
  const focusNext = useRef<{ row: number; col: number } | null>(null);

  useEffect(() => {
    draft = { header, rows };
  }, [header, rows]);

  const changeHeader = useCallback((next: ListHeader) => {
    setHeader(next);
    setShown((old) => {
      const errors = headerErrors(next);
      return { orgId: old.orgId && errors.orgId, listKind: old.listKind && errors.listKind, asOf: old.asOf && errors.asOf };
    });
  }, []);

  const cell = (row: number, col: number) => grid.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`) ?? null;

  const focusCell = useCallback((row: number, col: number) => {
    const el = cell(row, col);
    if (el) {
      el.focus();
      el.select();
    } else focusNext.current = { row, col };
  }, []);

  // A cell of a row that has just been added: focused once it is on screen.
  useEffect(() => {
    const want = focusNext.current;
    if (!want) return;
    focusNext.current = null;
    focusCell(want.row, want.col);
  }, [rows, focusCell]);

  function set(row: number, key: Key, value: string) {
    setRows((old) => old.map((r, i) => (i === row ? { ...r, [key]: key === 'birthDate' ? maskRuDate(value) : value } : r)));
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>, row: number, col: number) {
    const last = COLUMNS.length - 1;
    if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || (e.key === 'Tab' && !e.shiftKey)) {
      if (e.key === 'Enter' && e.shiftKey) {
        e.preventDefault();
        if (col > 0) focusCell(row, col - 1);
        else if (row > 0) focusCell(row - 1, last);
        return;
      }
      if (col < last) {
        e.preventDefault();
        focusCell(row, col + 1);
      } else if (row < rows.length - 1) {
        e.preventDefault();
        focusCell(row + 1, 0);
      } else if (e.key === 'Enter' || !isEmpty(rows[row]!)) {
        // Enter (or Tab) in the last cell of the last row: a new row.
        e.preventDefault();
        focusNext.current = { row: row + 1, col: 0 };
        setRows((old) => [...old, emptyRow()]);
      }
    } else if (e.key === 'Tab' && e.shiftKey) {
      if (col > 0) {
        e.preventDefault();
        focusCell(row, col - 1);
      } else if (row > 0) {
        e.preventDefault();
        focusCell(row - 1, last);
      }
    } else if (e.key === 'ArrowDown' && !e.altKey) {
      e.preventDefault();
      if (row < rows.length - 1) focusCell(row + 1, col);
      else if (!isEmpty(rows[row]!)) {
        focusNext.current = { row: row + 1, col };
        setRows((old) => [...old, emptyRow()]);
      }
    } else if (e.key === 'ArrowUp' && !e.altKey) {
      e.preventDefault();
      if (row > 0) focusCell(row - 1, col);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void check();
    }
  }

  /** Cells copied from Excel (tabs and line breaks) fill the grid from this cell on. */
  function onPaste(e: ClipboardEvent<HTMLInputElement>, row: number, col: number) {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.trim())) return;
    e.preventDefault();
    const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    setRows((old) => {
      const next = [...old];
      lines.forEach((line, i) => {
        const r = row + i;
        while (next.length <= r) next.push(emptyRow());
        const updated = { ...next[r]! };
        line.split('\t').forEach((value, j) => {
          const column = COLUMNS[col + j];
          if (column) updated[column.key] = column.key === 'birthDate' ? maskRuDate(value.trim()) : value.trim();
        });
        next[r] = updated;
      });
      return next;
    });
  }

  function removeRow(index: number) {
    setRows((old) => (old.length > 1 ? old.filter((_, i) => i !== index) : [emptyRow()]));
  }

  async function check() {
    const errors = headerErrors(header);
    setShown(errors);
    // Trailing empty rows are not sent: the numbers of the rows in the report are the grid's.
    let end = rows.length;
    while (end > 0 && isEmpty(rows[end - 1]!)) end--;
    const filled = rows.slice(0, end);
    if (filled.length === 0) {
      setFailure('Введите хотя бы одну строку списка');
      return;
    }
    if (Object.values(errors).some(Boolean)) return;
    setFailure(null);
    setBusy(true);
    try {
      const summary = await api.call('intake.grid', { ...headerInput(header), rows: filled.map((r) => ({ ...r })) });
      draft = null;
      goIntake(String(summary.id));
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const filledCount = rows.filter((r) => !isEmpty(r)).length;

  return (
    <Stack gap="md">
      <Anchor component="button" type="button" onClick={() => goIntake('')} size="sm" w="fit-content">
        ← Списки
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Ввести бумажный список</Title>
        {filledCount > 0 && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              setRows(Array.from({ length: START_ROWS }, emptyRow));
              setTouchedDates(new Set());
            }}
          >
            Очистить таблицу
          </Button>
        )}
      </Group>
      <Paper withBorder p="md">
        <ListFields value={header} onChange={changeHeader} errors={shown} disabled={busy} />
      </Paper>

      <Paper withBorder p={0} style={{ overflowX: 'auto' }}>
        <table className="intake-grid" ref={grid} aria-label="Строки бумажного списка">
          <colgroup>
            <col style={{ width: 44 }} />
            {COLUMNS.map((c) => (
              <col key={c.key} style={{ width: c.width }} />
            ))}
            <col style={{ width: 36 }} />
          </colgroup>
          <thead>
            <tr>
              <th>№</th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
              <th aria-label="Удалить" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td className="intake-grid-no">{i + 1}</td>
                {COLUMNS.map((c, j) => {
                  const dateBad = c.key === 'birthDate' && touchedDates.has(i) && ruDateError(r.birthDate, !isEmpty(r)) !== null;
                  return (
                    <td key={c.key}>
                      <input
                        data-row={i}
                        data-col={j}
                        aria-label={`${c.label}, строка ${i + 1}`}
                        value={r[c.key]}
                        placeholder={c.key === 'birthDate' ? 'ДД.ММ.ГГГГ' : undefined}
                        inputMode={c.key === 'birthDate' ? 'numeric' : undefined}
                        maxLength={c.key === 'birthDate' ? 10 : c.key === 'classLabel' ? 40 : 500}
                        autoComplete="off"
                        spellCheck={false}
                        aria-invalid={dateBad || undefined}
                        title={dateBad ? (ruDateError(r.birthDate, true) ?? undefined) : undefined}
                        onChange={(e) => set(i, c.key, e.currentTarget.value)}
                        onKeyDown={(e) => onKey(e, i, j)}
                        onPaste={(e) => onPaste(e, i, j)}
                        onBlur={() => c.key === 'birthDate' && setTouchedDates((old) => (old.has(i) ? old : new Set(old).add(i)))}
                        disabled={busy}
                      />
                    </td>
                  );
                })}
                <td>
                  <ActionIcon variant="subtle" color="gray" size="sm" m={4} onClick={() => removeRow(i)} aria-label={`Удалить строку ${i + 1}`} tabIndex={-1}>
                    ×
                  </ActionIcon>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Paper>
      <Text size="xs" c="dimmed">
        Enter или Tab — следующая ячейка; Enter в последней ячейке — новая строка; ↑ ↓ — по столбцу; Shift+Tab — назад; Ctrl+Enter — проверить. Можно вставить
        строки, скопированные из Excel.
      </Text>

      {failure && (
        <Alert color="red" title="Список не проверен">
          {failure}
        </Alert>
      )}

      <Group gap="xs">
        <Button onClick={() => void check()} loading={busy}>
          Проверить
        </Button>
        <Button variant="default" onClick={() => setRows((old) => [...old, emptyRow()])} disabled={busy}>
          Добавить строку
        </Button>
        <Text size="sm" c="dimmed">
          {filledCount} {plural(filledCount, 'строка заполнена', 'строки заполнены', 'строк заполнено')}. Строки проверяются так же, как файл, и до применения в
          реестр не попадают.
        </Text>
      </Group>
    </Stack>
  );
}
