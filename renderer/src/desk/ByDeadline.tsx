import { Badge, Group, Progress, Table, Text } from '@mantine/core';
import type { DeadlineItem } from '../../../shared/api/desk';
import { formatRuDate } from '../../../shared/domain/dates';

interface Row {
  key: string;
  item: DeadlineItem;
  total: number;
  received: number;
  late: number;
}

/**
 * The organizations' duties one line per deadline and period: how many organizations owe it, how many sent it, how
 * many are late — the overview above the per-organization table of «Главная».
 */
export function ByDeadline({ items }: { items: DeadlineItem[] }) {
  const rows = new Map<string, Row>();
  for (const i of items) {
    if (i.own || i.status === 'upcoming') continue;
    const key = `${i.due}|${i.deadlineId}`;
    const r = rows.get(key) ?? { key, item: i, total: 0, received: 0, late: 0 };
    r.total++;
    if (i.status === 'received') r.received++;
    if (i.status === 'late') r.late++;
    rows.set(key, r);
  }
  const list = [...rows.values()].sort((a, b) => (a.item.due < b.item.due ? 1 : a.item.due > b.item.due ? -1 : 0));
  if (list.length === 0) return null;
  return (
    <Table withTableBorder verticalSpacing={6} className="desk-table" aria-label="По срокам">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>Срок</Table.Th>
          <Table.Th>Что</Table.Th>
          <Table.Th w={260}>Получено</Table.Th>
          <Table.Th w={200}>Состояние</Table.Th>
          <Table.Th w={150}>Основание</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((r) => {
          const days = r.item.daysLeft;
          return (
            <Table.Tr key={r.key}>
              <Table.Td>{formatRuDate(r.item.due)}</Table.Td>
              <Table.Td>
                <Text size="sm">{r.item.what}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress value={(100 * r.received) / r.total} color="green" w={110} aria-hidden />
                  <Text size="sm">
                    {r.received} из {r.total}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                {r.late > 0 ? (
                  <Badge color="red" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    просрочено: {r.late}
                  </Badge>
                ) : r.received < r.total ? (
                  <Badge color="orange" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    {days === 0 ? 'срок сегодня' : `осталось ${days} дн.`}
                  </Badge>
                ) : (
                  <Badge color="green" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    получено от всех
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{r.item.basis}</Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
