import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, session, shell, type IpcMainInvokeEvent } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clockFromEnv } from '../app/clock';
import { openWorkspace } from '../app/dataHome';
import { createDispatcher } from '../dispatcher';
import { CONTENT_SECURITY_POLICY } from '../web/server';
import { LOCK_EVENTS, appPageUrl, isOwnPage, isTrustedSender, permissionAllowed, safeSaveName } from './policy';

// The shell is thin on purpose: a window, a menu, IPC to the same dispatcher every transport uses, printing.
// Everything else runs (and is tested) without Electron.
process.env.UCHET_MIGRATIONS_DIR ??= join(__dirname, 'migrations');

const dataDir = app.getPath('userData');
// The real database, the demo (a folder of its own) and restored copies: electron/app/dataHome.ts.
const ws = openWorkspace(dataDir, clockFromEnv());
const dispatch = createDispatcher(ws);
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
/** The one page that may call the services: compared exactly (file:, empty host, this path), see policy.ts. */
const page = appPageUrl(rendererIndex);
const ownPage = (url: string) => isOwnPage(url, page);

const printDir = () => join(app.getPath('temp'), `uchet-print-${process.pid}`);

function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null, page);
}

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: 'Вызов не из окна приложения' } } as const;

/** Closes the database and zeroes its key. Safe to call any number of times. */
function lockNow(): void {
  try {
    ws.lock();
  } catch (err) {
    console.error(`Блокировка при выходе не удалась: ${(err as Error)?.name ?? 'ошибка'}`);
  }
}

let backupAsked = false;
let backupPending = false;

/**
 * Closing the window while an administrator is in and no backup was made today: «Сделать копию» (a folder from the
 * dialog, then backup.toFolder — verified by reopening), «Выйти без копии» or «Отмена». Asked once per closing.
 */
function offerBackupOnClose(win: BrowserWindow, e: Electron.Event): void {
  if (backupAsked || !ws.current || ws.current.user.role !== 'admin') return;
  e.preventDefault();
  backupAsked = true;
  backupPending = true;
  void (async () => {
    const status = await dispatch('backup.status', {});
    const due = status.ok && !(status.result as { madeToday: boolean }).madeToday;
    if (due) {
      const answer = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Сделать копию…', 'Выйти без копии', 'Отмена'],
        defaultId: 0,
        cancelId: 2,
        title: 'Резервная копия',
        message: 'Сегодня резервная копия не делалась. Сделать её перед выходом?',
      });
      if (answer.response === 2) {
        backupAsked = false;
        backupPending = false;
        return;
      }
      if (answer.response === 0) {
        const folder = await dialog.showOpenDialog(win, { properties: ['openDirectory', 'createDirectory'] });
        const path = folder.canceled ? undefined : folder.filePaths[0];
        if (path) {
          const made = await dispatch('backup.toFolder', { folder: path });
          await dialog.showMessageBox(win, made.ok ? { type: 'info', message: 'Копия сделана и проверена.' } : { type: 'error', message: `Копия не сделана: ${made.error.message}` });
        }
      }
    }
    backupPending = false;
    win.close();
  })().catch(() => {
    backupPending = false;
    win.close();
  });
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
  // Registered before the lock: a backup is offered on closing, if none was made today (administrators).
  win.on('close', (e) => offerBackupOnClose(win, e));
  // While the backup question is open the window stays and so does the session (the copy needs it).
  for (const event of LOCK_EVENTS.window) win.on(event, () => !backupPending && lockNow());
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
  // The page asks for nothing: camera, microphone, notifications, clipboard, devices — all refused.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  session.defaultSession.setDevicePermissionHandler(() => false);
  // Only our own page's main frame may call the services or open a dialog; nothing navigates away or opens windows.
  ipcMain.handle('uchet:call', (event, name: unknown, input: unknown) => {
    if (!trusted(event)) return FORBIDDEN;
    return dispatch(String(name), input);
  });
  ipcMain.handle('uchet:save-dialog', async (event, defaultName: unknown) => {
    if (!trusted(event)) return null;
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: safeSaveName(defaultName) };
    const res = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return res.canceled ? null : res.filePath;
  });
  ipcMain.handle('uchet:print-pdf', async (event, base64: unknown, title: unknown) => {
    if (!trusted(event) || typeof base64 !== 'string') return false;
    // The printout goes to a private temporary folder, removed when the app quits (it holds children's data).
    mkdirSync(printDir(), { recursive: true, mode: 0o700 });
    const name = safeSaveName(title).replace(/(\.pdf)?$/i, '.pdf');
    const file = join(printDir(), name);
    writeFileSync(file, Buffer.from(base64, 'base64'), { mode: 0o600 });
    const error = await shell.openPath(file);
    if (error) throw new Error(`Не удалось открыть документ для печати: ${error}`);
    return true;
  });
  // Folders and backup files for «Резервная копия» and «Восстановить из копии» (Настройки).
  ipcMain.handle('uchet:folder-dialog', async (event) => {
    if (!trusted(event)) return null;
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
    const res = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return res.canceled ? null : (res.filePaths[0] ?? null);
  });
  ipcMain.handle('uchet:backup-file-dialog', async (event) => {
    if (!trusted(event)) return null;
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openFile' as const], filters: [{ name: 'Резервная копия «Учёта детей»', extensions: ['uchetbak'] }] };
    const res = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return res.canceled ? null : (res.filePaths[0] ?? null);
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!ownPage(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!ownPage(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  for (const event of LOCK_EVENTS.powerMonitor) powerMonitor.on(event as 'lock-screen', lockNow);
  buildMenu();
  createWindow();
  setInterval(() => ws.lockIfIdle(), 15_000).unref();
});

// Every way out locks first: «Выход» in the menu (role quit) and Ctrl+Q go through before-quit; closing the last
// window through window-all-closed; the OS through will-quit or a signal.
for (const event of LOCK_EVENTS.app) app.on(event as 'before-quit', lockNow);
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => rmSync(printDir(), { recursive: true, force: true }));
for (const signal of LOCK_EVENTS.process) {
  process.on(signal, () => {
    lockNow();
    app.exit(0);
  });
}
