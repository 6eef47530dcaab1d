import { Alert, Anchor, Badge, Button, Drawer, Group, Loader, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/api';
import {
  CASE_ENTRY_KINDS,
  CASE_ENTRY_LABELS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  CASE_VIEW_LABELS,
  CASE_VIEW_STATUSES,
  type CaseEntryKind,
  type CaseStatus,
  type CaseViewStatus,
  type NieChild,
  type NieList,
  type NieRow,
} from '../../../shared/api/education';
import { ADDRESS_KIND_LABELS } from '../../../shared/api/registry';
import { formatRuDate } from '../../../shared/domain/dates';
import { EDUCATION_GROUP_LABELS, type EducationGroup } from '../../../shared/domain/notInEducation';
import { ORG_KIND_LABELS, type OrgKind } from '../../../shared/profiles/types';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { MIME, downloadBase64, printPdf, reserveTab } from '../files';
import { plural, todayIsoNow } from '../format';
import { navigate } from '../nav';
import { ruToIso } from '../registry/dates';
import { DateField, OrgSelect, useOrgs } from '../registry/fields';
import { fieldErrors, notifyError, notifyOk } from '../ui';

type Tab = 'alarm' | 'left' | 'kindergarten';
const TAB_GROUPS: Record<Tab, EducationGroup[]> = {
  alarm: ['not-in-education'],
  left: ['left-municipality?'],
  kindergarten: ['kindergarten-under-8'],
};
const SOURCE_KINDS: OrgKind[] = ['migration', 'police', 'hospital', 'social', 'commission', 'kindergarten', 'school', 'department', 'other'];
/** The form printed from this list (ЗАТО Свободный, приложение 1). */
const PRINT_FORM = 'zato-app1';

const remembered = { asOf: '', tab: 'alarm' as Tab };

function fio(r: { surname: string; name: string; patronymic: string | null }): string {
  return [r.surname, r.name, r.patronymic].filter(Boolean).join(' ');
}

function age(r: NieRow): string {
  return `${r.ageYears} ${plural(r.ageYears, 'год', 'года', 'лет')}${r.ageMonths ? ` ${r.ageMonths} мес.` : ''}`;
}

function sourcesText(r: NieRow): string {
  const names: string[] = [];
  for (const s of r.sources) {
    const n = s.orgName ?? s.label;
    if (!names.includes(n)) names.push(n);
  }
  return names.join('; ') || '—';
}

const CASE_COLORS: Record<CaseViewStatus, string> = {
  none: 'red.7',
  found: 'orange',
  checking: 'yellow.8',
  placed: 'green',
  moved: 'gray',
  family: 'green',
  other: 'gray',
  'closed-auto': 'green',
};

export function NotInEducationPage({ user }: { user: SessionUser }) {
  const [asOf, setAsOf] = useState(remembered.asOf || formatRuDate(todayIsoNow()));
  const [tab, setTab] = useState<Tab>(remembered.tab);
  const [ageFrom, setAgeFrom] = useState<number | string>('');
  const [ageTo, setAgeTo] = useState<number | string>('');
  const [sourceKind, setSourceKind] = useState<string | null>(null);
  const [caseStatus, setCaseStatus] = useState<string | null>(null);
  const [minDays, setMinDays] = useState<number | string>('');
  const [territory, setTerritory] = useState<string | null>(null);
  const [list, setList] = useState<NieList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [printing, setPrinting] = useState<'pdf' | 'xlsx' | null>(null);
  const [printForm, setPrintForm] = useState<boolean>(false);
  const orgs = useOrgs();
  const request = useRef(0);
  const asOfIso = ruToIso(asOf);

  useEffect(() => {
    Object.assign(remembered, { asOf, tab });
  }, [asOf, tab]);

  useEffect(() => {
    api.call('reports.forms', {}).then(
      ({ forms }) => setPrintForm(forms.some((f) => f.id === PRINT_FORM)),
      () => undefined,
    );
  }, []);

  const filter = asOfIso
    ? {
        asOf: asOfIso,
        groups: TAB_GROUPS[tab],
        ageFrom: typeof ageFrom === 'number' ? ageFrom : undefined,
        ageTo: typeof ageTo === 'number' ? ageTo : undefined,
        sourceKind: (sourceKind ?? undefined) as OrgKind | undefined,
        caseStatus: (caseStatus ?? undefined) as CaseViewStatus | undefined,
        minDaysSinceFound: typeof minDays === 'number' ? minDays : undefined,
        territoryOrgId: territory ? Number(territory) : undefined,
      }
    : null;
  const key = filter ? JSON.stringify(filter) : null;

  function reload() {
    if (!filter) return;
    const id = ++request.current;
    setLoading(true);
    api.call('education.list', filter).then(
      (res) => {
        if (id !== request.current) return;
        setList(res);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== request.current) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
  }

  useEffect(() => {
    const t = window.setTimeout(reload, 200);
    return () => window.clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  async function print(format: 'pdf' | 'xlsx') {
    if (!asOfIso) return;
    const department = orgs.find((o) => o.kind === 'department');
    const school = user.role === 'school';
    const tabWin = format === 'pdf' ? reserveTab() : null;
    setPrinting(format);
    try {
      const res = await api.call('reports.make', { formId: PRINT_FORM, orgId: school ? null : (department?.id ?? null), asOf: asOfIso, year: null, format });
      if (format === 'pdf') {
        const shown = await printPdf(res.base64, res.fileName, tabWin);
        if (!shown) notifyOk(`Документ № ${res.printout.number} сохранён в файл «${res.fileName}»: откройте его и напечатайте.`);
      } else {
        downloadBase64(res.base64, res.fileName, MIME.xlsx);
      }
      notifyOk(`Приложение 1: документ № ${res.printout.number}, детей: ${res.printout.childCount}`);
    } catch (e) {
      tabWin?.close();
      notifyError(e, 'Приложение 1 не составлено');
    } finally {
      setPrinting(null);
    }
  }

  const count = (g: EducationGroup) => list?.byGroup[g] ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Не обучаются</Title>
        {printForm && (
          <Group gap="xs">
            <Button onClick={() => void print('pdf')} loading={printing === 'pdf'} disabled={!asOfIso}>
              Печать Приложения 1
            </Button>
            <Button variant="default" onClick={() => void print('xlsx')} loading={printing === 'xlsx'} disabled={!asOfIso}>
              Приложение 1 в XLSX
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Дети от 6 лет 6 месяцев до 18 лет без среднего общего образования, известные по любому списку, у которых на дату нет обучения в школе или
        колледже, семейного образования или самообразования, освобождения по здоровью или пребывания в реабилитационном центре.
      </Text>
      <Paper withBorder p="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DateField label="На дату" value={asOf} onChange={setAsOf} w={130} required />
          <NumberInput label="Возраст от" value={ageFrom} onChange={setAgeFrom} min={6} max={18} w={100} allowDecimal={false} />
          <NumberInput label="до" value={ageTo} onChange={setAgeTo} min={6} max={18} w={80} allowDecimal={false} />
          <Select
            label="Источник"
            placeholder="Любой список"
            clearable
            value={sourceKind}
            onChange={setSourceKind}
            data={SOURCE_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
            w={230}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Дело"
            placeholder="Любое"
            clearable
            value={caseStatus}
            onChange={setCaseStatus}
            data={CASE_VIEW_STATUSES.filter((s) => s !== 'closed-auto').map((s) => ({ value: s, label: CASE_VIEW_LABELS[s] }))}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <NumberInput label="Выявлен не менее, дней" value={minDays} onChange={setMinDays} min={0} w={170} allowDecimal={false} />
          {list?.territories && (
            <OrgSelect label="Территория школы" orgs={orgs} kinds={['school']} value={territory} onChange={setTerritory} w={220} placeholder="Все территории" />
          )}
        </Group>
      </Paper>
      <SegmentedControl
        value={tab}
        onChange={(v) => setTab(v as Tab)}
        data={[
          { value: 'alarm', label: `Не обучаются: ${count('not-in-education')}` },
          { value: 'left', label: `Выбыл за пределы округа?: ${count('left-municipality?')}` },
          { value: 'kindergarten', label: `Ещё в ДОО, до 8 лет: ${count('kindergarten-under-8')}` },
        ]}
        aria-label="Группа"
      />
      {!asOfIso && <Alert color="yellow">Укажите дату в виде ДД.ММ.ГГГГ</Alert>}
      {error && <Alert color="red">{error}</Alert>}
      {loading && !list && <Loader />}
      {list && (
        <>
          <Text size="sm">
            {list.total === 0
              ? 'Таких детей нет.'
              : `${list.total} ${plural(list.total, 'ребёнок', 'ребёнка', 'детей')} на ${formatRuDate(list.asOf)}${list.rows.length < list.total ? ` (показаны первые ${list.rows.length})` : ''}; сначала — дольше всех без обучения.`}
          </Text>
          {list.rows.length > 0 && (
            <Table striped highlightOnHover withTableBorder verticalSpacing={6} aria-label="Дети, не получающие образование">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ф.И.О.</Table.Th>
                  <Table.Th>Дата рождения</Table.Th>
                  <Table.Th>Кто сообщил</Table.Th>
                  <Table.Th>Адрес</Table.Th>
                  {list.territories && <Table.Th>Территория</Table.Th>}
                  <Table.Th>Без обучения</Table.Th>
                  <Table.Th>Выявлен</Table.Th>
                  <Table.Th>Дело</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.rows.map((r) => (
                  <Table.Tr key={r.childId} onClick={() => setOpen(r.childId)} style={{ cursor: 'pointer' }}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setOpen(r.childId)} fw={600} ta="left">
                        {fio(r)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {formatRuDate(r.birthDate)}
                      <Text size="xs" c="dimmed">
                        {age(r)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{sourcesText(r)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {r.address ?? '—'}
                      </Text>
                    </Table.Td>
                    {list.territories && <Table.Td>{r.territoryName ?? 'не определена'}</Table.Td>}
                    <Table.Td>
                      {r.daysWithout} {plural(r.daysWithout, 'день', 'дня', 'дней')}
                      <Text size="xs" c="dimmed">
                        с {formatRuDate(r.withoutSince)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {formatRuDate(r.foundOn)}
                      <Text size="xs" c="dimmed">
                        {r.daysSinceFound} {plural(r.daysSinceFound, 'день', 'дня', 'дней')} назад
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={CASE_COLORS[r.caseStatus]}>
                        {CASE_VIEW_LABELS[r.caseStatus]}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      {list && list.closedCases.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={4} mb="xs">
            Дела, закрытые сами: ребёнок получает образование
          </Title>
          <Stack gap={4}>
            {list.closedCases.map((c) => (
              <Text size="sm" key={c.caseId}>
                <Anchor component="button" type="button" onClick={() => setOpen(c.childId)}>
                  {c.fio}, {formatRuDate(c.birthDate)}
                </Anchor>{' '}
                — {c.note}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}
      <ChildDrawer childId={open} asOf={asOfIso} user={user} onClose={() => setOpen(null)} onChanged={reload} />
    </Stack>
  );
}

function ChildDrawer({ childId, asOf, user, onClose, onChanged }: { childId: number | null; asOf: string | null; user: SessionUser; onClose: () => void; onChanged: () => void }) {
  const [data, setData] = useState<NieChild | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<CaseEntryKind>('request');
  const [status, setStatus] = useState<string | null>(null);
  const [onDate, setOnDate] = useState(formatRuDate(todayIsoNow()));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const mayWrite = canCall(user.role, 'education.caseAdd');

  useEffect(() => {
    setData(null);
    setError(null);
    setErrors({});
    if (childId === null) return;
    api.call('education.child', { childId, asOf: asOf ?? undefined }).then(setData, (e: unknown) => setError(errorText(e)));
  }, [childId, asOf]);

  async function add() {
    if (childId === null) return;
    const iso = ruToIso(onDate);
    if (!iso) return setErrors({ onDate: 'Дата в виде ДД.ММ.ГГГГ' });
    setSaving(true);
    try {
      const res = await api.call('education.caseAdd', { childId, kind, status: kind === 'status' ? ((status ?? undefined) as CaseStatus | undefined) : null, onDate: iso, note });
      setData(res);
      setNote('');
      setErrors({});
      notifyOk(res.case && res.case.entries.length > 0 ? 'Запись добавлена в дело' : 'Дело заведено');
      onChanged();
    } catch (e) {
      setErrors(fieldErrors(e, ['status', 'note', 'onDate']));
      notifyError(e, 'Запись не добавлена');
    } finally {
      setSaving(false);
    }
  }

  const c = data?.case ?? null;
  return (
    <Drawer opened={childId !== null} onClose={onClose} position="right" size="xl" title={data ? fio(data.child) : 'Ребёнок'}>
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && <Loader />}
      {data && (
        <Stack gap="md">
          <Group gap="xs">
            <Text>Дата рождения: {formatRuDate(data.child.birthDate)}</Text>
            <Anchor component="button" type="button" onClick={() => navigate({ page: 'child', id: data.child.id })}>
              Карточка в реестре
            </Anchor>
          </Group>
          <Alert color={data.group === 'in-education' ? 'green' : data.group === 'kindergarten-under-8' ? 'blue' : 'orange'} title={EDUCATION_GROUP_LABELS[data.group]}>
            На {formatRuDate(data.asOf)}: {data.reason}.{data.territoryName ? ` Территория: ${data.territoryName}.` : ''}
          </Alert>
          <div>
            <Title order={4}>Кто сообщил о ребёнке</Title>
            {data.sources.length === 0 ? (
              <Text size="sm">Нет сведений</Text>
            ) : (
              <ul className="nie-list">
                {data.sources.map((s, i) => (
                  <li key={i}>{s.label}</li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <Title order={4}>Последнее известное обучение</Title>
            {data.lastStudy ? (
              <Text size="sm">
                {data.lastStudy.orgName}
                {data.lastStudy.classLabel ? `, ${data.lastStudy.classLabel}` : ''}
                {data.lastStudy.from ? `, с ${formatRuDate(data.lastStudy.from)}` : ''}
                {data.lastStudy.to ? ` по ${formatRuDate(data.lastStudy.to)}` : ', не окончено'}
                {data.lastStudy.leaveReason ? `; причина: ${data.lastStudy.leaveReason}` : ''}
                {data.lastStudy.leaveOrder ? `; приказ ${data.lastStudy.leaveOrder}` : ''}
              </Text>
            ) : (
              <Text size="sm">Нет сведений об обучении</Text>
            )}
          </div>
          <div>
            <Title order={4}>Адреса</Title>
            {data.addresses.length === 0 ? (
              <Text size="sm">Адрес не известен</Text>
            ) : (
              <ul className="nie-list">
                {data.addresses.map((a, i) => (
                  <li key={i}>
                    <Text size="sm" c={a.current ? undefined : 'dimmed'}>
                      {ADDRESS_KIND_LABELS[a.kind as keyof typeof ADDRESS_KIND_LABELS] ?? a.kind}: {a.text}
                      {a.to ? ` (по ${formatRuDate(a.to)})` : ''}
                      {a.source ? ` — ${a.source}` : ''}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <Group justify="space-between">
              <Title order={4}>Дело</Title>
              {c && (
                <Badge color={CASE_COLORS[c.view]} variant="light" size="lg">
                  {CASE_VIEW_LABELS[c.view]}
                </Badge>
              )}
            </Group>
            {c && (
              <Text size="sm" c="dimmed">
                Заведено {formatRuDate(c.openedOn)}, {c.openedBy}
              </Text>
            )}
            {!c && <Text size="sm">Дело не заведено. Первая запись заводит его (статус «Выявлен»).</Text>}
            {c?.closedNote && (
              <Alert color="green" mt="xs">
                {c.closedNote}
              </Alert>
            )}
            {c && (
              <Timeline bulletSize={14} lineWidth={2} mt="sm">
                {c.entries.map((e) => (
                  <Timeline.Item key={e.id} title={`${formatRuDate(e.onDate)} — ${e.kind === 'status' && e.status ? `статус: ${CASE_STATUS_LABELS[e.status]}` : CASE_ENTRY_LABELS[e.kind]}`}>
                    {e.note && <Text size="sm">{e.note}</Text>}
                    <Text size="xs" c="dimmed">
                      {e.createdBy}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </div>
          {mayWrite && (
            <Paper withBorder p="sm">
              <Stack gap="xs">
                <Title order={5}>{c ? 'Новая запись в деле' : 'Завести дело'}</Title>
                <Group align="flex-start" gap="sm" wrap="wrap">
                  <Select
                    label="Что сделано"
                    value={kind}
                    onChange={(v) => v && setKind(v as CaseEntryKind)}
                    allowDeselect={false}
                    data={CASE_ENTRY_KINDS.map((k) => ({ value: k, label: CASE_ENTRY_LABELS[k] }))}
                    w={200}
                    comboboxProps={{ withinPortal: true }}
                  />
                  {kind === 'status' && (
                    <Select
                      label="Новый статус"
                      value={status}
                      onChange={setStatus}
                      error={errors.status}
                      data={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
                      w={240}
                      comboboxProps={{ withinPortal: true }}
                    />
                  )}
                  <DateField label="Дата" value={onDate} onChange={setOnDate} error={errors.onDate} w={130} required />
                </Group>
                <Textarea label="Содержание" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} autosize minRows={2} placeholder="Что сделано, кем, с каким результатом" />
                <Group>
                  <Button onClick={() => void add()} loading={saving}>
                    Добавить запись
                  </Button>
                </Group>
              </Stack>
            </Paper>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
