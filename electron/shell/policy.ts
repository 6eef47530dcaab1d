import { pathToFileURL } from 'node:url';

/**
 * The shell's decisions, kept free of Electron so unit tests reach them (test/unit/shell/policy.test.ts):
 * which page is ours, which sender may call the services, what a page may ask for, and when to lock.
 */

/** The exact URL of our index.html: file:, empty host, the absolute path (on Windows file:///C:/…). */
export function appPageUrl(indexPath: string): URL {
  return pathToFileURL(indexPath);
}

/**
 * A URL is our page only if it is file: with an empty host and exactly our index.html's path (a hash route is
 * allowed). Anything else is refused: `file://host/share/…/renderer/index.html` (a UNC path on Windows), another
 * index.html elsewhere on the disk, http(s), data:, a path that only ends like ours.
 */
export function isOwnPage(url: string, page: URL, windowsPaths = process.platform === 'win32'): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'file:' || u.host !== '' || page.host !== '' || u.search !== '' || u.username !== '' || u.password !== '') return false;
  // Chromium and Node may percent-encode a path differently (and Windows paths ignore case): compare decoded paths.
  const path = (p: string) => {
    try {
      const decoded = decodeURIComponent(p);
      return windowsPaths ? decoded.toLowerCase() : decoded;
    } catch {
      return null;
    }
  };
  const mine = path(page.pathname);
  return mine !== null && path(u.pathname) === mine;
}

/** A frame that may call the services or open a dialog: the main frame of our page, nothing embedded in it. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined, page: URL, windowsPaths?: boolean): boolean {
  return !!frame && frame.isMainFrame && isOwnPage(frame.url, page, windowsPaths);
}

/** Camera, microphone, notifications, geolocation, clipboard, HID, USB, serial…: the page needs none of them. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/** The name offered in a save dialog: a bare file name (no folders, no control characters), never empty. */
export function safeSaveName(name: unknown): string {
  const base = String(name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return base || 'файл';
}

/**
 * Every way the app can end, each of which must lock the database first (close it and zero its key):
 * the menu's «Выход» (role quit → before-quit), the window closed, all windows closed, the OS ending the
 * session or the process (will-quit, SIGTERM, SIGINT), the screen locked or the machine suspended.
 */
export const LOCK_EVENTS = {
  app: ['before-quit', 'will-quit', 'window-all-closed'],
  window: ['close'],
  powerMonitor: ['lock-screen', 'suspend'],
  process: ['SIGTERM', 'SIGINT', 'SIGHUP'],
} as const;
