import './reports.css';
import { Alert, Anchor, Button, Grid, Group, Loader, NavLink, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/api';
import type { Printout, ReportForm, ReportFormat, ReportPreview } from '../../../shared/api/reports';
import { formatRuDate } from '../../../shared/domain/dates';
import { api, errorText } from '../api';
import { MIME, downloadBase64, printPdf, reserveTab } from '../files';
import { plural } from '../format';
import { navigate } from '../nav';
import { ruToIso } from '../registry/dates';
import { DateField, OrgSelect, useOrgs } from '../registry/fields';
import { notifyError, notifyOk } from '../ui';
import { FormPreview } from './FormPreview';

/** The page's choices survive a visit to another page (in memory, for this session only). */
const remembered: { formId: string | null; orgId: string | null; asOf: string; year: number | null } = { formId: null, orgId: null, asOf: '', year: null };

export function forgetReportsDraft(): void {
  remembered.formId = null;
  remembered.orgId = null;
  remembered.asOf = '';
  remembered.year = null;
}

type Busy = 'print' | ReportFormat | null;

export function ReportsPage({ user }: { user: SessionUser }) {
  const [forms, setForms] = useState<ReportForm[] | null>(null);
  const [formsError, setFormsError] = useState<string | null>(null);
  const [formId, setFormId] = useState<string | null>(remembered.formId);
  const school = user.role === 'school';
  const [orgId, setOrgId] = useState<string | null>(school && user.orgId !== null ? String(user.orgId) : remembered.orgId);
  const [asOf, setAsOf] = useState(remembered.asOf);
  const [year, setYear] = useState<number | null>(remembered.year);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [issued, setIssued] = useState<Printout | null>(null);
  const orgs = useOrgs();
  const request = useRef(0);

  useEffect(() => {
    api.call('reports.forms', {}).then(
      ({ forms: list, today }) => {
        setForms(list);
        setAsOf((cur) => cur || formatRuDate(today));
        setFormId((cur) => (cur && list.some((f) => f.id === cur) ? cur : (list[0]?.id ?? null)));
      },
      (e: unknown) => setFormsError(errorText(e)),
    );
  }, []);

  useEffect(() => {
    Object.assign(remembered, { formId, orgId: school ? null : orgId, asOf, year });
  }, [formId, orgId, asOf, year, school]);

  const form = forms?.find((f) => f.id === formId) ?? null;
  const asOfIso = ruToIso(asOf);
  const orgKinds = useMemo(() => (form?.orgKinds ?? []) as (typeof orgs)[number]['kind'][], [form]);
  // The organization must be one that sends the form; a choice that does not fit the new form is dropped.
  const orgFits = orgId !== null && orgs.some((o) => String(o.id) === orgId && orgKinds.includes(o.kind));
  const missing: string | null = !form
    ? 'Выберите форму'
    : !asOfIso
      ? 'Укажите дату «по состоянию на»'
      : form.org === 'required' && !school && !orgFits
        ? 'Выберите организацию'
        : form.needsYear && !year
          ? 'Укажите год'
          : null;
  const params = form && !missing ? { formId: form.id, orgId: school ? null : orgFits ? Number(orgId) : null, asOf: asOfIso!, year: form.needsYear ? year : null } : null;
  const key = params ? JSON.stringify(params) : null;

  // The preview follows the choices: a short pause after the last change, and only the latest answer is shown.
  useEffect(() => {
    setIssued(null);
    if (!key) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    const id = ++request.current;
    const timer = window.setTimeout(() => {
      setLoading(true);
      api.call('reports.preview', JSON.parse(key) as NonNullable<typeof params>).then(
        (p) => {
          if (id !== request.current) return;
          setPreview(p);
          setPreviewError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (id !== request.current) return;
          setPreview(null);
          setPreviewError(errorText(e));
          setLoading(false);
        },
      );
    }, 250);
    return () => window.clearTimeout(timer);
  }, [key]);

  async function make(format: ReportFormat, print: boolean) {
    if (!params) return;
    const tab = print ? reserveTab() : null;
    setBusy(print ? 'print' : format);
    try {
      const res = await api.call('reports.make', { ...params, format });
      setIssued(res.printout);
      if (print) {
        const shown = await printPdf(res.base64, res.fileName, tab);
        if (!shown) notifyOk(`Документ № ${res.printout.number} сохранён в файл «${res.fileName}»: откройте его и напечатайте.`);
      } else {
        downloadBase64(res.base64, res.fileName, MIME[format]);
      }
    } catch (e) {
      tab?.close();
      notifyError(e, 'Документ не составлен');
    } finally {
      setBusy(null);
    }
  }

  const ownOrg = school ? orgs.find((o) => o.id === user.orgId) : undefined;

  return (
    <Stack gap="md">
      <Title order={2}>Отчёты</Title>
      {formsError && <Alert color="red">{formsError}</Alert>}
      {!forms && !formsError && <Loader aria-label="Загрузка" />}
      {forms && forms.length === 0 && <Alert color="gray">Ваша организация не составляет форм этого порядка учёта.</Alert>}
      {forms && forms.length > 0 && (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Paper withBorder p="xs" component="nav" aria-label="Формы отчётов">
              {forms.map((f) => (
                <NavLink
                  key={f.id}
                  component="button"
                  label={f.title}
                  description={f.basis}
                  active={f.id === formId}
                  aria-current={f.id === formId ? 'true' : undefined}
                  onClick={() => setFormId(f.id)}
                  style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                  styles={{ label: { whiteSpace: 'normal' } }}
                />
              ))}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            {form && (
              <Stack gap="md">
                <Paper withBorder p="md">
                  <Stack gap="sm">
                    <div>
                      <Title order={3} size="h4">
                        {form.title}
                      </Title>
                      <Text size="sm" c="dimmed">
                        Основание: {form.basis}
                      </Text>
                    </div>
                    <Group align="flex-start" gap="sm">
                      {form.org !== 'none' &&
                        (school ? (
                          <div>
                            <Text size="sm" fw={500}>
                              Организация
                            </Text>
                            <Text size="sm" mt={6}>
                              {ownOrg?.shortName ?? '—'}
                            </Text>
                          </div>
                        ) : (
                          <OrgSelect
                            label="Организация"
                            orgs={orgs}
                            kinds={orgKinds}
                            value={orgFits ? orgId : null}
                            onChange={setOrgId}
                            required={form.org === 'required'}
                            placeholder={form.org === 'optional' ? 'Весь округ' : 'Начните вводить название'}
                            w={320}
                          />
                        ))}
                      <DateField label="По состоянию на" value={asOf} onChange={setAsOf} required description={form.asOfHint} w={200} />
                      {form.needsYear && <NumberInput label="Год" value={year ?? ''} onChange={(v) => setYear(typeof v === 'number' ? v : null)} min={1990} max={2100} w={110} required />}
                    </Group>
                    {form.dataNote && (
                      <Text size="sm" c="dimmed">
                        {form.dataNote}
                      </Text>
                    )}
                    <Group gap="sm">
                      <Button onClick={() => void make('pdf', true)} loading={busy === 'print'} disabled={!params || (busy !== null && busy !== 'print')}>
                        Печать
                      </Button>
                      <Button variant="default" onClick={() => void make('pdf', false)} loading={busy === 'pdf'} disabled={!params || (busy !== null && busy !== 'pdf')}>
                        Сохранить как PDF
                      </Button>
                      <Button variant="default" onClick={() => void make('xlsx', false)} loading={busy === 'xlsx'} disabled={!params || (busy !== null && busy !== 'xlsx')}>
                        Сохранить как XLSX
                      </Button>
                      {missing && (
                        <Text size="sm" c="dimmed">
                          {missing}
                        </Text>
                      )}
                    </Group>
                    {issued && (
                      <Alert color="green" role="status" title={`Документ № ${issued.number} от ${formatRuDate(issued.issuedOn)} зарегистрирован`}>
                        {issued.formTitle}
                        {issued.orgName ? `, ${issued.orgName}` : ''}, по состоянию на {formatRuDate(issued.asOf)}; {issued.childCount} {plural(issued.childCount, 'ребёнок', 'ребёнка', 'детей')}.{' '}
                        <Anchor component="button" onClick={() => navigate({ page: 'printouts' })}>
                          Реестр выданных документов
                        </Anchor>
                      </Alert>
                    )}
                  </Stack>
                </Paper>
                {previewError && <Alert color="red">{previewError}</Alert>}
                {preview && (
                  <Stack gap={6}>
                    <Group justify="space-between">
                      <Text size="sm" c="dimmed">
                        Предварительный просмотр первой страницы · в документе {preview.rowCount} {plural(preview.rowCount, 'строка', 'строки', 'строк')}
                        {preview.childCount > 0 && `, ${preview.childCount} ${plural(preview.childCount, 'ребёнок', 'ребёнка', 'детей')}`}
                        {loading && ' · обновление…'}
                      </Text>
                    </Group>
                    <div style={{ opacity: loading ? 0.6 : 1 }}>
                      <FormPreview preview={preview} />
                    </div>
                  </Stack>
                )}
                {!preview && loading && <Loader aria-label="Загрузка просмотра" />}
              </Stack>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
