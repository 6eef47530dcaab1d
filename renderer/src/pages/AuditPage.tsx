import { Alert, Button, Group, Loader, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EXTRA_AUDIT_ACTIONS, contract, type AuditEntry, type CallName, type CallOutput } from '../../../shared/api';
import { describeAuditEntry, objectTypeTitle, type AuditLookups } from '../../../shared/api/auditText';
import { formatSeal } from '../../../shared/api/journalSeal';
import { parseRuDate } from '../../../shared/domain/dates';
import { api, errorText } from '../api';
import { formatDateTime } from '../format';
import { notifyError } from '../ui';

const PAGE_SIZE = 50;

const ACTION_OPTIONS = [
  ...(Object.keys(contract) as CallName[]).filter((name) => contract[name].audit !== 'none').map((name) => ({ value: name, label: contract[name].title })),
  ...Object.entries(EXTRA_AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
].sort((a, b) => a.label.localeCompare(b.label, 'ru'));

function ObjectCell({ entry, look }: { entry: AuditEntry; look: AuditLookups }) {
  const { object } = describeAuditEntry(entry, look);
  const id = entry.objectId;
  if (!id || /^\d+$/.test(id)) return <Text size="sm">{object}</Text>;
  // Logins and database ids: long, Latin, and secondary to the kind of object.
  return (
    <>
      <Text size="sm">{objectTypeTitle(entry.objectType)}</Text>
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        {id}
      </Text>
    </>
  );
}

interface Filter {
  userLogin: string;
  action: string | null;
  from: string;
  to: string;
}

/** The instant a local calendar day (plus `days`) begins, as UTC ISO. */
function localDayStart(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days).toISOString();
}

const EMPTY: Filter = { userLogin: '', action: null, from: '', to: '' };

export function AuditPage() {
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [dateErrors, setDateErrors] = useState<{ from?: string; to?: string }>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CallOutput<'audit.list'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [verdict, setVerdict] = useState<CallOutput<'audit.verify'> | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [orgNames, setOrgNames] = useState<Map<number, string>>(new Map());

  useEffect(() => {
    // Organizations by name in the details («организация: МБОУ «СШ № 25»» rather than a number).
    api.call('orgs.list', {}).then(
      (orgs) => setOrgNames(new Map(orgs.map((o) => [o.id, o.shortName]))),
      () => undefined,
    );
  }, []);
  const look = useMemo<AuditLookups>(() => ({ orgName: (id) => orgNames.get(id) }), [orgNames]);

  const load = useCallback(async (f: Filter, p: number) => {
    setLoading(true);
    try {
      const res = await api.call('audit.list', {
        ...(f.userLogin.trim() ? { userLogin: f.userLogin.trim() } : {}),
        ...(f.action ? { action: f.action } : {}),
        // Days are the user's local days: their start and end are sent as instants.
        ...(f.from && parseRuDate(f.from) ? { fromAt: localDayStart(parseRuDate(f.from)!, 0) } : {}),
        ...(f.to && parseRuDate(f.to) ? { toAt: localDayStart(parseRuDate(f.to)!, 1) } : {}),
        limit: PAGE_SIZE,
        offset: (p - 1) * PAGE_SIZE,
      });
      setData(res);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filter, page);
  }, [load, filter, page]);

  function apply() {
    const errs: { from?: string; to?: string } = {};
    if (draft.from && !parseRuDate(draft.from)) errs.from = 'Дата в виде ДД.ММ.ГГГГ';
    if (draft.to && !parseRuDate(draft.to)) errs.to = 'Дата в виде ДД.ММ.ГГГГ';
    setDateErrors(errs);
    if (errs.from || errs.to) return;
    setPage(1);
    setFilter({ ...draft });
  }

  function reset() {
    setDraft(EMPTY);
    setDateErrors({});
    setPage(1);
    setFilter(EMPTY);
  }

  async function verify() {
    setVerifying(true);
    try {
      setVerdict(await api.call('audit.verify', {}));
      // The check is itself recorded: show it.
      void load(filter, page);
    } catch (e) {
      notifyError(e, 'Проверка не выполнена');
    } finally {
      setVerifying(false);
    }
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Журнал</Title>
        <Button variant="default" onClick={() => void verify()} loading={verifying}>
          Проверить целостность
        </Button>
      </Group>
      {verdict && (
        <Alert color={verdict.ok ? 'green' : 'red'} role="status">
          {verdict.message}
          {verdict.seal && (
            <Text size="xs" mt={4} style={{ wordBreak: 'break-all' }}>
              Печать журнала (для сверки по распечатке): {formatSeal(verdict.seal)}
            </Text>
          )}
        </Alert>
      )}
      <Paper withBorder p="md">
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            apply();
          }}
        >
          <Group align="flex-start" gap="sm">
            <TextInput
              label="Пользователь (логин)"
              value={draft.userLogin}
              onChange={(e) => setDraft({ ...draft, userLogin: e.currentTarget.value })}
              w={180}
            />
            <Select
              label="Действие"
              placeholder="Все действия"
              data={ACTION_OPTIONS}
              value={draft.action}
              onChange={(v) => setDraft({ ...draft, action: v })}
              clearable
              searchable
              nothingFoundMessage="Не найдено"
              w={260}
            />
            <TextInput
              label="С даты"
              placeholder="ДД.ММ.ГГГГ"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
              error={dateErrors.from}
              w={130}
            />
            <TextInput
              label="По дату"
              placeholder="ДД.ММ.ГГГГ"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
              error={dateErrors.to}
              w={130}
            />
            <Group gap="xs" mt={25}>
              <Button type="submit">Найти</Button>
              <Button variant="subtle" onClick={reset}>
                Сбросить
              </Button>
            </Group>
          </Group>
        </form>
      </Paper>
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && <Loader aria-label="Загрузка" />}
      {data && (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Записей: {data.total}
              {loading && ' · обновление…'}
            </Text>
            {pages > 1 && (
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                size="sm"
                getControlProps={(control) => ({
                  'aria-label': control === 'previous' ? 'Предыдущая страница' : control === 'next' ? 'Следующая страница' : control === 'first' ? 'Первая страница' : 'Последняя страница',
                })}
              />
            )}
          </Group>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={900} type="native">
              <Table verticalSpacing="xs" striped aria-label="Записи журнала">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={170}>Дата и время</Table.Th>
                    <Table.Th w={130}>Пользователь</Table.Th>
                    <Table.Th w={220}>Действие</Table.Th>
                    <Table.Th w={170}>Объект</Table.Th>
                    <Table.Th>Подробности</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.entries.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Text c="dimmed">Записей не найдено</Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {data.entries.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                      <Table.Td>{e.userLogin}</Table.Td>
                      <Table.Td>{describeAuditEntry(e, look).action}</Table.Td>
                      <Table.Td>
                        <ObjectCell entry={e} look={look} />
                      </Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>
                        <Text size="sm">{describeAuditEntry(e, look).details}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
    </Stack>
  );
}
