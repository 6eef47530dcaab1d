import { Alert, Anchor, Badge, Button, Checkbox, FileButton, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { SessionUser } from '../../../shared/api';
import type { z } from 'zod';
import type { attendanceGridSchema, attendanceImportResultSchema, truancyListSchema, truancyOverviewSchema } from '../../../shared/api/attendance';
import { formatRuDate } from '../../../shared/domain/dates';
import { TRUANCY_STATUS_LABELS, monthEnd, monthLabel, monthsBetween, type TruancyStatus } from '../../../shared/domain/truancy';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { MIME, downloadBase64 } from '../files';
import { plural, todayIsoNow } from '../format';
import { readAsBase64 } from '../intake/common';
import { OrgSelect, useOrgs } from '../registry/fields';
import { notifyError, notifyOk } from '../ui';
import '../intake/intake.css';
import './attendance.css';

/**
 * «Посещаемость» (issue 11, points 1 and 6): a class's month typed into a keyboard grid (Enter, Tab and the arrows
 * move, a block copied from Excel is pasted), or the attendance report of the electronic journal imported (checked
 * first, applied whole or not at all); the pupils the profile's rule flags are highlighted; the month's list
 * (ЗАТО Свободный Приложение 1 к Инструкции, Кстово Приложение 3) is made as PDF. The department's administrator
 * and specialist also see every school month by month.
 */

type Grid = z.infer<typeof attendanceGridSchema>;
type ImportResult = z.infer<typeof attendanceImportResultSchema>;
type TruancyList = z.infer<typeof truancyListSchema>;
type Overview = z.infer<typeof truancyOverviewSchema>;

const FIELDS = ['lessonsHeld', 'missedTotal', 'missedUnexcused'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_LABELS: Record<Field, string> = { lessonsHeld: 'Уроков проведено', missedTotal: 'Пропущено всего', missedUnexcused: 'Из них без уважительной причины' };
const MONTHLY_FORMS = ['zato-instr-app1', 'kstovo-app3'];

type Cells = Record<Field, string>;

const STATUS_COLOR: Record<TruancyStatus, string> = { 'not-started': 'red', systematic: 'orange' };

export function TruancyBadge({ status }: { status: TruancyStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" style={{ textTransform: 'none' }}>
      {TRUANCY_STATUS_LABELS[status]}
    </Badge>
  );
}

const pct = (n: number | null) => (n === null ? '—' : `${String(n).replace('.', ',')} %`);

function parseCount(s: string): number | null | 'bad' {
  const t = s.trim();
  if (t === '') return null;
  return /^\d{1,5}$/u.test(t) ? Number(t) : 'bad';
}

/** What is wrong with a row as typed, by field; nothing for an empty row. */
function rowErrors(c: Cells): Partial<Record<Field, string>> {
  const v = { lessonsHeld: parseCount(c.lessonsHeld), missedTotal: parseCount(c.missedTotal), missedUnexcused: parseCount(c.missedUnexcused) };
  const out: Partial<Record<Field, string>> = {};
  if (FIELDS.every((f) => v[f] === null)) return out;
  for (const f of FIELDS) {
    if (v[f] === 'bad') out[f] = 'Целое число от 0';
    else if (v[f] === null) out[f] = 'Заполните (0, если пропусков нет)';
  }
  if (Object.keys(out).length) return out;
  const [h, t, u] = [v.lessonsHeld as number, v.missedTotal as number, v.missedUnexcused as number];
  if (t > h) out.missedTotal = `Пропущено больше, чем проведено уроков (${h})`;
  if (u > t) out.missedUnexcused = `Без уважительной причины больше, чем пропущено всего (${t})`;
  return out;
}

const cellsOf = (r: Grid['rows'][number]): Cells => ({
  lessonsHeld: r.lessonsHeld === null ? '' : String(r.lessonsHeld),
  missedTotal: r.missedTotal === null ? '' : String(r.missedTotal),
  missedUnexcused: r.missedUnexcused === null ? '' : String(r.missedUnexcused),
});

function schoolYearMonths(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const start = `${m >= 9 ? y : y - 1}-09`;
  return monthsBetween(start, today.slice(0, 7)).reverse();
}

export function AttendancePage({ user }: { user: SessionUser }) {
  const school = user.role === 'school';
  const department = canCall(user.role, 'attendance.overview');
  const orgs = useOrgs();
  const today = todayIsoNow();
  const months = useMemo(() => schoolYearMonths(today), [today]);
  const [month, setMonth] = useState(months[0]!);
  const [orgId, setOrgId] = useState<string | null>(school ? String(user.orgId) : null);
  const [classLabel, setClassLabel] = useState<string | null>(null);
  const [grid, setGrid] = useState<Grid | null>(null);
  const [cells, setCells] = useState<Cells[]>([]);
  const [marks, setMarks] = useState<boolean[]>([]);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [list, setList] = useState<TruancyList | null>(null);
  const [imported, setImported] = useState<{ result: ImportResult; base64: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const [making, setMaking] = useState(false);
  const [formId, setFormId] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const resetFile = useRef<() => void>(null);
  const selectOnMouseUp = useRef(false);

  const workOrg = orgId ? Number(orgId) : null;

  const load = useCallback(async () => {
    if (workOrg === null) {
      setGrid(null);
      setList(null);
      return;
    }
    setLoading(true);
    try {
      const g = await api.call('attendance.grid', { orgId: workOrg, month, classLabel });
      setGrid(g);
      setCells(g.rows.map(cellsOf));
      setMarks(g.rows.map((r) => r.schoolMark));
      setTouched(false);
      if (g.classLabel !== classLabel) setClassLabel(g.classLabel);
      setList(await api.call('attendance.truancy', { orgId: workOrg, month }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
      setGrid(null);
    } finally {
      setLoading(false);
    }
  }, [workOrg, month, classLabel]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    api.call('reports.forms', {}).then(
      (f) => setFormId(f.forms.find((x) => MONTHLY_FORMS.includes(x.id))?.id ?? null),
      () => undefined,
    );
  }, []);

  const errors = useMemo(() => cells.map(rowErrors), [cells]);
  const bad = errors.filter((e) => Object.keys(e).length > 0).length;

  const input = (row: number, col: number) => table.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`) ?? null;
  const focus = (row: number, col: number) => {
    const el = input(row, col);
    if (el) {
      el.focus();
      el.select();
    }
  };

  function set(row: number, field: Field, value: string) {
    setTouched(true);
    setCells((old) => old.map((c, i) => (i === row ? { ...c, [field]: value.replace(/[^\d]/gu, '').slice(0, 5) } : c)));
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>, row: number, col: number) {
    const last = FIELDS.length - 1;
    const rows = cells.length;
    const el = e.currentTarget;
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.selectionStart === el.value.length || (el.selectionStart === 0 && el.selectionEnd === el.value.length);
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if ((e.key === 'Enter' && !e.shiftKey) || (e.key === 'Tab' && !e.shiftKey)) {
      if (col < last) {
        e.preventDefault();
        focus(row, col + 1);
      } else if (row < rows - 1) {
        e.preventDefault();
        focus(row + 1, 0);
      } else if (e.key === 'Enter') e.preventDefault();
    } else if ((e.key === 'Enter' && e.shiftKey) || (e.key === 'Tab' && e.shiftKey)) {
      if (col > 0) {
        e.preventDefault();
        focus(row, col - 1);
      } else if (row > 0) {
        e.preventDefault();
        focus(row - 1, last);
      }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (row < rows - 1) focus(row + 1, col);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (row > 0) focus(row - 1, col);
    } else if (e.key === 'ArrowRight' && atEnd && col < last) {
      e.preventDefault();
      focus(row, col + 1);
    } else if (e.key === 'ArrowLeft' && (atStart || (el.selectionStart === 0 && el.selectionEnd === el.value.length)) && col > 0) {
      e.preventDefault();
      focus(row, col - 1);
    }
  }

  /** A block copied from Excel (tabs and line breaks) fills the grid from this cell on, right and down. */
  function onPaste(e: ClipboardEvent<HTMLInputElement>, row: number, col: number) {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/u.test(text.trim())) return;
    e.preventDefault();
    const lines = text.replace(/\r/gu, '').replace(/\n$/u, '').split('\n');
    setTouched(true);
    setCells((old) => {
      const next = [...old];
      lines.forEach((line, i) => {
        const r = row + i;
        if (r >= next.length) return;
        const updated = { ...next[r]! };
        line.split('\t').forEach((value, j) => {
          const f = FIELDS[col + j];
          if (f) updated[f] = value.replace(/[^\d]/gu, '').slice(0, 5);
        });
        next[r] = updated;
      });
      return next;
    });
  }

  async function save() {
    if (!grid || workOrg === null) return;
    if (bad > 0) {
      notifyError(new Error(`Исправьте ${bad} ${plural(bad, 'строку', 'строки', 'строк')}: ячейки с ошибкой выделены красным`), 'Посещаемость не сохранена');
      return;
    }
    const rows = grid.rows
      .map((r, i) => ({ r, c: cells[i]!, mark: marks[i]! }))
      .filter(({ c }) => FIELDS.every((f) => c[f].trim() !== ''))
      .map(({ r, c, mark }) => ({
        childId: r.childId,
        lessonsHeld: Number(c.lessonsHeld),
        missedTotal: Number(c.missedTotal),
        missedUnexcused: Number(c.missedUnexcused),
        ...(grid.rule.markedBySchool ? { schoolMark: mark } : {}),
      }));
    if (rows.length === 0) {
      notifyError(new Error('Заполните посещаемость хотя бы одного ученика'), 'Нечего сохранять');
      return;
    }
    setSaving(true);
    try {
      // The month the grid shows, even if another one is being chosen meanwhile.
      const res = await api.call('attendance.save', { orgId: grid.orgId, month: grid.month, rows });
      notifyOk(`Посещаемость за ${monthLabel(grid.month)} сохранена: ${res.saved} ${plural(res.saved, 'ученик', 'ученика', 'учеников')}${res.unchanged ? `, без изменений — ${res.unchanged}` : ''}`);
      await load();
    } catch (e) {
      notifyError(e, 'Посещаемость не сохранена');
    } finally {
      setSaving(false);
    }
  }

  async function check(file: File | null) {
    if (!file || workOrg === null) return;
    setImporting(true);
    try {
      const base64 = await readAsBase64(file, () => undefined);
      const result = await api.call('attendance.importPreview', { orgId: workOrg, month, fileName: file.name, base64 });
      setImported({ result, base64 });
    } catch (e) {
      notifyError(e, 'Отчёт не прочитан');
    } finally {
      setImporting(false);
      resetFile.current?.();
    }
  }

  async function apply() {
    if (!imported || workOrg === null) return;
    setImporting(true);
    try {
      const r = await api.call('attendance.importApply', { orgId: workOrg, month: imported.result.month, fileName: imported.result.fileName, base64: imported.base64 });
      if (!r.applied) {
        setImported({ result: r, base64: imported.base64 });
        notifyError(new Error('В отчёте есть ошибки: он не применён'), 'Отчёт не применён');
        return;
      }
      setImported(null);
      notifyOk(`Посещаемость за ${monthLabel(r.month)} загружена: ${r.saved} ${plural(r.saved, 'ученик', 'ученика', 'учеников')}${r.unchanged ? `, без изменений — ${r.unchanged}` : ''}`);
      await load();
    } catch (e) {
      notifyError(e, 'Отчёт не применён');
    } finally {
      setImporting(false);
    }
  }

  async function makeList() {
    if (!formId || workOrg === null) return;
    setMaking(true);
    try {
      const end = monthEnd(month);
      const asOf = end < today ? end : today;
      const res = await api.call('reports.make', { formId, orgId: workOrg, asOf, year: null, format: 'pdf' });
      downloadBase64(res.base64, res.fileName, MIME.pdf);
      notifyOk(`Список № ${res.printout.number} от ${formatRuDate(res.printout.issuedOn)} сохранён в файл «${res.fileName}»`);
    } catch (e) {
      notifyError(e, 'Список не составлен');
    } finally {
      setMaking(false);
    }
  }

  const rule = grid?.rule;
  const flagged = grid?.rows.filter((r) => r.status).length ?? 0;

  return (
    <Stack gap="md">
      <Title order={2}>Посещаемость</Title>
      <Paper p="md" withBorder>
        <Group align="flex-end" gap="sm" wrap="wrap">
          {!school && <OrgSelect label="Школа" orgs={orgs} kinds={['school']} value={orgId} onChange={setOrgId} w={320} placeholder="Выберите школу" />}
          <Select
            label="Месяц"
            data={months.map((m) => ({ value: m, label: monthLabel(m) }))}
            value={month}
            onChange={(v) => v && setMonth(v)}
            allowDeselect={false}
            w={170}
          />
          <Select
            label="Класс"
            data={grid?.classes ?? []}
            value={classLabel}
            onChange={(v) => setClassLabel(v)}
            allowDeselect={false}
            w={110}
            disabled={!grid || grid.classes.length === 0}
            placeholder={grid && grid.classes.length === 0 ? 'нет' : undefined}
          />
          {loading && <Loader size="sm" />}
        </Group>
        {rule && (
          <Text size="xs" c="dimmed" mt="xs">
            {rule.thresholdPercent !== null
              ? `Систематически пропускает — более ${rule.thresholdPercent} % уроков месяца без уважительной причины. `
              : 'Систематически пропускающих отмечает школа (столбец «Отметка школы»). '}
            Не приступил к обучению — с 1 сентября (или с зачисления) не посетил ни одного урока. Основание: {rule.basis}.
          </Text>
        )}
      </Paper>

      {error && <Alert color="red">{error}</Alert>}
      {!school && workOrg === null && <Text c="dimmed">Выберите школу, чтобы вносить и смотреть её посещаемость.</Text>}

      {grid && (
        <>
          <Paper withBorder p={0} style={{ overflowX: 'auto' }}>
            <table className="intake-grid attendance-grid" ref={table} aria-label={`Посещаемость ${grid.classLabel ?? ''} класса за ${monthLabel(grid.month)}`}>
              <colgroup>
                <col style={{ width: 44 }} />
                <col />
                <col style={{ width: 110 }} />
                <col style={{ width: 110 }} />
                <col style={{ width: 130 }} />
                <col style={{ width: 125 }} />
                {rule?.markedBySchool && <col style={{ width: 90 }} />}
                <col style={{ width: 80 }} />
                <col style={{ width: 230 }} />
              </colgroup>
              <thead>
                <tr>
                  <th>№</th>
                  <th scope="col">Ученик</th>
                  {FIELDS.map((f) => (
                    <th key={f} scope="col">
                      {FIELD_LABELS[f]}
                    </th>
                  ))}
                  <th scope="col">По уважительной</th>
                  {rule?.markedBySchool && <th scope="col">Отметка школы</th>}
                  <th scope="col">Без уваж., %</th>
                  <th scope="col">Отметка</th>
                </tr>
              </thead>
              <tbody>
                {grid.rows.map((r, i) => {
                  const c = cells[i] ?? { lessonsHeld: '', missedTotal: '', missedUnexcused: '' };
                  const err = errors[i] ?? {};
                  const excused = c.missedTotal !== '' && c.missedUnexcused !== '' ? Number(c.missedTotal) - Number(c.missedUnexcused) : null;
                  return (
                    <tr key={r.childId} className={r.status ? `attendance-flagged attendance-${r.status}` : undefined} data-status={r.status ?? undefined}>
                      <td className="intake-grid-no">{i + 1}</td>
                      <td className="attendance-name">
                        {r.fio}
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {formatRuDate(r.birthDate)}
                        </Text>
                      </td>
                      {FIELDS.map((f, j) => (
                        <td key={f}>
                          <input
                            data-row={i}
                            data-col={j}
                            aria-label={`${FIELD_LABELS[f]}: ${r.fio}`}
                            value={c[f]}
                            inputMode="numeric"
                            autoComplete="off"
                            aria-invalid={err[f] ? true : undefined}
                            title={err[f]}
                            onChange={(e) => set(i, f, e.currentTarget.value)}
                            onKeyDown={(e) => onKey(e, i, j)}
                            onPaste={(e) => onPaste(e, i, j)}
                            onFocus={(e) => {
                              e.currentTarget.select();
                              selectOnMouseUp.current = true;
                            }}
                            onMouseUp={(e) => {
                              // A click into a cell selects its number, as the keys do: typing replaces it.
                              if (selectOnMouseUp.current) e.preventDefault();
                              selectOnMouseUp.current = false;
                            }}
                            disabled={saving}
                          />
                        </td>
                      ))}
                      <td className="attendance-num">{excused === null || excused < 0 ? '' : excused}</td>
                      {rule?.markedBySchool && (
                        <td className="attendance-num">
                          <Checkbox
                            aria-label={`Систематически пропускает (отметка школы): ${r.fio}`}
                            checked={marks[i] ?? false}
                            onChange={(e) => {
                              const v = e.currentTarget.checked;
                              setTouched(true);
                              setMarks((old) => old.map((m, k) => (k === i ? v : m)));
                            }}
                            m={6}
                          />
                        </td>
                      )}
                      <td className="attendance-num">{pct(r.percent)}</td>
                      <td>{r.status ? <TruancyBadge status={r.status} /> : r.replaced > 0 ? <Text size="xs" c="dimmed">исправлялось: {r.replaced}</Text> : null}</td>
                    </tr>
                  );
                })}
                {grid.rows.length === 0 && (
                  <tr>
                    <td colSpan={rule?.markedBySchool ? 9 : 8} className="attendance-empty">
                      В школе нет обучающихся{grid.classLabel ? ` ${grid.classLabel} класса` : ''}.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </Paper>
          <Text size="xs" c="dimmed">
            Enter или Tab — следующая ячейка, Shift+Enter — назад, ↑ ↓ — по столбцу, ← → — по строке; Ctrl+Enter — сохранить. Можно вставить блок чисел,
            скопированный из Excel. Исправленные числа не теряются: прежние сохраняются в истории.
          </Text>
          <Group gap="xs">
            <Button onClick={() => void save()} loading={saving} disabled={grid.rows.length === 0}>
              Сохранить
            </Button>
            {touched && (
              <Button variant="subtle" color="gray" onClick={() => void load()} disabled={saving}>
                Отменить изменения
              </Button>
            )}
            <FileButton resetRef={resetFile} onChange={(f) => void check(f)} accept=".xlsx,.csv,.txt,.ods,.xls">
              {(props) => (
                <Button {...props} variant="default" loading={importing}>
                  Загрузить отчёт электронного журнала…
                </Button>
              )}
            </FileButton>
            <Text size="sm" c={bad ? 'red' : 'dimmed'}>
              {bad ? `С ошибкой: ${bad} ${plural(bad, 'строка', 'строки', 'строк')}` : flagged ? `Отмечено правилом: ${flagged}` : ''}
            </Text>
          </Group>
        </>
      )}

      {imported && <ImportPreview result={imported.result} busy={importing} onApply={() => void apply()} onCancel={() => setImported(null)} />}

      {list && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={4}>
              Не посещают и систематически пропускают — {monthLabel(month)}
            </Title>
            {formId && (
              <Button variant="default" onClick={() => void makeList()} loading={making}>
                Сформировать список (PDF)
              </Button>
            )}
          </Group>
          {list.rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              По внесённой посещаемости за этот месяц таких учеников нет.
            </Text>
          ) : (
            <Table striped withTableBorder aria-label="Не посещают и систематически пропускают">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ученик</Table.Th>
                  <Table.Th>Дата рождения</Table.Th>
                  <Table.Th>Класс</Table.Th>
                  <Table.Th>Уроков</Table.Th>
                  <Table.Th>Без уваж.</Table.Th>
                  <Table.Th>%</Table.Th>
                  <Table.Th>Отметка</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.rows.map((r) => (
                  <Table.Tr key={r.childId}>
                    <Table.Td>
                      <Anchor href={`#/child/${r.childId}`}>{r.fio}</Anchor>
                    </Table.Td>
                    <Table.Td>{formatRuDate(r.birthDate)}</Table.Td>
                    <Table.Td>{r.classLabel}</Table.Td>
                    <Table.Td>{r.lessonsHeld}</Table.Td>
                    <Table.Td>{r.missedUnexcused}</Table.Td>
                    <Table.Td>{pct(r.percent)}</Table.Td>
                    <Table.Td>
                      <TruancyBadge status={r.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      {department && <DepartmentOverview month={month} onOpen={(id) => setOrgId(String(id))} />}
    </Stack>
  );
}

function ImportPreview({ result, busy, onApply, onCancel }: { result: ImportResult; busy: boolean; onApply: () => void; onCancel: () => void }) {
  const ok = result.issues.length === 0;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Отчёт «{result.fileName}» за {monthLabel(result.month)}
      </Title>
      <Text size="sm" mb="xs">
        Строк прочитано: {result.rowsRead}; с ошибками: {result.rowsWithErrors}. {ok ? 'Ошибок нет: отчёт можно применить.' : 'Отчёт применяется только целиком — исправьте файл и загрузите его снова.'}
      </Text>
      {!ok && (
        <Alert color="red" title="Ошибки в отчёте" mb="xs">
          <Stack gap={2}>
            {result.issues.slice(0, 50).map((i, k) => (
              <Text key={k} size="sm">
                {i.text}
              </Text>
            ))}
            {result.issues.length > 50 && <Text size="sm">…и ещё {result.issues.length - 50}</Text>}
          </Stack>
        </Alert>
      )}
      <Table withTableBorder striped aria-label="Строки отчёта" mb="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Строка</Table.Th>
            <Table.Th>Ученик</Table.Th>
            <Table.Th>Класс</Table.Th>
            <Table.Th>Уроков</Table.Th>
            <Table.Th>Пропущено</Table.Th>
            <Table.Th>Без уваж.</Table.Th>
            <Table.Th>%</Table.Th>
            <Table.Th>Что будет</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.rows.map((r) => (
            <Table.Tr key={r.fileRow} c={r.ok ? undefined : 'red'}>
              <Table.Td>{r.fileRow}</Table.Td>
              <Table.Td>{r.fio}</Table.Td>
              <Table.Td>{r.classLabel}</Table.Td>
              <Table.Td>{r.lessonsHeld ?? '—'}</Table.Td>
              <Table.Td>{r.missedTotal ?? '—'}</Table.Td>
              <Table.Td>{r.missedUnexcused ?? '—'}</Table.Td>
              <Table.Td>{pct(r.percent)}</Table.Td>
              <Table.Td>{!r.ok ? 'ошибка' : r.change === 'new' ? 'внести' : r.change === 'changed' ? 'заменить (прежнее — в историю)' : 'без изменений'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs">
        <Button onClick={onApply} disabled={!ok} loading={busy}>
          Применить
        </Button>
        <Button variant="default" onClick={onCancel} disabled={busy}>
          Отменить
        </Button>
      </Group>
    </Paper>
  );
}

/** The department's view: each school month by month (not started / systematic), and the month's pupils across schools. */
function DepartmentOverview({ month, onOpen }: { month: string; onOpen: (orgId: number) => void }) {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api.call('attendance.overview', { month }).then(
      (d) => alive && (setData(d), setError(null)),
      (e: unknown) => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [month]);
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Пропуски занятий по школам
      </Title>
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && <Loader size="sm" />}
      {data && (
        <>
          <Text size="xs" c="dimmed" mb="xs">
            В ячейке: не приступили к обучению / систематически пропускают; «—» — школа не внесла посещаемость за месяц.
          </Text>
          <Table withTableBorder striped aria-label="Пропуски занятий по школам">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Школа</Table.Th>
                {data.months.map((m) => (
                  <Table.Th key={m}>{monthLabel(m)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.schools.map((s) => (
                <Table.Tr key={s.orgId}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => onOpen(s.orgId)}>
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  {s.counts.map((c, k) => (
                    <Table.Td key={k} c={c && c.notStarted + c.systematic > 0 ? 'red' : undefined}>
                      {c ? `${c.notStarted} / ${c.systematic}` : '—'}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.rows.length > 0 && (
            <Table withTableBorder mt="sm" aria-label="Ученики за месяц по школам">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Школа</Table.Th>
                  <Table.Th>Ученик</Table.Th>
                  <Table.Th>Класс</Table.Th>
                  <Table.Th>%</Table.Th>
                  <Table.Th>Отметка</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((r) => (
                  <Table.Tr key={`${r.orgId}:${r.childId}`}>
                    <Table.Td>{r.orgName}</Table.Td>
                    <Table.Td>
                      <Anchor href={`#/child/${r.childId}`}>{r.fio}</Anchor>
                    </Table.Td>
                    <Table.Td>{r.classLabel}</Table.Td>
                    <Table.Td>{pct(r.percent)}</Table.Td>
                    <Table.Td>
                      <TruancyBadge status={r.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Paper>
  );
}
