import './desk.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Button, Group, Loader, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Forecast, ForecastRow, Statistics, StatCount } from '../../../shared/api/desk';
import { formatRuDate, isoParts } from '../../../shared/domain/dates';
import { EDUCATION_FORMS } from '../../../shared/domain/educationForms';
import { api, errorText } from '../api';
import { todayIsoNow } from '../format';
import { navigate } from '../nav';
import { isoToRu, ruDateError, ruToIso } from '../registry/dates';
import { DateField } from '../registry/fields';
import { DeskTile } from './HomePage';

const FORM_COLORS: Record<string, string> = { full_time: 'blue.6', part_time: 'teal.6', extramural: 'cyan.6', family: 'orange.6', self: 'grape.6' };

function Bars({ title, data, color = 'blue.6' }: { title: string; data: StatCount[]; color?: string }) {
  return (
    <Paper withBorder p="md" aria-label={title}>
      <Text fw={600} mb="xs">
        {title}
      </Text>
      {data.length === 0 ? (
        <Text c="dimmed">Нет данных</Text>
      ) : (
        <BarChart h={220} data={data.map((d) => ({ label: d.label, count: d.count }))} dataKey="label" series={[{ name: 'count', label: 'Детей', color }]} tickLine="y" xAxisProps={{ interval: 0 }} />
      )}
    </Paper>
  );
}

function useCall<T>(fn: () => Promise<T>, deps: unknown[], enabled = true): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    fn()
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { data, error };
}

function StatisticsSection() {
  const [dateText, setDateText] = useState(() => isoToRu(todayIsoNow()));
  const dateError = ruDateError(dateText, true);
  const asOf = dateError ? null : ruToIso(dateText);
  const { data, error } = useCall<Statistics>(() => api.call('desk.statistics', { asOf: asOf! }), [asOf], asOf !== null);
  const forms = data?.byForm ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>Численность обучающихся</Title>
        <DateField label="По состоянию на" value={dateText} onChange={setDateText} error={dateError} w={170} aria-label="По состоянию на" />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && <Loader aria-label="Загрузка" />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <DeskTile label="Обучаются (всего)" value={data.total.toLocaleString('ru-RU')} hint={`на ${formatRuDate(data.asOf)}`} />
            {forms.map((f) => (
              <DeskTile key={f.key} label={f.label} value={f.count.toLocaleString('ru-RU')} />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md" aria-label="По формам получения образования">
              <Text fw={600} mb="xs">
                По формам получения образования
              </Text>
              {forms.length === 0 ? (
                <Text c="dimmed">Нет данных</Text>
              ) : (
                <Group>
                  <DonutChart size={180} thickness={28} data={forms.map((f) => ({ name: f.label, value: f.count, color: FORM_COLORS[f.key] ?? 'gray.6' }))} withTooltip />
                  <Stack gap={4}>
                    {forms.map((f) => (
                      <Text key={f.key} size="sm">
                        <span className="desk-dot" style={{ background: `var(--mantine-color-${(FORM_COLORS[f.key] ?? 'gray.6').replace('.', '-')})` }} /> {f.label}: {f.count.toLocaleString('ru-RU')}
                      </Text>
                    ))}
                  </Stack>
                </Group>
              )}
              {data.noFormAssumed > 0 && (
                <Text size="xs" c="dimmed" mt="xs">
                  Форма не указана в реестре у {data.noFormAssumed.toLocaleString('ru-RU')} обучающихся — учтены как очная.
                </Text>
              )}
            </Paper>
            <Bars title="По уровням образования" data={data.byLevel} color="teal.6" />
            <Bars title="По классам" data={data.byGrade} />
            <Bars title="По возрасту (полных лет)" data={data.byAge} color="grape.6" />
          </SimpleGrid>
          <Paper withBorder p="md">
            <Text fw={600} mb="xs">
              По организациям
            </Text>
            <Table striped withTableBorder aria-label="По организациям">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Организация</Table.Th>
                  {EDUCATION_FORMS.map((f) => (
                    <Table.Th key={f.id} ta="right">
                      {f.label}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">Всего</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.byOrg.map((o) => (
                  <Table.Tr key={o.orgId ?? 'none'}>
                    <Table.Td>{o.name}</Table.Td>
                    {EDUCATION_FORMS.map((f) => (
                      <Table.Td key={f.id} ta="right">
                        {o.forms[f.id] ?? 0}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right" fw={600}>
                      {o.total}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}

/** The coming 1 September's year: this year's until 31 August, next year's from 1 September. */
function intakeYear(today: string): number {
  const { year, month } = isoParts(today);
  return month >= 9 ? year + 1 : year;
}

function ForecastSection() {
  const [year, setYear] = useState<number | string>(() => intakeYear(todayIsoNow()));
  const valid = typeof year === 'number' && year >= 2000 && year <= 2100;
  const { data, error } = useCall<Forecast>(() => api.call('desk.forecast', { year: year as number }), [year], valid);
  // One row per territory of either year (the «территория не определена» row may be in one year only).
  const rows = new Map<string, { name: string; a: ForecastRow | null; b: ForecastRow | null }>();
  if (data) {
    for (const r of data.years[0]!.rows) rows.set(String(r.orgId), { name: r.name, a: r, b: null });
    for (const r of data.years[1]!.rows) rows.set(String(r.orgId), { name: r.name, a: rows.get(String(r.orgId))?.a ?? null, b: r });
  }
  const merged = [...rows.values()];
  const chart = data ? merged.map((r) => ({ name: r.name, [data.years[0]!.label]: r.a?.total ?? 0, [data.years[1]!.label]: r.b?.total ?? 0 })) : [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>Прогноз приёма в 1 класс</Title>
        <NumberInput label="С 1 сентября года" value={year} onChange={setYear} min={2000} max={2100} w={170} allowDecimal={false} thousandSeparator="" error={valid ? null : 'Год от 2000 до 2100'} />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && valid && <Loader aria-label="Загрузка" />}
      {data && (
        <>
          <Text size="sm" c="dimmed">
            По данным реестра на {formatRuDate(data.on)}. Учтены дети, не обучавшиеся в школе и не находящиеся на семейном образовании или самообразовании: в первом году —
            достигшие 6 лет 6 месяцев и не старше 8 лет на 1 сентября, и старше 8 лет, не приступившие к обучению; во втором — достигающие 6 лет 6 месяцев к следующему 1 сентября.
            Территория — {data.territoryBy === 'territories' ? 'по закреплённым за школами территориям' : 'по школе, сообщившей адрес ребёнка (территории школ не заданы)'}.
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {data.years.map((y) => (
              <DeskTile key={y.year} label={`${y.label} учебный год (на ${formatRuDate(y.september1)})`} value={y.totals.total.toLocaleString('ru-RU')} hint={`6,5–8 лет: ${y.totals.ofAge}; старше 8 лет, не приступили: ${y.totals.late}`} />
            ))}
          </SimpleGrid>
          <Paper withBorder p="md" aria-label="Прогноз по территориям">
            <BarChart
              h={Math.max(200, chart.length * 34)}
              data={chart}
              dataKey="name"
              orientation="vertical"
              yAxisProps={{ width: 200 }}
              series={[
                { name: data.years[0]!.label, color: 'blue.6' },
                { name: data.years[1]!.label, color: 'teal.5' },
              ]}
              withLegend
            />
          </Paper>
          <Table striped withTableBorder aria-label="Прогноз по территориям школ">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Территория (школа)</Table.Th>
                {data.years.map((y) => (
                  <Table.Th key={y.year} ta="right">
                    {y.label}: 6,5–8 лет
                  </Table.Th>
                ))}
                <Table.Th ta="right">{data.years[0]!.label}: старше 8 лет</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {merged.map((r) => (
                <Table.Tr key={r.name}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td ta="right">{r.a?.ofAge ?? 0}</Table.Td>
                  <Table.Td ta="right">{r.b?.ofAge ?? 0}</Table.Td>
                  <Table.Td ta="right">{r.a?.late ?? 0}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={600}>
                <Table.Td>Итого</Table.Td>
                <Table.Td ta="right">{data.years[0]!.totals.ofAge}</Table.Td>
                <Table.Td ta="right">{data.years[1]!.totals.ofAge}</Table.Td>
                <Table.Td ta="right">{data.years[0]!.totals.late}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

/** The profile's consolidated report (Кстово п. 4.1.8), printed from «Отчёты» like every form. */
function ConsolidatedReportNote() {
  const { data } = useCall(() => api.call('reports.forms', {}), []);
  const form = data?.forms.find((f) => f.id === 'kstovo-summary');
  if (!form) return null;
  return (
    <Group gap="sm">
      <Text size="sm" c="dimmed">
        {form.title} ({form.basis}) печатается как документ с номером:
      </Text>
      <Button variant="light" size="compact-sm" onClick={() => navigate({ page: 'reports' })}>
        Отчёты
      </Button>
    </Group>
  );
}

/** «Статистика»: counts on a date with charts, and the first-grade forecast for the next two school years. */
export function StatsPage() {
  return (
    <Stack gap="xl" maw={1400}>
      <Title order={2}>Статистика</Title>
      <ConsolidatedReportNote />
      <StatisticsSection />
      <ForecastSection />
    </Stack>
  );
}
