import { Alert, Autocomplete, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError, type Organization } from '../../../shared/api';
import type { ChildCard, FactRow, FactType } from '../../../shared/api/registry';
import { compareIso } from '../../../shared/domain/dates';
import { EXPULSION_REASONS } from '../../../shared/domain/movement';
import { api, errorText } from '../api';
import { todayRu } from '../format';
import { isoToRu, ruDateError, ruToIso } from './dates';
import { enterMovesOn } from './enter';
import { FACT_TITLES, FactFields, draftFromFact, draftToFact, emptyDraft, factIssueKey, type Draft, type Errors } from './facts';
import { ClassInput, DateField, normalizeClass } from './fields';

function issuesOf(e: unknown): Errors | null {
  if (!(e instanceof ApiError) || e.code !== 'VALIDATION' || !e.issues?.length) return null;
  const out: Errors = {};
  for (const i of e.issues) {
    const key = factIssueKey(i.path);
    out[key] = out[key] ? `${out[key]}; ${i.message}` : i.message;
  }
  return out;
}

interface FactModalProps {
  childId: number;
  type: FactType;
  /** Given: the fact is corrected (replaced, the old one kept in history). */
  row?: FactRow;
  orgs: Organization[];
  ownOrgId?: number | null;
  canAddStreet?: boolean;
  /** The study or form in force now: a new one usually replaces it from its first day. */
  current?: FactRow | undefined;
  onClose: () => void;
  onSaved: (card: ChildCard) => void;
}

/** Adds a fact of one kind, or corrects one (the record is replaced; the old one stays in history, greyed). */
export function FactModal({ childId, type, row, orgs, ownOrgId, canAddStreet, current, onClose, onSaved }: FactModalProps) {
  const [draft, setDraft] = useState<Draft>(() => (row ? draftFromFact(row) : emptyDraft(type)));
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replacing = !row && current !== undefined;
  const [endCurrent, setEndCurrent] = useState(true);

  async function save() {
    const { fact, errors: errs } = draftToFact(type, draft);
    // The old record ends on the first day of the new one: that day must be known.
    const from = ruToIso(draft.validFrom ?? '');
    if (replacing && endCurrent && !errs.validFrom) {
      if (!from) errs.validFrom = 'Укажите дату: в этот день окончится прежняя запись';
      else if (current.validFrom && compareIso(from, current.validFrom) < 0) errs.validFrom = `Раньше начала прежней записи (${isoToRu(current.validFrom)})`;
    }
    setErrors(errs);
    setMessage(null);
    if (!fact || Object.keys(errs).length) return;
    setBusy(true);
    try {
      // The old record ends and the new one starts in one transaction on the server: both or neither.
      const ends = replacing && endCurrent && from ? { id: current.id, validTo: from } : undefined;
      const card = row ? await api.call('facts.correct', { id: row.id, fact }) : await api.call('facts.add', { childId, fact, ...(ends ? { ends } : {}) });
      onSaved(card);
    } catch (e) {
      const fe = issuesOf(e);
      if (fe) setErrors(fe);
      if (!fe || fe['']) setMessage(fe?.[''] ?? errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} size="xl" title={<Text fw={700}>{row ? `Исправить: ${FACT_TITLES[type].toLowerCase()}` : `Добавить: ${FACT_TITLES[type].toLowerCase()}`}</Text>}>
      <form
        noValidate
        onKeyDown={enterMovesOn}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void save();
        }}
      >
        <Stack gap="md">
          {row && (
            <Text size="sm" c="dimmed">
              Исправление заменяет ошибочную запись; прежняя остаётся в истории карточки.
              {type === 'study' && ' Чтобы перевести ребёнка в другой класс или организацию, используйте «Перевести» или «Окончить».'}
            </Text>
          )}
          <FactFields type={type} draft={draft} onChange={setDraft} errors={errors} orgs={orgs} ownOrgId={ownOrgId} canAddStreet={canAddStreet} autoFocus />
          {replacing && (
            <Checkbox
              checked={endCurrent}
              onChange={(e) => setEndCurrent(e.currentTarget.checked)}
              label={`Окончить прежнюю запись в день начала новой: ${current.summary}`}
              description="Снимите отметку, если обе записи действуют одновременно"
            />
          )}
          {message && <Alert color="red">{message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Отмена
            </Button>
            <Button type="submit" loading={busy}>
              {row ? 'Исправить' : 'Добавить'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The expulsion reasons: one list with «Движение обучающихся» (shared/domain/movement). */
const LEAVE_REASONS = [...EXPULSION_REASONS];

interface EndModalProps {
  row: FactRow;
  onClose: () => void;
  onSaved: (card: ChildCard) => void;
}

/** Ends a period: the fact stays, with its last day; for a study also the expulsion order and the reason. */
export function EndModal({ row, onClose, onSaved }: EndModalProps) {
  const study = row.type === 'study';
  const [validTo, setValidTo] = useState(todayRu());
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const errs: Errors = {};
    const to = ruToIso(validTo);
    const toError = ruDateError(validTo, true);
    if (toError) errs.validTo = toError;
    else if (to && row.validFrom && compareIso(to, row.validFrom) < 0) errs.validTo = `Раньше начала периода (${isoToRu(row.validFrom)})`;
    const odError = ruDateError(orderDate);
    if (odError) errs.leaveOrderDate = odError;
    setErrors(errs);
    setMessage(null);
    if (Object.keys(errs).length || !to) return;
    setBusy(true);
    try {
      const od = ruToIso(orderDate);
      const card = await api.call('facts.end', {
        type: row.type,
        id: row.id,
        validTo: to,
        ...(study && orderNumber.trim() ? { leaveOrderNumber: orderNumber.trim() } : {}),
        ...(study && od ? { leaveOrderDate: od } : {}),
        ...(study && reason.trim() ? { leaveReason: reason.trim() } : {}),
      });
      onSaved(card);
    } catch (e) {
      const fe = issuesOf(e);
      if (fe) setErrors(fe);
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>{study ? 'Отчисление: окончить обучение' : 'Окончить период'}</Text>}>
      <form
        noValidate
        onKeyDown={enterMovesOn}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void save();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{row.summary}</Text>
          <SimpleGrid cols={study ? 3 : 1} spacing="sm">
            <DateField label="Последний день" required value={validTo} onChange={setValidTo} error={errors.validTo} autoFocus data-autofocus />
            {study && (
              <TextInput label="Приказ об отчислении №" value={orderNumber} onChange={(e) => setOrderNumber(e.currentTarget.value)} autoComplete="off" />
            )}
            {study && <DateField label="Дата приказа" value={orderDate} onChange={setOrderDate} error={errors.leaveOrderDate} />}
          </SimpleGrid>
          {study && (
            <Autocomplete
              label="Причина"
              data={LEAVE_REASONS}
              value={reason}
              onChange={setReason}
              comboboxProps={{ withinPortal: true }}
              error={errors.leaveReason}
            />
          )}
          {message && <Alert color="red">{message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Отмена
            </Button>
            <Button type="submit" loading={busy}>
              Окончить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface TransferProps {
  childId: number;
  row: FactRow;
  onClose: () => void;
  onSaved: (card: ChildCard) => void;
}

/**
 * «Перевести в другой класс»: the current study ends on the day of the transfer and a study in the new class
 * of the same organization starts that day; both stay in the card's history.
 */
export function TransferModal({ childId, row, onClose, onSaved }: TransferProps) {
  const orgId = typeof row.data.orgId === 'number' ? row.data.orgId : null;
  const oldClass = typeof row.data.classLabel === 'string' ? row.data.classLabel : '';
  const [classLabel, setClassLabel] = useState('');
  const [date, setDate] = useState(todayRu());
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const errs: Errors = {};
    const cls = normalizeClass(classLabel);
    if (!cls) errs.classLabel = 'Укажите новый класс';
    else if (cls === oldClass) errs.classLabel = `Ребёнок уже в ${oldClass} классе`;
    const at = ruToIso(date);
    const dateError = ruDateError(date, true);
    if (dateError) errs.date = dateError;
    else if (at && row.validFrom && compareIso(at, row.validFrom) < 0) errs.date = `Раньше зачисления в ${oldClass || 'прежний'} класс (${isoToRu(row.validFrom)})`;
    const odError = ruDateError(orderDate);
    if (odError) errs.orderDate = odError;
    setErrors(errs);
    setMessage(null);
    if (Object.keys(errs).length || !at || orgId === null) return;
    setBusy(true);
    const od = ruToIso(orderDate);
    const order = { ...(orderNumber.trim() ? { leaveOrderNumber: orderNumber.trim() } : {}), ...(od ? { leaveOrderDate: od } : {}) };
    try {
      // Ending the old class and starting the new one is one transaction on the server.
      const card = await api.call('facts.add', {
        childId,
        fact: { type: 'study', orgId, classLabel: cls, validFrom: at, enrolOrderNumber: orderNumber.trim() || null, enrolOrderDate: od },
        ends: { id: row.id, validTo: at, leaveReason: `перевод в ${cls} класс`, ...order },
      });
      onSaved(card);
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Перевести в другой класс</Text>}>
      <form
        noValidate
        onKeyDown={enterMovesOn}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void save();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            Сейчас: {row.summary}. Обучение в {oldClass || 'прежнем'} классе окончится в день перевода, в новом — начнётся
            с этого дня; обе записи останутся в хронологии.
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <ClassInput label="Новый класс" required orgId={orgId} value={classLabel} onChange={setClassLabel} error={errors.classLabel} autoFocus data-autofocus />
            <DateField label="Дата перевода" required value={date} onChange={setDate} error={errors.date} />
            <TextInput label="Приказ о переводе №" value={orderNumber} onChange={(e) => setOrderNumber(e.currentTarget.value)} autoComplete="off" />
            <DateField label="Дата приказа" value={orderDate} onChange={setOrderDate} error={errors.orderDate} />
          </SimpleGrid>
          {message && <Alert color="red">{message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Отмена
            </Button>
            <Button type="submit" loading={busy}>
              Перевести
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
