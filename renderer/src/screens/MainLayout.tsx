import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { ROLE_LABELS, type AppState, type CallName, type CallOutput, type SessionUser } from '../../../shared/api';
import { canCall } from '../access';
import { api } from '../api';
import { IntakePage, forgetIntakeDrafts } from '../intake/IntakePage';
import { landingPage, navigate, parseRoute, useRoute, type PageId } from '../nav';
import { HomePage } from '../desk/HomePage';
import { NotInEducationPage } from '../education/NotInEducationPage';
import { StatsPage } from '../desk/StatsPage';
import { BackupOnLock, DemoBadge, backupStatusIfDue, placeFor, rememberLogin, rememberPlace } from './LockExtras';
import { AuditPage } from '../pages/AuditPage';
import { ChildCardPage } from '../pages/ChildCardPage';
import { NewChildPage, forgetNewChildDraft } from '../pages/NewChildPage';
import { OrgsPage } from '../pages/OrgsPage';
import { TerritoriesPage } from '../territories/TerritoriesPage';
import { PrintoutsPage } from '../reports/PrintoutsPage';
import { MovementPage } from '../school/MovementPage';
import { AttendancePage } from '../school/AttendancePage';
import { SchoolRegisterPage } from '../school/SchoolRegisterPage';
import { ReportsPage, forgetReportsDraft } from '../reports/ReportsPage';
import { INITIAL_VIEW, RegistryPage, type RegistryView } from '../pages/RegistryPage';
import { SettingsPage } from '../pages/SettingsPage';
import { UsersPage } from '../pages/UsersPage';
import { notifyError } from '../ui';

type Page = 'home' | 'stats' | 'registry' | 'education' | 'intake' | 'reports' | 'printouts' | 'orgs' | 'territories' | 'users' | 'audit' | 'settings' | 'movement' | 'attendance' | 'register';

const PAGES: { id: Page; label: string; needs: CallName }[] = [
  { id: 'home', label: 'Главная', needs: 'desk.deadlines' },
  { id: 'registry', label: 'Реестр', needs: 'children.search' },
  { id: 'education', label: 'Не обучаются', needs: 'education.list' },
  { id: 'intake', label: 'Списки', needs: 'intake.list' },
  { id: 'reports', label: 'Отчёты', needs: 'reports.make' },
  { id: 'attendance', label: 'Посещаемость', needs: 'attendance.grid' },
  { id: 'register', label: 'Внутришкольный учёт', needs: 'school.pupils' },
  { id: 'movement', label: 'Движение обучающихся', needs: 'movement.overview' },
  { id: 'printouts', label: 'Выданные документы', needs: 'reports.register' },
  { id: 'stats', label: 'Статистика', needs: 'desk.statistics' },
  { id: 'orgs', label: 'Организации', needs: 'orgs.list' },
  { id: 'territories', label: 'Территории и сверка', needs: 'territories.unresolved' },
  { id: 'users', label: 'Пользователи', needs: 'users.list' },
  { id: 'audit', label: 'Журнал', needs: 'audit.list' },
  { id: 'settings', label: 'Настройки', needs: 'settings.get' },
];

const TOUCH_EVERY_MS = 30_000;
const ACTIVITY_EVENTS = ['mousemove', 'keydown', 'click', 'wheel', 'touchstart'] as const;

/** Tells the server the user is active, at most once per 30 s, so the idle lock counts from the last real action. */
function useActivityTouch() {
  useEffect(() => {
    let last = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - last < TOUCH_EVERY_MS) return;
      last = now;
      // A LOCKED answer switches screens through the transport; nothing else to do here.
      api.call('session.touch', {}).catch(() => undefined);
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true, capture: true });
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity, { capture: true });
    };
  }, []);
}

interface Props {
  state: AppState;
  user: SessionUser;
  onChanged: () => void;
}

export function MainLayout({ state, user, onChanged }: Props) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const pages = PAGES.filter((p) => canCall(user.role, p.needs));
  const route = useRoute();
  const [locking, setLocking] = useState(false);
  // The registry's query, filters and place survive a visit to a card (in memory, for this session only).
  const registryView = useRef<RegistryView>(INITIAL_VIEW);
  useActivityTouch();
  // The same person unlocking comes back to the page and card where they were; anyone else starts at the registry.
  useEffect(() => {
    // The login stays filled on the unlock screen, however this session began (wizard, unlock, restore).
    rememberLogin(user.login);
    const place = placeFor(`${user.login}|${state.label ?? ''}`);
    if (place) navigate(parseRoute(place), { replace: true });
    else navigate({ page: landingPage(user.role) }, { replace: true });
  }, [user.login, user.role, state.label]);
  // Messages about the work left behind must not stay on the lock screen, nor a half-typed child.
  useEffect(
    () => () => {
      // Locked by the button, by idle time or from elsewhere: the place is kept for this login's next unlock.
      rememberPlace(`${user.login}|${state.label ?? ''}`, window.location.hash);
      notifications.clean();
      forgetNewChildDraft();
      forgetIntakeDrafts();
      forgetReportsDraft();
    },
    [user.login, state.label],
  );
  const allowed = (p: PageId) => p === 'child' || p === 'new' ? canCall(user.role, p === 'new' ? 'children.create' : 'children.card') : pages.some((x) => x.id === p);
  const page: PageId = allowed(route.page) ? route.page : 'registry';
  // The card and the new-child form belong to the registry in the menu.
  const section: Page = page === 'child' || page === 'new' ? 'registry' : page;

  const [backupOffer, setBackupOffer] = useState<CallOutput<'backup.status'> | null>(null);

  /** «Заблокировать» is the way out of browser mode: an administrator is offered a backup if none was made today. */
  async function lockOrOffer() {
    if (!state.demo && canCall(user.role, 'backup.status')) {
      setLocking(true);
      const due = await backupStatusIfDue();
      setLocking(false);
      if (due) return setBackupOffer(due);
    }
    await lock();
  }

  async function lock() {
    setBackupOffer(null);
    setLocking(true);
    try {
      await api.call('session.lock', {});
    } catch (e) {
      notifyError(e, 'Не удалось заблокировать');
    } finally {
      setLocking(false);
      onChanged();
    }
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Меню" />
            <Title order={1} size="h3">
              Учёт детей
            </Title>
            {state.demo && <DemoBadge onLeft={onChanged} />}
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text size="sm" fw={600} lineClamp={1}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {ROLE_LABELS[user.role]}
              </Text>
            </Stack>
            <Button variant="default" onClick={() => void lockOrOffer()} loading={locking}>
              Заблокировать
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Разделы">
        <AppShell.Section grow>
          {pages.map((p) => (
            <NavLink
              key={p.id}
              component="button"
              label={p.label}
              active={section === p.id}
              aria-current={section === p.id ? 'page' : undefined}
              onClick={() => {
                navigate({ page: p.id });
                close();
              }}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          ))}
        </AppShell.Section>
        {state.label && (
          <AppShell.Section>
            <Text size="xs" c="dimmed" p="xs">
              {state.label}
            </Text>
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <BackupOnLock status={backupOffer} onLock={() => void lock()} onCancel={() => setBackupOffer(null)} />
      <AppShell.Main bg="gray.0">
        {page === 'home' && <HomePage user={user} />}
        {page === 'stats' && <StatsPage />}
        {page === 'registry' && <RegistryPage user={user} view={registryView} />}
        {page === 'education' && <NotInEducationPage user={user} />}
        {page === 'child' && route.page === 'child' && <ChildCardPage key={route.id} id={route.id} user={user} />}
        {page === 'new' && <NewChildPage user={user} />}
        {page === 'intake' && route.page === 'intake' && <IntakePage path={route.path ?? ''} user={user} />}
        {page === 'reports' && <ReportsPage user={user} />}
        {page === 'printouts' && <PrintoutsPage user={user} />}
        {page === 'movement' && <MovementPage user={user} />}
        {page === 'attendance' && <AttendancePage user={user} />}
        {page === 'register' && route.page === 'register' && <SchoolRegisterPage user={user} childId={route.id ?? null} />}
        {page === 'orgs' && <OrgsPage user={user} />}
        {page === 'territories' && <TerritoriesPage user={user} />}
        {page === 'users' && <UsersPage user={user} />}
        {page === 'audit' && <AuditPage />}
        {page === 'settings' && <SettingsPage user={user} onChanged={onChanged} />}
      </AppShell.Main>
    </AppShell>
  );
}
