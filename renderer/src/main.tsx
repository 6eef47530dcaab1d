import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './app.css';

import { Badge, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  // Capitals make Russian status words harder to read.
  components: { Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }) },
  fontFamily: 'system-ui, "Segoe UI", "Noto Sans", "PT Sans", "Liberation Sans", Arial, sans-serif',
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="bottom-right" />
        <App />
      </MantineProvider>
    </StrictMode>,
  );
}
