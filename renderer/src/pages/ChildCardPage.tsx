import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, ROLES_SEEING_SENSITIVE, type SessionUser } from '../../../shared/api';
import { FACT_TYPES, MERGE_FIELDS, type ChildCard, type FactRow, type FactType } from '../../../shared/api/registry';
import { ageOn } from '../../../shared/domain/age';
import { educationFormLabel } from '../../../shared/domain/educationForms';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { TerritoryBadge } from '../territories/TerritoryBadge';
import { formatDate, formatDateTime, plural, todayIsoNow } from '../format';
import { navigate, routeHref } from '../nav';
import { ruToIso } from '../registry/dates';
import { enterMovesOn } from '../registry/enter';
import { FACT_TITLES, provenanceNotes } from '../registry/facts';
import { useOrgs } from '../registry/fields';
import { EndModal, FactModal, TransferModal } from '../registry/modals';
import { MERGE_FIELD_LABELS, MergeModal, showPersonValue } from '../registry/merge';
import { PersonFields, personFromRecord, personIssues, personToCore, type PersonDraft } from '../registry/person';
import { SimilarWarning, fullName, useSimilar } from '../registry/similar';
import { ChangeLines, SourceText } from '../registry/source';
import { notifyError, notifyOk } from '../ui';

/** The card's groups, in the order a specialist reads them. */
const GROUPS: { type: FactType; title: string }[] = [
  { type: 'study', title: 'Обучение' },
  { type: 'form', title: 'Форма получения образования' },
  { type: 'address', title: 'Адреса' },
  { type: 'representative', title: 'Родители и законные представители' },
  { type: 'condition', title: 'Состояние здоровья, реабилитация' },
  { type: 'flag', title: 'Отметки' },
  { type: 'attestation', title: 'Аттестации' },
];

type ModalState =
  | { kind: 'add'; type: FactType }
  | { kind: 'correct'; row: FactRow }
  | { kind: 'end'; row: FactRow }
  | { kind: 'transfer'; row: FactRow }
  | { kind: 'merge' };

function period(f: FactRow): string {
  if (f.validFrom && f.validTo) return `с ${formatDate(f.validFrom)} по ${formatDate(f.validTo)}`;
  if (f.validFrom) return `с ${formatDate(f.validFrom)}`;
  if (f.validTo) return `по ${formatDate(f.validTo)}`;
  return 'дата начала не указана';
}

function pastNote(f: FactRow): string | null {
  if (f.withdrawnAt) return `отозвано ${formatDate(f.withdrawnAt)}`;
  if (f.supersededBy) return 'исправлено: заменено новой записью';
  if (f.validTo) return 'окончено';
  return null;
}

/** Current first (newest first), then the past ones, most recent first. */
function ordered(facts: FactRow[]): FactRow[] {
  const when = (f: FactRow) => f.validTo ?? f.validFrom ?? f.recordedAt.slice(0, 10);
  return [...facts].sort((a, b) => Number(b.current) - Number(a.current) || when(b).localeCompare(when(a)) || b.id - a.id);
}

/** Timeline moments: an instant with its zone is shown in local time; the end of a period is a day. */
function when(at: string): string {
  return /T23:59:59$/.test(at) ? formatDate(at.slice(0, 10)) : formatDateTime(at);
}

function ageText(birth: string): string {
  try {
    const a = ageOn(birth, todayIsoNow());
    return `${a.years} ${plural(a.years, 'год', 'года', 'лет')}${a.years < 18 && a.months ? ` ${a.months} мес.` : ''}`;
  } catch {
    return '';
  }
}

interface Props {
  id: number;
  user: SessionUser;
}

export function ChildCardPage({ id, user }: Props) {
  const [card, setCard] = useState<ChildCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [modal, setModal] = useState<ModalState | null>(null);
  const [undoing, setUndoing] = useState<number | null>(null);
  const orgs = useOrgs();

  const load = useCallback(async () => {
    try {
      setCard(await api.call('children.card', { id }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id]);

  useEffect(() => {
    setCard(null);
    setEditing(false);
    setModal(null);
    void load();
  }, [load]);

  if (error && !card) {
    return (
      <Stack gap="md">
        <BackLink />
        <Alert color="red" title="Карточка не открылась">
          {error}
        </Alert>
      </Stack>
    );
  }
  if (!card) return <Loader aria-label="Загрузка" />;

  const c = card.child;
  const merged = c.status === 'merged';
  const canWrite = !merged && canCall(user.role, 'facts.add');
  const canMerge = !merged && canCall(user.role, 'children.merge');
  const seesFlags = ROLES_SEEING_SENSITIVE.includes(user.role);
  const currentStudy = card.facts.find((f) => f.type === 'study' && f.current);
  const addable = FACT_TYPES.filter((t) => t !== 'flag' || seesFlags);
  const ownMerges = card.merges.filter((m) => m.keptId === c.id);

  const saved = (next: ChildCard, message: string) => {
    setCard(next);
    setModal(null);
    notifyOk(message);
  };

  async function unmerge(mergeId: number) {
    setUndoing(mergeId);
    try {
      setCard(await api.call('children.unmerge', { mergeId }));
      notifyOk('Объединение отменено: обе карточки восстановлены');
    } catch (e) {
      notifyError(e, 'Объединение не отменено');
    } finally {
      setUndoing(null);
    }
  }

  return (
    <Stack gap="md">
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Group gap="sm" align="baseline">
            <Title order={2}>{fullName(c)}</Title>
            <Text c="dimmed">№ {c.id}</Text>
          </Group>
          <Text c="dimmed">
            {formatDate(c.birthDate)} г. р. · {ageText(c.birthDate)}
            {c.gender && ` · ${c.gender === 'm' ? 'мужской' : 'женский'}`}
          </Text>
          {merged ? (
            <Group gap="xs" mt={6}>
              <Badge variant="light" color="gray" size="lg">
                объединена с № {c.mergedInto}
              </Badge>
            </Group>
          ) : (
            <Group gap="xs" mt={6}>
              {card.current.orgName ? (
                <Badge variant="light" size="lg">
                  {card.current.orgName}
                  {card.current.classLabel ? `, ${card.current.classLabel}` : ''}
                </Badge>
              ) : (
                <Badge variant="light" color="orange" size="lg">
                  не в организации
                </Badge>
              )}
              <TerritoryBadge childId={c.id} user={user} />
              {card.current.form ? (
                <Badge variant="light" color="teal" size="lg">
                  {educationFormLabel(card.current.form)}
                </Badge>
              ) : (
                <Badge variant="light" color="orange" size="lg">
                  форма образования не указана
                </Badge>
              )}
            </Group>
          )}
        </div>
        {!merged && (
          <Group gap="xs">
            {canWrite && !editing && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Изменить данные
              </Button>
            )}
            {canWrite && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default">Добавить сведения</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {addable.map((t) => (
                    <Menu.Item key={t} onClick={() => setModal({ kind: 'add', type: t })}>
                      {FACT_TITLES[t]}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            {canWrite && currentStudy && (
              <Button variant="default" onClick={() => setModal({ kind: 'transfer', row: currentStudy })}>
                Перевести в другой класс
              </Button>
            )}
            {canMerge && (
              <Button variant="default" onClick={() => setModal({ kind: 'merge' })}>
                Объединить с другой карточкой…
              </Button>
            )}
          </Group>
        )}
      </Group>

      {merged && c.mergedInto !== null && (
        <Alert color="yellow" title={`Карточка объединена с № ${c.mergedInto}`}>
          Сведения этой карточки перенесены в основную, здесь они только для истории.{' '}
          <Anchor href={routeHref({ page: 'child', id: c.mergedInto })} fw={600}>
            Открыть карточку № {c.mergedInto}
          </Anchor>
        </Alert>
      )}

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                Личные данные
              </Title>
              {editing ? (
                <PersonEdit
                  card={card}
                  onCancel={() => setEditing(false)}
                  onSaved={(next) => {
                    setCard(next);
                    setEditing(false);
                    notifyOk('Изменения сохранены');
                  }}
                  onReload={() => {
                    setEditing(false);
                    void load();
                  }}
                />
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs" verticalSpacing={6}>
                  {MERGE_FIELDS.map((f) => (
                    <div key={f}>
                      <Text size="xs" c="dimmed">
                        {MERGE_FIELD_LABELS[f]}
                      </Text>
                      <Text size="sm">{showPersonValue(f, c)}</Text>
                    </div>
                  ))}
                </SimpleGrid>
              )}
            </Paper>

            {GROUPS.filter((g) => g.type !== 'flag' || !card.flagsHidden).map((g) => {
              const facts = ordered(card.facts.filter((f) => f.type === g.type));
              const empty = facts.length === 0;
              return (
                <Paper withBorder px="md" py={empty ? 'xs' : 'md'} key={g.type} component="section" aria-label={g.title}>
                  <Group justify="space-between" mb={empty ? 0 : 'xs'}>
                    <Group gap="xs" align="baseline">
                      <Title order={3} size="h4">
                        {g.title}
                      </Title>
                      {empty && (
                        <Text size="sm" c="dimmed">
                          сведений нет
                        </Text>
                      )}
                    </Group>
                    {canWrite && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setModal({ kind: 'add', type: g.type })}
                        aria-label={`Добавить: ${g.title.toLowerCase()}`}
                      >
                        Добавить
                      </Button>
                    )}
                  </Group>
                  {!empty && (
                    <Stack gap={6}>
                      {facts.map((f) => (
                        <FactItem
                          key={f.id}
                          fact={f}
                          role={user.role}
                          canWrite={canWrite}
                          onCorrect={() => setModal({ kind: 'correct', row: f })}
                          onEnd={() => setModal({ kind: 'end', row: f })}
                        />
                      ))}
                    </Stack>
                  )}
                </Paper>
              );
            })}
            {card.flagsHidden && (
              <Text size="xs" c="dimmed">
                Отметки ПДН, СОП, опеки и КДН видны только специалистам отдела.
              </Text>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {ownMerges.length > 0 && (
              <Paper withBorder p="md" component="section" aria-label="Объединения">
                <Title order={3} size="h4" mb="xs">
                  Объединения
                </Title>
                <Stack gap="xs">
                  {ownMerges.map((m) => (
                    <Stack key={m.id} gap={4} align="flex-start">
                      <div>
                        <Text size="sm">
                          Присоединена{' '}
                          <Anchor href={routeHref({ page: 'child', id: m.mergedId })}>карточка № {m.mergedId}</Anchor>
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(m.mergedAt)}
                          {m.undoneAt && ` · отменено ${formatDateTime(m.undoneAt)}`}
                        </Text>
                      </div>
                      {!m.undoneAt && canCall(user.role, 'children.unmerge') && (
                        <Button size="compact-sm" variant="light" color="orange" loading={undoing === m.id} onClick={() => void unmerge(m.id)}>
                          Отменить объединение
                        </Button>
                      )}
                    </Stack>
                  ))}
                </Stack>
              </Paper>
            )}
            <Paper withBorder p="md" component="section" aria-label="Хронология">
              <Title order={3} size="h4" mb="sm">
                Хронология
              </Title>
              <Timeline bulletSize={12} lineWidth={2} active={-1}>
                {card.timeline.map((t, i) => (
                  <Timeline.Item key={i} title={<Text size="sm">{t.text}</Text>}>
                    {t.changes && <ChangeLines changes={t.changes} />}
                    <Text size="xs" c="dimmed">
                      {when(t.at)}
                      {t.source && (
                        <>
                          {' · '}
                          <SourceText source={t.source} role={user.role} />
                        </>
                      )}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      {modal?.kind === 'add' && (
        <FactModal
          childId={c.id}
          type={modal.type}
          current={modal.type === 'study' || modal.type === 'form' ? card.facts.find((f) => f.type === modal.type && f.current) : undefined}
          orgs={orgs}
          ownOrgId={user.role === 'school' ? user.orgId : null}
          canAddStreet={canCall(user.role, 'streets.add')}
          onClose={() => setModal(null)}
          onSaved={(next) => saved(next, 'Сведения добавлены')}
        />
      )}
      {modal?.kind === 'correct' && (
        <FactModal
          childId={c.id}
          type={modal.row.type}
          row={modal.row}
          orgs={orgs}
          ownOrgId={user.role === 'school' ? user.orgId : null}
          canAddStreet={canCall(user.role, 'streets.add')}
          onClose={() => setModal(null)}
          onSaved={(next) => saved(next, 'Запись исправлена')}
        />
      )}
      {modal?.kind === 'end' && <EndModal row={modal.row} onClose={() => setModal(null)} onSaved={(next) => saved(next, 'Период окончен')} />}
      {modal?.kind === 'transfer' && (
        <TransferModal childId={c.id} row={modal.row} onClose={() => setModal(null)} onSaved={(next) => saved(next, 'Ребёнок переведён в другой класс')} />
      )}
      {modal?.kind === 'merge' && (
        <MergeModal
          card={card}
          onClose={() => setModal(null)}
          onMerged={(next) => {
            setModal(null);
            notifyOk(`Карточки объединены в № ${next.child.id}`);
            if (next.child.id === c.id) setCard(next);
            else navigate({ page: 'child', id: next.child.id });
          }}
        />
      )}
    </Stack>
  );
}

function BackLink() {
  return (
    <Group>
      <Anchor href={routeHref({ page: 'registry' })} size="sm">
        ← К реестру
      </Anchor>
    </Group>
  );
}

function FactItem({ fact, role, canWrite, onCorrect, onEnd }: { fact: FactRow; role: SessionUser['role']; canWrite: boolean; onCorrect: () => void; onEnd: () => void }) {
  const past = !fact.current;
  const note = pastNote(fact);
  return (
    <Paper
      withBorder
      p="xs"
      bg={past ? 'gray.0' : undefined}
      className={past ? 'fact-past' : undefined}
      aria-label={past ? `В прошлом: ${fact.summary}` : fact.summary}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={past ? 400 : 500} c={past ? 'dimmed' : undefined} td={fact.supersededBy || fact.withdrawnAt ? 'line-through' : undefined}>
            {fact.summary}
          </Text>
          <Text size="xs" c="dimmed">
            {period(fact)}
            {note ? ` · ${note}` : ''}
          </Text>
          {fact.source && (
            <Text size="xs" c="dimmed">
              Источник: <SourceText source={fact.source} role={role} />
            </Text>
          )}
          {provenanceNotes(fact).map((note) => (
            <Text key={note} size="xs" c="dimmed">
              {note}
            </Text>
          ))}
        </div>
        {canWrite && fact.current && (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="subtle" onClick={onCorrect}>
              Исправить
            </Button>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={onEnd}>
              Окончить
            </Button>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

interface EditProps {
  card: ChildCard;
  onCancel: () => void;
  onSaved: (card: ChildCard) => void;
  onReload: () => void;
}

/** The person's fields; the version travels with them so two editors do not overwrite each other. */
function PersonEdit({ card, onCancel, onSaved, onReload }: EditProps) {
  const [draft, setDraft] = useState<PersonDraft>(() => personFromRecord(card.child));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const similar = useSimilar({
    surname: draft.surname,
    name: draft.name,
    patronymic: draft.patronymic,
    birthDate: ruToIso(draft.birthDate),
    excludeId: card.child.id,
  });

  async function save() {
    const { core, errors: errs } = personToCore(draft);
    setErrors(errs);
    setConflict(null);
    if (!core) return;
    setBusy(true);
    try {
      onSaved(await api.call('children.update', { id: card.child.id, version: card.child.version, child: core }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') setConflict(e.message);
      else if (e instanceof ApiError && e.code === 'VALIDATION') setErrors(personIssues(e));
      else notifyError(e, 'Не удалось сохранить');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      onKeyDown={enterMovesOn}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void save();
      }}
    >
      <Stack gap="sm">
        <PersonFields value={draft} onChange={setDraft} errors={errors} autoFocus />
        <SimilarWarning found={similar} />
        {errors[''] && <Alert color="red">{errors['']}</Alert>}
        {conflict && (
          <Alert color="orange" title="Карточку уже изменили">
            <Text size="sm">{conflict}</Text>
            <Button size="xs" mt="xs" variant="light" onClick={onReload}>
              Открыть заново
            </Button>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Отмена
          </Button>
          <Button type="submit" loading={busy}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
