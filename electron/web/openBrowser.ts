import { spawn } from 'node:child_process';

/** The command that opens an address in the default browser: xdg-open (Linux, Astra, ALT), open (macOS), Windows' URL handler. */
export function browserCommand(url: string, platform: NodeJS.Platform = process.platform): { cmd: string; args: string[] } {
  if (platform === 'win32') return { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  if (platform === 'darwin') return { cmd: 'open', args: [url] };
  return { cmd: 'xdg-open', args: [url] };
}

/**
 * Opens the address in the default browser. Never throws and never stops the start: where there is no browser
 * (or no xdg-open) it answers with the reason in Russian, and the caller prints it with the address to open by hand.
 */
export function openBrowser(url: string, timeoutMs = 5_000): Promise<{ opened: true } | { opened: false; reason: string }> {
  const { cmd, args } = browserCommand(url);
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: { opened: true } | { opened: false; reason: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    // xdg-open may stay as long as the browser it started: not answering in time means the browser is up.
    const timer = setTimeout(() => finish({ opened: true }), timeoutMs);
    timer.unref();
    try {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: process.platform !== 'win32', windowsHide: true });
      child.on('error', (err: NodeJS.ErrnoException) =>
        finish({ opened: false, reason: err.code === 'ENOENT' ? `нет программы ${cmd}` : `${cmd}: ${err.code ?? err.name}` }),
      );
      child.on('exit', (code) => finish(code === 0 ? { opened: true } : { opened: false, reason: `${cmd} не нашёл браузер (код ${code})` }));
      child.unref();
    } catch (err) {
      finish({ opened: false, reason: `${cmd}: ${(err as Error).name}` });
    }
  });
}
