import { describe, expect, it } from 'vitest';
import { appPageUrl, isOwnPage, isTrustedSender, LOCK_EVENTS, permissionAllowed, safeSaveName } from '../../../electron/shell/policy';

const page = appPageUrl('/opt/Учёт детей/resources/app.asar/dist/renderer/index.html');

describe('the Electron shell: which page is ours', () => {
  it('accepts exactly our index.html, with or without a hash route', () => {
    expect(page.href).toBe('file:///opt/%D0%A3%D1%87%D1%91%D1%82%20%D0%B4%D0%B5%D1%82%D0%B5%D0%B9/resources/app.asar/dist/renderer/index.html');
    expect(isOwnPage(page.href, page)).toBe(true);
    expect(isOwnPage(`${page.href}#/registry`, page)).toBe(true);
    expect(isOwnPage('file:///opt/Учёт детей/resources/app.asar/dist/renderer/index.html', page)).toBe(true);
    // Outside Windows, case matters: another case is another file.
    expect(isOwnPage(page.href.replace('renderer', 'Renderer'), page, false)).toBe(false);
    expect(isOwnPage('file:///opt/%E0%A4%A/renderer/index.html', page)).toBe(false);
  });

  it('refuses a file URL with a host (a UNC path on Windows), another index.html, a query, and other schemes', () => {
    expect(isOwnPage('file://evil-host/opt/Учёт детей/resources/app.asar/dist/renderer/index.html', page)).toBe(false);
    expect(isOwnPage(page.href.replace('file:///', 'file://evil-host/'), page)).toBe(false);
    expect(isOwnPage('file:///tmp/x/renderer/index.html', page)).toBe(false);
    expect(isOwnPage('file:///tmp/opt/Учёт детей/resources/app.asar/dist/renderer/index.html', page)).toBe(false);
    expect(isOwnPage(`${page.href}?x=1`, page)).toBe(false);
    expect(isOwnPage(page.href.replace('file:', 'http:'), page)).toBe(false);
    expect(isOwnPage('https://example.org/renderer/index.html', page)).toBe(false);
    expect(isOwnPage('data:text/html,<b>renderer/index.html</b>', page)).toBe(false);
    expect(isOwnPage('not a url', page)).toBe(false);
    expect(isOwnPage('', page)).toBe(false);
  });

  it('on Windows the page URL has an empty host, and a UNC copy of it is refused', () => {
    // pathToFileURL turns C:\… into file:///C:/…; a share \\server\… becomes file://server/… and is not ours.
    const win = new URL('file:///C:/Program%20Files/uchet/resources/app.asar/dist/renderer/index.html');
    expect(win.host).toBe('');
    expect(isOwnPage('file:///C:/Program%20Files/uchet/resources/app.asar/dist/renderer/index.html', win, true)).toBe(true);
    // Chromium may write the drive letter or the escapes differently: the same file is still ours.
    expect(isOwnPage('file:///c:/Program Files/uchet/resources/app.asar/dist/renderer/index.html', win, true)).toBe(true);
    expect(isOwnPage('file://server/C:/Program%20Files/uchet/resources/app.asar/dist/renderer/index.html', win, true)).toBe(false);
    expect(isOwnPage('file://server/share/Program%20Files/uchet/resources/app.asar/dist/renderer/index.html', win, true)).toBe(false);
    expect(isOwnPage('file:///D:/Program%20Files/uchet/resources/app.asar/dist/renderer/index.html', win, true)).toBe(false);
  });

  it('only our main frame may call the services; a subframe or a missing frame may not', () => {
    expect(isTrustedSender({ url: page.href, isMainFrame: true }, page)).toBe(true);
    expect(isTrustedSender({ url: page.href, isMainFrame: false }, page)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/renderer/index.html', isMainFrame: true }, page)).toBe(false);
    expect(isTrustedSender(null, page)).toBe(false);
    expect(isTrustedSender(undefined, page)).toBe(false);
  });

  it('denies every permission a page may ask for', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'usb', 'serial', 'openExternal', 'fullscreen']) {
      expect(permissionAllowed(p)).toBe(false);
    }
  });

  it('offers a bare file name in the save dialog', () => {
    expect(safeSaveName('Реестр.xlsx')).toBe('Реестр.xlsx');
    expect(safeSaveName('../../etc/passwd')).toBe('passwd');
    expect(safeSaveName('C:\\Windows\\system32\\x.dll')).toBe('x.dll');
    expect(safeSaveName('a\u0000b:c.pdf')).toBe('a_b_c.pdf');
    expect(safeSaveName('..')).toBe('файл');
    expect(safeSaveName(undefined)).toBe('файл');
    expect(safeSaveName('x'.repeat(500)).length).toBe(200);
  });

  it('locks on every way out: quit from the menu, window closed, OS signals, screen lock', () => {
    expect(LOCK_EVENTS.app).toEqual(expect.arrayContaining(['before-quit', 'will-quit', 'window-all-closed']));
    expect(LOCK_EVENTS.window).toContain('close');
    expect(LOCK_EVENTS.process).toEqual(expect.arrayContaining(['SIGTERM', 'SIGINT']));
  });
});
