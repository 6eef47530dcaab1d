import { Checkbox, SimpleGrid, TextInput } from '@mantine/core';
import { useRef } from 'react';
import { childCoreSchema, type ChildCoreInput, type ChildRecord } from '../../../shared/api/registry';
import { ApiError } from '../../../shared/api';
import { todayIsoNow } from '../format';
import { isoToRu, ruDateError, ruToIso } from './dates';
import { DateField, GenderSelect, genderFromPatronymic } from './fields';

export interface PersonDraft {
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string;
  gender: 'm' | 'f' | null;
  snils: string;
  birthCertSeries: string;
  birthCertNumber: string;
  hasSecondaryGeneral: boolean;
}

export const EMPTY_PERSON: PersonDraft = {
  surname: '',
  name: '',
  patronymic: '',
  birthDate: '',
  gender: null,
  snils: '',
  birthCertSeries: '',
  birthCertNumber: '',
  hasSecondaryGeneral: false,
};

export const PERSON_FIELDS = ['surname', 'name', 'patronymic', 'birthDate', 'gender', 'snils', 'birthCertSeries', 'birthCertNumber', 'hasSecondaryGeneral'] as const;

export function personFromRecord(c: ChildRecord): PersonDraft {
  return {
    surname: c.surname,
    name: c.name,
    patronymic: c.patronymic ?? '',
    birthDate: isoToRu(c.birthDate),
    gender: c.gender,
    snils: c.snils ? formatSnils(c.snils) : '',
    birthCertSeries: c.birthCertSeries ?? '',
    birthCertNumber: c.birthCertNumber ?? '',
    hasSecondaryGeneral: c.hasSecondaryGeneral,
  };
}

/** 11 digits → «123-456-789 64»; fewer digits as far as typed. */
export function formatSnils(text: string): string {
  const d = text.replace(/\D/g, '').slice(0, 11);
  let out = d.slice(0, 3);
  if (d.length > 3) out += `-${d.slice(3, 6)}`;
  if (d.length > 6) out += `-${d.slice(6, 9)}`;
  if (d.length > 9) out += ` ${d.slice(9)}`;
  return out;
}

/** Checks the person with the server's own schema; the date is read as ДД.ММ.ГГГГ first. */
export function personToCore(p: PersonDraft): { core: ChildCoreInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const dateError = ruDateError(p.birthDate, true);
  if (dateError) errors.birthDate = dateError;
  const core: ChildCoreInput = {
    surname: p.surname,
    name: p.name,
    patronymic: p.patronymic,
    birthDate: ruToIso(p.birthDate) ?? '',
    gender: p.gender,
    snils: p.snils,
    birthCertSeries: p.birthCertSeries,
    birthCertNumber: p.birthCertNumber,
    hasSecondaryGeneral: p.hasSecondaryGeneral,
  };
  const check = childCoreSchema.safeParse(core);
  if (!check.success) {
    for (const issue of check.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key === 'birthDate' && errors.birthDate) continue;
      errors[key] ??= issue.message;
    }
  }
  if (!dateError && core.birthDate > todayIsoNow()) errors.birthDate = 'Дата рождения позже сегодняшней';
  return { core: Object.keys(errors).length ? null : core, errors };
}

/** Server messages (paths like «child.snils») keyed by the person's field. */
export function personIssues(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError) || !e.issues) return out;
  for (const issue of e.issues) {
    const parts = issue.path.split('.');
    const field = parts.find((p) => (PERSON_FIELDS as readonly string[]).includes(p));
    if (parts[0] === 'facts') continue;
    const key = field ?? '';
    out[key] = out[key] ? `${out[key]}; ${issue.message}` : issue.message;
  }
  return out;
}

interface Props {
  value: PersonDraft;
  onChange: (p: PersonDraft) => void;
  errors: Record<string, string>;
  autoFocus?: boolean;
  withSecondary?: boolean;
}

/** ФИО, birth date, gender, СНИЛС, birth certificate: in the order of the paper form. */
export function PersonFields({ value, onChange, errors, autoFocus, withSecondary = true }: Props) {
  const latest = useRef(value);
  latest.current = value;
  const set = (patch: Partial<PersonDraft>) => {
    latest.current = { ...latest.current, ...patch };
    onChange(latest.current);
  };
  const text = (key: 'surname' | 'name' | 'patronymic' | 'birthCertSeries' | 'birthCertNumber', label: string, required = false) => (
    <TextInput
      label={label}
      value={value[key]}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
      error={errors[key]}
      required={required}
      autoComplete="off"
      spellCheck={false}
      autoFocus={autoFocus && key === 'surname'}
      onBlur={
        key === 'patronymic' && value.gender === null
          ? () => {
              const g = genderFromPatronymic(value.patronymic);
              if (g) set({ gender: g });
            }
          : undefined
      }
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
      {text('surname', 'Фамилия', true)}
      {text('name', 'Имя', true)}
      {text('patronymic', 'Отчество')}
      <DateField label="Дата рождения" required value={value.birthDate} onChange={(d) => set({ birthDate: d })} error={errors.birthDate} />
      <GenderSelect label="Пол" value={value.gender} onChange={(g) => set({ gender: g })} error={errors.gender} />
      <TextInput
        label="СНИЛС"
        placeholder="000-000-000 00"
        inputMode="numeric"
        value={value.snils}
        onChange={(e) => set({ snils: formatSnils(e.currentTarget.value) })}
        error={errors.snils}
        autoComplete="off"
      />
      {text('birthCertSeries', 'Серия свидетельства о рождении')}
      {text('birthCertNumber', 'Номер свидетельства')}
      {withSecondary && (
        <Checkbox
          label="Имеет среднее общее образование"
          checked={value.hasSecondaryGeneral}
          onChange={(e) => set({ hasSecondaryGeneral: e.currentTarget.checked })}
          error={errors.hasSecondaryGeneral}
          style={{ gridColumn: '1 / -1' }}
        />
      )}
    </SimpleGrid>
  );
}
