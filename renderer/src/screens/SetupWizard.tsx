import {
  Alert,
  Box,
  Button,
  Checkbox,
  Container,
  Group,
  Loader,
  Modal,
  Paper,
  Progress,
  Radio,
  Stack,
  Stepper,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { loginSchema, type CallOutput } from '../../../shared/api';
import { api, errorText } from '../api';
import { plural, todayRu } from '../format';
import { fieldErrors } from '../ui';
import { NewPasswordFields, newPasswordErrors } from '../NewPasswordFields';

type Profile = CallOutput<'setup.profiles'>[number];
type Demo = CallOutput<'setup.demo'>;

/** Enough children to see filters, paging and duplicates at work, made in seconds. */
const DEMO_CHILDREN = 3000;
const DEMO_PROFILE = 'zato-svobodny';
type Errors = Record<string, string>;

const FIELDS = ['profileId', 'departmentName', 'adminName', 'adminLogin', 'password', 'password2'] as const;

/** The name is one line in every report header: Enter in the text area must not break it. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? 'Неверное значение');
}

export function SetupWizard({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState(0);
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [profileId, setProfileId] = useState('');
  const [departmentName, setDepartmentName] = useState('');
  const [adminName, setAdminName] = useState('');
  const [adminLogin, setAdminLogin] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demo, setDemo] = useState<Demo | null>(null);
  const [demoError, setDemoError] = useState<string | null>(null);

  useEffect(() => {
    api.call('setup.profiles', {}).then(setProfiles, (e: unknown) => setLoadError(errorText(e)));
  }, []);

  function chooseProfile(id: string) {
    setProfileId(id);
    const p = profiles?.find((x) => x.id === id);
    if (p) setDepartmentName(p.departmentName);
    setErrors({});
  }

  function checkFirst(): boolean {
    const e: Errors = {};
    if (!profileId) e.profileId = 'Выберите порядок учёта';
    if (!departmentName.trim()) e.departmentName = 'Укажите наименование органа образования';
    setErrors(e);
    return Object.keys(e).length === 0;
  }

  function checkSecond(): boolean {
    const e: Errors = {};
    if (!adminName.trim()) e.adminName = 'Укажите Ф.И.О. администратора';
    const login = firstIssue(loginSchema.safeParse(adminLogin));
    if (login) e.adminLogin = login;
    const pw = newPasswordErrors(password, password2);
    if (pw.password) e.password = pw.password;
    if (pw.repeat) e.password2 = pw.repeat;
    setErrors(e);
    return Object.keys(e).length === 0;
  }

  async function create() {
    if (!checkSecond()) return;
    setBusy(true);
    try {
      const res = await api.call('setup.create', { profileId, departmentName, adminLogin, adminName, password });
      setRecoveryCode(res.recoveryCode);
      setPassword('');
      setPassword2('');
      setStep(2);
    } catch (e) {
      const fe = fieldErrors(e, FIELDS);
      if (Object.keys(fe).length === 0) fe[''] = errorText(e);
      setErrors(fe);
      if (fe.profileId || fe.departmentName) setStep(0);
    } finally {
      setBusy(false);
    }
  }

  async function tryDemo() {
    setDemoBusy(true);
    setDemoError(null);
    try {
      // The session is unlocked by the call itself: only the login and password are left to show.
      setDemo(await api.call('setup.demo', { children: DEMO_CHILDREN, profileId: profileId || DEMO_PROFILE }));
    } catch (e) {
      setDemoError(errorText(e));
    } finally {
      setDemoBusy(false);
    }
  }

  if (demo) {
    return (
      <Box mih="100vh" bg="gray.1">
        <Container size={640} py="xl">
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Stack gap="lg">
              <div>
                <Title order={1} size="h2">
                  Учёт детей
                </Title>
                <Text c="dimmed">Демонстрационная база данных создана</Text>
              </div>
              <Alert color="blue" title="Все сведения в ней вымышлены">
                Муниципалитет, школы, дети и их родители придуманы программой: {demo.children.toLocaleString('ru-RU')}{' '}
                {plural(demo.children, 'ребёнок', 'ребёнка', 'детей')}. Пробуйте всё — поиск, карточки, объединение, выгрузку.
              </Alert>
              <Paper withBorder p="md" bg="gray.0">
                <Stack gap={6}>
                  <Text size="sm" c="dimmed">
                    Для входа после блокировки:
                  </Text>
                  <Group gap="xs">
                    <Text w={70}>Логин</Text>
                    <Text ff="monospace" fw={700} data-testid="demo-login">
                      {demo.login}
                    </Text>
                  </Group>
                  <Group gap="xs">
                    <Text w={70}>Пароль</Text>
                    <Text ff="monospace" fw={700} data-testid="demo-password">
                      {demo.password}
                    </Text>
                  </Group>
                </Stack>
              </Paper>
              <Group justify="flex-end">
                <Button onClick={onDone} autoFocus>
                  Начать работу
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Container>
      </Box>
    );
  }

  return (
    <Box mih="100vh" bg="gray.1">
    <Modal opened={demoBusy} onClose={() => undefined} withCloseButton={false} closeOnClickOutside={false} closeOnEscape={false} centered>
      <Stack gap="md" p="xs" role="status">
        <Group gap="sm" wrap="nowrap">
          <Loader size="sm" />
          <Text fw={600}>Создаём демонстрационный муниципалитет…</Text>
        </Group>
        <Progress value={100} animated striped aria-label="Создание демонстрационной базы" />
        <Text size="sm" c="dimmed">
          Школы, детские сады, улицы и {DEMO_CHILDREN.toLocaleString('ru-RU')} вымышленных детей с родителями. Обычно это
          занимает меньше минуты.
        </Text>
      </Stack>
    </Modal>
    <Container size={760} py="xl">
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              Учёт детей
            </Title>
            <Text c="dimmed">Первый запуск: создание защищённой базы данных</Text>
          </div>

          <Stepper active={step} onStepClick={recoveryCode ? undefined : (s) => s < step && setStep(s)} size="sm">
            <Stepper.Step label="Порядок учёта" description="Муниципалитет">
              <Stack gap="md" mt="md">
                {loadError && <Alert color="red">{loadError}</Alert>}
                {!profiles && !loadError && <Loader size="sm" aria-label="Загрузка" />}
                {profiles && (
                  <Radio.Group
                    value={profileId}
                    onChange={chooseProfile}
                    label="Порядок учёта детей"
                    description="Выберите муниципалитет, чей порядок учёта вы ведёте"
                    error={errors.profileId}
                  >
                    <Stack gap="sm" mt="xs">
                      {profiles.map((p) => (
                        <Radio.Card key={p.id} value={p.id} p="md" radius="md">
                          <Group wrap="nowrap" align="flex-start">
                            <Radio.Indicator />
                            <div>
                              <Text fw={600}>{p.title}</Text>
                              <Text size="sm" c="dimmed">
                                {p.departmentName}
                              </Text>
                            </div>
                          </Group>
                        </Radio.Card>
                      ))}
                    </Stack>
                  </Radio.Group>
                )}
                <Textarea
                  label="Наименование органа образования"
                  autosize
                  minRows={1}
                  maxRows={4}
                  description="Печатается в отчётах и на экране входа"
                  value={departmentName}
                  onChange={(e) => setDepartmentName(oneLine(e.currentTarget.value))}
                  error={errors.departmentName}
                  required
                />
                {demoError && (
                  <Alert color="red" title="Демонстрационная база не создана">
                    {demoError}
                  </Alert>
                )}
                <Group justify="space-between">
                  <Button
                    variant="default"
                    onClick={() => void tryDemo()}
                    loading={demoBusy}
                    title="Вымышленный муниципалитет, чтобы посмотреть программу в работе"
                  >
                    Попробовать на демо-данных
                  </Button>
                  <Button onClick={() => checkFirst() && setStep(1)}>Далее</Button>
                </Group>
              </Stack>
            </Stepper.Step>

            <Stepper.Step label="Администратор" description="Первый пользователь">
              <Stack gap="md" mt="md">
                <Text size="sm">
                  Администратор заводит пользователей и настраивает программу. Пароль нужен для каждого входа: без
                  него база данных не откроется.
                </Text>
                <TextInput
                  label="Ф.И.О. администратора"
                  value={adminName}
                  onChange={(e) => setAdminName(e.currentTarget.value)}
                  error={errors.adminName}
                  required
                />
                <TextInput
                  label="Логин"
                  description="Латинские буквы, цифры, точка, дефис"
                  value={adminLogin}
                  onChange={(e) => setAdminLogin(e.currentTarget.value)}
                  error={errors.adminLogin}
                  autoComplete="username"
                  required
                />
                <NewPasswordFields
                  description="Не короче 8 символов; удобнее всего фраза из нескольких слов"
                  value={password}
                  repeat={password2}
                  onChange={setPassword}
                  onRepeatChange={setPassword2}
                  errors={{ password: errors.password, repeat: errors.password2 }}
                  required
                />
                {errors[''] && <Alert color="red">{errors['']}</Alert>}
                <Group justify="space-between">
                  <Button variant="default" onClick={() => setStep(0)} disabled={busy}>
                    Назад
                  </Button>
                  <Button onClick={() => void create()} loading={busy}>
                    Создать базу данных
                  </Button>
                </Group>
              </Stack>
            </Stepper.Step>

            <Stepper.Step label="Код восстановления" description="Сохраните его">
              {recoveryCode && (
                <Stack gap="md" mt="md">
                  <Alert color="yellow" title="Код восстановления">
                    Запишите или распечатайте код и храните его в сейфе: он откроет базу, если все пароли забыты.
                    Больше он показан не будет.
                  </Alert>
                  <Paper withBorder p="lg" bg="gray.0">
                    <Text className="recovery-code">
                      {recoveryCode}
                    </Text>
                  </Paper>
                  <Group>
                    <Button variant="default" onClick={() => window.print()}>
                      Распечатать
                    </Button>
                  </Group>
                  <Checkbox
                    label="Я сохранил код восстановления"
                    checked={saved}
                    onChange={(e) => setSaved(e.currentTarget.checked)}
                  />
                  <Group justify="flex-end">
                    <Button disabled={!saved} onClick={onDone}>
                      Начать работу
                    </Button>
                  </Group>
                  {createPortal(
                    <div className="print-sheet">
                      <h1>Код восстановления базы данных «Учёт детей»</h1>
                      <p>{departmentName}</p>
                      <div className="recovery-code">{recoveryCode}</div>
                      <p>
                        Код открывает базу данных, если все пароли забыты. Храните этот лист в сейфе и никому не
                        передавайте.
                      </p>
                      <p>Дата: {todayRu()}</p>
                    </div>,
                    document.body,
                  )}
                </Stack>
              )}
            </Stepper.Step>
          </Stepper>
        </Stack>
      </Paper>
    </Container>
    </Box>
  );
}
