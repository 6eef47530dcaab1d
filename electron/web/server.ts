import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { contract, DEFAULT_MAX_BODY_BYTES, isCallName } from '../../shared/api/contract';
import type { Dispatch } from '../dispatcher';

/** Same policy as the Electron window: nothing from outside, no inline scripts. Mantine needs inline styles. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface WebServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Browser mode: the renderer and the API on 127.0.0.1 only. A random token per launch travels in the URL
 * fragment (never sent to a server or written to a log) and then in a header; a request without it, or
 * with a Host or Origin other than this address (DNS rebinding, another site), is refused.
 */
export async function startWebServer(opts: { dispatch: Dispatch; staticDir: string; port?: number }): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let allowedHosts: Set<string> = new Set();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Внутренняя ошибка сервера' } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(req, res, 403, { error: 'Недопустимый адрес' });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return refuse(req, res, 403, { error: 'Недопустимый источник запроса' });

    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return refuse(req, res, 400, { error: 'Неверный адрес запроса' });
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(req, res, 405, { error: 'Метод не поддерживается' });
    return serveStatic(res, url.pathname);
  }

  /**
   * Everything that can refuse a call is checked on the headers alone — token, method, the call's name, the
   * declared length against the call's limit — so a large body sent to the wrong place is never read.
   */
  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const given = Buffer.from(String(req.headers['x-uchet-token'] ?? ''));
    if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) {
      return refuse(req, res, 401, { error: 'Нет ключа доступа: откройте адрес, который напечатала команда запуска' });
    }
    const name = /^\/api\/call\/([a-zA-Z.]+)$/.exec(url.pathname)?.[1];
    if (name === undefined || !isCallName(name) || req.method !== 'POST') return refuse(req, res, 404, { error: 'Нет такого вызова' });
    const limit = contract[name].maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return refuse(req, res, 413, tooLarge(limit));
    let body: string;
    try {
      body = await readBody(req, limit);
    } catch (err) {
      if (err instanceof BodyTooLarge) return refuse(req, res, 413, tooLarge(limit));
      throw err;
    }
    let input: unknown;
    try {
      input = JSON.parse(body || '{}');
    } catch {
      return send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Тело запроса — не JSON' } });
    }
    send(res, 200, await opts.dispatch(name, input));
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const root = normalize(opts.staticDir);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, { error: 'Неверный адрес: испорченная последовательность «%»' });
    }
    let file = normalize(join(root, decoded));
    if (!file.startsWith(root + sep) && file !== root) return send(res, 403, { error: 'Запрещено' });
    const info = await stat(file).catch(() => null);
    // Unknown paths fall back to the single page, so a reload keeps working.
    if (!info || info.isDirectory()) file = join(root, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (!body) return send(res, 404, { error: 'Интерфейс не собран: выполните npm run build:renderer' });
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const tooLarge = (limit: number) => ({
  ok: false,
  error: { code: 'VALIDATION', message: `Запрос больше допустимого для этого вызова (${Math.round(limit / 1024 / 1024) || 1} МБ) и не принят.` },
});

/**
 * Answers and closes the connection without reading what the client is still sending: the answer goes out,
 * the rest of the body is never buffered.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const complete = req.complete || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
  if (!complete) res.setHeader('Connection', 'close');
  res.once('finish', () => {
    if (!complete) req.socket.destroySoon();
  });
  send(res, status, body);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
