import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Kbd,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { ROLES_SEEING_SENSITIVE, type SessionUser } from '../../../shared/api';
import {
  CONDITION_KINDS,
  FLAG_KINDS,
  type SORT_FIELDS,
  type ChildRow,
  type RegistryFilter,
} from '../../../shared/api/registry';
import { isEducationFormId } from '../../../shared/domain/educationForms';
import { REGISTRY_WORDS } from '../../../shared/registryWords';
import { registryFormWord } from '../education/formWord';
import { canCall } from '../access';
import { downloadBase64 } from '../files';
import { api, errorText } from '../api';
import { formatDate, plural } from '../format';
import { navigate } from '../nav';
import { ruDateError, ruToIso } from '../registry/dates';
import { CONDITION_OPTIONS, FLAG_OPTIONS, FORM_OPTIONS } from '../registry/facts';
import { DateField, OrgSelect, useOrgs } from '../registry/fields';
import { fullName } from '../registry/similar';
import { notifyError, notifyOk } from '../ui';

type SortField = (typeof SORT_FIELDS)[number];

/** What the registry screen shows; kept by the layout so the way back from a card finds it as it was. */
export interface RegistryView {
  query: string;
  orgId: string | null;
  classLabel: string | null;
  form: string | null;
  noOrg: boolean;
  status: 'active' | 'merged';
  birthYear: string;
  ageFrom: string;
  ageTo: string;
  ageOn: string;
  flag: string | null;
  condition: string | null;
  sort: SortField;
  dir: 'asc' | 'desc';
  /** «Ещё фильтры» unfolded: year, age, cards, condition, flag. */
  moreFilters: boolean;
  selected: number;
  scrollTop: number;
}

export const INITIAL_VIEW: RegistryView = {
  query: '',
  orgId: null,
  classLabel: null,
  form: null,
  noOrg: false,
  status: 'active',
  birthYear: '',
  ageFrom: '',
  ageTo: '',
  ageOn: '',
  flag: null,
  condition: null,
  sort: 'name',
  dir: 'asc',
  moreFilters: false,
  selected: 0,
  scrollTop: 0,
};

const PAGE = 100;
/** 32 px a row: at 1366×768 the table shows at least 15 children under the search and the folded filters. */
const ROW_HEIGHT = 32;
const COLUMNS = 'minmax(220px, 2.2fr) 150px minmax(150px, 1.5fr) 96px minmax(190px, 1fr) 70px';
const FORM_FILTER_OPTIONS = [...FORM_OPTIONS, { value: 'none', label: 'не указана (в реестре нет формы)' }];
const STATUS_OPTIONS = [
  { value: 'active', label: 'действующие' },
  { value: 'merged', label: 'объединённые' },
];

const age = (s: string) => (/^\d{1,2}$/.test(s.trim()) && Number(s) <= 30 ? Number(s) : undefined);
const year = (s: string) => (/^\d{4}$/.test(s.trim()) && Number(s) >= 1990 && Number(s) <= 2100 ? Number(s) : undefined);

/** The screen's filters as the contract takes them; half-typed values are left out. */
function toFilter(v: RegistryView, query: string, ownOrgId: number | null, seesFlags: boolean): RegistryFilter {
  const f: RegistryFilter = { query: query.trim(), status: v.status };
  if (ownOrgId !== null) {
    // A school sees its own pupils only (the server limits it anyway): the class is the filter.
    if (v.classLabel) f.classLabel = v.classLabel;
  } else if (v.noOrg) f.noOrg = true;
  else if (v.orgId) {
    f.orgId = Number(v.orgId);
    if (v.classLabel) f.classLabel = v.classLabel;
  }
  if (v.form === 'none' || isEducationFormId(v.form)) f.form = v.form;
  const by = year(v.birthYear);
  if (by !== undefined) f.birthYear = by;
  const from = age(v.ageFrom);
  const to = age(v.ageTo);
  if (from !== undefined) f.ageFrom = from;
  if (to !== undefined) f.ageTo = to;
  const on = ruToIso(v.ageOn);
  if (on && (from !== undefined || to !== undefined)) f.ageOn = on;
  // A role that may not see flags may not filter by them either (the service refuses it).
  if (seesFlags && v.flag && (FLAG_KINDS as readonly string[]).includes(v.flag)) f.flag = v.flag as RegistryFilter['flag'];
  if (v.condition && (CONDITION_KINDS as readonly string[]).includes(v.condition)) f.condition = v.condition as RegistryFilter['condition'];
  return f;
}

interface Loaded {
  key: string;
  total: number;
  pages: Map<number, ChildRow[]>;
}

/** Chrome keeps Ctrl+N for a new window: in browser mode the page gets Alt+N; Electron lets Ctrl+N through. */
const NEW_CHILD_KEY = window.uchet ? 'Ctrl+N' : 'Alt+N';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

interface Props {
  user: SessionUser;
  view: RefObject<RegistryView>;
}

export function RegistryPage({ user, view }: Props) {
  const [v, setV] = useState<RegistryView>(() => view.current);
  const [debouncedQuery] = useDebouncedValue(v.query, 150);
  const orgs = useOrgs();
  const orgKinds = useMemo(() => new Map(orgs.map((o) => [o.id, o.kind as string])), [orgs]);
  const [classes, setClasses] = useState<string[]>([]);
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const inflight = useRef(new Set<string>());
  const canCreate = canCall(user.role, 'children.create');
  const ownOrgId = user.role === 'school' ? (user.orgId ?? -1) : null;
  const classesOf = ownOrgId !== null ? String(ownOrgId) : v.orgId;
  const seesFlags = ROLES_SEEING_SENSITIVE.includes(user.role);

  const patch = useCallback((p: Partial<RegistryView>) => setV((old) => ({ ...old, ...p })), []);

  useEffect(() => {
    // Everything but the scroll position, which the table writes itself.
    view.current = { ...v, scrollTop: view.current.scrollTop };
  }, [v, view]);

  const filter = useMemo(() => toFilter(v, debouncedQuery, ownOrgId, seesFlags), [v, debouncedQuery, ownOrgId, seesFlags]);
  const request = useMemo(() => ({ ...filter, sort: v.sort, dir: v.dir }), [filter, v.sort, v.dir]);
  const key = JSON.stringify(request);
  const keyRef = useRef(key);
  keyRef.current = key;

  const fetchPage = useCallback((k: string, input: typeof request, offset: number) => {
    const id = `${offset}|${k}`;
    if (inflight.current.has(id)) return;
    inflight.current.add(id);
    api
      .call('children.search', { ...input, offset, limit: PAGE })
      .then(
        (res) => {
          // An answer to a query the user has already changed is dropped.
          if (keyRef.current !== k) return;
          setError(null);
          setData((old) => {
            const pages = new Map(old && old.key === k ? old.pages : []);
            pages.set(offset, res.rows);
            return { key: k, total: res.total, pages };
          });
        },
        (e: unknown) => keyRef.current === k && setError(errorText(e)),
      )
      .finally(() => inflight.current.delete(id));
  }, []);

  const shown = data;
  const total = shown?.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: () => view.current.scrollTop,
  });

  // A new query or filter: its first page; the old rows stay on screen until it comes.
  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    fetchPage(key, request, 0);
    // Coming back to the screen keeps the place; another query starts from the top.
    if (lastKey.current !== null && lastKey.current !== key) {
      scrollRef.current?.scrollTo({ top: 0 });
      setV((old) => (old.selected === 0 ? old : { ...old, selected: 0 }));
    }
    lastKey.current = key;
  }, [key, request, fetchPage]);

  // The pages the visible window needs, asked once scrolling pauses for a moment.
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0]!.index / PAGE) * PAGE : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1]!.index / PAGE) * PAGE : 0;
  useEffect(() => {
    if (!shown || shown.key !== key) return;
    const timer = window.setTimeout(() => {
      for (let p = firstPage; p <= lastPage; p += PAGE) if (!shown.pages.has(p)) fetchPage(key, request, p);
    }, 40);
    return () => window.clearTimeout(timer);
  }, [shown, key, request, firstPage, lastPage, fetchPage]);

  useEffect(() => {
    if (!classesOf) {
      setClasses([]);
      return;
    }
    let alive = true;
    api.call('registry.classes', { orgId: Number(classesOf) }).then(
      (list) => alive && setClasses(list),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [classesOf]);

  const rowAt = useCallback(
    (index: number): ChildRow | undefined => shown?.pages.get(Math.floor(index / PAGE) * PAGE)?.[index % PAGE],
    [shown],
  );

  const open = useCallback(
    (index: number) => {
      const row = rowAt(index);
      if (row) navigate({ page: 'child', id: row.id });
    },
    [rowAt],
  );

  const select = useCallback(
    (index: number) => {
      if (total === 0) return;
      const next = Math.max(0, Math.min(total - 1, index));
      patch({ selected: next });
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [total, patch, virtualizer],
  );

  // «/» or Ctrl+F: to the search box; Ctrl+N (Alt+N in a browser, where Ctrl+N opens a window): a new child.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      // An open dialog's content; a closed Mantine Modal leaves an empty root in the page (see intake/common.tsx).
      if (document.querySelector('[role="dialog"]')) return;
      const code = e.code;
      if (((e.ctrlKey || e.metaKey) && code === 'KeyF') || (e.key === '/' && !isTyping(e.target))) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (canCreate && code === 'KeyN' && (e.ctrlKey || e.metaKey || e.altKey) && !e.shiftKey) {
        e.preventDefault();
        navigate({ page: 'new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCreate]);

  function onListKey(e: KeyboardEvent<HTMLElement>) {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const inSearch = e.currentTarget === searchRef.current;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        select(v.selected + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        select(v.selected - 1);
        break;
      case 'PageDown':
        e.preventDefault();
        select(v.selected + pageRows);
        break;
      case 'PageUp':
        e.preventDefault();
        select(v.selected - pageRows);
        break;
      case 'Home':
        if (inSearch) return;
        e.preventDefault();
        select(0);
        break;
      case 'End':
        if (inSearch) return;
        e.preventDefault();
        select(total - 1);
        break;
      case 'Enter':
        e.preventDefault();
        open(v.selected);
        break;
      case 'Escape':
        if (inSearch && v.query) {
          e.preventDefault();
          patch({ query: '' });
        }
        break;
    }
  }

  function sortBy(field: SortField) {
    setV((old) => ({ ...old, sort: field, dir: old.sort === field && old.dir === 'asc' ? 'desc' : 'asc' }));
  }

  async function exportXlsx() {
    setExporting(true);
    try {
      const res = await api.call('children.exportXlsx', { ...filter, sort: v.sort, dir: v.dir });
      downloadBase64(res.base64, res.fileName);
      notifyOk(`Выгружено в Excel: ${res.rows} ${plural(res.rows, 'строка', 'строки', 'строк')}`);
    } catch (e) {
      notifyError(e, 'Не удалось выгрузить');
    } finally {
      setExporting(false);
    }
  }

  // The folded filters that are set: counted on «Ещё фильтры», so a filter out of sight is never forgotten.
  const moreOn = [v.birthYear !== '', v.ageFrom !== '' || v.ageTo !== '' || v.ageOn !== '', v.status !== 'active', v.condition !== null, seesFlags && v.flag !== null].filter(Boolean).length;
  const filtersOn = v.orgId !== null || v.classLabel !== null || v.form !== null || v.noOrg || moreOn > 0;
  // A search by name orders by how well the names fit (exact words first), not by ФИО: the table says so.
  const byRelevance = /\p{L}/u.test(debouncedQuery) && v.sort === 'name' && v.dir === 'asc';
  const loading = !shown || shown.key !== key;
  const yearError = v.birthYear && year(v.birthYear) === undefined ? 'Год, например 2015' : undefined;
  const ageOnError = v.ageOn ? (ruDateError(v.ageOn) ?? undefined) : undefined;

  const header = (field: SortField | null, label: string, align: 'left' | 'right' = 'left') => {
    const active = field !== null && v.sort === field;
    const relevance = field === 'name' && byRelevance;
    const sortLabel = active ? (v.dir === 'asc' ? 'ascending' : 'descending') : 'none';
    return (
      <div role="columnheader" aria-sort={field ? sortLabel : undefined} className="registry-cell" style={{ textAlign: align }}>
        {field ? (
          <UnstyledButton
            onClick={() => sortBy(field)}
            className="registry-sort"
            title={relevance ? 'Сейчас по сходству с запросом. Нажмите, чтобы упорядочить по ФИО от Я к А' : 'Упорядочить'}
          >
            {label}
            <span aria-hidden className="registry-sort-mark">
              {relevance ? '≈' : active ? (v.dir === 'asc' ? '▲' : '▼') : '↕'}
            </span>
          </UnstyledButton>
        ) : (
          label
        )}
      </div>
    );
  };

  const more = (
    <>
      <TextInput
        size="xs"
        label="Год рождения"
        value={v.birthYear}
        onChange={(e) => patch({ birthYear: e.currentTarget.value.replace(/\D/g, '').slice(0, 4) })}
        error={yearError}
        inputMode="numeric"
        w={96}
      />
      <Group gap={4} align="flex-end" wrap="nowrap">
        <TextInput
          size="xs"
          label="Возраст от"
          value={v.ageFrom}
          onChange={(e) => patch({ ageFrom: e.currentTarget.value.replace(/\D/g, '').slice(0, 2) })}
          inputMode="numeric"
          w={78}
        />
        <TextInput
          size="xs"
          label="до, лет"
          value={v.ageTo}
          onChange={(e) => patch({ ageTo: e.currentTarget.value.replace(/\D/g, '').slice(0, 2) })}
          inputMode="numeric"
          w={64}
        />
        <DateField size="xs" label="на дату" placeholder="сегодня" value={v.ageOn} onChange={(d) => patch({ ageOn: d })} error={ageOnError} w={104} />
      </Group>
      <Select size="xs" label="Карточки" data={STATUS_OPTIONS} value={v.status} onChange={(s) => patch({ status: s === 'merged' ? 'merged' : 'active' })} allowDeselect={false} w={140} />
      <Select
        size="xs"
        label="Состояние"
        placeholder="любое"
        data={CONDITION_OPTIONS}
        value={v.condition}
        onChange={(c) => patch({ condition: c })}
        clearable
        w={200}
        comboboxProps={{ width: 380 }}
      />
      {seesFlags && (
        <Select
          size="xs"
          label="Отметка"
          placeholder="любая"
          data={FLAG_OPTIONS}
          value={v.flag}
          onChange={(f) => patch({ flag: f })}
          clearable
          w={180}
          comboboxProps={{ width: 300 }}
        />
      )}
    </>
  );

  const emptyRegistry = shown && total === 0 && !v.query.trim() && !filtersOn;

  return (
    <Stack gap="xs" className="registry-page">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="md" align="baseline" wrap="nowrap" miw={0}>
          <Title order={2} style={{ whiteSpace: 'nowrap' }}>
            Реестр детей
          </Title>
          <Text size="sm" fw={600} aria-live="polite" data-testid="registry-found" style={{ whiteSpace: 'nowrap' }}>
            {shown ? `Найдено: ${total.toLocaleString('ru-RU')}` : 'Загрузка…'}
          </Text>
          {byRelevance && total > 1 ? (
            <Text size="sm" c="dimmed" data-testid="registry-order" style={{ whiteSpace: 'nowrap' }} title="Сначала те, чьи фамилия, имя или отчество совпали со словами запроса точно">
              по сходству с запросом, не по ФИО
            </Text>
          ) : (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} visibleFrom="md">
              ↑ ↓ — выбор, Enter — карточка{canCreate && `, ${NEW_CHILD_KEY} — новый ребёнок`}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" onClick={() => void exportXlsx()} loading={exporting} disabled={total === 0}>
            Выгрузить в Excel
          </Button>
          {canCreate && (
            <Button onClick={() => navigate({ page: 'new' })} title={NEW_CHILD_KEY}>
              Новый ребёнок
            </Button>
          )}
        </Group>
      </Group>

      <TextInput
        ref={searchRef}
        aria-label="Поиск ребёнка"
        placeholder="Фамилия, имя, отчество, дата рождения или СНИЛС — можно с опечаткой и в английской раскладке"
        value={v.query}
        onChange={(e) => patch({ query: e.currentTarget.value })}
        onKeyDown={onListKey}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        rightSectionWidth={110}
        rightSection={
          loading && shown ? (
            <Loader size="xs" aria-label="Поиск" />
          ) : (
            <Text size="xs" c="dimmed" component="span">
              <Kbd size="xs">/</Kbd> или <Kbd size="xs">Ctrl+F</Kbd>
            </Text>
          )
        }
      />

      <Paper withBorder px="xs" py={6} role="group" aria-label="Фильтры">
        <Group gap="xs" align="center" wrap="nowrap" className="registry-filters">
          {ownOrgId === null && (
            <OrgSelect
              size="xs"
              aria-label="Организация"
              placeholder="Организация: все"
              orgs={orgs}
              value={v.orgId}
              onChange={(id) => patch({ orgId: id, classLabel: null })}
              disabled={v.noOrg}
              w={200}
              style={{ flexShrink: 0 }}
            />
          )}
          <Select
            size="xs"
            aria-label="Класс / группа"
            placeholder={classesOf ? 'Класс: все' : 'Класс: —'}
            title={classesOf ? undefined : 'Сначала выберите организацию'}
            data={classes}
            value={v.classLabel}
            onChange={(c) => patch({ classLabel: c })}
            disabled={!classesOf || v.noOrg}
            searchable
            clearable
            nothingFoundMessage="Нет такого"
            w={110}
            style={{ flexShrink: 0 }}
          />
          {ownOrgId === null && (
            <Checkbox
              size="xs"
              label="не в организации"
              checked={v.noOrg}
              onChange={(e) => patch({ noOrg: e.currentTarget.checked, orgId: null, classLabel: null })}
              style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
            />
          )}
          <Select
            size="xs"
            aria-label="Форма образования"
            placeholder="Форма образования: любая"
            data={FORM_FILTER_OPTIONS}
            value={v.form}
            onChange={(f) => patch({ form: f })}
            clearable
            w={220}
            style={{ flexShrink: 0 }}
          />
          <Button
            size="xs"
            variant={moreOn > 0 ? 'light' : 'default'}
            onClick={() => patch({ moreFilters: !v.moreFilters })}
            aria-expanded={v.moreFilters}
            aria-controls="registry-more-filters"
            style={{ flexShrink: 0 }}
          >
            {v.moreFilters ? 'Скрыть фильтры' : 'Ещё фильтры'}
            {moreOn > 0 ? ` (${moreOn})` : ''}
          </Button>
          {filtersOn && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setV((old) => ({ ...INITIAL_VIEW, query: old.query, sort: old.sort, dir: old.dir, moreFilters: old.moreFilters }))}
            >
              Сбросить фильтры
            </Button>
          )}
        </Group>
        {v.moreFilters && (
          <Group id="registry-more-filters" gap="xs" align="flex-end" wrap="wrap" mt={6}>
            {more}
          </Group>
        )}
      </Paper>

      {error && <Alert color="red">{error}</Alert>}

      <Paper withBorder className="registry-table" role="grid" aria-label="Реестр детей" aria-rowcount={total + 1}>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="registry-row registry-head" style={{ gridTemplateColumns: COLUMNS }}>
            {header('name', 'Фамилия, имя, отчество')}
            {header('birthDate', 'Дата рождения')}
            {header('org', 'Организация')}
            {header('class', 'Класс')}
            {header(null, 'Форма образования')}
            {header(null, '№', 'right')}
          </div>
        </div>
        <Box
          ref={scrollRef}
          className="registry-body"
          tabIndex={0}
          role="rowgroup"
          onKeyDown={onListKey}
          onScroll={(e) => {
            view.current.scrollTop = e.currentTarget.scrollTop;
          }}
        >
          {shown && total === 0 && !emptyRegistry && (
            <Text c="dimmed" p="md">
              Никого не найдено. Проверьте фильтры или сократите запрос.
            </Text>
          )}
          {emptyRegistry && <EmptyRegistry canCreate={canCreate} canIntake={canCall(user.role, 'intake.upload')} />}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              const selected = item.index === v.selected;
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  className="registry-row"
                  data-selected={selected || undefined}
                  data-loading={row ? undefined : true}
                  style={{ gridTemplateColumns: COLUMNS, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    patch({ selected: item.index });
                    open(item.index);
                  }}
                >
                  {row ? (
                    <>
                      <div role="gridcell" className="registry-cell registry-name">
                        {fullName(row)}
                      </div>
                      <div role="gridcell" className="registry-cell">
                        {formatDate(row.birthDate)}
                      </div>
                      <div role="gridcell" className="registry-cell" data-empty={row.orgName ? undefined : true} title={row.orgName ?? undefined}>
                        {row.orgName ?? REGISTRY_WORDS.noOrg}
                      </div>
                      <div role="gridcell" className="registry-cell" title={row.classLabel ?? undefined}>
                        {row.classLabel ?? ''}
                      </div>
                      <div role="gridcell" className="registry-cell" data-empty={row.form ? undefined : true}>
                        {registryFormWord(row, row.orgId !== null ? (orgKinds.get(row.orgId) ?? null) : null)}
                      </div>
                      <div role="gridcell" className="registry-cell registry-id">
                        {row.id}
                      </div>
                    </>
                  ) : (
                    <div role="gridcell" className="registry-cell registry-placeholder">
                      …
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </Box>
      </Paper>
    </Stack>
  );
}

/** An empty registry says what to do next: take in a list, type a child in, or look around on the demo first. */
function EmptyRegistry({ canCreate, canIntake }: { canCreate: boolean; canIntake: boolean }) {
  const [demoHelp, setDemoHelp] = useState(false);
  const [opening, setOpening] = useState(false);
  async function openDemo() {
    setOpening(true);
    try {
      // The service turns to the demo's own folder (made once, then opened again); the screens start over on it.
      await api.call('setup.demo', {});
      navigate({ page: 'registry' }, { replace: true });
      window.location.reload();
    } catch (e) {
      notifyError(e, 'Не удалось открыть демо-данные');
      setOpening(false);
    }
  }
  return (
    <Stack gap="sm" p="md" maw={760} data-testid="registry-empty">
      <Text fw={600}>В реестре пока нет детей. С чего начать:</Text>
      {canIntake && (
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Button w={190} style={{ flexShrink: 0 }} onClick={() => navigate({ page: 'intake', path: 'file' })}>
            Принять список
          </Button>
          <Text size="sm" c="dimmed">
            Файл Excel (.xlsx), LibreOffice (.ods) или CSV от школы, детского сада, полиции — программа сама найдёт таблицу, проверит строки и
            покажет, кого она уже знает.
          </Text>
        </Group>
      )}
      {canCreate && (
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Button w={190} style={{ flexShrink: 0 }} variant="light" onClick={() => navigate({ page: 'new' })}>
            Новый ребёнок
          </Button>
          <Text size="sm" c="dimmed">
            Ввести одного ребёнка с бумажной карточки — с клавиатуры, по полям в порядке формы.
          </Text>
        </Group>
      )}
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Button w={190} style={{ flexShrink: 0 }} variant="default" onClick={() => setDemoHelp((o) => !o)} aria-expanded={demoHelp}>
          Демо-данные
        </Button>
        <Text size="sm" c="dimmed">
          Посмотреть, как всё работает, на 3 000 вымышленных детей — в отдельной демонстрационной базе, эта база не меняется.
        </Text>
      </Group>
      {demoHelp && (
        <Alert color="blue" title="Открыть демонстрационную базу?">
          <Text size="sm">
            Демонстрационная база живёт в своей папке, отдельно от этой. Эта база закроется и останется как есть; из демо к ней ведёт
            «Перейти к настоящей базе» — вход с вашим логином и паролем.
          </Text>
          <Group gap="xs" mt="xs">
            <Button size="xs" loading={opening} onClick={() => void openDemo()}>
              Открыть демо-данные
            </Button>
            <Button size="xs" variant="default" onClick={() => setDemoHelp(false)} disabled={opening}>
              Отмена
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
