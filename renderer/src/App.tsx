import { Alert, Button, Center, Loader, Stack, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppState } from '../../shared/api';
import { ApiError } from '../../shared/api';
import { NO_TOKEN, TOKEN_MESSAGE, api, errorText, onSessionLost } from './api';
import { setServerToday } from './format';
import { MainLayout } from './screens/MainLayout';
import { SetupWizard } from './screens/SetupWizard';
import { UnlockScreen } from './screens/UnlockScreen';

const POLL_MS = 10_000;

export function App() {
  const [state, setState] = useState<AppState | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  // Once the wizard has started it stays until «Начать работу»: the server is unlocked as soon as
  // the database exists, but the recovery code must still be read.
  const [inSetup, setInSetup] = useState(false);
  const loaded = useRef(false);

  const refresh = useCallback(async () => {
    try {
      const next = await api.call('app.state', {});
      loaded.current = true;
      setServerToday(next.today);
      setFatal(null);
      setState(next);
      if (next.state === 'no-database') setInSetup(true);
    } catch (e) {
      if (e instanceof ApiError && (e.code as string) === NO_TOKEN) setFatal(TOKEN_MESSAGE);
      // A failed poll keeps the current screen; only the first load has nothing to show instead.
      else if (!loaded.current) setFatal(errorText(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionLost((code) => {
      if (code === NO_TOKEN) setFatal(TOKEN_MESSAGE);
      else void refresh();
    });
  }, [refresh]);

  useEffect(() => {
    if (inSetup) return;
    // The poll is not user activity: it only notices the idle lock the server applied.
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [inSetup, refresh]);

  if (fatal) {
    return (
      <Center h="100vh" p="md">
        <Stack maw={520} gap="md">
          <Title order={2}>Учёт детей</Title>
          <Alert color="red" title="Нет доступа к программе">
            {fatal}
          </Alert>
          {fatal !== TOKEN_MESSAGE && <Button onClick={() => void refresh()}>Повторить</Button>}
        </Stack>
      </Center>
    );
  }

  if (!state) {
    return (
      <Center h="100vh">
        <Loader aria-label="Загрузка" />
      </Center>
    );
  }

  if (inSetup) {
    return (
      <SetupWizard
        onDone={() => {
          setInSetup(false);
          void refresh();
        }}
      />
    );
  }

  if (state.state === 'unlocked' && state.user) {
    return <MainLayout key={state.user.id} state={state} user={state.user} onChanged={refresh} />;
  }

  return <UnlockScreen label={state.label} retryAfterMs={state.retryAfterMs} onUnlocked={refresh} demo={state.demo ?? false} />;
}
