import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { CONTENT_SECURITY_POLICY, startWebServer, type WebServer } from '../../electron/web/server';
import { readFileSync } from 'node:fs';
import { LIMIT_ERRORS } from '../../electron/services/intake/fileLimits';
import { setUp, tempDir } from './helpers';
import { peakRssDuring, xfdWorkbook, zipBomb } from './hostileFiles';

let web: WebServer | null = null;
afterEach(async () => {
  await web?.close();
  web = null;
});

function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function start() {
  const dir = tempDir();
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Учёт детей</title>');
  web = await startWebServer({ dispatch: createDispatcher(new Workspace(join(dir, 'uchet.db'))), staticDir });
  const port = Number(new URL(web.url).port);
  return { port, host: `127.0.0.1:${port}`, token: web.token };
}

describe('browser mode server', () => {
  it('listens on loopback only and puts the token in the fragment', async () => {
    const { port } = await start();
    expect(web!.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[\\w-]{43}$`));
    expect((web!.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('answers a call with the right token', async () => {
    const { port, host, token } = await start();
    const res = await raw(port, '/api/call/app.state', { method: 'POST', headers: { host, 'x-uchet-token': token, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { state: 'no-database' } });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const { port, host } = await start();
    expect((await raw(port, '/api/call/app.state', { method: 'POST', headers: { host }, body: '{}' })).status).toBe(401);
    expect((await raw(port, '/api/call/app.state', { method: 'POST', headers: { host, 'x-uchet-token': 'x'.repeat(43) }, body: '{}' })).status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) and another Origin', async () => {
    const { port, host, token } = await start();
    const evilHost = await raw(port, '/api/call/app.state', { method: 'POST', headers: { host: 'evil.example:80', 'x-uchet-token': token }, body: '{}' });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await raw(port, '/api/call/app.state', { method: 'POST', headers: { host, origin: 'http://evil.example', 'x-uchet-token': token }, body: '{}' });
    expect(evilOrigin.status).toBe(403);
    expect((await raw(port, '/', { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('serves the page with a strict Content-Security-Policy and does not leave its folder', async () => {
    const { port, host } = await start();
    const page = await raw(port, '/', { headers: { host } });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    const escape = await raw(port, '/..%2f..%2f..%2fetc/passwd', { headers: { host } });
    expect(escape.body).not.toMatch(/root:/);
  });

  it('the page carries the same policy in a meta tag, for Electron where file:// has no headers', () => {
    const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors is ignored in a meta tag; everything else must match.
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});

/** Sends `total` bytes of body in 1 MiB chunks, stopping as soon as an answer comes; counts what was written before it. */
function flood(port: number, path: string, headers: Record<string, string>, total: number, chunked = false) {
  return new Promise<{ status: number; body: string; sentBeforeAnswer: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(total) } }, (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer }));
    });
    // The server closes the connection after refusing: writing into it then fails, which is the point.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('browser mode server: limits before reading (issue 7)', () => {
  it('refuses a 200 MB body to an unknown call on its headers, without reading it', async () => {
    const { port, host, token } = await start();
    const { result: res, peakMiB } = await peakRssDuring(() => flood(port, '/api/call/no.such', { host, 'x-uchet-token': token }, 200 * 1024 * 1024));
    expect(res.status).toBe(404);
    // Only what the sockets' buffers took before the answer, not the 200 MB.
    expect(res.sentBeforeAnswer).toBeLessThan(32 * 1024 * 1024);
    expect(peakMiB).toBeLessThan(100);
    // …and the server goes on answering.
    expect((await raw(port, '/api/call/app.state', { method: 'POST', headers: { host, 'x-uchet-token': token }, body: '{}' })).status).toBe(200);
  });

  it('a body over the call’s own limit: 413 on the declared length, and when sent without one, at the limit', async () => {
    const { port, host, token } = await start();
    const declared = await flood(port, '/api/call/app.state', { host, 'x-uchet-token': token }, 50 * 1024 * 1024);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toMatch(/Запрос больше допустимого для этого вызова \(1 МБ\)/);
    expect(declared.sentBeforeAnswer).toBeLessThan(32 * 1024 * 1024);
    const chunked = await flood(port, '/api/call/app.state', { host, 'x-uchet-token': token, 'transfer-encoding': 'chunked' }, 50 * 1024 * 1024, true);
    expect(chunked.status).toBe(413);
    expect(chunked.sentBeforeAnswer).toBeLessThan(32 * 1024 * 1024);
    // Without the token nothing is read either.
    expect((await flood(port, '/api/call/intake.upload', { host }, 100 * 1024 * 1024)).status).toBe(401);
  });

  it('a malformed % in a path is a 400, not a 500', async () => {
    const { port, host } = await start();
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js']) expect((await raw(port, path, { headers: { host } })).status).toBe(400);
  });

  it('an XFD workbook and zip bombs uploaded through the server: read or refused within the memory budget, the server answering meanwhile', async () => {
    const dir = tempDir();
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    const w = await setUp('zato-svobodny', join(dir, 'uchet.db'));
    const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
    web = await startWebServer({ dispatch: w.dispatch, staticDir });
    const port = Number(new URL(web.url).port);
    const headers = { host: `127.0.0.1:${port}`, 'x-uchet-token': web.token, 'content-type': 'application/json' };
    const files = { 'xfd.xlsx': xfdWorkbook(), 'бомба.xlsx': await zipBomb(300), 'бомба-ложь.xlsx': await zipBomb(300, true) };
    const callApi = async (name: string, input: unknown) => {
      const res = await raw(port, `/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
      return { status: res.status, ...(JSON.parse(res.body) as { ok: boolean; result?: { counts: { rows: number } }; error?: { message: string } }) };
    };
    for (const [fileName, bytes] of Object.entries(files)) {
      const { result, peakMiB } = await peakRssDuring(async () => {
        let done = false;
        const upload = callApi('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: '2026-09-01', fileName, base64: bytes.toString('base64') }).finally(() => (done = true));
        // Another call, sent while the upload is being read, is answered before it ends.
        await new Promise((r) => setTimeout(r, 20));
        const other = await callApi('app.state', {});
        const answeredDuringUpload = !done;
        return { upload: await upload, other, answeredDuringUpload };
      });
      expect(result.other).toMatchObject({ status: 200, ok: true });
      expect(result.answeredDuringUpload).toBe(true);
      if (fileName === 'xfd.xlsx') expect(result.upload.result?.counts.rows).toBe(3);
      else expect(result.upload.error?.message).toBe(LIMIT_ERRORS.unpackedTooLarge(fileName));
      expect(peakMiB, fileName).toBeLessThan(300);
    }
  });
});
