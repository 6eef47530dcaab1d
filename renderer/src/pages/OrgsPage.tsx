import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { orgInputSchema, type Organization, type OrganizationInput, type SessionUser } from '../../../shared/api';
import { ORG_KINDS, ORG_KIND_LABELS, type OrgKind } from '../../../shared/profiles/types';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { fieldErrors, notifyError, notifyOk } from '../ui';
import { OrgImportButton } from '../territories/OrgImport';

const KIND_OPTIONS = ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }));
const FIELDS = ['kind', 'fullName', 'shortName', 'address', 'headPosition', 'headName', 'active'] as const;

export function OrgsPage({ user }: { user: SessionUser }) {
  const [orgs, setOrgs] = useState<Organization[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // undefined: drawer closed; null: a new organization.
  const [editing, setEditing] = useState<Organization | null | undefined>(undefined);
  const canAdd = canCall(user.role, 'orgs.add');
  const canEdit = canCall(user.role, 'orgs.update');

  const load = useCallback(async () => {
    try {
      const list = await api.call('orgs.list', {});
      // The department first, then schools, kindergartens and the other participants, as the regulations list them.
      list.sort(
        (a, b) => ORG_KINDS.indexOf(a.kind) - ORG_KINDS.indexOf(b.kind) || a.shortName.localeCompare(b.shortName, 'ru'),
      );
      setOrgs(list);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Организации</Title>
        {canAdd && (
          <Group gap="xs">
            {canCall(user.role, 'orgs.importApply') && <OrgImportButton onApplied={() => void load()} />}
            <Button onClick={() => setEditing(null)}>Добавить организацию</Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Участники учёта по порядку вашего муниципалитета. Должность и Ф.И.О. руководителя печатаются в подписи
        отчётов.
        {canEdit && ' Нажмите на строку, чтобы изменить.'}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {!orgs && !error && <Loader aria-label="Загрузка" />}
      {orgs && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={860} type="native">
            <Table highlightOnHover verticalSpacing="sm" aria-label="Организации">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">Вид</Table.Th>
                  <Table.Th>Краткое наименование</Table.Th>
                  <Table.Th>Должность руководителя</Table.Th>
                  <Table.Th miw={200}>Ф.И.О. руководителя</Table.Th>
                  <Table.Th w={120}>Состояние</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orgs.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed">Организаций пока нет</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {orgs.map((o) => (
                  <Table.Tr
                    key={o.id}
                    className="clickable-row"
                    tabIndex={0}
                    onClick={() => setEditing(o)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setEditing(o);
                      }
                    }}
                    c={o.active ? undefined : 'dimmed'}
                  >
                    <Table.Td>
                      <Text size="sm">{ORG_KIND_LABELS[o.kind]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {o.shortName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{o.headPosition}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={o.headName ? undefined : 'dimmed'}>
                        {o.headName || 'не указаны'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {o.active ? (
                        <Badge variant="light" color="green">
                          Действует
                        </Badge>
                      ) : (
                        <Badge variant="light" color="gray">
                          Не действует
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Drawer
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        position="right"
        size="lg"
        title={<Text fw={700}>{editing ? 'Организация' : 'Новая организация'}</Text>}
      >
        {editing !== undefined && (
          <OrgForm
            key={editing?.id ?? 'new'}
            org={editing}
            readOnly={editing ? !canEdit : !canAdd}
            onCancel={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void load();
            }}
          />
        )}
      </Drawer>
    </Stack>
  );
}

type Form = OrganizationInput & { active: boolean };

function initialForm(org: Organization | null): Form {
  return {
    kind: org?.kind ?? 'school',
    fullName: org?.fullName ?? '',
    shortName: org?.shortName ?? '',
    address: org?.address ?? '',
    headPosition: org?.headPosition ?? '',
    headName: org?.headName ?? '',
    active: org?.active ?? true,
  };
}

interface FormProps {
  org: Organization | null;
  readOnly: boolean;
  onCancel: () => void;
  onSaved: () => void;
}

function OrgForm({ org, readOnly, onCancel, onSaved }: FormProps) {
  const [form, setForm] = useState<Form>(() => initialForm(org));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  // A sample name in an empty read-only field would pass for data: placeholders only when editing.
  const text = (key: 'fullName' | 'shortName' | 'address' | 'headPosition' | 'headName', placeholder?: string) => ({
    value: form[key],
    placeholder: readOnly ? undefined : placeholder,
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    error: errors[key],
    readOnly,
  });

  async function save() {
    const { active: _active, ...input } = form;
    // Same schema as the server: the messages appear before a round trip.
    const check = orgInputSchema.safeParse(input);
    if (!check.success) {
      const e: Record<string, string> = {};
      for (const issue of check.error.issues) {
        const key = String(issue.path[0] ?? '');
        e[key] ??= issue.message;
      }
      setErrors(e);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (org) {
        // Only what changed: the audit entry then says exactly what was edited.
        const before = initialForm(org);
        const changes: Partial<Form> = {};
        for (const k of FIELDS) {
          if (form[k] !== before[k]) Object.assign(changes, { [k]: form[k] });
        }
        if (Object.keys(changes).length === 0) {
          onCancel();
          return;
        }
        await api.call('orgs.update', { id: org.id, ...changes });
        notifyOk('Изменения сохранены');
      } else {
        await api.call('orgs.add', check.data);
        notifyOk('Организация добавлена');
      }
      onSaved();
    } catch (e) {
      const fe = fieldErrors(e, FIELDS);
      if (Object.keys(fe).length > 0) setErrors(fe);
      else notifyError(e, 'Не удалось сохранить');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!readOnly) void save();
      }}
      noValidate
    >
      <Stack gap="md">
        <Select
          label="Вид организации"
          data={KIND_OPTIONS}
          value={form.kind}
          onChange={(v) => v && set('kind', v as OrgKind)}
          allowDeselect={false}
          error={errors.kind}
          readOnly={readOnly}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea label="Полное наименование" autosize minRows={2} maxRows={6} required {...text('fullName')} />
        <TextInput label="Краткое наименование" required {...text('shortName')} />
        <TextInput label="Адрес" {...text('address')} />
        <TextInput label="Должность руководителя" {...text('headPosition', 'Директор')} />
        <TextInput label="Ф.И.О. руководителя" {...text('headName', 'Иванова Мария Петровна')} />
        {org && (
          <Switch
            label="Действует"
            description="Недействующая организация остаётся в истории, но не предлагается в новых записях"
            checked={form.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
            disabled={readOnly}
            error={errors.active}
          />
        )}
        {errors[''] && <Alert color="red">{errors['']}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {readOnly ? 'Закрыть' : 'Отмена'}
          </Button>
          {!readOnly && (
            <Button type="submit" loading={busy}>
              Сохранить
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
