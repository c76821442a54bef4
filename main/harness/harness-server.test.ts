import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { createAppCore, type AppCore } from '../core/app-core.js';
import { memoryClipboard } from '../core/clipboard/clipboard-port.js';
import { adjustableClock, ManualClock } from '../core/clock.js';
import { memoryKeyStore } from '../core/keystore/memory-key-store.js';
import { silentLogger } from '../core/logger.js';
import { appResponseHeaders } from '../electron/renderer-files.js';
import { recordedCapture, startHarnessServer, type HarnessServer } from './harness-server.js';

// Real HTTP and WebSocket clients from Node: what any local process can do. Each request sets its own headers (Host,
// Origin, Cookie) as a non-browser client would.

const lowerCased = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

let core: AppCore;
let server: HarnessServer;
let host: string;
let origin: string;
const announced: string[] = [];

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'harness-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger });
  const clipboard = memoryClipboard();
  await clipboard.writeText('what the person copied');
  server = await startHarnessServer(core, {
    rendererDir,
    port: 0,
    testControls: { clipboard, clock: adjustableClock(), capture: recordedCapture() },
    onLoginUrl: (url) => announced.push(url),
  });
  origin = server.url.replace(/\/$/, '');
  host = new URL(origin).host;
});
afterAll(async () => {
  await server.close();
  core.dispose();
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with exactly these headers (Host included; an empty Host: none at all), no redirect followed. */
function get(route: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const { Host = host, ...others } = headers;
  return new Promise((resolve, reject) => {
    const options = { method, setHost: false, headers: Host === '' ? others : { Host, ...others } };
    const req = request(`${origin}${route}`, options, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(headers: Record<string, string>, route = '/rpc'): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}${route}`, { headers: { Host: host, ...headers } });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

function call(ws: WebSocket, method: string, request: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    const onMessage = (raw: WebSocket.RawData) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: number; result?: unknown };
      if (message.type === 'reply' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, request }));
  });
}

/** Opens a one-time URL as the browser would: the session cookie it is traded for, and where it sends the browser. */
async function signIn(loginUrl: string): Promise<{ cookie: string; setCookie: string; location: string }> {
  const { pathname, search } = new URL(loginUrl);
  const reply = await get(pathname + search);
  expect(reply.status).toBe(303);
  const setCookie = reply.headers['set-cookie']?.[0] ?? '';
  return { cookie: setCookie.split(';')[0]!, setCookie, location: String(reply.headers.location) };
}

const HTTP_ROUTES = ['/', '/index.html', '/tray', '/harness-bridge.js', '/harness-tray.css', '/assets/app.js', '/no-such-file.js', '/test/clipboard', '/test/clock'];

/** Every route refuses these headers: the HTTP routes with 401/403 and the socket with 401/403 before any upgrade. */
async function expectRefusedEverywhere(headers: Record<string, string>, statuses: number[], query = '') {
  for (const route of HTTP_ROUTES) {
    const reply = await get(`${route}${query}`, headers);
    expect(statuses, `${route}${query}`).toContain(reply.status);
    expect(reply.body, route).toMatch(/Open the URL printed in the terminal/);
    expect(reply.headers['set-cookie'], route).toBeUndefined();
    expect(reply.body).not.toContain('<script');
  }
  expect(statuses, `/rpc${query}`).toContain(await connect({ Origin: origin, ...headers }, `/rpc${query}`));
}

describe('the way in: the one-time URL printed to the terminal', () => {
  let session: { cookie: string; setCookie: string; location: string };
  let usedLoginUrl: string;

  beforeAll(async () => {
    usedLoginUrl = server.loginUrl();
    session = await signIn(usedLoginUrl);
  });

  test('its token buys an HttpOnly, SameSite=Strict, Path=/ cookie (not the token), and the browser is sent on without the token', () => {
    const token = new URL(usedLoginUrl).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(40); // 32 random bytes, base64url
    expect(session.location).toBe('/');
    const attributes = session.setCookie.split(';').map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    const value = session.cookie.split('=')[1]!;
    expect(value.length).toBeGreaterThanOrEqual(40);
    expect(value).not.toBe(token);
    // A new one-time URL is announced for the next browser, and it is not the used one.
    expect(announced.at(-1)).toBe(server.loginUrl());
    expect(server.loginUrl()).not.toBe(usedLoginUrl);
  });

  test('with the cookie the page, its assets, the tray page and the socket answer; the page holds no secret', async () => {
    for (const route of ['/', '/tray', '/harness-bridge.js', '/assets/app.js']) {
      expect((await get(route, { Cookie: session.cookie })).status, route).toBe(200);
    }
    const page = await get('/', { Cookie: session.cookie });
    expect(page.body).not.toContain(session.cookie.split('=')[1]!);
    expect(page.body).not.toMatch(/token/i);
    const ws = await connect({ Cookie: session.cookie, Origin: origin });
    expect(ws).toBeInstanceOf(WebSocket);
    const socket = ws as WebSocket;
    expect(await call(socket, 'listAccounts', {})).toEqual({ ok: true, value: [] });
    expect(await call(socket, 'nope', {})).toMatchObject({ ok: false, error: { kind: 'unknownMethod' } });
    expect(await call(socket, 'addAccountsFromUri', { link: 'x' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    socket.close();
  });

  test('localhost:<port> is the same server too', async () => {
    expect((await get('/', { Host: `localhost:${new URL(origin).port}`, Cookie: session.cookie })).status).toBe(200);
  });

  test('the used token again, in a browser that has the session, goes on to the page and spends nothing', async () => {
    const next = server.loginUrl();
    const reply = await get(`/tray?token=${new URL(usedLoginUrl).searchParams.get('token')}&x=1`, { Cookie: session.cookie });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/tray?x=1');
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(server.loginUrl()).toBe(next);
  });

  test('no cookie, even with the harness Origin forged: refused on every route', async () => {
    await expectRefusedEverywhere({ Origin: origin }, [401]);
    await expectRefusedEverywhere({}, [401]);
  });

  test('a wrong cookie, or a right value under another port’s name: refused on every route', async () => {
    const [name, value] = session.cookie.split('=') as [string, string];
    await expectRefusedEverywhere({ Cookie: `${name}=${'A'.repeat(value.length)}`, Origin: origin }, [401]);
    await expectRefusedEverywhere({ Cookie: `harness-session-1=${value}`, Origin: origin }, [401]);
  });

  test('the used one-time token, without the session: refused on every route, and it buys no cookie', async () => {
    const query = `?token=${new URL(usedLoginUrl).searchParams.get('token')}`;
    await expectRefusedEverywhere({ Origin: origin }, [401], query);
    expect((await get(`/${query}`)).headers['set-cookie']).toBeUndefined();
    // A made-up token likewise.
    await expectRefusedEverywhere({}, [401], `?token=${'x'.repeat(43)}`);
  });

  test('a foreign Host (a page that reached us through a rebound DNS name): refused on every route, the right cookie notwithstanding', async () => {
    for (const foreign of ['evil.example', `evil.example:${new URL(origin).port}`, '127.0.0.1', `127.0.0.1:1`, `127.0.0.1.evil.example:${new URL(origin).port}`]) {
      await expectRefusedEverywhere({ Host: foreign, Cookie: session.cookie }, [403]);
      expect((await get(`/?token=${new URL(server.loginUrl()).searchParams.get('token')}`, { Host: foreign })).status).toBe(403);
    }
    // No Host at all: Node's HTTP server refuses the request itself.
    expect((await get('/', { Host: '', Cookie: session.cookie })).status).toBe(400);
  });

  test('the socket refuses another Origin, or none, even with the session', async () => {
    expect(await connect({ Cookie: session.cookie, Origin: 'http://evil.example' })).toBe(403);
    expect(await connect({ Cookie: session.cookie, Origin: `http://localhost:${new URL(origin).port}` })).toBe(403);
    const noOrigin = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/rpc`, { headers: { Cookie: session.cookie } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(noOrigin).toBe(403);
  });

  test('each one-time URL works once: the announced one opens a second browser, then it too is spent', async () => {
    const second = server.loginUrl();
    const other = await signIn(second);
    expect(other.cookie).not.toBe(session.cookie);
    expect((await get('/', { Cookie: other.cookie })).status).toBe(200);
    const { pathname, search } = new URL(second);
    expect((await get(pathname + search)).status).toBe(401);
  });

  test('the test controls need the session and their secret; the page’s session alone does not do', async () => {
    const secret = server.controlSecret!;
    expect((await get('/test/clipboard', { 'x-harness-control': secret })).status).toBe(401);
    expect((await get('/test/clipboard', { Cookie: session.cookie })).status).toBe(403);
    expect((await get('/test/clipboard', { Cookie: session.cookie, 'x-harness-control': `${secret.slice(1)}x` })).status).toBe(403);
    const allowed = await get('/test/clipboard', { Cookie: session.cookie, 'x-harness-control': secret });
    expect(allowed.status).toBe(200);
    expect(JSON.parse(allowed.body)).toEqual({ text: 'what the person copied' });
  });

  test("sends the Electron app's security headers, with connect-src 'self' for its socket as the only difference", async () => {
    for (const route of ['/', '/tray', '/harness-bridge.js', '/no-such-file.js']) {
      const response = await get(route, { Cookie: session.cookie });
      const contentType = String(response.headers['content-type'] ?? '');
      const app = lowerCased(appResponseHeaders(contentType));
      const harness = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name in app));
      expect(Object.keys(harness).sort(), route).toEqual(Object.keys(app).sort());
      const appPolicy = app['content-security-policy']!;
      expect(appPolicy).toContain("connect-src 'none'");
      expect(harness['content-security-policy'], route).toBe(appPolicy.replace("connect-src 'none'", "connect-src 'self'"));
      expect({ ...harness, 'content-security-policy': appPolicy }, route).toEqual(app);
    }
  });

  test('does not serve files outside the renderer folder', async () => {
    expect((await get('/..%2f..%2fetc%2fpasswd', { Cookie: session.cookie })).status).toBe(404);
  });
});
