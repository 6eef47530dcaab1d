import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE_NAME } from '../app/paths';
import { clockFromEnv } from '../app/clock';
import { Workspace } from '../app/workspace';
import { createDispatcher } from '../dispatcher';
import { CONTENT_SECURITY_POLICY } from '../web/server';

// The shell is thin on purpose: a window, a menu, IPC to the same dispatcher every transport uses, printing.
// Everything else runs (and is tested) without Electron.
process.env.UCHET_MIGRATIONS_DIR ??= join(__dirname, 'migrations');

const dataDir = app.getPath('userData');
mkdirSync(dataDir, { recursive: true });
const ws = new Workspace(join(dataDir, DB_FILE_NAME), clockFromEnv());
const dispatch = createDispatcher(ws);
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');

function isOwnPage(url: string): boolean {
  return url.startsWith('file://') && decodeURIComponent(new URL(url).pathname).endsWith('/renderer/index.html');
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Учёт детей',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  void win.loadFile(rendererIndex);
  return win;
}

function buildMenu(): void {
  const focused = () => BrowserWindow.getFocusedWindow();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: 'Файл',
        submenu: [
          {
            label: 'Заблокировать',
            accelerator: 'CmdOrCtrl+L',
            click: () => {
              void dispatch('session.lock', {}).then(() => focused()?.webContents.reload());
            },
          },
          { label: 'Печать…', accelerator: 'CmdOrCtrl+P', click: () => focused()?.webContents.print({ printBackground: true }) },
          { type: 'separator' },
          { label: 'Выход', role: 'quit' },
        ],
      },
      { label: 'Правка', submenu: [{ role: 'undo', label: 'Отменить' }, { role: 'redo', label: 'Повторить' }, { type: 'separator' }, { role: 'cut', label: 'Вырезать' }, { role: 'copy', label: 'Копировать' }, { role: 'paste', label: 'Вставить' }, { role: 'selectAll', label: 'Выделить всё' }] },
      { label: 'Вид', submenu: [{ role: 'resetZoom', label: 'Обычный размер' }, { role: 'zoomIn', label: 'Крупнее' }, { role: 'zoomOut', label: 'Мельче' }, { role: 'togglefullscreen', label: 'Во весь экран' }] },
    ]),
  );
}

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Only our own page may call the services; nothing navigates away or opens new windows.
  ipcMain.handle('uchet:call', (event, name: unknown, input: unknown) => {
    if (!isOwnPage(event.senderFrame?.url ?? '')) return { ok: false, error: { code: 'FORBIDDEN', message: 'Вызов не из окна приложения' } };
    return dispatch(String(name), input);
  });
  ipcMain.handle('uchet:save-dialog', async (_event, defaultName: unknown) => {
    const res = await dialog.showSaveDialog({ defaultPath: String(defaultName ?? '') });
    return res.canceled ? null : res.filePath;
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isOwnPage(url)) e.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  buildMenu();
  createWindow();
  setInterval(() => ws.lockIfIdle(), 15_000).unref();
});

app.on('window-all-closed', () => {
  ws.lock();
  app.quit();
});
