import { Alert, Autocomplete, Button, Checkbox, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CallInput, CallOutput, Organization } from '../../../shared/api';
import type { MovementOverview, TransferNotice } from '../../../shared/api/movement';
import { formatRuDate } from '../../../shared/domain/dates';
import { CONTINUATION_KINDS, CONTINUATION_LABELS, EXPULSION_REASONS, FIRST_GRADE_DECISION_LABELS, type ContinuationKind } from '../../../shared/domain/movement';
import { api, errorText } from '../api';
import { todayIsoNow, todayRu } from '../format';
import { isoToRu, ruDateError, ruToIso } from '../registry/dates';
import { DateField, OrgSelect } from '../registry/fields';
import { fieldErrors } from '../ui';

type Errors = Record<string, string>;

/** Checks the typed dates: required ones present, all valid. Returns the messages by field. */
function dateErrors(fields: Record<string, { value: string; required?: boolean }>): Errors {
  const out: Errors = {};
  for (const [k, f] of Object.entries(fields)) {
    const e = ruDateError(f.value, f.required ?? false);
    if (e) out[k] = e;
  }
  return out;
}

const iso = (ru: string) => ruToIso(ru) ?? null;

function useSave<T>(fields: readonly string[]) {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(local: Errors, fn: () => Promise<T>, onSaved: (r: T) => void) {
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      onSaved(await fn());
    } catch (e) {
      const fe = fieldErrors(e, fields);
      setErrors(fe);
      setMessage(fe[''] ?? errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return { errors, message, busy, run };
}

function Buttons({ busy, onClose, label = 'Сохранить' }: { busy: boolean; onClose: () => void; label?: string }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose} disabled={busy}>
        Отмена
      </Button>
      <Button type="submit" loading={busy}>
        {label}
      </Button>
    </Group>
  );
}

function Form({ onSubmit, children }: { onSubmit: () => void; children: React.ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">{children}</Stack>
    </form>
  );
}

/** A child of the registry found by surname (the registry's search, within the user's read scope). */
function ChildSearch({ value, onChange, error, label }: { value: string | null; onChange: (v: string | null) => void; error?: string | undefined; label: string }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CallOutput<'children.search'>['rows']>([]);
  useEffect(() => {
    if (query.trim().length < 2) return;
    const t = window.setTimeout(() => {
      api.call('children.search', { query: query.trim(), limit: 20 }).then((r) => setFound(r.rows), () => undefined);
    }, 250);
    return () => window.clearTimeout(t);
  }, [query]);
  return (
    <Select
      label={label}
      required
      searchable
      searchValue={query}
      onSearchChange={setQuery}
      filter={({ options }) => options}
      data={found.map((c) => ({
        value: String(c.id),
        label: `${[c.surname, c.name, c.patronymic].filter(Boolean).join(' ')}, ${formatRuDate(c.birthDate)}${c.orgName ? `, ${c.orgName}${c.classLabel ? ` ${c.classLabel}` : ''}` : ''}`,
      }))}
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage={query.trim().length < 2 ? 'Введите фамилию' : 'Не найдено'}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** «Зачислить»: a pupil new to the school, with the order; by transfer — the sending school, and a notice is owed. */
export function EnrolModal({ orgId, orgs, onClose, onSaved }: { orgId: number; orgs: Organization[]; onClose: () => void; onSaved: (r: CallOutput<'movement.enrol'>) => void }) {
  const [existing, setExisting] = useState(false);
  const [childId, setChildId] = useState<string | null>(null);
  const [surname, setSurname] = useState('');
  const [name, setName] = useState('');
  const [patronymic, setPatronymic] = useState('');
  const [birth, setBirth] = useState('');
  const [classLabel, setClassLabel] = useState('');
  const [date, setDate] = useState(todayRu());
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState(todayRu());
  const [byTransfer, setByTransfer] = useState(true);
  const [fromOrg, setFromOrg] = useState<string | null>(null);
  const [fromName, setFromName] = useState('');
  const s = useSave<CallOutput<'movement.enrol'>>(['childId', 'child', 'classLabel', 'date', 'orderNumber', 'orderDate', 'transfer']);

  function save() {
    const local = dateErrors({ birth: { value: birth, required: !existing }, date: { value: date, required: true }, orderDate: { value: orderDate, required: true } });
    if (existing && !childId) local.childId = 'Выберите ребёнка';
    if (!existing && !surname.trim()) local.surname = 'Заполните поле «Фамилия»';
    if (!existing && !name.trim()) local.name = 'Заполните поле «Имя»';
    if (!classLabel.trim()) local.classLabel = 'Укажите класс';
    if (!orderNumber.trim()) local.orderNumber = 'Укажите номер приказа';
    if (byTransfer && !fromOrg && !fromName.trim()) local.transfer = 'Укажите исходную организацию';
    if (local.birth) local.birthDate = local.birth;
    const input: CallInput<'movement.enrol'> = {
      orgId,
      ...(existing
        ? { childId: Number(childId) }
        : { child: { surname: surname.trim(), name: name.trim(), patronymic: patronymic.trim() || null, birthDate: iso(birth) ?? '' } }),
      classLabel: classLabel.trim(),
      date: iso(date) ?? '',
      orderNumber: orderNumber.trim(),
      orderDate: iso(orderDate) ?? '',
      transfer: byTransfer ? { fromOrgId: fromOrg ? Number(fromOrg) : null, fromOrgName: fromOrg ? null : fromName.trim() || null } : null,
    };
    void s.run(local, () => api.call('movement.enrol', input), onSaved);
  }

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Зачисление обучающегося</Text>}>
      <Form onSubmit={save}>
        <SegmentedControl
          value={existing ? 'registry' : 'new'}
          onChange={(v) => setExisting(v === 'registry')}
          data={[
            { value: 'new', label: 'Новый в реестре' },
            { value: 'registry', label: 'Уже есть в реестре' },
          ]}
        />
        {existing && <ChildSearch label="Ребёнок (найдите по фамилии)" value={childId} onChange={setChildId} error={s.errors.childId} />}
        <SimpleGrid cols={3} spacing="sm">
          {!existing && (
            <>
              <TextInput label="Фамилия" required value={surname} onChange={(e) => setSurname(e.currentTarget.value)} error={s.errors.surname} data-autofocus />
              <TextInput label="Имя" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={s.errors.name} />
              <TextInput label="Отчество" value={patronymic} onChange={(e) => setPatronymic(e.currentTarget.value)} />
              <DateField label="Дата рождения" required value={birth} onChange={setBirth} error={s.errors.birthDate ?? s.errors.child} />
            </>
          )}
          <TextInput label="Класс" required value={classLabel} onChange={(e) => setClassLabel(e.currentTarget.value)} error={s.errors.classLabel} placeholder="7Б" />
          <DateField label="Дата зачисления" required value={date} onChange={setDate} error={s.errors.date} />
          <TextInput label="Приказ о зачислении №" required value={orderNumber} onChange={(e) => setOrderNumber(e.currentTarget.value)} error={s.errors.orderNumber} />
          <DateField label="Дата приказа" required value={orderDate} onChange={setOrderDate} error={s.errors.orderDate} />
        </SimpleGrid>
        <Checkbox label="В порядке перевода из другой школы" checked={byTransfer} onChange={(e) => setByTransfer(e.currentTarget.checked)} />
        {byTransfer && (
          <>
            <SimpleGrid cols={2} spacing="sm">
              <OrgSelect
                label="Исходная организация (из справочника)"
                orgs={orgs.filter((o) => o.id !== orgId)}
                kinds={['school']}
                value={fromOrg}
                onChange={setFromOrg}
                error={s.errors.transfer}
              />
              <TextInput
                label="…или её название, если её нет в справочнике"
                value={fromName}
                onChange={(e) => setFromName(e.currentTarget.value)}
                disabled={fromOrg !== null}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              Исходную школу нужно письменно уведомить о номере и дате приказа в течение двух рабочих дней — задача появится во вкладке «Уведомления о переводе».
            </Text>
          </>
        )}
        {s.message && <Alert color="red">{s.message}</Alert>}
        <Buttons busy={s.busy} onClose={onClose} label="Зачислить" />
      </Form>
    </Modal>
  );
}

interface ContinuationFields {
  kind: ContinuationKind | null;
  orgId: string | null;
  name: string;
  orderNumber: string;
  orderDate: string;
  confirmedOn: string;
}

function ContinuationInputs({ value, onChange, orgs, errors }: { value: ContinuationFields; onChange: (v: ContinuationFields) => void; orgs: Organization[]; errors: Errors }) {
  const set = (p: Partial<ContinuationFields>) => onChange({ ...value, ...p });
  const org = value.kind === 'school' || value.kind === 'spo';
  return (
    <>
      <Select
        label="Где продолжает образование"
        data={CONTINUATION_KINDS.map((k) => ({ value: k, label: CONTINUATION_LABELS[k] }))}
        value={value.kind}
        onChange={(v) => set({ kind: v as ContinuationKind | null })}
        error={errors.kind}
        comboboxProps={{ withinPortal: true }}
        allowDeselect={false}
      />
      {value.kind && (
        <SimpleGrid cols={2} spacing="sm">
          {org && <OrgSelect label="Организация (из справочника)" orgs={orgs} kinds={['school', 'college']} value={value.orgId} onChange={(v) => set({ orgId: v })} />}
          <TextInput
            label={org ? '…или её название' : 'Куда / пояснение'}
            value={value.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            disabled={value.orgId !== null}
            error={errors.name}
          />
          {org && <TextInput label="Приказ о зачислении №" value={value.orderNumber} onChange={(e) => set({ orderNumber: e.currentTarget.value })} />}
          {org && <DateField label="Дата приказа" value={value.orderDate} onChange={(v) => set({ orderDate: v })} error={errors.orderDate} />}
          <DateField label="Подтверждение получено" required value={value.confirmedOn} onChange={(v) => set({ confirmedOn: v })} error={errors.confirmedOn} />
        </SimpleGrid>
      )}
    </>
  );
}

function continuationInput(c: ContinuationFields) {
  return {
    kind: c.kind!,
    orgId: c.orgId ? Number(c.orgId) : null,
    name: c.orgId ? null : c.name.trim() || null,
    orderNumber: c.orderNumber.trim() || null,
    orderDate: iso(c.orderDate),
    confirmedOn: iso(c.confirmedOn) ?? '',
  };
}

const EMPTY_CONT: ContinuationFields = { kind: null, orgId: null, name: '', orderNumber: '', orderDate: '', confirmedOn: '' };

function continuationErrors(c: ContinuationFields): Errors {
  if (!c.kind) return {};
  return dateErrors({ confirmedOn: { value: c.confirmedOn, required: true }, orderDate: { value: c.orderDate } });
}

/** «Отчислить»: one of the school's pupils, with the order, the reason, and where the pupil goes if known. */
export function ExpelModal({ orgId, orgs, onClose, onSaved }: { orgId: number; orgs: Organization[]; onClose: () => void; onSaved: () => void }) {
  const [pupils, setPupils] = useState<CallOutput<'movement.pupils'>>([]);
  const [studyId, setStudyId] = useState<string | null>(null);
  const [date, setDate] = useState(todayRu());
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState(todayRu());
  const [reason, setReason] = useState('');
  const [cont, setCont] = useState<ContinuationFields>({ ...EMPTY_CONT, confirmedOn: todayRu() });
  const s = useSave<CallOutput<'movement.expel'>>(['studyId', 'date', 'orderNumber', 'orderDate', 'reason', 'continuation']);
  useEffect(() => {
    api.call('movement.pupils', { orgId }).then(setPupils, () => undefined);
  }, [orgId]);

  function save() {
    const local = { ...dateErrors({ date: { value: date, required: true }, orderDate: { value: orderDate, required: true } }), ...continuationErrors(cont) };
    if (!studyId) local.studyId = 'Выберите обучающегося';
    if (!orderNumber.trim()) local.orderNumber = 'Укажите номер приказа';
    if (!reason.trim()) local.reason = 'Укажите причину';
    void s.run(
      local,
      () =>
        api.call('movement.expel', {
          studyId: Number(studyId),
          date: iso(date) ?? '',
          orderNumber: orderNumber.trim(),
          orderDate: iso(orderDate) ?? '',
          reason: reason.trim(),
          continuation: cont.kind ? continuationInput(cont) : null,
        }),
      onSaved,
    );
  }

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Отчисление обучающегося</Text>}>
      <Form onSubmit={save}>
        <Select
          label="Обучающийся"
          required
          searchable
          selectFirstOptionOnChange
          data={pupils.map((p) => ({ value: String(p.studyId), label: `${p.fio}, ${formatRuDate(p.birthDate)}${p.classLabel ? `, ${p.classLabel}` : ''}` }))}
          value={studyId}
          onChange={setStudyId}
          error={s.errors.studyId}
          nothingFoundMessage="Не найдено"
          comboboxProps={{ withinPortal: true }}
          data-autofocus
        />
        <SimpleGrid cols={3} spacing="sm">
          <DateField label="Дата отчисления" required value={date} onChange={setDate} error={s.errors.date} />
          <TextInput label="Приказ об отчислении №" required value={orderNumber} onChange={(e) => setOrderNumber(e.currentTarget.value)} error={s.errors.orderNumber} />
          <DateField label="Дата приказа" required value={orderDate} onChange={setOrderDate} error={s.errors.orderDate} />
        </SimpleGrid>
        <Autocomplete label="Причина" required data={[...EXPULSION_REASONS]} value={reason} onChange={setReason} error={s.errors.reason} comboboxProps={{ withinPortal: true }} />
        <ContinuationInputs value={cont} onChange={setCont} orgs={orgs} errors={s.errors} />
        {s.message && <Alert color="red">{s.message}</Alert>}
        <Buttons busy={s.busy} onClose={onClose} label="Отчислить" />
      </Form>
    </Modal>
  );
}

/** «Подтверждение о продолжении образования» (Кстово приложение 5), or where a 9th-grade leaver went (приложение 4). */
export function ContinuationModal({ studyId, fio, orgs, onClose, onSaved }: { studyId: number; fio: string; orgs: Organization[]; onClose: () => void; onSaved: () => void }) {
  const [cont, setCont] = useState<ContinuationFields>({ ...EMPTY_CONT, kind: 'school', confirmedOn: todayRu() });
  const s = useSave<CallOutput<'movement.confirm'>>(['continuation']);
  function save() {
    const local = continuationErrors(cont);
    if (!cont.kind) local.kind = 'Выберите, где продолжает обучение';
    void s.run(local, () => api.call('movement.confirm', { studyId, continuation: continuationInput(cont) }), onSaved);
  }
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Продолжение образования: {fio}</Text>}>
      <Form onSubmit={save}>
        <ContinuationInputs value={cont} onChange={setCont} orgs={orgs} errors={s.errors} />
        {s.message && <Alert color="red">{s.message}</Alert>}
        <Buttons busy={s.busy} onClose={onClose} />
      </Form>
    </Modal>
  );
}

export function SentModal({ notice, onClose, onSaved }: { notice: TransferNotice; onClose: () => void; onSaved: () => void }) {
  const [sentOn, setSentOn] = useState(todayRu());
  const [note, setNote] = useState('');
  const s = useSave<CallOutput<'movement.noticeSent'>>(['sentOn', 'note']);
  function save() {
    void s.run(dateErrors({ sentOn: { value: sentOn, required: true } }), () => api.call('movement.noticeSent', { id: notice.id, sentOn: iso(sentOn) ?? '', note: note.trim() || null }), onSaved);
  }
  return (
    <Modal opened onClose={onClose} title={<Text fw={700}>Уведомление отправлено</Text>}>
      <Form onSubmit={save}>
        <Text size="sm">
          {notice.fio}: в {notice.fromOrg}, срок {formatRuDate(notice.dueDate)}
        </Text>
        <DateField label="Дата отправки" required value={sentOn} onChange={setSentOn} error={s.errors.sentOn} data-autofocus />
        <TextInput label="Как отправлено (исх. №, почта, СЭД)" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {s.message && <Alert color="red">{s.message}</Alert>}
        <Buttons busy={s.busy} onClose={onClose} />
      </Form>
    </Modal>
  );
}

/** Leaving at 15: the consents and, for the department, its measures within a month. */
export function Leave15Modal({
  row,
  orgId,
  department,
  onClose,
  onSaved,
}: {
  row: MovementOverview['leave15'][number] | null;
  orgId: number | null;
  department: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [pupils, setPupils] = useState<CallOutput<'movement.pupils'>>([]);
  const [childId, setChildId] = useState<string | null>(row ? String(row.childId) : null);
  const [f, setF] = useState({
    parentsConsentOn: isoToRu(row?.parentsConsentOn ?? ''),
    commissionConsentOn: isoToRu(row?.commissionConsentOn ?? ''),
    commissionDecision: row?.commissionDecision ?? '',
    departmentConsentOn: isoToRu(row?.departmentConsentOn ?? ''),
    departmentDecision: row?.departmentDecision ?? '',
    leftOn: isoToRu(row?.leftOn ?? ''),
    measuresOn: isoToRu(row?.measuresOn ?? ''),
    measures: row?.measures ?? '',
  });
  const set = (p: Partial<typeof f>) => setF({ ...f, ...p });
  const s = useSave<CallOutput<'movement.leaveSchool'>>(['childId', 'parentsConsentOn', 'commissionConsentOn', 'departmentConsentOn', 'leftOn', 'measuresOn']);
  useEffect(() => {
    if (!row && orgId) api.call('movement.pupils', { orgId }).then(setPupils, () => undefined);
  }, [row, orgId]);
  function save() {
    const local = dateErrors({
      parentsConsentOn: { value: f.parentsConsentOn },
      commissionConsentOn: { value: f.commissionConsentOn },
      departmentConsentOn: { value: f.departmentConsentOn },
      leftOn: { value: f.leftOn },
      measuresOn: { value: f.measuresOn },
    });
    if (!childId) local.childId = orgId ? 'Выберите обучающегося' : 'Сначала выберите школу';
    void s.run(
      local,
      () =>
        api.call('movement.leaveSchool', {
          id: row?.id ?? null,
          childId: Number(childId),
          orgId,
          parentsConsentOn: iso(f.parentsConsentOn),
          commissionConsentOn: iso(f.commissionConsentOn),
          commissionDecision: f.commissionDecision.trim() || null,
          departmentConsentOn: iso(f.departmentConsentOn),
          departmentDecision: f.departmentDecision.trim() || null,
          leftOn: iso(f.leftOn),
          measuresOn: iso(f.measuresOn),
          measures: f.measures.trim() || null,
        }),
      onSaved,
    );
  }
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Оставление школы по достижении 15 лет</Text>}>
      <Form onSubmit={save}>
        {row ? (
          <Text size="sm">{row.fio}</Text>
        ) : (
          <Select
            label="Обучающийся"
            required
            searchable
            selectFirstOptionOnChange
            data={pupils.map((p) => ({ value: String(p.childId), label: `${p.fio}, ${formatRuDate(p.birthDate)}${p.classLabel ? `, ${p.classLabel}` : ''}` }))}
            value={childId}
            onChange={setChildId}
            error={s.errors.childId}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <SimpleGrid cols={3} spacing="sm">
          <DateField label="Согласие родителей" value={f.parentsConsentOn} onChange={(v) => set({ parentsConsentOn: v })} error={s.errors.parentsConsentOn} />
          <DateField label="Согласие КДН" value={f.commissionConsentOn} onChange={(v) => set({ commissionConsentOn: v })} error={s.errors.commissionConsentOn} />
          <TextInput label="Постановление КДН №" value={f.commissionDecision} onChange={(e) => set({ commissionDecision: e.currentTarget.value })} />
          <DateField label="Согласие отдела образования" value={f.departmentConsentOn} onChange={(v) => set({ departmentConsentOn: v })} error={s.errors.departmentConsentOn} />
          <TextInput label="Приказ отдела №" value={f.departmentDecision} onChange={(e) => set({ departmentDecision: e.currentTarget.value })} />
          <DateField label="Оставил(а) школу" value={f.leftOn} onChange={(v) => set({ leftOn: v })} error={s.errors.leftOn} />
        </SimpleGrid>
        {department ? (
          <SimpleGrid cols={2} spacing="sm">
            <DateField label="Меры приняты (дата)" value={f.measuresOn} onChange={(v) => set({ measuresOn: v })} error={s.errors.measuresOn} />
            <Textarea label="Какие меры" autosize minRows={1} value={f.measures} onChange={(e) => set({ measures: e.currentTarget.value })} />
          </SimpleGrid>
        ) : (
          <Text size="xs" c="dimmed">
            Меры по продолжению образования (не позднее месяца после ухода) вносит отдел образования.
          </Text>
        )}
        {s.message && <Alert color="red">{s.message}</Alert>}
        <Buttons busy={s.busy} onClose={onClose} />
      </Form>
    </Modal>
  );
}

function nextSeptember(): string {
  const t = todayIsoNow();
  const y = Number(t.slice(0, 4));
  return `${t.slice(5) < '09-01' ? y : y + 1}-09-01`;
}

/** The department's permission for first grade before 6 years 6 months or after 8 years. */
export function FirstGradeModal({
  row,
  orgId,
  orgs,
  onClose,
  onSaved,
}: {
  row: MovementOverview['firstGrade'][number] | null;
  orgId: number | null;
  orgs: Organization[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [childId, setChildId] = useState<string | null>(row ? String(row.childId) : null);
  const [school, setSchool] = useState<string | null>(orgId ? String(orgId) : null);
  const [f, setF] = useState({
    startOn: isoToRu(row?.startOn ?? nextSeptember()),
    applicant: row?.applicant ?? '',
    applicationOn: isoToRu(row?.applicationOn ?? todayIsoNow()),
    decision: (row?.decision ?? null) as 'granted' | 'refused' | null,
    decisionOn: isoToRu(row?.decisionOn ?? ''),
    decisionNumber: row?.decisionNumber ?? '',
  });
  const set = (p: Partial<typeof f>) => setF({ ...f, ...p });
  const s = useSave<CallOutput<'movement.firstGrade'>>(['childId', 'startOn', 'applicationOn', 'decisionOn']);
  function save() {
    const local = dateErrors({ startOn: { value: f.startOn, required: true }, applicationOn: { value: f.applicationOn, required: true }, decisionOn: { value: f.decisionOn } });
    if (!childId) local.childId = 'Выберите ребёнка';
    void s.run(
      local,
      () =>
        api.call('movement.firstGrade', {
          id: row?.id ?? null,
          childId: Number(childId),
          orgId: school ? Number(school) : null,
          startOn: iso(f.startOn) ?? '',
          applicant: f.applicant.trim() || null,
          applicationOn: iso(f.applicationOn) ?? '',
          decision: f.decision,
          decisionOn: iso(f.decisionOn),
          decisionNumber: f.decisionNumber.trim() || null,
        }),
      onSaved,
    );
  }
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700}>Приём в 1 класс вне возраста 6,5–8 лет</Text>}>
      <Form onSubmit={save}>
        {row ? (
          <Text size="sm">{row.fio}</Text>
        ) : (
          <ChildSearch label="Ребёнок (найдите по фамилии)" value={childId} onChange={setChildId} error={s.errors.childId} />
        )}
        <SimpleGrid cols={3} spacing="sm">
          <DateField label="1 класс с" required value={f.startOn} onChange={(v) => set({ startOn: v })} error={s.errors.startOn} />
          <DateField label="Заявление от" required value={f.applicationOn} onChange={(v) => set({ applicationOn: v })} error={s.errors.applicationOn} />
          <TextInput label="Заявитель" value={f.applicant} onChange={(e) => set({ applicant: e.currentTarget.value })} />
          <Select
            label="Решение"
            data={(['granted', 'refused'] as const).map((d) => ({ value: d, label: FIRST_GRADE_DECISION_LABELS[d] }))}
            value={f.decision}
            onChange={(v) => set({ decision: v as 'granted' | 'refused' | null })}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <DateField label="Дата решения" value={f.decisionOn} onChange={(v) => set({ decisionOn: v })} error={s.errors.decisionOn} />
          <TextInput label="Приказ №" value={f.decisionNumber} onChange={(e) => set({ decisionNumber: e.currentTarget.value })} />
        </SimpleGrid>
        <OrgSelect label="Школа" orgs={orgs} kinds={['school']} value={school} onChange={setSchool} />
        {s.message && <Alert color="red">{s.message}</Alert>}
        <Buttons busy={s.busy} onClose={onClose} />
      </Form>
    </Modal>
  );
}
