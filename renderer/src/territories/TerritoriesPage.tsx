import { Alert, Badge, Button, FileButton, Group, Loader, Modal, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Organization, SessionUser } from '../../../shared/api';
import {
  PARITY_LABELS,
  type Parity,
} from '../../../shared/domain/territory';
import {
  RECONCILE_ACTION_LABELS,
  RECONCILE_KIND_LABELS,
  type ReconcileItem,
  type ReconcileResult,
  type ReconcileSummary,
  type TerritoryImport,
  type TerritoryRule,
  type Unresolved,
} from '../../../shared/api/territories';
import { formatRuDate } from '../../../shared/domain/dates';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { readAsBase64 } from '../intake/common';
import { fieldErrors, notifyError, notifyOk } from '../ui';

const PARITY_OPTIONS = (Object.keys(PARITY_LABELS) as Parity[]).map((p) => ({ value: p, label: PARITY_LABELS[p] }));

/** «Территории»: the streets and houses of each school, the addresses no school takes, the reconciliation with the schools' lists. */
export function TerritoriesPage({ user }: { user: SessionUser }) {
  const [tab, setTab] = useState<string | null>('rules');
  return (
    <Stack gap="md">
      <Title order={2}>Территории и сверка</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="rules">Территории школ</Tabs.Tab>
          <Tabs.Tab value="unresolved">Адреса вне территорий</Tabs.Tab>
          {canCall(user.role, 'reconcile.summary') && <Tabs.Tab value="reconcile">Сверка со списками школ</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab user={user} />
        </Tabs.Panel>
        <Tabs.Panel value="unresolved" pt="md">
          <UnresolvedTab />
        </Tabs.Panel>
        <Tabs.Panel value="reconcile" pt="md">
          <ReconcileTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

// ---------- the rules ----------

type Draft = { id?: number; orgId: string | null; locality: string; street: string; houses: string; parity: Parity };

function RulesTab({ user }: { user: SessionUser }) {
  const [schools, setSchools] = useState<Organization[]>([]);
  const [orgFilter, setOrgFilter] = useState<string | null>(null);
  const [rules, setRules] = useState<TerritoryRule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftErrors, setDraftErrors] = useState<Record<string, string>>({});
  const [imported, setImported] = useState<{ result: TerritoryImport; base64: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const resetFile = useRef<() => void>(null);
  const canEdit = canCall(user.role, 'territories.save');

  const load = useCallback(async () => {
    try {
      setRules(await api.call('territories.list', { orgId: orgFilter ? Number(orgFilter) : null }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [orgFilter]);

  useEffect(() => {
    void api.call('orgs.list', {}).then((o) => setSchools(o.filter((x) => x.kind === 'school').sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru'))));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const schoolOptions = schools.map((s) => ({ value: String(s.id), label: s.shortName }));

  const save = async () => {
    if (!draft) return;
    try {
      await api.call('territories.save', { ...(draft.id ? { id: draft.id } : {}), orgId: Number(draft.orgId), locality: draft.locality, street: draft.street, houses: draft.houses, parity: draft.parity });
      notifyOk(draft.id ? 'Строка территории изменена' : 'Строка территории добавлена');
      setDraft(null);
      await load();
    } catch (e) {
      const f = fieldErrors(e, ['orgId', 'locality', 'street', 'houses', 'parity']);
      setDraftErrors(f);
      if (Object.keys(f).length === 0) notifyError(e);
    }
  };

  const remove = async (r: TerritoryRule) => {
    if (!window.confirm(`Исключить из территории «${r.orgName}»: ${[r.locality, r.street, r.houses].filter(Boolean).join(', ')}?`)) return;
    try {
      await api.call('territories.remove', { id: r.id });
      notifyOk('Строка исключена из территории');
      await load();
    } catch (e) {
      notifyError(e);
    }
  };

  const check = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const base64 = await readAsBase64(file, () => undefined);
      setImported({ result: await api.call('territories.importPreview', { fileName: file.name, base64 }), base64 });
    } catch (e) {
      notifyError(e, 'Файл не загружен');
    } finally {
      setBusy(false);
      resetFile.current?.();
    }
  };

  const apply = async () => {
    if (!imported) return;
    setBusy(true);
    try {
      const r = await api.call('territories.importApply', { fileName: imported.result.fileName, base64: imported.base64 });
      notifyOk(`Территории загружены: добавлено строк ${r.added}${r.already ? `, уже были ${r.already}` : ''}`);
      setImported(null);
      await load();
    } catch (e) {
      notifyError(e, 'Файл не загружен');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Улицы и дома, закреплённые за каждой школой. Пустая улица — весь населённый пункт; дома — номера и диапазоны через запятую
        («1–25, 30, 41–»), пусто — все дома. Из этого справочника каждый адрес реестра относится к своей школе.
      </Text>
      <Group justify="space-between">
        <Select placeholder="Все школы" data={schoolOptions} value={orgFilter} onChange={setOrgFilter} clearable searchable w={320} aria-label="Школа" />
        {canEdit && (
          <Group gap="xs">
            <FileButton resetRef={resetFile} onChange={(f) => void check(f)} accept=".xlsx,.csv,.txt,.ods,.xls">
              {(props) => (
                <Button variant="default" loading={busy && !imported} {...props}>
                  Загрузить из файла
                </Button>
              )}
            </FileButton>
            <Button onClick={() => (setDraftErrors({}), setDraft({ orgId: orgFilter, locality: '', street: '', houses: '', parity: 'all' }))}>Добавить улицу</Button>
          </Group>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!rules && !error && <Loader aria-label="Загрузка" />}
      {rules && (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs" aria-label="Территории школ">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Школа</Table.Th>
                <Table.Th>Населённый пункт</Table.Th>
                <Table.Th>Улица</Table.Th>
                <Table.Th>Дома</Table.Th>
                <Table.Th>Чётность</Table.Th>
                {canEdit && <Table.Th w={220} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">Территории не заданы. Добавьте улицы или загрузите их из файла (столбцы: организация, населённый пункт, улица, дома).</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rules.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.orgName}</Table.Td>
                  <Table.Td>{r.locality}</Table.Td>
                  <Table.Td>{r.street || <Text span size="sm" c="dimmed">весь населённый пункт</Text>}</Table.Td>
                  <Table.Td>{r.houses || <Text span size="sm" c="dimmed">все</Text>}</Table.Td>
                  <Table.Td>{PARITY_LABELS[r.parity]}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="subtle" onClick={() => (setDraftErrors({}), setDraft({ id: r.id, orgId: String(r.orgId), locality: r.locality, street: r.street, houses: r.houses, parity: r.parity }))}>
                          Изменить
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => void remove(r)}>
                          Исключить
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <Modal opened={!!draft} onClose={() => setDraft(null)} title={draft?.id ? 'Изменить строку территории' : 'Добавить улицу к территории школы'}>
        {draft && (
          <Stack gap="sm">
            <Select label="Школа" data={schoolOptions} value={draft.orgId} onChange={(v) => setDraft({ ...draft, orgId: v })} searchable error={draftErrors.orgId} />
            <TextInput label="Населённый пункт" placeholder="г. Кстово" value={draft.locality} onChange={(e) => setDraft({ ...draft, locality: e.currentTarget.value })} error={draftErrors.locality} />
            <TextInput label="Улица" placeholder="ул. Ленина (пусто — весь населённый пункт)" value={draft.street} onChange={(e) => setDraft({ ...draft, street: e.currentTarget.value })} error={draftErrors.street} />
            <TextInput label="Дома" placeholder="1–25, 30, 41– (пусто — все)" value={draft.houses} onChange={(e) => setDraft({ ...draft, houses: e.currentTarget.value })} error={draftErrors.houses} />
            <Select label="Чётность" data={PARITY_OPTIONS} value={draft.parity} onChange={(v) => setDraft({ ...draft, parity: (v as Parity) ?? 'all' })} allowDeselect={false} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDraft(null)}>
                Отмена
              </Button>
              <Button onClick={() => void save()}>Сохранить</Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <Modal opened={!!imported} onClose={() => setImported(null)} title={imported ? `Территории из файла «${imported.result.fileName}»` : ''} size="90%">
        {imported && (
          <Stack gap="sm">
            <Text size="sm">
              Строк: {imported.result.rows.length}
              {imported.result.already ? `, уже в справочнике: ${imported.result.already}` : ''}
              {imported.result.errorRows ? `, с ошибками: ${imported.result.errorRows}` : ''}.
            </Text>
            {imported.result.errorRows > 0 && (
              <Alert color="red" title="В файле есть ошибки">
                Файл применяется целиком или никак: исправьте строки с ошибками и загрузите его снова.
              </Alert>
            )}
            <Table.ScrollContainer minWidth={800} type="native" mah={460}>
              <Table striped fz="sm" verticalSpacing={4} aria-label="Территории из файла">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Строка</Table.Th>
                    <Table.Th>Организация</Table.Th>
                    <Table.Th>Населённый пункт</Table.Th>
                    <Table.Th>Улица</Table.Th>
                    <Table.Th>Дома</Table.Th>
                    <Table.Th>Чётность</Table.Th>
                    <Table.Th>Ошибки</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {imported.result.rows.map((r) => (
                    <Table.Tr key={r.fileRowNo} bg={r.errors.length ? 'red.0' : undefined}>
                      <Table.Td>{r.fileRowNo}</Table.Td>
                      <Table.Td>{r.orgName}</Table.Td>
                      <Table.Td>{r.locality}</Table.Td>
                      <Table.Td>{r.street}</Table.Td>
                      <Table.Td>{r.houses}</Table.Td>
                      <Table.Td>{PARITY_LABELS[r.parity]}</Table.Td>
                      <Table.Td>
                        {r.errors.map((e, i) => (
                          <Text key={i} size="sm" c="red">
                            {`Строка ${r.fileRowNo}, столбец «${e.column}»: ${e.message}`}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setImported(null)}>
                Отмена
              </Button>
              <Button onClick={() => void apply()} disabled={imported.result.errorRows > 0} loading={busy}>
                Применить
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

// ---------- addresses no school takes ----------

function UnresolvedTab() {
  const [data, setData] = useState<Unresolved | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .call('territories.unresolved', {})
      .then(setData)
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return <Loader aria-label="Загрузка" />;
  const outside = data.children - data.resolved - data.noAddress;
  return (
    <Stack gap="sm">
      <Text size="sm" aria-label="Итог территорий">
        На {formatRuDate(data.asOf)}: детей в реестре {data.children}; адрес отнесён к школе — {data.resolved}; адрес вне территорий — {outside}; без адреса — {data.noAddress}.
      </Text>
      <Paper withBorder>
        <Table striped verticalSpacing="xs" aria-label="Адреса вне территорий">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Населённый пункт</Table.Th>
              <Table.Th>Улица</Table.Th>
              <Table.Th>Пример адреса</Table.Th>
              <Table.Th ta="right">Детей</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.groups.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed">Все адреса реестра относятся к территориям школ.</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {data.groups.map((g, i) => (
              <Table.Tr key={i}>
                <Table.Td>{g.locality || '—'}</Table.Td>
                <Table.Td>{g.street || <Text span size="sm" c="dimmed">улица не распознана</Text>}</Table.Td>
                <Table.Td>{g.example}</Table.Td>
                <Table.Td ta="right">{g.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

// ---------- reconciliation ----------

function ReconcileTab() {
  const [summary, setSummary] = useState<ReconcileSummary | null>(null);
  const [open, setOpen] = useState<ReconcileResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadSummary = useCallback(() => {
    api
      .call('reconcile.summary', {})
      .then(setSummary)
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(loadSummary, [loadSummary]);

  const show = async (submissionId: number) => {
    try {
      setOpen(await api.call('reconcile.run', { submissionId }));
    } catch (e) {
      notifyError(e);
    }
  };
  const act = async (item: ReconcileItem, action: 'accept' | 'moved' | 'case' | 'note') => {
    if (!open) return;
    const note = action === 'note' ? window.prompt('Что сделано или выяснено?') : null;
    if (action === 'note' && !note) return;
    try {
      setOpen(await api.call('reconcile.act', { submissionId: open.list.submissionId, kind: item.kind, childId: item.childId, rowNo: item.rowNo, action, note }));
      notifyOk(RECONCILE_ACTION_LABELS[action]);
      loadSummary();
    } catch (e) {
      notifyError(e);
    }
  };

  if (error) return <Alert color="red">{error}</Alert>;
  if (!summary) return <Loader aria-label="Загрузка" />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Сверка единой базы со списками обучающихся школ на 1 и 10 сентября (Порядок, п. 3.3 — до 25 сентября). Учебный год {summary.year}/{summary.year + 1}.
      </Text>
      <Paper withBorder>
        <Table highlightOnHover verticalSpacing="xs" aria-label="Итоги сверки по школам">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={150}>Школа</Table.Th>
              <Table.Th miw={190}>Список</Table.Th>
              <Table.Th ta="right">В списке</Table.Th>
              <Table.Th ta="right">В реестре</Table.Th>
              <Table.Th ta="right">Нет в реестре</Table.Th>
              <Table.Th ta="right">Нет в списке</Table.Th>
              <Table.Th ta="right">Класс</Table.Th>
              <Table.Th ta="right">Форма</Table.Th>
              <Table.Th ta="right">Решено</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.schools.map((s) => {
              const c = s.counts;
              const total = c ? c.notInRegistry + c.missingFromList + c.classDiffs + c.formDiffs : 0;
              return (
                <Table.Tr key={s.orgId}>
                  <Table.Td>{s.orgName}</Table.Td>
                  <Table.Td>{s.list ? `на ${formatRuDate(s.list.asOf)}${s.list.status === 'draft' ? ' (не применён)' : ''}` : <Badge color="orange" variant="light">списка нет</Badge>}</Table.Td>
                  <Table.Td ta="right">{c?.listRows ?? '—'}</Table.Td>
                  <Table.Td ta="right">{c?.registryPupils ?? '—'}</Table.Td>
                  <Table.Td ta="right">{c?.notInRegistry ?? '—'}</Table.Td>
                  <Table.Td ta="right">{c?.missingFromList ?? '—'}</Table.Td>
                  <Table.Td ta="right">{c?.classDiffs ?? '—'}</Table.Td>
                  <Table.Td ta="right">{c?.formDiffs ?? '—'}</Table.Td>
                  <Table.Td ta="right">{c ? `${c.done} из ${total}` : '—'}</Table.Td>
                  <Table.Td>
                    {s.list && (
                      <Button size="xs" variant="light" onClick={() => void show(s.list!.submissionId)}>
                        Сверить
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>

      <Modal opened={!!open} onClose={() => setOpen(null)} size="95%" title={open ? `Сверка: ${open.list.orgName}, «${open.list.listTitle}» на ${formatRuDate(open.list.asOf)}` : ''}>
        {open && (
          <Stack gap="sm">
            <Text size="sm" aria-label="Итог сверки">
              В списке {open.counts.listRows}, учеников школы по реестру {open.counts.registryPupils}, совпали {open.counts.matched}. Расхождений: нет в реестре —{' '}
              {open.counts.notInRegistry}, нет в списке — {open.counts.missingFromList}, класс — {open.counts.classDiffs}, форма — {open.counts.formDiffs}; решено — {open.counts.done}.
            </Text>
            <Table.ScrollContainer minWidth={1000} type="native" mah={520}>
              <Table striped fz="sm" verticalSpacing={4} aria-label="Расхождения">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Расхождение</Table.Th>
                    <Table.Th>Ребёнок</Table.Th>
                    <Table.Th>По списку</Table.Th>
                    <Table.Th>По реестру</Table.Th>
                    <Table.Th>Действие</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {open.items.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Text c="dimmed">Расхождений нет.</Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {open.items.map((i) => (
                    <Table.Tr key={`${i.kind}-${i.childId}-${i.rowNo}`}>
                      <Table.Td>{RECONCILE_KIND_LABELS[i.kind]}</Table.Td>
                      <Table.Td>
                        {[i.surname, i.name, i.patronymic].filter(Boolean).join(' ')}
                        {i.birthDate ? `, ${formatRuDate(i.birthDate)}` : ''}
                        {i.rowNo ? <Text span size="xs" c="dimmed">{` (строка ${i.rowNo})`}</Text> : null}
                      </Table.Td>
                      <Table.Td>{i.settled ? <Text span size="sm" c="dimmed">устранено</Text> : (i.listValue ?? '—')}</Table.Td>
                      <Table.Td>{i.settled ? <Text span size="sm" c="dimmed">устранено</Text> : (i.registryValue ?? '—')}</Table.Td>
                      <Table.Td>
                        {i.action ? (
                          <Text size="sm">
                            <Badge variant="light" color="green" mr={6}>
                              {RECONCILE_ACTION_LABELS[i.action]}
                            </Badge>
                            {i.actionNote}
                          </Text>
                        ) : (
                          <Group gap={4}>
                            {i.kind !== 'missing_from_list' && i.childId !== null && (
                              <Button size="compact-xs" variant="light" onClick={() => void act(i, 'accept')}>
                                Принять по списку
                              </Button>
                            )}
                            {i.kind === 'missing_from_list' && (
                              <Button size="compact-xs" variant="light" color="orange" onClick={() => void act(i, 'moved')}>
                                Выбыл
                              </Button>
                            )}
                            {i.childId !== null && (
                              <Button size="compact-xs" variant="light" color="red" onClick={() => void act(i, 'case')}>
                                Открыть дело
                              </Button>
                            )}
                            <Button size="compact-xs" variant="subtle" onClick={() => void act(i, 'note')}>
                              Отметить
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
