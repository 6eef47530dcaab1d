import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ApiError, type SessionUser } from '../../../shared/api';
import type { FactInput, FactType } from '../../../shared/api/registry';
import { canCall } from '../access';
import { api } from '../api';
import { navigate, routeHref } from '../nav';
import { ruToIso } from '../registry/dates';
import { enterMovesOn } from '../registry/enter';
import { FactFields, draftToFact, emptyDraft, factIssueKey, isDraftEmpty, type Draft, type Errors } from '../registry/facts';
import { useOrgs } from '../registry/fields';
import { EMPTY_PERSON, PersonFields, personIssues, personToCore, type PersonDraft } from '../registry/person';
import { SimilarWarning, useSimilar } from '../registry/similar';
import { notifyError, notifyOk } from '../ui';

const SECTIONS = ['study', 'form', 'address', 'representative'] as const satisfies readonly FactType[];
type Section = (typeof SECTIONS)[number];

interface NewDraft {
  person: PersonDraft;
  facts: Record<Section, Draft>;
}

/** A school's user enters its own pupils: the organization is already chosen. */
const blank = (ownOrgId: number | null = null): NewDraft => ({
  person: EMPTY_PERSON,
  facts: {
    study: { ...emptyDraft('study'), orgId: ownOrgId ? String(ownOrgId) : '' },
    form: emptyDraft('form'),
    address: emptyDraft('address'),
    representative: emptyDraft('representative'),
  },
});

/**
 * A half-typed form survives a look at a similar child's card. It lives in memory only (personal data are
 * not written to the browser's storage) and is forgotten when the session locks.
 */
let kept: NewDraft | null = null;

export function forgetNewChildDraft(): void {
  kept = null;
}

const SECTION_TITLES: Record<Section, string> = {
  study: 'Обучение',
  form: 'Форма получения образования',
  address: 'Адрес',
  representative: 'Родитель (законный представитель)',
};

const SECTION_HINTS: Record<Section, string> = {
  study: 'Пустая организация и Enter — раздел пропускается',
  form: 'Пустая форма и Enter — раздел пропускается',
  address: 'Пустая улица и Enter — раздел пропускается',
  representative: 'Пустая фамилия и Enter — раздел пропускается',
};

export function NewChildPage({ user }: { user: SessionUser }) {
  const ownOrgId = user.role === 'school' ? user.orgId : null;
  const [draft, setDraft] = useState<NewDraft>(() => kept ?? blank(ownOrgId));
  const [resumed, setResumed] = useState(() => kept !== null && JSON.stringify(kept) !== JSON.stringify(blank(ownOrgId)));
  const [personErrors, setPersonErrors] = useState<Record<string, string>>({});
  const [factErrors, setFactErrors] = useState<Record<Section, Errors>>({ study: {}, form: {}, address: {}, representative: {} });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const orgs = useOrgs();
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    kept = draft;
  }, [draft]);

  const { person } = draft;
  const similar = useSimilar({
    surname: person.surname,
    name: person.name,
    patronymic: person.patronymic,
    birthDate: ruToIso(person.birthDate),
  });
  const strong = similar.some((s) => s.strong);

  useEffect(() => {
    if (!strong) setConfirming(false);
  }, [strong]);

  const setPerson = (p: PersonDraft) => setDraft((d) => ({ ...d, person: p }));
  const setFact = (section: Section, next: Draft) =>
    setDraft((d) => {
      const facts = { ...d.facts, [section]: next };
      // A pupil of a school studies «очно» unless the form says otherwise: shown, and can be changed.
      if (section === 'study' && next.orgId && !d.facts.study.orgId && !d.facts.form.form) {
        const kind = orgs.find((o) => String(o.id) === next.orgId)?.kind;
        if (kind === 'school') facts.form = { ...d.facts.form, form: 'full_time' };
      }
      return { ...d, facts };
    });

  function focusFirstError() {
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  }

  async function save(confirmed: boolean) {
    setFormError(null);
    const { core, errors } = personToCore(person);
    const facts: FactInput[] = [];
    const order: Section[] = [];
    const fe: Record<Section, Errors> = { study: {}, form: {}, address: {}, representative: {} };
    for (const section of SECTIONS) {
      const d = draft.facts[section];
      if (isDraftEmpty(section, d)) continue;
      const res = draftToFact(section, d);
      fe[section] = res.errors;
      if (res.fact) {
        facts.push(res.fact);
        order.push(section);
      }
    }
    setPersonErrors(errors);
    setFactErrors(fe);
    if (!core || SECTIONS.some((s) => Object.keys(fe[s]).length > 0)) {
      focusFirstError();
      return;
    }
    if (strong && !confirmed) {
      setConfirming(true);
      window.setTimeout(() => confirmRef.current?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const card = await api.call('children.create', { child: core, facts });
      kept = null;
      notifyOk('Карточка ребёнка создана');
      navigate({ page: 'child', id: card.child.id });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION' && e.issues) {
        setPersonErrors(personIssues(e));
        const next: Record<Section, Errors> = { study: {}, form: {}, address: {}, representative: {} };
        for (const issue of e.issues) {
          const m = /^facts\.(\d+)\.(.+)$/.exec(issue.path);
          const section = m ? order[Number(m[1])] : undefined;
          if (section) next[section][factIssueKey(m![2]!)] = issue.message;
        }
        setFactErrors(next);
        if (e.issues.every((i) => !i.path)) setFormError(e.message);
        focusFirstError();
      } else {
        notifyError(e, 'Не удалось сохранить');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md" maw={1180}>
      <div>
        <Anchor href={routeHref({ page: 'registry' })} size="sm">
          ← К реестру
        </Anchor>
        <Title order={2} mt={4}>
          Новый ребёнок
        </Title>
        <Text size="sm" c="dimmed">
          Enter — следующее поле, Enter в последнем поле или Ctrl+Enter — сохранить. В списках наберите часть названия
          и нажмите Enter.
        </Text>
      </div>
      {resumed && (
        <Alert color="blue" withCloseButton onClose={() => setResumed(false)} closeButtonLabel="Скрыть">
          <Group justify="space-between" gap="xs">
            <Text size="sm">Форма заполнена не до конца в прошлый раз — продолжайте или начните заново.</Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setDraft(blank(ownOrgId));
                setPersonErrors({});
                setFactErrors({ study: {}, form: {}, address: {}, representative: {} });
                setResumed(false);
              }}
            >
              Начать заново
            </Button>
          </Group>
        </Alert>
      )}
      <form
        ref={formRef}
        noValidate
        aria-label="Новый ребёнок"
        onKeyDown={enterMovesOn}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void save(false);
        }}
      >
        <Stack gap="md">
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Ребёнок
            </Title>
            <PersonFields value={person} onChange={setPerson} errors={personErrors} autoFocus withSecondary={false} />
            {personErrors[''] && (
              <Alert color="red" mt="sm">
                {personErrors['']}
              </Alert>
            )}
          </Paper>

          <SimilarWarning
            found={similar}
            footer={
              confirming && (
                <Group mt="sm" gap="sm">
                  <Text size="sm" fw={600}>
                    Проверьте: возможно, нужно открыть найденную карточку, а не заводить новую.
                  </Text>
                  <Button ref={confirmRef} color="red" variant="light" size="xs" onClick={() => void save(true)} loading={busy}>
                    Это другой ребёнок — сохранить
                  </Button>
                </Group>
              )
            }
          />

          {SECTIONS.map((section) => (
            <Paper withBorder p="md" key={section}>
              <Group justify="space-between" mb="sm" gap="xs">
                <Title order={3} size="h4">
                  {SECTION_TITLES[section]}
                </Title>
                <Text size="xs" c="dimmed">
                  {SECTION_HINTS[section]}
                </Text>
              </Group>
              <FactFields
                type={section}
                draft={draft.facts[section]}
                onChange={(d) => setFact(section, d)}
                errors={factErrors[section]}
                orgs={orgs}
                ownOrgId={ownOrgId}
                canAddStreet={canCall(user.role, 'streets.add')}
                section
              />
            </Paper>
          ))}

          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                kept = null;
                navigate({ page: 'registry' });
              }}
              disabled={busy}
            >
              Отмена
            </Button>
            <Button type="submit" loading={busy}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
