import { SimpleGrid, TextInput, type SelectProps } from '@mantine/core';
import { useRef } from 'react';
import type { Organization } from '../../../shared/api';
import {
  ADDRESS_KINDS,
  ADDRESS_KIND_LABELS,
  CONDITION_KINDS,
  CONDITION_LABELS,
  FLAG_KINDS,
  FLAG_LABELS,
  RELATIONS,
  RELATION_LABELS,
  type FactInput,
  type FactRow,
  type FactType,
  type SourceInfo,
} from '../../../shared/api/registry';
import { EDUCATION_FORMS, isOutsideOrganization, isEducationFormId } from '../../../shared/domain/educationForms';
import { normalizePhones, PHONE_EXAMPLE, PHONE_MESSAGE } from '../../../shared/domain/phone';
import { isoToRu, ruDateError, ruToIso } from './dates';
import { ClassInput, DateField, KeySelect, OrgSelect, StreetInput, normalizeClass } from './fields';

/** A fact being typed: every field as text ('' = empty), organization ids too. */
export type Draft = Record<string, string>;
export type Errors = Record<string, string>;

export const FACT_TITLES: Record<FactType, string> = {
  study: 'Обучение',
  form: 'Форма получения образования',
  address: 'Адрес',
  representative: 'Родитель (законный представитель)',
  condition: 'Состояние здоровья, реабилитация',
  flag: 'Отметка',
  attestation: 'Аттестация',
};

export const DEFAULT_BASIS = 'заявление родителей (законных представителей)';

export const FORM_OPTIONS = EDUCATION_FORMS.map((f) => ({ value: f.id, label: f.label }));
const ADDRESS_OPTIONS = ADDRESS_KINDS.map((k) => ({ value: k, label: ADDRESS_KIND_LABELS[k] }));
const RELATION_OPTIONS = RELATIONS.map((k) => ({ value: k, label: RELATION_LABELS[k] }));
export const CONDITION_OPTIONS = CONDITION_KINDS.map((k) => ({ value: k, label: CONDITION_LABELS[k] }));
export const FLAG_OPTIONS = FLAG_KINDS.map((k) => ({ value: k, label: FLAG_LABELS[k] }));

export function emptyDraft(type: FactType): Draft {
  switch (type) {
    case 'study':
      return { orgId: '', classLabel: '', validFrom: '', enrolOrderNumber: '', enrolOrderDate: '' };
    case 'form':
      return { form: '', basis: DEFAULT_BASIS, basisDate: '', notifiedAt: '', attestationOrgId: '', validFrom: '' };
    case 'address':
      return { street: '', house: '', building: '', flat: '', locality: '', kind: 'registration', text: '', textEdited: '', validFrom: '' };
    case 'representative':
      return { surname: '', name: '', patronymic: '', relation: 'mother', phone: '', addressText: '', validFrom: '' };
    case 'condition':
      return { kind: 'health', note: '', validFrom: '' };
    case 'flag':
      return { kind: '', note: '', validFrom: '' };
    case 'attestation':
      return { date: '', result: '', orgId: '' };
  }
}

/** The stored fact back as a draft, to correct it. */
export function draftFromFact(row: FactRow): Draft {
  const d = emptyDraft(row.type);
  for (const key of Object.keys(d)) {
    const v = row.data[key];
    if (v === null || v === undefined) continue;
    d[key] = /Date$|^date$|^notifiedAt$/.test(key) ? isoToRu(v) : String(v);
  }
  d.validFrom = isoToRu(row.validFrom);
  if (row.type === 'address') d.textEdited = 'yes';
  return d;
}

/** Kinds of streets as the directory writes them after the name (ФИАС order: «Ленина ул.»). */
const STREET_KIND_AFTER = /^(.+?)\s+(ул\.|пер\.|пр-т|просп\.|б-р|пл\.|ш\.|наб\.|мкр\.?|проезд|туп\.|тупик|аллея|кв-л)$/u;

/** «Ленина ул.» → «ул. Ленина», as addresses are written. */
export function streetForAddress(street: string): string {
  const m = STREET_KIND_AFTER.exec(street.trim());
  return m ? `${m[2]} ${m[1]}` : street.trim();
}

/** «пгт Свободный, ул. Ленина, д. 5, корп. 1, кв. 12» from the parts. */
export function composeAddress(d: Draft): string {
  return [
    d.locality?.trim(),
    d.street?.trim() && streetForAddress(d.street),
    d.house?.trim() && `д. ${d.house.trim()}`,
    d.building?.trim() && `корп. ${d.building.trim()}`,
    d.flat?.trim() && `кв. ${d.flat.trim()}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Nothing typed that would make a fact (defaults do not count). */
export function isDraftEmpty(type: FactType, d: Draft): boolean {
  const keys: Record<FactType, string[]> = {
    study: ['orgId', 'classLabel', 'validFrom', 'enrolOrderNumber', 'enrolOrderDate'],
    form: ['form', 'basisDate', 'notifiedAt', 'attestationOrgId', 'validFrom'],
    address: ['street', 'house', 'building', 'flat', 'text'],
    representative: ['surname', 'name', 'patronymic', 'phone', 'addressText'],
    condition: ['note', 'validFrom'],
    flag: ['kind', 'note'],
    attestation: ['date', 'result', 'orgId'],
  };
  return keys[type].every((k) => !d[k]?.trim());
}

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Checks a draft and turns it into the fact the server takes, or gives the Russian messages per field. */
export function draftToFact(type: FactType, d: Draft): { fact: FactInput | null; errors: Errors } {
  const errors: Errors = {};
  const date = (key: string, required = false) => {
    const err = ruDateError(d[key] ?? '', required);
    if (err) errors[key] = err;
    return ruToIso(d[key] ?? '');
  };
  const need = (key: string, message: string) => {
    if (!d[key]?.trim()) errors[key] = message;
  };
  const validFrom = date('validFrom');
  let fact: FactInput | null = null;
  switch (type) {
    case 'study': {
      need('orgId', 'Выберите организацию');
      const enrolOrderDate = date('enrolOrderDate');
      if (d.orgId) {
        fact = {
          type,
          orgId: Number(d.orgId),
          classLabel: text(normalizeClass(d.classLabel ?? '')),
          validFrom,
          enrolOrderNumber: text(d.enrolOrderNumber),
          enrolOrderDate,
        };
      }
      break;
    }
    case 'form': {
      need('form', 'Выберите форму получения образования');
      const basisDate = date('basisDate');
      const notifiedAt = date('notifiedAt');
      if (isEducationFormId(d.form)) {
        const outside = isOutsideOrganization(d.form);
        fact = {
          type,
          form: d.form,
          basis: text(d.basis),
          basisDate,
          notifiedAt: outside ? notifiedAt : null,
          attestationOrgId: outside && d.attestationOrgId ? Number(d.attestationOrgId) : null,
          validFrom,
        };
      }
      break;
    }
    case 'address': {
      const full = d.textEdited ? (d.text ?? '') : composeAddress(d);
      if (!full.trim()) errors.text = 'Укажите адрес';
      fact = {
        type,
        kind: (d.kind || 'registration') as (typeof ADDRESS_KINDS)[number],
        text: full.trim(),
        locality: text(d.locality),
        street: text(d.street),
        house: text(d.house),
        building: text(d.building),
        flat: text(d.flat),
        validFrom,
      };
      break;
    }
    case 'representative': {
      need('surname', 'Укажите фамилию');
      need('name', 'Укажите имя');
      // One form for every number, as the server stores it: «+7 912 345-67-89».
      const phone = normalizePhones(d.phone ?? '');
      if (phone === null) errors.phone = PHONE_MESSAGE;
      fact = {
        type,
        relation: (d.relation || 'other') as (typeof RELATIONS)[number],
        surname: d.surname?.trim() ?? '',
        name: d.name?.trim() ?? '',
        patronymic: text(d.patronymic),
        phone: phone || null,
        addressText: text(d.addressText),
        validFrom,
      };
      break;
    }
    case 'condition':
      fact = { type, kind: (d.kind || 'health') as (typeof CONDITION_KINDS)[number], note: text(d.note), validFrom };
      break;
    case 'flag':
      need('kind', 'Выберите отметку');
      if (d.kind) fact = { type, kind: d.kind as (typeof FLAG_KINDS)[number], note: text(d.note), validFrom };
      break;
    case 'attestation': {
      const at = date('date', true);
      need('result', 'Укажите результат');
      if (at) fact = { type, date: at, result: d.result?.trim() ?? '', orgId: d.orgId ? Number(d.orgId) : null, validFrom: at };
      break;
    }
  }
  return { fact: Object.keys(errors).length ? null : fact, errors };
}

/** Server messages for one fact (paths like «fact.classLabel» or «facts.2.orgId») keyed by field. */
export function factIssueKey(path: string): string {
  const parts = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? '';
}

interface FieldsProps {
  type: FactType;
  draft: Draft;
  onChange: (draft: Draft) => void;
  errors: Errors;
  orgs: Organization[];
  /** A school's user records study in the own organization only (the server refuses others). */
  ownOrgId?: number | null;
  /** The department may add a street the directory lacks. */
  canAddStreet?: boolean;
  /** In the new-child form: the first field opens the section, Enter on it empty skips the section. */
  section?: boolean;
  autoFocus?: boolean;
}

const selectProps: Partial<SelectProps> = {
  searchable: true,
  selectFirstOptionOnChange: true,
  allowDeselect: false,
  comboboxProps: { withinPortal: true },
  nothingFoundMessage: 'Не найдено',
};

/** The fields of one kind of fact, as on the paper form. */
export function FactFields({ type, draft, onChange, errors, orgs, ownOrgId, canAddStreet, section, autoFocus }: FieldsProps) {
  // Two changes in one event (a street picked: its name, then its locality) must not undo each other.
  const latest = useRef(draft);
  latest.current = draft;
  const set = (patch: Draft) => {
    const next = { ...latest.current, ...patch };
    if (type === 'address' && !next.textEdited) next.text = composeAddress(next);
    latest.current = next;
    onChange(next);
  };
  const key = section ? { 'data-section-key': '', 'data-section-start': '' } : {};
  // In a dialog Mantine's focus trap takes the first field marked data-autofocus (autoFocus alone loses to it).
  const first = autoFocus ? { autoFocus: true, 'data-autofocus': true } : {};
  // The page's sections are wide; a dialog has room for two fields in a row.
  const cols = (md: number) => (section ? { base: 1, sm: 2, md } : { base: 1, sm: 2 });
  const input = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={draft[name] ?? ''}
      onChange={(e) => set({ [name]: e.currentTarget.value })}
      error={errors[name]}
      autoComplete="off"
      {...extra}
    />
  );
  const date = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <DateField label={label} value={draft[name] ?? ''} onChange={(v) => set({ [name]: v })} error={errors[name]} {...extra} />
  );

  switch (type) {
    case 'study':
      return (
        <SimpleGrid cols={cols(6)} spacing="sm">
          <OrgSelect
            label="Организация"
            orgs={ownOrgId ? orgs.filter((o) => o.id === ownOrgId) : orgs}
            value={draft.orgId || null}
            onChange={(v) => set({ orgId: v ?? '' })}
            error={errors.orgId}
            required={!section}
            {...first}
            style={{ gridColumn: 'span 2' }}
            {...key}
          />
          <ClassInput
            label="Класс / группа"
            orgId={draft.orgId ? Number(draft.orgId) : null}
            value={draft.classLabel ?? ''}
            onChange={(v) => set({ classLabel: v })}
            error={errors.classLabel}
          />
          {date('validFrom', 'Зачислен с')}
          {input('enrolOrderNumber', 'Приказ о зачислении', { placeholder: '№' })}
          {date('enrolOrderDate', 'от (дата приказа)')}
        </SimpleGrid>
      );
    case 'form': {
      const outside = isEducationFormId(draft.form) && isOutsideOrganization(draft.form);
      return (
        <SimpleGrid cols={cols(4)} spacing="sm">
          <KeySelect
            {...selectProps}
            label="Форма"
            placeholder="очная, семейное…"
            data={FORM_OPTIONS}
            value={draft.form || null}
            onChange={(v) => set({ form: v ?? '' })}
            error={errors.form}
            required={!section}
            {...first}
            {...key}
          />
          {input('basis', 'Основание')}
          {date('basisDate', 'Дата заявления')}
          {date('validFrom', 'С даты')}
          {outside && date('notifiedAt', 'Дата уведомления органа образования')}
          {outside && (
            <OrgSelect
              label="Школа, где проходит аттестацию"
              orgs={orgs}
              kinds={['school']}
              value={draft.attestationOrgId || null}
              onChange={(v) => set({ attestationOrgId: v ?? '' })}
              error={errors.attestationOrgId}
            />
          )}
        </SimpleGrid>
      );
    }
    case 'address':
      return (
        <SimpleGrid cols={cols(4)} spacing="sm">
          <StreetInput
            label="Улица"
            value={draft.street ?? ''}
            onChange={(v) => set({ street: v })}
            onPick={(s) => set({ street: s.name, locality: s.locality })}
            locality={draft.locality ?? ''}
            canAdd={canAddStreet}
            error={errors.street}
            {...first}
            {...key}
          />
          {input('house', 'Дом')}
          {input('building', 'Корпус')}
          {input('flat', 'Квартира')}
          {input('locality', 'Населённый пункт')}
          <KeySelect
            {...selectProps}
            label="Вид адреса"
            data={ADDRESS_OPTIONS}
            value={draft.kind || 'registration'}
            onChange={(v) => set({ kind: v ?? 'registration' })}
            error={errors.kind}
          />
          <TextInput
            label="Адрес полностью"
            description={draft.textEdited ? 'Изменён вручную' : 'Собирается из полей; можно исправить'}
            value={draft.text ?? ''}
            onChange={(e) => set({ text: e.currentTarget.value, textEdited: e.currentTarget.value ? 'yes' : '' })}
            error={errors.text}
            autoComplete="off"
            style={{ gridColumn: 'span 2' }}
          />
          {!section && date('validFrom', 'С даты')}
        </SimpleGrid>
      );
    case 'representative':
      return (
        <SimpleGrid cols={cols(5)} spacing="sm">
          {input('surname', 'Фамилия', { ...key, ...first, required: !section })}
          {input('name', 'Имя', { required: !section })}
          {input('patronymic', 'Отчество')}
          <KeySelect
            {...selectProps}
            label="Кем приходится"
            data={RELATION_OPTIONS}
            value={draft.relation || 'mother'}
            onChange={(v) => set({ relation: v ?? 'mother' })}
          />
          {input('phone', 'Телефон', {
            type: 'tel',
            placeholder: PHONE_EXAMPLE,
            // Shown in the one form as soon as the field is left, as it will be stored.
            onBlur: () => {
              const n = normalizePhones(draft.phone ?? '');
              if (n && n !== draft.phone) set({ phone: n });
            },
          })}
          {!section && input('addressText', 'Адрес', { style: { gridColumn: '1 / -1' } })}
          {!section && date('validFrom', 'С даты')}
        </SimpleGrid>
      );
    case 'condition':
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <KeySelect
            {...selectProps}
            label="Что"
            data={CONDITION_OPTIONS}
            value={draft.kind || 'health'}
            onChange={(v) => set({ kind: v ?? 'health' })}
            {...first}
          />
          {date('validFrom', 'С даты')}
          {input('note', 'Примечание (документ, учреждение)', { style: { gridColumn: '1 / -1' } })}
        </SimpleGrid>
      );
    case 'flag':
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <KeySelect
            {...selectProps}
            label="Отметка"
            data={FLAG_OPTIONS}
            value={draft.kind || null}
            onChange={(v) => set({ kind: v ?? '' })}
            error={errors.kind}
            required
            {...first}
          />
          {date('validFrom', 'С даты')}
          {input('note', 'Примечание (основание)', { style: { gridColumn: '1 / -1' } })}
        </SimpleGrid>
      );
    case 'attestation':
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {date('date', 'Дата аттестации', { ...first, required: true })}
          <OrgSelect
            label="Школа"
            orgs={orgs}
            kinds={['school']}
            value={draft.orgId || null}
            onChange={(v) => set({ orgId: v ?? '' })}
          />
          {input('result', 'Результат', { required: true, style: { gridColumn: '1 / -1' } })}
        </SimpleGrid>
      );
  }
}

/** Which list confirmed a fact and which list's newer fact ended it, in words (issue 8). */
export function provenanceNotes(fact: FactRow): string[] {
  const onDate = (s: SourceInfo) => (s.asOf ? ` на ${isoToRu(s.asOf)}` : '');
  const listName = (s: SourceInfo) => `«${s.title ?? 'без названия'}»${s.orgName ? ` от ${s.orgName}` : ''}`;
  const out = (fact.confirmedBy ?? []).map((s) => (s.kind === 'list' ? `Подтверждено списком ${listName(s)}${onDate(s)}` : `Подтверждено: ${s.label}`));
  if (fact.endedBy) out.push(`Окончено: более новые сведения в списке ${listName(fact.endedBy)}${onDate(fact.endedBy)}`);
  return out;
}
