/**
 * Old Excel (.xls, BIFF in an OLE container) converted to .xlsx by LibreOffice, where it is installed (Astra and
 * ALT Linux workstations have it): `soffice --headless --convert-to xlsx --outdir <tmp>`, in a folder of its own,
 * with a profile of its own (a LibreOffice window the person has open would otherwise take the job and convert
 * nothing), and a time limit. The .xlsx it writes is then read by the .xlsx reader with its limits.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A list of 50,000 rows converts in well under a minute; a converter that hangs is stopped. */
export const SOFFICE_TIMEOUT_MS = 120_000;

export const SOFFICE_ERRORS = {
  failed: (f: string, detail: string) =>
    `Файл «${f}» — старый формат Excel, и LibreOffice не смог преобразовать его (${detail}). Откройте его в Excel или LibreOffice Calc и сохраните как «Книга Excel (*.xlsx)», затем загрузите снова.`,
} as const;

export type XlsConversion = { kind: 'absent' } | { kind: 'failed'; detail: string } | { kind: 'ok'; xlsx: Buffer };

const CANDIDATES = ['soffice', 'libreoffice'];
const WELL_KNOWN = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', 'C:\\Program Files\\LibreOffice\\program\\soffice.exe'];

/** The converter: UCHET_SOFFICE when set (an administrator's choice), else soffice on the PATH or where it installs. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env['UCHET_SOFFICE'];
  if (chosen !== undefined) return chosen !== '' && existsSync(chosen) ? chosen : null;
  const exe = process.platform === 'win32' ? '.exe' : '';
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of CANDIDATES) if (existsSync(join(dir, name + exe))) return join(dir, name + exe);
  }
  return WELL_KNOWN.find((p) => existsSync(p)) ?? null;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: process.platform !== 'win32' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole group: soffice starts soffice.bin, which would outlive its parent.
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.once('error', () => {
      clearTimeout(timer);
      resolve({ code: -1, timedOut });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

export async function convertXls(bytes: Buffer, _fileName: string, timeoutMs = SOFFICE_TIMEOUT_MS): Promise<XlsConversion> {
  const soffice = findSoffice();
  if (soffice === null) return { kind: 'absent' };
  const dir = await mkdtemp(join(tmpdir(), 'uchet-xls-'));
  try {
    // The person's file name may hold anything; the converter gets a plain one.
    const input = join(dir, 'list.xls');
    const out = join(dir, 'out');
    await writeFile(input, bytes);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const { code, timedOut } = await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx', '--outdir', out, input], timeoutMs);
    if (timedOut) return { kind: 'failed', detail: `не уложился в ${Math.round(timeoutMs / 1000)} с` };
    const produced = existsSync(out) ? (await readdir(out)).find((n) => n.toLowerCase().endsWith('.xlsx')) : undefined;
    if (produced === undefined) return { kind: 'failed', detail: code === -1 ? 'LibreOffice не запустился' : 'LibreOffice не создал файл' };
    return { kind: 'ok', xlsx: await readFile(join(out, produced)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
