import { Group, Select } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { CallOutput, Organization } from '../../../shared/api';
import { ORG_KINDS } from '../../../shared/profiles/types';
import { api } from '../api';
import { ruDateError, ruToIso } from '../registry/dates';
import { DateField, OrgSelect, useOrgs } from '../registry/fields';

export type ListKindInfo = CallOutput<'intake.listKinds'>[number];

/** Who sent the list, which list it is, and the date it is «по состоянию на»: asked for a file and for a paper form alike. */
export interface ListHeader {
  orgId: string | null;
  listKind: string | null;
  asOf: string;
}

export const EMPTY_HEADER: ListHeader = { orgId: null, listKind: null, asOf: '' };

let kindsCache: ListKindInfo[] | null = null;

export function useListKinds(): ListKindInfo[] {
  const [kinds, setKinds] = useState<ListKindInfo[]>(kindsCache ?? []);
  useEffect(() => {
    if (kindsCache) return;
    let alive = true;
    api.call('intake.listKinds', {}).then(
      (list) => {
        kindsCache = list;
        if (alive) setKinds(list);
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return kinds;
}

/** The list kinds an organization of this kind sends (all of them while no organization is chosen). */
export function kindsFor(kinds: ListKindInfo[], org: Organization | undefined): ListKindInfo[] {
  return org ? kinds.filter((k) => k.orgKinds.includes(org.kind)) : kinds;
}

/** The header's problems, in Russian, keyed by field; empty when it may be sent. */
export function headerErrors(h: ListHeader): Partial<Record<keyof ListHeader, string>> {
  const out: Partial<Record<keyof ListHeader, string>> = {};
  if (!h.orgId) out.orgId = 'Выберите организацию, приславшую список';
  if (!h.listKind) out.listKind = 'Выберите вид списка';
  const date = ruDateError(h.asOf, true);
  if (date) out.asOf = date;
  return out;
}

export function headerInput(h: ListHeader): { orgId: number; listKind: string; asOf: string } {
  return { orgId: Number(h.orgId), listKind: h.listKind ?? '', asOf: ruToIso(h.asOf) ?? '' };
}

interface Props {
  value: ListHeader;
  onChange: (next: ListHeader) => void;
  errors: Partial<Record<keyof ListHeader, string>>;
  disabled?: boolean;
  autoFocus?: boolean;
}

export function ListFields({ value, onChange, errors, disabled, autoFocus }: Props) {
  const orgs = useOrgs();
  const kinds = useListKinds();
  const org = orgs.find((o) => String(o.id) === value.orgId);
  const allowed = useMemo(() => kindsFor(kinds, org), [kinds, org]);
  const kind = kinds.find((k) => k.id === value.listKind);

  // Another organization: a kind it does not send is dropped; the only kind it sends is taken.
  useEffect(() => {
    if (!org || !kinds.length) return;
    if (value.listKind && allowed.some((k) => k.id === value.listKind)) return;
    const only = allowed.length === 1 ? allowed[0]!.id : null;
    if (only !== value.listKind) onChange({ ...value, listKind: only });
  }, [org, kinds.length, allowed, value, onChange]);

  return (
    <Group align="flex-start" gap="md" wrap="wrap">
      <OrgSelect
        label="Кто прислал список"
        orgs={orgs}
        kinds={ORG_KINDS}
        value={value.orgId}
        onChange={(orgId) => onChange({ ...value, orgId })}
        error={errors.orgId}
        required
        disabled={disabled}
        autoFocus={autoFocus}
        w={300}
        title={org?.fullName}
      />
      <Select
        label="Вид списка"
        placeholder={org ? 'Выберите' : 'Сначала организация'}
        data={allowed.map((k) => ({ value: k.id, label: k.title }))}
        value={value.listKind}
        onChange={(listKind) => onChange({ ...value, listKind })}
        error={errors.listKind}
        required
        searchable
        selectFirstOptionOnChange
        nothingFoundMessage="Эта организация такой список не присылает"
        disabled={disabled || !org}
        w={480}
        comboboxProps={{ withinPortal: true }}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        description={kind ? `${kind.basis}; по состоянию: ${kind.asOf}` : org && !allowed.length ? 'По порядку учёта эта организация списков не присылает' : undefined}
      />
      <DateField
        label="По состоянию на"
        value={value.asOf}
        onChange={(asOf) => onChange({ ...value, asOf })}
        error={errors.asOf}
        required
        disabled={disabled}
        w={150}
      />
    </Group>
  );
}
