import './desk.css';
import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionUser } from '../../../shared/api';
import type { DeadlineItem, Deadlines } from '../../../shared/api/desk';
import { DEADLINE_STATUS_LABELS, type DeadlineStatus } from '../../../shared/domain/deadlines';
import { formatRuDate } from '../../../shared/domain/dates';
import { api, errorText } from '../api';
import { todayIsoNow } from '../format';
import { navigate } from '../nav';
import { isoToRu, ruDateError, ruToIso } from '../registry/dates';
import { DateField } from '../registry/fields';
import { ByDeadline } from './ByDeadline';
import { NotInEducationTile } from '../education/NotInEducationTile';

const STATUS_COLOR: Record<DeadlineStatus, string> = { late: 'red', soon: 'orange', received: 'green', upcoming: 'gray', passed: 'gray' };
/** Late first, then due soon, then received; within a status by date. */
const STATUS_ORDER: Record<DeadlineStatus, number> = { late: 0, soon: 1, passed: 2, received: 3, upcoming: 4 };

type Show = 'all' | 'late' | 'soon' | 'received';

export function StatusBadge({ item }: { item: DeadlineItem }) {
  let label = DEADLINE_STATUS_LABELS[item.status];
  if (item.status === 'late') label = `просрочено на ${-item.daysLeft} дн.`;
  if (item.status === 'soon') label = item.daysLeft === 0 ? 'срок сегодня' : `осталось ${item.daysLeft} дн.`;
  if (item.status === 'received') label = `получено ${formatRuDate(item.receivedOn!)}${item.receivedLate ? ' (с опозданием)' : ''}`;
  return (
    <Badge color={STATUS_COLOR[item.status]} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {label}
    </Badge>
  );
}

/**
 * A tile of the desk: a number with its caption, a click goes where the number comes from. The home page is a row
 * of these first (deadlines here; «Не обучаются» and others are added to `tiles` in HomePage).
 */
export function DeskTile({ label, value, color, hint, onClick }: { label: string; value: ReactNode; color?: string; hint?: string; onClick?: () => void }) {
  return (
    <Paper withBorder p="md" className={onClick ? 'desk-tile desk-tile-link' : 'desk-tile'} onClick={onClick} role={onClick ? 'button' : undefined} aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={32} fw={700} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function DutiesTable({ items, withOrg }: { items: DeadlineItem[]; withOrg: boolean }) {
  return (
    <Table striped withTableBorder verticalSpacing={6} className="desk-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>Срок</Table.Th>
          {withOrg && <Table.Th w={200}>Организация</Table.Th>}
          <Table.Th>Что</Table.Th>
          <Table.Th w={withOrg ? 150 : 260}>Кому</Table.Th>
          <Table.Th w={200}>Состояние</Table.Th>
          <Table.Th w={150}>Основание</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={`${i.deadlineId}|${i.orgId}|${i.due}`} data-status={i.status}>
            <Table.Td>{formatRuDate(i.due)}</Table.Td>
            {withOrg && <Table.Td>{i.orgName}</Table.Td>}
            <Table.Td>
              <Text size="sm">{i.what}</Text>
              <Text size="xs" c="dimmed">
                {i.when}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{i.to}</Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge item={i} />
            </Table.Td>
            <Table.Td>
              <Text size="xs">{i.basis}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DueLines({ items }: { items: DeadlineItem[] }) {
  return (
    <Stack gap={2}>
      {items.map((i) => (
        <Text key={`${i.deadlineId}|${i.due}`} size="xs">
          {formatRuDate(i.due).slice(0, 5)} — {i.what}
        </Text>
      ))}
    </Stack>
  );
}

/** One row per organization: what is late and due soon (the titles), how much is received; «Подробно» opens its table. */
function OrgTable({ groups }: { groups: { name: string; items: DeadlineItem[] }[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Table withTableBorder verticalSpacing={6} className="desk-table" aria-label="Сведения от организаций">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={230}>Организация</Table.Th>
          <Table.Th>Просрочено</Table.Th>
          <Table.Th>Срок в ближайшие 7 дней</Table.Th>
          <Table.Th w={110} ta="right">
            Получено
          </Table.Th>
          <Table.Th w={110} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => {
          const late = g.items.filter((i) => i.status === 'late');
          const soon = g.items.filter((i) => i.status === 'soon');
          const received = g.items.filter((i) => i.status === 'received').length;
          return (
            <Fragment key={g.name}>
              <Table.Tr aria-label={g.name} className={late.length ? 'desk-row-late' : undefined}>
                <Table.Td fw={600}>{g.name}</Table.Td>
                <Table.Td c="red.8">{late.length ? <DueLines items={late} /> : '—'}</Table.Td>
                <Table.Td c="orange.9">{soon.length ? <DueLines items={soon} /> : '—'}</Table.Td>
                <Table.Td ta="right" c={received ? 'green.8' : undefined}>
                  {received}
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setOpen(open === g.name ? null : g.name)} aria-expanded={open === g.name}>
                    {open === g.name ? 'Свернуть' : 'Подробно'}
                  </Button>
                </Table.Td>
              </Table.Tr>
              {open === g.name && (
                <Table.Tr>
                  <Table.Td colSpan={5} bg="gray.0">
                    <DutiesTable items={g.items} withOrg={false} />
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

function sortItems(items: DeadlineItem[]): DeadlineItem[] {
  return [...items].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/**
 * «Главная»: what is late, due within 7 days and received, per organization, and the department's own duties
 * beside the organizations' (the calendar of the profile, shared/domain/deadlines.ts), with the desk's tiles above.
 */
export function HomePage({ user }: { user: SessionUser }) {
  const [dateText, setDateText] = useState(() => isoToRu(todayIsoNow()));
  const [data, setData] = useState<Deadlines | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [show, setShow] = useState<Show>('all');
  const dateError = ruDateError(dateText, true);
  const asOf = dateError ? null : ruToIso(dateText);

  useEffect(() => {
    if (!asOf) return;
    let live = true;
    api
      .call('desk.deadlines', { asOf })
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [asOf]);

  const visible = useMemo(() => (data ? sortItems(data.items.filter((i) => i.status !== 'upcoming' && (show === 'all' || i.status === show))) : []), [data, show]);
  const own = visible.filter((i) => i.own);
  const byOrg = useMemo(() => {
    const m = new Map<number, { name: string; items: DeadlineItem[] }>();
    for (const i of visible) {
      if (i.own) continue;
      const g = m.get(i.orgId) ?? { name: i.orgName, items: [] };
      g.items.push(i);
      m.set(i.orgId, g);
    }
    // Organizations with something late first, then by name.
    return [...m.values()].sort((a, b) => STATUS_ORDER[a.items[0]!.status] - STATUS_ORDER[b.items[0]!.status] || a.name.localeCompare(b.name, 'ru'));
  }, [visible]);

  const counts = data?.counts;
  // The desk's tiles. Other parts of the desk add theirs here (the «Не обучаются» tile of the not-in-education list).
  const tiles: ReactNode[] = [
    <DeskTile key="late" label="Просрочено" value={counts?.late ?? '…'} color={counts?.late ? 'red' : undefined} hint="сведения не получены в срок" onClick={() => setShow('late')} />,
    <DeskTile key="soon" label="Срок в ближайшие 7 дней" value={counts?.soon ?? '…'} color={counts?.soon ? 'orange' : undefined} hint="ещё не получены" onClick={() => setShow('soon')} />,
    <DeskTile key="received" label="Получено" value={counts?.received ?? '…'} color="green" hint="с 1 сентября учебного года" onClick={() => setShow('received')} />,
    <NotInEducationTile key="not-in-education" asOf={asOf} Tile={DeskTile} />,
  ];
  if (user.role !== 'school') tiles.push(<DeskTile key="stats" label="Статистика и прогноз" value="→" hint="численность, прогноз приёма в 1 класс" onClick={() => navigate({ page: 'stats' })} />);

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Главная</Title>
        <DateField label="На дату" value={dateText} onChange={setDateText} error={dateError} w={160} aria-label="На дату" />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} className="desk-tiles">
        {tiles}
      </SimpleGrid>
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && <Loader aria-label="Загрузка" />}
      {data && (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Сроки с {formatRuDate(data.from)} по {formatRuDate(data.to)} по порядку учёта; «получено» — применён список этого вида от организации за период (или зарегистрирован документ).
            </Text>
            <SegmentedControl
              value={show}
              onChange={(v) => setShow(v as Show)}
              data={[
                { value: 'all', label: 'Все' },
                { value: 'late', label: 'Просрочено' },
                { value: 'soon', label: '7 дней' },
                { value: 'received', label: 'Получено' },
              ]}
            />
          </Group>
          {user.role !== 'school' && (
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                Обязанности отдела
              </Title>
              {own.length ? <DutiesTable items={own} withOrg={false} /> : <Text c="dimmed">Нет сроков в выбранном отборе.</Text>}
            </Paper>
          )}
          {user.role !== 'school' && (
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                По срокам: сколько организаций представили сведения
              </Title>
              <ByDeadline items={data.items} />
            </Paper>
          )}
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Сведения от организаций
            </Title>
            {byOrg.length === 0 && <Text c="dimmed">Нет сроков в выбранном отборе.</Text>}
            {byOrg.length > 0 && <OrgTable groups={byOrg} />}
          </Paper>
        </>
      )}
    </Stack>
  );
}
