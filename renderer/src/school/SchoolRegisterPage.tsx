import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Modal, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/api';
import {
  ACTOR_LABELS,
  DOC_TITLES,
  DOCS_OF_KIND,
  ENTRY_FIELDS,
  type DocKind,
  type RegisterCard,
  type RegisterEntry,
  type RegisterPupil,
} from '../../../shared/api/schoolRegister';
import { formatRuDate } from '../../../shared/domain/dates';
import { CARD_KINDS, ENTRY_KIND_BASIS, ENTRY_KIND_LABELS, ESCALATION_KINDS, REMOVAL_KINDS, REMOVAL_REASON_LABELS, REMOVAL_REASONS, type EntryKind } from '../../../shared/domain/schoolRegister';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { MIME, downloadBase64 } from '../files';
import { todayIsoNow } from '../format';
import { isoToRu, ruDateError, ruToIso } from '../registry/dates';
import { DateField, OrgSelect, useOrgs } from '../registry/fields';
import { fieldErrors, notifyError, notifyOk } from '../ui';

/**
 * «Внутришкольный учёт» (issue 11, points 2–4): the school's pupils with unexcused absences or on the register,
 * where each stands and the step the Инструкция asks next; a pupil's page with the escalation, the карта учёта,
 * the removal and their documents; letters to the prevention bodies whose answer is late.
 */

/** The documents' buttons: short, the full title in the tooltip. */
const DOC_SHORT: Record<DocKind, string> = {
  contact: 'Справка',
  warning: 'Предупреждение',
  visit: 'Акт',
  petition: 'Ходатайство',
  registered: 'Решение',
  report: 'Информация',
  letter: 'Обращение',
  card: 'Карта учёта',
  removalPetition: 'Ходатайство',
  characteristic: 'Характеристика',
  journalExtract: 'Выписка из журнала',
  workReference: 'Справка по работе',
  removed: 'Решение',
};

const fio = (p: { surname: string; name: string; patronymic: string | null }) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
const monthRu = (m: string | null) => (m ? `${m.slice(5, 7)}.${m.slice(0, 4)}` : '—');

export function SchoolRegisterPage({ user, childId }: { user: SessionUser; childId: number | null }) {
  return childId === null ? <PupilList user={user} /> : <PupilRegister key={childId} user={user} childId={childId} />;
}

function PupilList({ user }: { user: SessionUser }) {
  const school = user.role === 'school';
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(school ? String(user.orgId) : null);
  const [all, setAll] = useState(false);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<RegisterPupil[] | null>(null);
  const [overdue, setOverdue] = useState<Awaited<ReturnType<typeof api.call<'school.overdueLetters'>>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const seesCards = user.role !== 'inspector';

  const load = useCallback(async () => {
    if (!school && !orgId) return setRows(null);
    setLoading(true);
    try {
      const res = await api.call('school.pupils', { orgId: orgId ? Number(orgId) : null, all, query });
      setRows(res.rows);
      setOverdue(seesCards ? await api.call('school.overdueLetters', { orgId: orgId ? Number(orgId) : null }) : null);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [orgId, all, query, school, seesCards]);

  useEffect(() => {
    void load();
    // The surname is applied by Enter; the school and «all» at once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orgId, all]);

  return (
    <Stack gap="md">
      <Title order={2}>Внутришкольный учёт</Title>
      <Paper p="md" withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          <Group align="flex-end" gap="sm">
            {!school && <OrgSelect label="Школа" orgs={orgs} kinds={['school']} value={orgId} onChange={setOrgId} w={320} placeholder="Выберите школу" />}
            <TextInput label="Фамилия" value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={220} placeholder="начало фамилии" />
            <Checkbox label="Все обучающиеся школы" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} mb={8} />
            <Button type="submit" variant="default" loading={loading}>
              Показать
            </Button>
          </Group>
        </form>
        <Text size="sm" c="dimmed" mt="xs">
          Показаны обучающиеся с пропусками без уважительной причины в этом учебном году и те, о ком есть записи учёта. Следующий шаг подсказан по разделу 2 Инструкции и данным посещаемости.
        </Text>
      </Paper>
      {error && <Alert color="red">{error}</Alert>}
      {overdue && overdue.length > 0 && (
        <Alert color="red" title={`Обращения без письменного ответа в срок (п. 5.3): ${overdue.length}`}>
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {overdue.map((o) => (
                <Table.Tr key={o.entryId}>
                  <Table.Td>
                    <Anchor href={`#/register/${o.childId}`}>{fio(o)}</Anchor> {o.classLabel ?? ''}
                  </Table.Td>
                  <Table.Td>
                    {o.addressee}
                    {o.outNumber ? `, исх. № ${o.outNumber}` : ''} от {formatRuDate(o.onDate)}
                  </Table.Td>
                  <Table.Td>
                    ответ до {formatRuDate(o.dueOn)} — просрочен на {o.daysOverdue} дн.
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      )}
      {!school && !orgId && <Text c="dimmed">Выберите школу.</Text>}
      {rows && (
        <Paper withBorder>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Обучающийся</Table.Th>
                <Table.Th>Класс</Table.Th>
                <Table.Th>Без ув. причины (уроков за уч. год)</Table.Th>
                <Table.Th>Положение</Table.Th>
                <Table.Th>Следующий шаг</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">Обучающихся с пропусками без уважительной причины и записей учёта нет.</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((r) => (
                <Table.Tr key={r.childId}>
                  <Table.Td>
                    <Anchor href={`#/register/${r.childId}`}>{fio(r)}</Anchor>
                    <Text size="xs" c="dimmed">
                      {formatRuDate(r.birthDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.classLabel ?? '—'}</Table.Td>
                  <Table.Td>
                    {r.missedUnexcused}
                    {r.lastMissedMonth && (
                      <Text size="xs" c="dimmed">
                        последний месяц {monthRu(r.lastMissedMonth)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.onRegister ? <Badge color="orange">на учёте</Badge> : null} <Text size="sm" span>{r.standing}</Text>
                    {r.overdueLetters > 0 && (
                      <Badge color="red" ml={4}>
                        ответ просрочен: {r.overdueLetters}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.next ? <Text size="sm">{ENTRY_KIND_LABELS[r.next.kind]}</Text> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {loading && !rows && <Loader />}
    </Stack>
  );
}

type FormState = { kind: EntryKind; replaces: RegisterEntry | null; refId: number | null };

function PupilRegister({ user, childId }: { user: SessionUser; childId: number }) {
  const [card, setCard] = useState<RegisterCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [printing, setPrinting] = useState<string | null>(null);
  const writer = canCall(user.role, 'school.addEntry');

  const load = useCallback(async () => {
    try {
      setCard(await api.call('school.card', { childId }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [childId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function print(doc: DocKind, entryId: number | null) {
    const key = `${doc}:${entryId ?? ''}`;
    setPrinting(key);
    try {
      const res = await api.call('school.print', { childId, entryId, doc });
      downloadBase64(res.base64, res.fileName, MIME.pdf);
      notifyOk(`${DOC_TITLES[doc]}: документ № ${res.printout.number} сохранён в файл «${res.fileName}»`);
      await load();
    } catch (e) {
      notifyError(e, 'Документ не составлен');
    } finally {
      setPrinting(null);
    }
  }

  if (error)
    return (
      <Stack>
        <Anchor href="#/register">← Внутришкольный учёт</Anchor>
        <Alert color="red">{error}</Alert>
      </Stack>
    );
  if (!card) return <Loader />;

  const current = card.entries.filter((e) => e.replacedBy === null && !e.data.cancelled);
  const byKinds = (kinds: readonly string[]) => current.filter((e) => kinds.includes(e.kind));
  const letters = byKinds(['letter']);
  const answers = byKinds(['answer']);
  const conditions = byKinds(['conditions']).at(-1);
  const history = card.entries.filter((e) => e.replacedBy !== null || e.data.cancelled);
  const docButtons = (e: RegisterEntry) =>
    writer
      ? (DOCS_OF_KIND[e.kind] ?? []).map((doc) => {
          const made = e.documents.filter((d) => d.docKind === doc).at(-1);
          return (
            <Button key={doc} size="compact-xs" variant="light" loading={printing === `${doc}:${e.id}`} onClick={() => void print(doc, e.id)} title={`${DOC_TITLES[doc]}${made ? ` — уже выдан № ${made.number} от ${formatRuDate(made.issuedOn)}` : ''}`}>
              {DOC_SHORT[doc]} (PDF)
            </Button>
          );
        })
      : [];
  const fix = (e: RegisterEntry) =>
    writer ? (
      <Button size="compact-xs" variant="subtle" onClick={() => setForm({ kind: e.kind, replaces: e, refId: e.refId })}>
        Исправить
      </Button>
    ) : null;

  const stepsTable = (entries: RegisterEntry[], empty: string) => (
    <Table withTableBorder verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>Дата</Table.Th>
          <Table.Th>Запись</Table.Th>
          <Table.Th w={230}>Кто</Table.Th>
          <Table.Th w={260}>Документы</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}>
              <Text c="dimmed" size="sm">
                {empty}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {entries.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{formatRuDate(e.onDate)}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {ENTRY_KIND_LABELS[e.kind]}
              </Text>
              <Text size="sm">{summary(e)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{e.actor}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {docButtons(e)}
                {fix(e)}
              </Group>
              {e.documents.length > 0 && (
                <Text size="xs" c="dimmed">
                  Выдано: {e.documents.map((d) => `№ ${d.number}`).join(', ')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );

  const c = card.child;
  return (
    <Stack gap="md">
      <Anchor href="#/register">← Внутришкольный учёт</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{fio(c)}</Title>
          <Text c="dimmed">
            {formatRuDate(c.birthDate)} г. р. · {c.classLabel ? `${c.classLabel} класс` : 'класс не указан'} · {c.orgName ?? 'не обучается'}
          </Text>
          <Text size="sm">
            {c.address ?? 'адрес не известен'} · {c.representatives.map((r) => `${r.relation}: ${r.fullName}${r.phone ? `, ${r.phone}` : ''}`).join('; ') || 'родители не указаны'}
          </Text>
        </div>
        <Group>
          {writer && (
            <Button variant="default" loading={printing === 'card:'} onClick={() => void print('card', null)}>
              Карта учёта (PDF)
            </Button>
          )}
          {writer && <Button onClick={() => setForm({ kind: card.next?.kind ?? 'contact', replaces: null, refId: null })}>Добавить запись</Button>}
        </Group>
      </Group>

      <Paper p="md" withBorder>
        <Group gap="xs">
          {card.standing.onRegister && <Badge color="orange">на внутришкольном учёте</Badge>}
          <Text fw={500}>{card.standing.label}</Text>
        </Group>
        {card.next && (
          <Alert color="blue" mt="sm" title={`Следующий шаг: ${ENTRY_KIND_LABELS[card.next.kind]}`}>
            <Text size="sm">{card.next.reason}</Text>
            {writer && (
              <Button size="xs" mt="xs" onClick={() => setForm({ kind: card.next!.kind, replaces: null, refId: null })}>
                Внести: {ENTRY_KIND_LABELS[card.next.kind]}
              </Button>
            )}
          </Alert>
        )}
        {card.removal && !card.next && (
          <Text size="sm" mt="sm" c="dimmed">
            {card.removal.text}
          </Text>
        )}
      </Paper>

      <Title order={4}>Меры по разделу 2 Инструкции и снятие с учёта</Title>
      {stepsTable(byKinds([...ESCALATION_KINDS, ...REMOVAL_KINDS]), 'Мер не принималось.')}

      <Title order={4}>Карта учёта</Title>
      <Paper p="md" withBorder>
        <Text fw={500} mb={4}>
          Условия проживания {conditions ? `(на ${formatRuDate(conditions.onDate)}, ${conditions.actor})` : ''}
        </Text>
        {conditions ? (
          <Stack gap={2}>
            <Text size="sm">Состав семьи: {conditions.data.family}</Text>
            <Text size="sm">Жилищные условия: {conditions.data.housing}</Text>
            <Text size="sm">С кем проживает: {conditions.data.livesWith}</Text>
            <Group>{fix(conditions)}</Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Не внесены.{' '}
            {writer && (
              <Anchor component="button" onClick={() => setForm({ kind: 'conditions', replaces: null, refId: null })}>
                Внести
              </Anchor>
            )}
          </Text>
        )}
      </Paper>
      <Text fw={500}>Индивидуальная профилактическая работа и меры школы</Text>
      {stepsTable(byKinds(['work', 'measure']), 'Записей нет.')}
      <Text fw={500}>Обращения в органы системы профилактики (п. 5.3)</Text>
      <Table withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>Дата</Table.Th>
            <Table.Th>Адресат и содержание</Table.Th>
            <Table.Th w={120}>Ответ до</Table.Th>
            <Table.Th>Ответ</Table.Th>
            <Table.Th w={200}>Документы</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {letters.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" size="sm">
                  Обращений нет.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {letters.map((l) => {
            const a = answers.filter((x) => x.refId === l.id).at(-1);
            const late = !a && l.dueOn !== null && card.today > l.dueOn;
            return (
              <Table.Tr key={l.id}>
                <Table.Td>{formatRuDate(l.onDate)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {l.data.addressee}
                    {l.data.outNumber ? `, исх. № ${l.data.outNumber}` : ''}
                  </Text>
                  <Text size="sm">{l.data.subject}</Text>
                </Table.Td>
                <Table.Td>{l.dueOn ? formatRuDate(l.dueOn) : '—'}</Table.Td>
                <Table.Td>
                  {a ? (
                    <Text size="sm">
                      {formatRuDate(a.onDate)}: {a.data.what}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      <Badge color={late ? 'red' : 'gray'}>{late ? 'срок ответа истёк' : 'ожидается'}</Badge>
                      {writer && (
                        <Button size="compact-xs" variant="light" onClick={() => setForm({ kind: 'answer', replaces: null, refId: l.id })}>
                          Ответ получен
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {docButtons(l)}
                    {fix(l)}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>

      <Text fw={500}>Посещаемость (по данным классного журнала)</Text>
      <Table withTableBorder verticalSpacing={2} w={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Месяц</Table.Th>
            <Table.Th>Уроков</Table.Th>
            <Table.Th>Пропущено</Table.Th>
            <Table.Th>Без ув. причины</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.attendance.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed" size="sm">
                  Посещаемость не внесена.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {card.attendance.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Td>{monthRu(m.month)}</Table.Td>
              <Table.Td>{m.lessonsHeld}</Table.Td>
              <Table.Td>{m.missedTotal}</Table.Td>
              <Table.Td c={m.missedUnexcused > 0 ? 'red' : undefined}>{m.missedUnexcused}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {history.length > 0 && (
        <>
          <Text fw={500}>Исправленные и отменённые записи (история не удаляется)</Text>
          {history.map((e) => (
            <Text key={e.id} size="sm" c="dimmed">
              № {e.id} от {formatRuDate(e.onDate)} — {ENTRY_KIND_LABELS[e.kind]}: {e.data.cancelled ? 'отменена' : summary(e)} {e.replacedBy ? `(исправлена записью № ${e.replacedBy})` : ''}
            </Text>
          ))}
        </>
      )}

      {form && (
        <EntryForm
          card={card}
          state={form}
          onClose={() => setForm(null)}
          onSaved={(next) => {
            setCard(next);
            setForm(null);
            notifyOk('Запись внесена');
          }}
        />
      )}
    </Stack>
  );
}

function summary(e: RegisterEntry): string {
  const d = e.data;
  switch (e.kind) {
    case 'contact':
      return `${d.how}. Ответ: ${d.answer}${d.cause ? `. Причина: ${d.cause}` : ''}`;
    case 'warning':
      return `Кому: ${d.parent}`;
    case 'visit':
      return `${d.address}; ${d.pdn}; ${d.social}. ${d.conclusion}`;
    case 'petition':
    case 'removalPetition':
      return d.grounds;
    case 'registered':
      return `Протокол № ${d.protocol}`;
    case 'removed':
      return `${d.reason ? REMOVAL_REASON_LABELS[d.reason] : ''}${d.protocol ? `, протокол № ${d.protocol}` : ''}`;
    case 'conditions':
      return `${d.family}; ${d.housing}; ${d.livesWith}`;
    case 'letter':
      return `${d.addressee}: ${d.subject}`;
    default:
      return `${d.what}${d.result ? ` — ${d.result}` : ''}`;
  }
}

const KIND_OPTIONS = [
  { group: 'Раздел 2 Инструкции', items: ESCALATION_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] })) },
  { group: 'Карта учёта', items: CARD_KINDS.filter((k) => k !== 'answer').map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] })) },
  { group: 'Снятие с учёта (раздел 4)', items: REMOVAL_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] })) },
];

function EntryForm({ card, state, onClose, onSaved }: { card: RegisterCard; state: FormState; onClose: () => void; onSaved: (c: RegisterCard) => void }) {
  const [kind, setKind] = useState<EntryKind>(state.kind);
  const old = state.replaces;
  const [onDate, setOnDate] = useState(isoToRu(old?.onDate ?? todayIsoNow()));
  const [actor, setActor] = useState(old?.actor ?? '');
  const [dueOn, setDueOn] = useState(old?.dueOn ? isoToRu(old.dueOn) : '');
  const [data, setData] = useState<Record<string, string>>(() => {
    const d: Record<string, string> = {};
    if (old) for (const f of ENTRY_FIELDS[old.kind]) d[f.field] = String(old.data[f.field] ?? '');
    return d;
  });
  // What the registry already knows is offered: the parent a warning goes to, the address a visit is made at.
  useEffect(() => {
    if (old) return;
    setData((d) => ({
      ...d,
      ...(kind === 'warning' && !d.parent ? { parent: card.child.representatives[0]?.fullName ?? '' } : {}),
      ...(kind === 'visit' && !d.address ? { address: card.child.address ?? '' } : {}),
    }));
  }, [kind, old, card.child]);
  const [reason, setReason] = useState<string | null>(old?.data.reason ?? (kind === 'removed' ? 'council' : null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  async function save(cancel = false) {
    const iso = ruToIso(onDate);
    if (!iso) return setErrors({ onDate: ruDateError(onDate, true) ?? 'Укажите дату' });
    const due = dueOn ? ruToIso(dueOn) : null;
    if (dueOn && !due) return setErrors({ dueOn: ruDateError(dueOn, true) ?? 'Дата в формате ДД.ММ.ГГГГ' });
    setSaving(true);
    try {
      const fields: Record<string, unknown> = {};
      for (const f of ENTRY_FIELDS[kind]) fields[f.field] = data[f.field] ?? '';
      const next = await api.call('school.addEntry', {
        childId: card.child.id,
        kind,
        onDate: iso,
        actor,
        dueOn: kind === 'letter' ? due : null,
        refId: kind === 'answer' ? state.refId : null,
        replacesId: old?.id ?? null,
        data: { ...fields, reason: kind === 'removed' ? ((reason as (typeof REMOVAL_REASONS)[number] | null) ?? null) : null, cancelled: cancel },
      });
      onSaved(next);
    } catch (e) {
      const errs = fieldErrors(e, ['onDate', 'actor', 'data', 'dueOn', 'refId', 'replacesId']);
      setErrors(Object.keys(errs).length ? errs : { '': errorText(e) });
    } finally {
      setSaving(false);
    }
  }

  const title = old ? `Исправление записи № ${old.id}: ${ENTRY_KIND_LABELS[old.kind]}` : kind === 'answer' ? ENTRY_KIND_LABELS.answer : 'Новая запись';
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          {!old && kind !== 'answer' && <Select label="Вид записи" data={KIND_OPTIONS} value={kind} onChange={(v) => v && setKind(v as EntryKind)} allowDeselect={false} />}
          {ENTRY_KIND_BASIS[kind] && (
            <Text size="xs" c="dimmed">
              Инструкция, {ENTRY_KIND_BASIS[kind]}
            </Text>
          )}
          <Group grow>
            <DateField label="Дата" value={onDate} onChange={setOnDate} required error={errors.onDate} />
            {kind === 'letter' && <DateField label="Срок письменного ответа" value={dueOn} onChange={setDueOn} required error={errors.dueOn} />}
          </Group>
          <TextInput label={ACTOR_LABELS[kind] ?? 'Кто (должность, Ф.И.О.)'} value={actor} onChange={(e) => setActor(e.currentTarget.value)} required error={errors.actor} />
          {kind === 'removed' && (
            <Select label="Основание снятия" data={REMOVAL_REASONS.map((r) => ({ value: r, label: REMOVAL_REASON_LABELS[r] }))} value={reason} onChange={setReason} allowDeselect={false} />
          )}
          {ENTRY_FIELDS[kind].map((f) =>
            f.long ? (
              <Textarea key={f.field} label={f.label} required={f.required} autosize minRows={2} maxRows={8} value={data[f.field] ?? ''} onChange={(e) => setData({ ...data, [f.field]: e.currentTarget.value })} />
            ) : (
              <TextInput key={f.field} label={f.label} required={f.required} value={data[f.field] ?? ''} onChange={(e) => setData({ ...data, [f.field]: e.currentTarget.value })} />
            ),
          )}
          {(errors.data || errors[''] || errors.refId || errors.replacesId) && <Alert color="red">{[errors.data, errors[''], errors.refId, errors.replacesId].filter(Boolean).join('; ')}</Alert>}
          <Group justify="space-between">
            {old ? (
              <Button variant="subtle" color="red" onClick={() => void save(true)} loading={saving}>
                Отменить запись (внесена ошибочно)
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                Закрыть
              </Button>
              <Button type="submit" loading={saving}>
                Сохранить
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

