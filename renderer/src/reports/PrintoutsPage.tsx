import './reports.css';
import { Alert, Button, Group, Loader, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/api';
import type { Printout, ReportForm, VerifyResult } from '../../../shared/api/reports';
import { formatRuDate } from '../../../shared/domain/dates';
import { ORG_KINDS } from '../../../shared/profiles/types';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { MIME, downloadBase64 } from '../files';
import { formatDateTime } from '../format';
import { fileSize, readAsBase64 } from '../intake/common';
import { DropOverlay, useFileDrop } from '../intake/UploadPage';
import { ruDateError, ruToIso } from '../registry/dates';
import { DateField, OrgSelect, useOrgs } from '../registry/fields';
import { notifyError, notifyOk } from '../ui';

const PAGE_SIZE = 50;
const ACCEPT = '.pdf,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Filter {
  number: string;
  formId: string | null;
  orgId: string | null;
  from: string;
  to: string;
}
const EMPTY: Filter = { number: '', formId: null, orgId: null, from: '', to: '' };

const VERDICT_COLOR: Record<VerifyResult['status'], string> = { registered: 'green', changed: 'red', unknown: 'orange' };
const VERDICT_TITLE: Record<VerifyResult['status'], string> = {
  registered: 'Документ зарегистрирован и не изменён',
  changed: 'Документ изменён после выдачи',
  unknown: 'Документ не зарегистрирован',
};

/** «Проверить файл»: a PDF or XLSX dropped anywhere on the page, or picked, checked against the register. */
function VerifyFile() {
  const [result, setResult] = useState<{ file: string; size: number; verdict: VerifyResult } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const check = useCallback(async (file: File) => {
    setBusy(true);
    try {
      const base64 = await readAsBase64(file, () => undefined);
      const verdict = await api.call('reports.verify', { fileName: file.name, base64 });
      setResult({ file: file.name, size: file.size, verdict });
    } catch (e) {
      notifyError(e, 'Файл не проверен');
    } finally {
      setBusy(false);
    }
  }, []);
  const over = useFileDrop((f) => void check(f), !busy);
  return (
    <Paper withBorder p="md">
      {over && <DropOverlay text="Отпустите файл, чтобы проверить его" />}
      <Stack gap="sm">
        <Text fw={600}>Проверить файл</Text>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          aria-label="Файл для проверки"
          data-testid="verify-file"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) void check(f);
            e.currentTarget.value = '';
          }}
        />
        <UnstyledButton className="report-drop" data-over={over || undefined} onClick={() => input.current?.click()} disabled={busy}>
          <Text fw={600}>{busy ? 'Проверка…' : 'Перетащите сюда PDF или XLSX выданного документа'}</Text>
          <Text size="sm" c="dimmed">
            или нажмите, чтобы выбрать файл: программа скажет, зарегистрирован ли он, какой это документ и не изменён ли он после выдачи
          </Text>
        </UnstyledButton>
        {result && (
          <Alert color={VERDICT_COLOR[result.verdict.status]} title={VERDICT_TITLE[result.verdict.status]} role="status" data-testid="verify-result">
            <Text size="sm">{result.verdict.message}</Text>
            <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: 'break-all' }}>
              Файл «{result.file}», {fileSize(result.size)}; SHA-256 {result.verdict.sha256}
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** «Реестр выданных документов»: every printout made, with filters, the file check and «Напечатать снова». */
export function PrintoutsPage({ user }: { user: SessionUser }) {
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [dateErrors, setDateErrors] = useState<{ from?: string; to?: string }>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ rows: Printout[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [forms, setForms] = useState<ReportForm[]>([]);
  const [reprinting, setReprinting] = useState<number | null>(null);
  const orgs = useOrgs();
  const school = user.role === 'school';
  const canReprint = canCall(user.role, 'reports.reprint');

  useEffect(() => {
    api.call('reports.forms', {}).then((res) => setForms(res.forms), () => undefined);
  }, []);

  const load = useCallback(async (f: Filter, p: number) => {
    setLoading(true);
    try {
      const res = await api.call('reports.register', {
        ...(f.number.trim() ? { number: f.number.trim() } : {}),
        ...(f.formId ? { formId: f.formId } : {}),
        ...(f.orgId ? { orgId: Number(f.orgId) } : {}),
        ...(ruToIso(f.from) ? { fromDate: ruToIso(f.from)! } : {}),
        ...(ruToIso(f.to) ? { toDate: ruToIso(f.to)! } : {}),
        limit: PAGE_SIZE,
        offset: (p - 1) * PAGE_SIZE,
      });
      setData(res);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filter, page);
  }, [load, filter, page]);

  function apply() {
    const errs = { from: ruDateError(draft.from) ?? undefined, to: ruDateError(draft.to) ?? undefined };
    setDateErrors(errs);
    if (errs.from || errs.to) return;
    setPage(1);
    setFilter({ ...draft });
  }

  async function reprint(p: Printout) {
    setReprinting(p.id);
    try {
      const res = await api.call('reports.reprint', { id: p.id });
      downloadBase64(res.base64, res.fileName, MIME[res.printout.format]);
      if (res.sameContent) notifyOk(`Документ № ${p.number} напечатан снова: содержание совпадает с выданным.`);
      else
        notifyError(
          new Error(`Сведения реестра на ${formatRuDate(p.asOf)} с тех пор изменились (исправления, поздние списки): копия № ${p.number} отличается от выданного документа.`),
          'Копия отличается от выданной',
        );
      void load(filter, page);
    } catch (e) {
      notifyError(e, 'Документ не напечатан');
    } finally {
      setReprinting(null);
    }
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const formOptions = forms.map((f) => ({ value: f.id, label: f.title }));

  return (
    <Stack gap="md">
      <Title order={2}>Реестр выданных документов</Title>
      <VerifyFile />
      <Paper withBorder p="md">
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            apply();
          }}
        >
          <Group align="flex-start" gap="sm">
            <TextInput label="Номер" placeholder="2026-000123" value={draft.number} onChange={(e) => setDraft({ ...draft, number: e.currentTarget.value })} w={130} />
            <Select label="Форма" placeholder="Все формы" data={formOptions} value={draft.formId} onChange={(v) => setDraft({ ...draft, formId: v })} clearable searchable nothingFoundMessage="Не найдено" w={220} />
            {!school && <OrgSelect label="Организация" placeholder="Все организации" orgs={orgs} kinds={ORG_KINDS} value={draft.orgId} onChange={(v) => setDraft({ ...draft, orgId: v })} w={190} />}
            <DateField label="Выдан с" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} error={dateErrors.from} w={120} />
            <DateField label="по" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} error={dateErrors.to} w={120} />
            <Group gap="xs" mt={25}>
              <Button type="submit">Найти</Button>
              <Button
                variant="subtle"
                onClick={() => {
                  setDraft(EMPTY);
                  setDateErrors({});
                  setPage(1);
                  setFilter(EMPTY);
                }}
              >
                Сбросить
              </Button>
            </Group>
          </Group>
        </form>
      </Paper>
      {error && <Alert color="red">{error}</Alert>}
      {!data && !error && <Loader aria-label="Загрузка" />}
      {data && (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Документов: {data.total}
              {loading && ' · обновление…'}
            </Text>
            {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
          </Group>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={1000} type="native">
              <Table verticalSpacing="xs" striped aria-label="Выданные документы">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={130}>Номер</Table.Th>
                    <Table.Th w={100}>Выдан</Table.Th>
                    <Table.Th>Форма</Table.Th>
                    <Table.Th w={150}>Организация</Table.Th>
                    <Table.Th w={130}>По состоянию на</Table.Th>
                    <Table.Th w={60}>Детей</Table.Th>
                    <Table.Th w={80}>Файл</Table.Th>
                    <Table.Th w={90}>Кто</Table.Th>
                    {canReprint && <Table.Th w={160} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={canReprint ? 9 : 8}>
                        <Text c="dimmed">Документов не найдено</Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {data.rows.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }} fw={600}>
                        № {p.number}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatRuDate(p.issuedOn)}</Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(p.createdAt).slice(11)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{p.formTitle}</Text>
                        {p.copies > 0 && (
                          <Text size="xs" c="dimmed">
                            повторно напечатан: {p.copies}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{p.orgName ?? '—'}</Table.Td>
                      <Table.Td>{formatRuDate(p.asOf)}</Table.Td>
                      <Table.Td>{p.childCount}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{p.format.toUpperCase()}</Text>
                        <Text size="xs" c="dimmed" title={`SHA-256 ${p.sha256}`}>
                          {p.sha256.slice(0, 8)}…
                        </Text>
                      </Table.Td>
                      <Table.Td>{p.createdBy}</Table.Td>
                      {canReprint && (
                        <Table.Td>
                          <Button size="xs" variant="default" onClick={() => void reprint(p)} loading={reprinting === p.id} aria-label={`Напечатать снова № ${p.number}`}>
                            Напечатать снова
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
    </Stack>
  );
}
