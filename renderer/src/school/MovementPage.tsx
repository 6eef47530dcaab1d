import { Alert, Badge, Button, Group, Loader, Paper, ScrollArea, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/api';
import type { MovementOverview, TransferNotice } from '../../../shared/api/movement';
import { formatRuDate } from '../../../shared/domain/dates';
import { FIRST_GRADE_DECISION_LABELS, TASK_STATUS_LABELS, type TaskStatus } from '../../../shared/domain/movement';
import { canCall } from '../access';
import { api, errorText } from '../api';
import { MIME, downloadBase64 } from '../files';
import { plural, todayIsoNow } from '../format';
import { isoToRu, ruDateError, ruToIso } from '../registry/dates';
import { DateField, OrgSelect, useOrgs } from '../registry/fields';
import { notifyError, notifyOk } from '../ui';
import { ContinuationModal, EnrolModal, ExpelModal, FirstGradeModal, Leave15Modal, SentModal } from './MovementModals';

/**
 * «Движение обучающихся» (issue 11, point 5): enrolments and expulsions of a period with their orders; transfer
 * notices due in two working days (overdue ones first); expelled pupils without a confirmation of further education;
 * 9th-grade leavers and where they continued; leaving school at 15; the department's permissions for first grade.
 */

const STATUS_COLOR: Record<TaskStatus, string> = { open: 'blue', overdue: 'red', done: 'green', 'done-late': 'orange' };

export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" style={{ overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
      {TASK_STATUS_LABELS[status]}
    </Badge>
  );
}

const order = (n: string | null, d: string | null) => [n ? `№ ${n}` : '', d ? `от ${formatRuDate(d)}` : ''].filter(Boolean).join(' ');

function schoolYearStartOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${m >= 9 ? y : y - 1}-09-01`;
}

type Modal =
  | { kind: 'enrol' }
  | { kind: 'expel' }
  | { kind: 'sent'; notice: TransferNotice }
  | { kind: 'confirm'; studyId: number; fio: string }
  | { kind: 'leave15'; row: MovementOverview['leave15'][number] | null }
  | { kind: 'firstGrade'; row: MovementOverview['firstGrade'][number] | null };

export function MovementPage({ user }: { user: SessionUser }) {
  const school = user.role === 'school';
  const orgs = useOrgs();
  const today = todayIsoNow();
  const [from, setFrom] = useState(isoToRu(schoolYearStartOf(today)));
  const [to, setTo] = useState(isoToRu(today));
  const [orgId, setOrgId] = useState<string | null>(school ? String(user.orgId) : null);
  const [data, setData] = useState<MovementOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [modal, setModal] = useState<Modal | null>(null);
  const [tab, setTab] = useState<string | null>('events');
  const [printing, setPrinting] = useState<number | null>(null);
  const writer = canCall(user.role, 'movement.enrol');

  const load = useCallback(async () => {
    const f = ruToIso(from);
    const t = ruToIso(to);
    if (!f || !t) return setError(ruDateError(from, true) ?? ruDateError(to, true) ?? 'Укажите период');
    setLoading(true);
    try {
      setData(await api.call('movement.overview', { orgId: orgId ? Number(orgId) : null, from: f, to: t }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [from, to, orgId]);

  useEffect(() => {
    void load();
    // The period is applied by the button or Enter; the organization at once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orgId]);

  async function letter(n: TransferNotice) {
    setPrinting(n.id);
    try {
      const res = await api.call('movement.printNotice', { id: n.id });
      downloadBase64(res.base64, res.fileName, MIME.pdf);
      notifyOk(`Уведомление № ${res.printout.number} сохранено в файл «${res.fileName}»`);
      await load();
    } catch (e) {
      notifyError(e, 'Уведомление не составлено');
    } finally {
      setPrinting(null);
    }
  }

  const workOrg = orgId ? Number(orgId) : null;
  const overdue = data?.notices.filter((n) => n.status === 'overdue').length ?? 0;
  const candidates = data?.unconfirmed.filter((u) => u.candidate).length ?? 0;
  const done = async (message: string) => {
    setModal(null);
    notifyOk(message);
    await load();
  };

  return (
    <Stack gap="md">
      <Title order={2}>Движение обучающихся</Title>
      <Paper p="md" withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          <Group align="flex-end" gap="sm">
            {!school && <OrgSelect label="Организация" orgs={orgs} kinds={['school']} value={orgId} onChange={setOrgId} w={320} placeholder="Все школы" />}
            <DateField label="Период с" value={from} onChange={setFrom} w={140} />
            <DateField label="по" value={to} onChange={setTo} w={140} />
            <Button type="submit" variant="default" loading={loading}>
              Показать
            </Button>
            {writer && (
              <>
                <Button onClick={() => setModal({ kind: 'enrol' })} disabled={!workOrg}>
                  Зачислить
                </Button>
                <Button variant="light" onClick={() => setModal({ kind: 'expel' })} disabled={!workOrg}>
                  Отчислить
                </Button>
              </>
            )}
          </Group>
          {!school && !workOrg && writer && (
            <Text size="xs" c="dimmed" mt={4}>
              Чтобы зачислить или отчислить, выберите школу.
            </Text>
          )}
        </form>
      </Paper>
      {error && <Alert color="red">{error}</Alert>}
      {!data && loading && <Loader />}
      {data && (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="events">Зачисления и отчисления ({data.events.length})</Tabs.Tab>
            <Tabs.Tab value="notices" rightSection={overdue ? <Badge color="red" size="sm">{overdue}</Badge> : null}>
              Уведомления о переводе
            </Tabs.Tab>
            <Tabs.Tab value="unconfirmed" rightSection={candidates ? <Badge color="orange" size="sm">{candidates}</Badge> : null}>
              Без подтверждения
            </Tabs.Tab>
            <Tabs.Tab value="grade9">Окончившие 9 класс</Tabs.Tab>
            <Tabs.Tab value="leave15">Уход в 15 лет</Tabs.Tab>
            <Tabs.Tab value="firstGrade">1 класс вне возраста</Tabs.Tab>
          </Tabs.List>

          <Tabs.Panel value="events" pt="sm">
            <Rows empty="За период зачислений и отчислений нет." count={data.events.length}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Дата</Table.Th>
                  <Table.Th>Движение</Table.Th>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Дата рождения</Table.Th>
                  <Table.Th>Класс</Table.Th>
                  <Table.Th>Приказ</Table.Th>
                  <Table.Th>Причина</Table.Th>
                  <Table.Th>Откуда / куда</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.events.map((e) => (
                  <Table.Tr key={`${e.kind}-${e.studyId}`}>
                    <Table.Td>{formatRuDate(e.date)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={e.kind === 'enrol' ? 'blue.7' : 'gray.7'}>
                        {e.kind === 'enrol' ? 'зачислен(а)' : 'отчислен(а)'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{e.fio}</Table.Td>
                    <Table.Td>{formatRuDate(e.birthDate)}</Table.Td>
                    <Table.Td>{e.classLabel}</Table.Td>
                    <Table.Td>{order(e.orderNumber, e.orderDate)}</Table.Td>
                    <Table.Td>{e.reason}</Table.Td>
                    <Table.Td>{e.other ?? (e.kind === 'expel' ? <Text c="dimmed" size="sm">нет сведений</Text> : '')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Rows>
          </Tabs.Panel>

          <Tabs.Panel value="notices" pt="sm">
            <Text size="sm" c="dimmed" mb="xs">
              Принимающая школа письменно уведомляет исходную о номере и дате приказа о зачислении в течение двух рабочих дней с даты его издания (Инструкция, п. 2.6). Срок
              считается по производственному календарю.
            </Text>
            <Rows empty="Уведомлений нет." count={data.notices.length}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Класс</Table.Th>
                  <Table.Th>Исходная организация</Table.Th>
                  <Table.Th>Приказ о зачислении</Table.Th>
                  <Table.Th>Срок уведомления</Table.Th>
                  <Table.Th>Состояние</Table.Th>
                  <Table.Th>Письмо</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.notices.map((n) => (
                  <Table.Tr key={n.id} data-status={n.status}>
                    <Table.Td>{n.fio}</Table.Td>
                    <Table.Td>{n.classLabel}</Table.Td>
                    <Table.Td>{n.fromOrg}</Table.Td>
                    <Table.Td>{order(n.orderNumber, n.orderDate)}</Table.Td>
                    <Table.Td>
                      {formatRuDate(n.dueDate)}
                      {!n.officialCalendar && (
                        <Text size="xs" c="orange">
                          календарь года предварительный
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={n.status} />
                      {n.status === 'overdue' && (
                        <Text size="xs" c="red">
                          на {n.daysOverdue} {plural(n.daysOverdue, 'день', 'дня', 'дней')}
                        </Text>
                      )}
                      {n.sentOn && <Text size="xs">отправлено {formatRuDate(n.sentOn)}</Text>}
                    </Table.Td>
                    <Table.Td>{n.printoutNumber ? `№ ${n.printoutNumber}` : ''}</Table.Td>
                    <Table.Td>
                      {writer && (
                        <Group gap={4} wrap="nowrap">
                          <Button size="xs" variant="default" loading={printing === n.id} onClick={() => void letter(n)} aria-label={`Письмо: ${n.fio}`}>
                            Письмо (PDF)
                          </Button>
                          {!n.sentOn && (
                            <Button size="xs" variant="light" onClick={() => setModal({ kind: 'sent', notice: n })}>
                              Отправлено
                            </Button>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Rows>
          </Tabs.Panel>

          <Tabs.Panel value="unconfirmed" pt="sm">
            <Text size="sm" c="dimmed" mb="xs">
              Отчисленные обучающиеся без подтверждения о продолжении образования (Кстово, приложение 5). Через {data.unconfirmedDays}{' '}
              {plural(data.unconfirmedDays, 'день', 'дня', 'дней')} после отчисления ребёнок считается возможно не получающим образование.
            </Text>
            <Rows empty="Все отчисленные подтвердили продолжение образования." count={data.unconfirmed.length}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Дата рождения</Table.Th>
                  <Table.Th>Класс</Table.Th>
                  <Table.Th>Отчислен(а)</Table.Th>
                  <Table.Th>Приказ, причина</Table.Th>
                  <Table.Th>Дней прошло</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.unconfirmed.map((u) => (
                  <Table.Tr key={u.studyId}>
                    <Table.Td>{u.fio}</Table.Td>
                    <Table.Td>{formatRuDate(u.birthDate)}</Table.Td>
                    <Table.Td>{u.classLabel}</Table.Td>
                    <Table.Td>{formatRuDate(u.expelledOn)}</Table.Td>
                    <Table.Td>{[order(u.orderNumber, u.orderDate), u.reason].filter(Boolean).join('; ')}</Table.Td>
                    <Table.Td>
                      {u.days}{' '}
                      {u.candidate && (
                        <Badge color="orange" variant="light">
                          не обучается?
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {writer && (
                        <Button size="xs" variant="light" onClick={() => setModal({ kind: 'confirm', studyId: u.studyId, fio: u.fio })}>
                          Подтверждение
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Rows>
          </Tabs.Panel>

          <Tabs.Panel value="grade9" pt="sm">
            <Text size="sm" c="dimmed" mb="xs">
              Окончившие 9 класс за период и где продолжают образование (Кстово, приложение 4).
            </Text>
            <Rows empty="За период выпускников 9 классов нет." count={data.grade9.length}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Класс</Table.Th>
                  <Table.Th>Окончил(а)</Table.Th>
                  <Table.Th>По данным реестра</Table.Th>
                  <Table.Th>Где продолжает (со слов школы)</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.grade9.map((g) => (
                  <Table.Tr key={g.studyId}>
                    <Table.Td>{g.fio}</Table.Td>
                    <Table.Td>{g.classLabel}</Table.Td>
                    <Table.Td>{formatRuDate(g.leftOn)}</Table.Td>
                    <Table.Td>{g.registry ?? ''}</Table.Td>
                    <Table.Td>
                      {g.continuation ? (
                        <>
                          {g.continuation.where ?? g.continuation.label}
                          <Text size="xs" c="dimmed">
                            {[g.continuation.where ? g.continuation.label : '', order(g.continuation.orderNumber, g.continuation.orderDate)].filter(Boolean).join('; ')}
                          </Text>
                        </>
                      ) : (
                        <Text c="dimmed" size="sm">
                          не указано
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {writer && (
                        <Button size="xs" variant="light" onClick={() => setModal({ kind: 'confirm', studyId: g.studyId, fio: g.fio })}>
                          Указать
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Rows>
          </Tabs.Panel>

          <Tabs.Panel value="leave15" pt="sm">
            <Group justify="space-between" mb="xs">
              <Text size="sm" c="dimmed" maw={900}>
                Оставление школы по достижении 15 лет до получения основного общего образования — с согласия родителей, комиссии по делам несовершеннолетних и отдела
                образования; отдел не позднее чем в месячный срок принимает меры по продолжению образования.
              </Text>
              {writer && (
                <Button size="xs" onClick={() => setModal({ kind: 'leave15', row: null })}>
                  Добавить
                </Button>
              )}
            </Group>
            <Rows empty="Записей нет." count={data.leave15.length}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Школа</Table.Th>
                  <Table.Th>Согласия: родителей / КДН / отдела</Table.Th>
                  <Table.Th>Ушёл(ла)</Table.Th>
                  <Table.Th>Меры до</Table.Th>
                  <Table.Th>Меры приняты</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.leave15.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.fio}</Table.Td>
                    <Table.Td>{r.orgName}</Table.Td>
                    <Table.Td>
                      {[r.parentsConsentOn, r.commissionConsentOn, r.departmentConsentOn].map((d) => (d ? formatRuDate(d) : '—')).join(' / ')}
                    </Table.Td>
                    <Table.Td>{r.leftOn ? formatRuDate(r.leftOn) : ''}</Table.Td>
                    <Table.Td>
                      {r.measuresDue ? formatRuDate(r.measuresDue) : ''} {r.status && <StatusBadge status={r.status} />}
                    </Table.Td>
                    <Table.Td>{[r.measuresOn ? formatRuDate(r.measuresOn) : '', r.measures ?? ''].filter(Boolean).join(': ')}</Table.Td>
                    <Table.Td>
                      {writer && (
                        <Button size="xs" variant="subtle" onClick={() => setModal({ kind: 'leave15', row: r })}>
                          Изменить
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Rows>
          </Tabs.Panel>

          <Tabs.Panel value="firstGrade" pt="sm">
            <Group justify="space-between" mb="xs">
              <Text size="sm" c="dimmed" maw={900}>
                Разрешение отдела образования на приём в 1 класс ребёнка младше 6 лет 6 месяцев или старше 8 лет на 1 сентября: заявление родителей и решение.
              </Text>
              {canCall(user.role, 'movement.firstGrade') && (
                <Button size="xs" onClick={() => setModal({ kind: 'firstGrade', row: null })}>
                  Добавить
                </Button>
              )}
            </Group>
            <Rows empty="Заявлений нет." count={data.firstGrade.length}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Дата рождения</Table.Th>
                  <Table.Th>1 класс с</Table.Th>
                  <Table.Th>Возраст</Table.Th>
                  <Table.Th>Школа</Table.Th>
                  <Table.Th>Заявление</Table.Th>
                  <Table.Th>Решение</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.firstGrade.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.fio}</Table.Td>
                    <Table.Td>{formatRuDate(r.birthDate)}</Table.Td>
                    <Table.Td>{formatRuDate(r.startOn)}</Table.Td>
                    <Table.Td>{r.ageStatus === 'early' ? 'младше 6 лет 6 месяцев' : r.ageStatus === 'late' ? 'старше 8 лет' : 'в обычном возрасте'}</Table.Td>
                    <Table.Td>{r.orgName}</Table.Td>
                    <Table.Td>
                      {formatRuDate(r.applicationOn)}
                      {r.applicant ? `, ${r.applicant}` : ''}
                    </Table.Td>
                    <Table.Td>
                      {r.decision ? `${FIRST_GRADE_DECISION_LABELS[r.decision]} ${order(r.decisionNumber, r.decisionOn)}` : <Text c="dimmed" size="sm">не принято</Text>}
                    </Table.Td>
                    <Table.Td>
                      {canCall(user.role, 'movement.firstGrade') && (
                        <Button size="xs" variant="subtle" onClick={() => setModal({ kind: 'firstGrade', row: r })}>
                          Изменить
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Rows>
          </Tabs.Panel>
        </Tabs>
      )}

      {modal?.kind === 'enrol' && workOrg && (
        <EnrolModal
          orgId={workOrg}
          orgs={orgs}
          onClose={() => setModal(null)}
          onSaved={(r) => {
            setTab(r.notice ? 'notices' : 'events');
            void done(r.notice ? `Зачислен(а). Уведомить исходную школу до ${formatRuDate(r.notice.dueDate)}` : 'Зачислен(а)');
          }}
        />
      )}
      {modal?.kind === 'expel' && workOrg && <ExpelModal orgId={workOrg} orgs={orgs} onClose={() => setModal(null)} onSaved={() => void done('Отчислен(а)')} />}
      {modal?.kind === 'sent' && <SentModal notice={modal.notice} onClose={() => setModal(null)} onSaved={() => void done('Отмечено: уведомление отправлено')} />}
      {modal?.kind === 'confirm' && (
        <ContinuationModal studyId={modal.studyId} fio={modal.fio} orgs={orgs} onClose={() => setModal(null)} onSaved={() => void done('Сведения о продолжении образования внесены')} />
      )}
      {modal?.kind === 'leave15' && (
        <Leave15Modal row={modal.row} orgId={workOrg} department={!school} onClose={() => setModal(null)} onSaved={() => void done('Сохранено')} />
      )}
      {modal?.kind === 'firstGrade' && <FirstGradeModal row={modal.row} orgId={workOrg} orgs={orgs} onClose={() => setModal(null)} onSaved={() => void done('Сохранено')} />}
    </Stack>
  );
}

function Rows({ empty, count, children }: { empty: string; count: number; children: React.ReactNode }) {
  if (!count) return <Text c="dimmed">{empty}</Text>;
  return (
    <Paper withBorder>
      <ScrollArea>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm">
          {children}
        </Table>
      </ScrollArea>
    </Paper>
  );
}
