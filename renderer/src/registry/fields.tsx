import {
  Anchor,
  Autocomplete,
  Group,
  Select,
  Text,
  TextInput,
  defaultOptionsFilter,
  getParsedComboboxData,
  type AutocompleteProps,
  type OptionsFilter,
  type SelectProps,
  type TextInputProps,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Organization } from '../../../shared/api';
import { formatClassLabel, parseClassLabel } from '../../../shared/domain/levels';
import { api } from '../api';
import { notifyError, notifyOk } from '../ui';
import { caretAfterDigits, maskRuDate, ruDateError } from './dates';

/** Organizations where children study (schools, kindergartens, others), for the selects of the registry. */
const STUDY_KINDS: readonly Organization['kind'][] = ['school', 'kindergarten', 'other'];

export function useOrgs(): Organization[] {
  const [orgs, setOrgs] = useState<Organization[]>([]);
  useEffect(() => {
    let alive = true;
    api.call('orgs.list', {}).then(
      (list) => alive && setOrgs(list.sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru'))),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return orgs;
}

export function orgOptions(orgs: Organization[], kinds: readonly Organization['kind'][] = STUDY_KINDS, keep?: string | null) {
  return orgs
    .filter((o) => kinds.includes(o.kind) && (o.active || String(o.id) === keep))
    .map((o) => ({ value: String(o.id), label: o.shortName }));
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„№.,()–—-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** «сш 25» finds «МБОУ «СШ № 25»»: every typed word anywhere in the name, ё as е, punctuation ignored. */
export const wordsFilter: OptionsFilter = ({ options, search, limit }) => {
  const words = fold(search).split(' ').filter(Boolean);
  const out: typeof options = [];
  for (const o of options) {
    if ('group' in o) continue;
    const label = fold(o.label);
    if (words.every((w) => label.includes(w))) out.push(o);
    if (out.length >= limit) break;
  }
  return out;
};

type DateFieldProps = Omit<TextInputProps, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/** A date typed as ДД.ММ.ГГГГ: the dots come by themselves; a wrong date is reported when the field is left. */
export function DateField({ value, onChange, error, required, onBlur, ...rest }: DateFieldProps) {
  const [own, setOwn] = useState<string | null>(null);
  return (
    <TextInput
      placeholder="ДД.ММ.ГГГГ"
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      {...rest}
      required={required}
      value={value}
      error={error ?? own}
      onChange={(e) => {
        const el = e.currentTarget;
        const raw = el.value;
        const caret = el.selectionStart ?? raw.length;
        const next = maskRuDate(raw, raw.length - value.length > 1);
        setOwn(null);
        onChange(next);
        if (caret < raw.length) {
          const digits = raw.slice(0, caret).replace(/\D/g, '').length;
          requestAnimationFrame(() => {
            const pos = caretAfterDigits(next, digits);
            el.setSelectionRange(pos, pos);
          });
        }
      }}
      onBlur={(e) => {
        setOwn(ruDateError(value, false));
        onBlur?.(e);
      }}
    />
  );
}

/**
 * A Select for typing: part of a name and Enter takes the first option that fits. Enter in a field that
 * already holds a value, with nothing typed, keeps that value: Mantine would otherwise take whichever option
 * its list had highlighted (the first one, after the value was filled in by the program). When Mantine's own
 * Enter takes nothing — its list was drawn again between the typing and the key (new data, a slow machine), so
 * no option was highlighted — the first option that fits what was typed is taken here, as the hint promises: a
 * person who typed «25» and Enter must not go on with an empty field.
 */
export function KeySelect({ value, onChange, onKeyDown, data, filter, ...rest }: SelectProps) {
  const keep = useRef(false);
  const took = useRef(false);
  const labelOf = (v: string | null | undefined) => {
    for (const item of data ?? []) {
      if (typeof item === 'string') {
        if (item === v) return item;
      } else if ('value' in item && item.value === v) return item.label;
    }
    return null;
  };
  return (
    <Select
      {...rest}
      data={data}
      filter={filter}
      value={value}
      onKeyDown={(e) => {
        const typed = e.currentTarget.value;
        if (e.key === 'Enter' && value && typed === labelOf(value)) {
          keep.current = true;
          window.setTimeout(() => (keep.current = false), 0);
        } else if (e.key === 'Enter' && typed.trim() !== '') {
          took.current = false;
          window.setTimeout(() => {
            if (took.current) return;
            const [first] = (filter ?? defaultOptionsFilter)({ options: getParsedComboboxData(data), search: typed, limit: 1 });
            if (first && !('group' in first)) onChange?.(first.value, first);
          }, 0);
        }
        onKeyDown?.(e);
      }}
      onChange={(v, option) => {
        if (keep.current) return;
        took.current = true;
        onChange?.(v, option);
      }}
    />
  );
}

type OrgSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  orgs: Organization[];
  kinds?: readonly Organization['kind'][];
  value: string | null;
  onChange: (value: string | null) => void;
};

/** An organization by part of its short name: type «25», Enter takes the first that fits. */
export function OrgSelect({ orgs, kinds, value, onChange, ...rest }: OrgSelectProps) {
  const data = useMemo(() => orgOptions(orgs, kinds, value), [orgs, kinds, value]);
  return (
    <KeySelect
      searchable
      selectFirstOptionOnChange
      allowDeselect={false}
      clearable
      filter={wordsFilter}
      nothingFoundMessage="Не найдено"
      placeholder="Начните вводить название"
      comboboxProps={{ withinPortal: true }}
      {...rest}
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
    />
  );
}

/** «5б», «5 Б», «5-б» → «5Б»; anything else is kept as typed. */
export function normalizeClass(text: string): string {
  const parsed = parseClassLabel(text);
  return parsed ? formatClassLabel(parsed) : text.trim();
}

type ClassInputProps = Omit<AutocompleteProps, 'value' | 'onChange' | 'data'> & {
  orgId: number | null;
  value: string;
  onChange: (value: string) => void;
};

/** A class of the chosen organization (the ones already in use are offered) or a new one. */
export function ClassInput({ orgId, value, onChange, onBlur, ...rest }: ClassInputProps) {
  const [classes, setClasses] = useState<string[]>([]);
  useEffect(() => {
    if (orgId === null) return;
    let alive = true;
    api.call('registry.classes', { orgId }).then(
      (list) => alive && setClasses(list),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [orgId]);
  return (
    <Autocomplete
      placeholder="Например, 5Б"
      autoComplete="off"
      comboboxProps={{ withinPortal: true }}
      {...rest}
      data={orgId === null ? [] : classes}
      value={value}
      onChange={onChange}
      onBlur={(e) => {
        onChange(normalizeClass(value));
        onBlur?.(e);
      }}
    />
  );
}

export interface StreetPick {
  locality: string;
  name: string;
}

type StreetInputProps = Omit<AutocompleteProps, 'value' | 'onChange' | 'data'> & {
  value: string;
  onChange: (value: string) => void;
  onPick: (street: StreetPick) => void;
  /** The address's settlement, for a street added to the directory. */
  locality?: string;
  /** The department may add a street the directory lacks. */
  canAdd?: boolean;
};

const sameStreet = (a: string, b: string) => a.trim().toLowerCase().replace(/ё/g, 'е') === b.trim().toLowerCase().replace(/ё/g, 'е');

/** A street of the municipality's directory, by any part of its name; a street not in it may be typed. */
export function StreetInput({ value, onChange, onPick, onKeyDown, locality, canAdd, ...rest }: StreetInputProps) {
  const [found, setFound] = useState<{ id: number; locality: string; name: string }[]>([]);
  const [foundFor, setFoundFor] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [localities, setLocalities] = useState<string[]>([]);
  const [adding, setAdding] = useState(false);
  const asked = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!canAdd) return;
    let alive = true;
    // The settlements the directory knows: with only one, a new street belongs to it.
    api.call('streets.list', { prefix: '', limit: 100 }).then(
      (list) => alive && setLocalities([...new Set(list.map((x) => x.locality))]),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [canAdd]);
  useEffect(() => {
    const ticket = ++asked.current;
    const prefix = value.trim();
    const timer = window.setTimeout(() => {
      api.call('streets.list', { prefix, limit: 20 }).then(
        (list) => {
          if (ticket !== asked.current) return;
          setFound(list);
          setFoundFor(prefix);
        },
        () => undefined,
      );
    }, 120);
    return () => window.clearTimeout(timer);
  }, [value, reload]);
  const byId = useMemo(() => new Map(found.map((s) => [String(s.id), s])), [found]);
  const manyLocalities = new Set(found.map((s) => s.locality)).size > 1;
  const typed = value.trim();
  const unknown = canAdd && typed.length >= 3 && foundFor === typed && !found.some((x) => sameStreet(x.name, typed));
  const addTo = locality?.trim() || (localities.length === 1 ? localities[0]! : '');

  async function add() {
    setAdding(true);
    try {
      const street = await api.call('streets.add', { locality: addTo, name: typed });
      notifyOk(`Улица «${street.name}» добавлена в справочник`);
      onPick({ locality: street.locality, name: street.name });
      setReload((r) => r + 1);
      // The link goes away with the question it answered: the typing goes on from the street.
      inputRef.current?.focus();
    } catch (e) {
      notifyError(e, 'Улица не добавлена');
    } finally {
      setAdding(false);
    }
  }
  return (
    <Autocomplete
      placeholder="Начните вводить улицу"
      autoComplete="off"
      selectFirstOptionOnChange
      openOnFocus={false}
      comboboxProps={{ withinPortal: true }}
      {...rest}
      // Only the answer to what is typed now: a list left from an earlier letter would take Enter wrongly.
      data={foundFor === value.trim() ? found.map((s) => ({ value: String(s.id), label: s.name })) : []}
      // The server has already chosen; the dropdown must not hide «Берёзовая» for «березовая».
      filter={({ options }) => options}
      renderOption={({ option }) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{byId.get(option.value)?.name ?? option.value}</Text>
          {manyLocalities && (
            <Text size="xs" c="dimmed">
              {byId.get(option.value)?.locality}
            </Text>
          )}
        </Group>
      )}
      ref={inputRef}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description={
        unknown ? (
          addTo ? (
            <Anchor component="button" type="button" size="xs" onClick={() => void add()} disabled={adding}>
              Нет в справочнике — добавить «{typed}» ({addTo})
            </Anchor>
          ) : (
            'Нет в справочнике; чтобы добавить, укажите населённый пункт'
          )
        ) : undefined
      }
      value={value}
      onChange={onChange}
      onKeyDown={(e) => {
        // The list comes from the server after the letters were typed, so nothing is highlighted yet:
        // Enter takes the first street found, as in the other lists, unless the typed name is one of them.
        const el = e.currentTarget;
        const first = found[0];
        if (
          e.key === 'Enter' &&
          first &&
          value.trim() &&
          foundFor === value.trim() &&
          !el.getAttribute('aria-activedescendant') &&
          !found.some((s) => s.name.toLowerCase() === value.trim().toLowerCase())
        ) {
          onChange(first.name);
          onPick({ locality: first.locality, name: first.name });
        }
        onKeyDown?.(e);
      }}
      onOptionSubmit={(id) => {
        const s = byId.get(id);
        if (s) onPick({ locality: s.locality, name: s.name });
      }}
    />
  );
}

export const GENDER_OPTIONS = [
  { value: 'm', label: 'мужской' },
  { value: 'f', label: 'женский' },
];

/** Gender from a Russian patronymic (…вич / …вна, оглы / кызы), for a field still empty. */
export function genderFromPatronymic(patronymic: string): 'm' | 'f' | null {
  const p = patronymic.trim().toLowerCase();
  if (/(ич|оглы|улы|уулу)$/.test(p)) return 'm';
  if (/(вна|чна|шна|кызы|гызы)$/.test(p)) return 'f';
  return null;
}

type GenderSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: 'm' | 'f' | null;
  onChange: (value: 'm' | 'f' | null) => void;
};

/** «м» or «ж» and Enter. */
export function GenderSelect({ value, onChange, ...rest }: GenderSelectProps) {
  return (
    <KeySelect
      searchable
      selectFirstOptionOnChange
      allowDeselect={false}
      clearable
      placeholder="м / ж"
      // «ж» must not find «мужской».
      filter={({ options, search }) =>
        options.filter((o) => !('group' in o) && o.label.startsWith(search.trim().toLowerCase()))
      }
      comboboxProps={{ withinPortal: true }}
      {...rest}
      data={GENDER_OPTIONS}
      value={value}
      onChange={(v) => onChange(v === 'm' || v === 'f' ? v : null)}
    />
  );
}
