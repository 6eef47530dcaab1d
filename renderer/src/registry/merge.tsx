import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { MERGE_FIELDS, type ChildCard, type ChildRecord, type ChildRow, type FactRow } from '../../../shared/api/registry';
import { api, errorText } from '../api';
import { formatDate } from '../format';
import { FACT_TITLES } from './facts';
import { formatSnils } from './person';
import { fullName, useSimilar } from './similar';

type MergeField = (typeof MERGE_FIELDS)[number];

export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  gender: 'Пол',
  snils: 'СНИЛС',
  birthCertSeries: 'Свидетельство: серия',
  birthCertNumber: 'Свидетельство: номер',
  hasSecondaryGeneral: 'Среднее общее образование',
};

export function showPersonValue(field: MergeField, c: ChildRecord): string {
  const v = c[field];
  if (v === null || v === '') return '—';
  if (field === 'birthDate') return formatDate(String(v));
  if (field === 'gender') return v === 'm' ? 'мужской' : 'женский';
  if (field === 'snils') return formatSnils(String(v));
  if (typeof v === 'boolean') return v ? 'имеет' : 'не имеет';
  return String(v);
}

interface Candidate {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  orgName: string | null;
  note?: string;
}

/** Step one: the other card, by search or from the cards that look like this child. */
function PickOther({ card, onPick }: { card: ChildCard; onPick: (id: number) => void }) {
  const me = card.child;
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const [rows, setRows] = useState<ChildRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const similar = useSimilar({ surname: me.surname, name: me.name, patronymic: me.patronymic ?? '', birthDate: me.birthDate, excludeId: me.id });

  useEffect(() => {
    if (!debounced.trim()) {
      setRows(null);
      return;
    }
    let alive = true;
    api.call('children.search', { query: debounced, limit: 30 }).then(
      (res) => {
        if (!alive) return;
        setRows(res.rows.filter((r) => r.id !== me.id));
        setError(null);
      },
      (e: unknown) => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [debounced, me.id]);

  const list: Candidate[] = rows ?? similar.map((s) => ({ ...s, note: s.reason }));
  useEffect(() => setActive(0), [rows, similar]);

  return (
    <Stack gap="sm">
      <TextInput
        label="Вторая карточка этого ребёнка"
        placeholder="Фамилия, имя, дата рождения или «№ 12»"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        autoFocus
        data-autofocus
        autoComplete="off"
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((a) => Math.max(0, Math.min(list.length - 1, a + step)));
            return;
          }
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const byNumber = /^№\s*(\d+)$/.exec(query.trim());
          if (byNumber) onPick(Number(byNumber[1]));
          else if (list[active]) onPick(list[active]!.id);
        }}
      />
      {error && <Alert color="red">{error}</Alert>}
      <Text size="sm" c="dimmed">
        {rows ? `Найдено: ${rows.length}` : similar.length ? 'Похожие карточки:' : 'Наберите фамилию или имя, чтобы найти вторую карточку.'}
      </Text>
      <Stack gap={4} role="listbox" aria-label="Карточки">
        {list.map((c, i) => (
          <UnstyledButton
            key={c.id}
            role="option"
            aria-selected={i === active}
            onClick={() => onPick(c.id)}
            p="xs"
            style={{
              borderRadius: 'var(--mantine-radius-sm)',
              border: '1px solid var(--mantine-color-gray-3)',
              background: i === active ? 'var(--mantine-color-blue-light)' : undefined,
            }}
          >
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm" fw={600}>
                  {fullName(c)}, {formatDate(c.birthDate)}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.orgName ?? 'не в организации'}
                  {c.note ? ` · ${c.note}` : ''}
                </Text>
              </div>
              <Text size="sm" c="dimmed">
                № {c.id}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Stack>
  );
}

function FactList({ facts }: { facts: FactRow[] }) {
  if (!facts.length) return <Text size="sm" c="dimmed">Сведений нет</Text>;
  return (
    <Stack gap={4}>
      {facts.map((f) => (
        <Text key={`${f.type}-${f.id}`} size="sm" c={f.current ? undefined : 'dimmed'}>
          <Text span size="xs" c="dimmed">
            {FACT_TITLES[f.type]}:{' '}
          </Text>
          {f.summary}
          {!f.current && ' (в прошлом)'}
        </Text>
      ))}
    </Stack>
  );
}

const preferFilled = (a: unknown, b: unknown) => (a === null || a === '' || a === false) && !(b === null || b === '' || b === false);

/** Step two: both cards side by side; for each differing field the person picks the value to keep. */
function Compare({ a, b, onBack, onMerged }: { a: ChildCard; b: ChildCard; onBack: () => void; onMerged: (card: ChildCard) => void }) {
  const [keptId, setKeptId] = useState(a.child.id);
  const differing = useMemo(() => MERGE_FIELDS.filter((f) => a.child[f] !== b.child[f]), [a, b]);
  // Whose value each field keeps, by card id; an empty value gives way to a filled one.
  const [pick, setPick] = useState<Partial<Record<MergeField, number>>>(() =>
    Object.fromEntries(differing.map((f) => [f, preferFilled(a.child[f], b.child[f]) ? b.child.id : a.child.id])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cards = [a, b];

  async function merge() {
    const mergedId = keptId === a.child.id ? b.child.id : a.child.id;
    const choices: Partial<Record<MergeField, 'kept' | 'merged'>> = {};
    for (const f of differing) choices[f] = (pick[f] ?? keptId) === keptId ? 'kept' : 'merged';
    setBusy(true);
    setError(null);
    try {
      onMerged(await api.call('children.merge', { keptId, mergedId, choices }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md">
      <Radio.Group label="Какая карточка остаётся основной" value={String(keptId)} onChange={(v) => setKeptId(Number(v))}>
        <Group mt={6}>
          {cards.map((c) => (
            <Radio key={c.child.id} value={String(c.child.id)} label={`№ ${c.child.id}${c.child.id === a.child.id ? ' (открытая)' : ''}`} />
          ))}
        </Group>
      </Radio.Group>
      <Text size="sm" c="dimmed">
        Все сведения второй карточки перейдут в основную, вторая останется в реестре с пометкой «объединена». Объединение можно
        отменить.
      </Text>
      <Paper withBorder>
        <Table verticalSpacing={6} aria-label="Сравнение карточек">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="24%">Поле</Table.Th>
              {cards.map((c) => (
                <Table.Th key={c.child.id}>
                  Карточка № {c.child.id}{' '}
                  {c.child.id === keptId && (
                    <Badge size="sm" variant="light">
                      основная
                    </Badge>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {MERGE_FIELDS.map((f) => {
              const differs = differing.includes(f);
              return (
                <Table.Tr key={f} bg={differs ? 'yellow.0' : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={differs ? 600 : undefined}>
                      {MERGE_FIELD_LABELS[f]}
                    </Text>
                  </Table.Td>
                  {cards.map((c) => (
                    <Table.Td key={c.child.id}>
                      {differs ? (
                        <Radio
                          name={`merge-${f}`}
                          value={String(c.child.id)}
                          checked={pick[f] === c.child.id}
                          onChange={() => setPick((p) => ({ ...p, [f]: c.child.id }))}
                          label={showPersonValue(f, c.child)}
                          aria-label={`${MERGE_FIELD_LABELS[f]}: ${showPersonValue(f, c.child)} (№ ${c.child.id})`}
                        />
                      ) : (
                        <Text size="sm" c="dimmed">
                          {showPersonValue(f, c.child)}
                        </Text>
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={2} spacing="md">
        {cards.map((c) => (
          <Paper withBorder p="sm" key={c.child.id}>
            <Text fw={600} size="sm" mb={6}>
              Сведения карточки № {c.child.id}
            </Text>
            <ScrollArea.Autosize mah={220}>
              <FactList facts={c.facts} />
            </ScrollArea.Autosize>
          </Paper>
        ))}
      </SimpleGrid>
      {error && <Alert color="red">{error}</Alert>}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack} disabled={busy}>
          Выбрать другую карточку
        </Button>
        <Button onClick={() => void merge()} loading={busy}>
          Объединить в карточку № {keptId}
        </Button>
      </Group>
    </Stack>
  );
}

interface MergeModalProps {
  card: ChildCard;
  onClose: () => void;
  onMerged: (card: ChildCard) => void;
}

export function MergeModal({ card, onClose, onMerged }: MergeModalProps) {
  const [other, setOther] = useState<ChildCard | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function pick(id: number) {
    setLoading(true);
    setError(null);
    try {
      const c = await api.call('children.card', { id });
      if (c.child.status !== 'active') setError(`Карточка № ${id} уже объединена с № ${c.child.mergedInto}.`);
      else setOther(c);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Modal opened onClose={onClose} size={other ? 1000 : 'lg'} title={<Text fw={700}>Объединить карточки одного ребёнка</Text>}>
      {error && (
        <Alert color="red" mb="sm">
          {error}
        </Alert>
      )}
      {loading && <Loader size="sm" aria-label="Загрузка" />}
      {other ? (
        <Compare a={card} b={other} onBack={() => setOther(null)} onMerged={onMerged} />
      ) : (
        <PickOther card={card} onPick={(id) => void pick(id)} />
      )}
    </Modal>
  );
}
