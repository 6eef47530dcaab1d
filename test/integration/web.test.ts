import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { CONTENT_SECURITY_POLICY, startWebServer, type WebServer } from '../../electron/web/server';
import { readFileSync } from 'node:fs';
import { tempDir } from './helpers';

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
