import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { createAppCore, type AppCore } from '../core/app-core.js';
import { ManualClock } from '../core/clock.js';
import { memoryKeyStore } from '../core/keystore/memory-key-store.js';
import { silentLogger } from '../core/logger.js';
import { appResponseHeaders } from '../electron/renderer-files.js';
import { startHarnessServer, type HarnessServer } from './harness-server.js';

const lowerCased = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

let core: AppCore;
let server: HarnessServer;
let token: string;
let origin: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'renderer-'));
  await import('node:fs/promises').then((fs) => fs.writeFile(path.join(rendererDir, 'index.html'), '<html><head></head><body></body></html>'));
  core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'harness-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger });
  server = await startHarnessServer(core, rendererDir, 0);
  origin = server.url.replace(/\/$/, '');
  const page = await (await fetch(server.url)).text();
  token = page.match(/name="harness-token" content="([^"]+)"/)![1]!;
});
afterAll(async () => {
  await server.close();
  core.dispose();
});

function connect(query: string, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/rpc${query}`, { headers });
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

describe('the harness transport', () => {
  test('serves the page with a strict Content-Security-Policy', async () => {
    const response = await fetch(server.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  test("sends the Electron app's security headers, with connect-src 'self' for its socket as the only difference", async () => {
    for (const route of ['/', '/tray', '/harness-bridge.js', '/no-such-file.js']) {
      const response = await fetch(`${origin}${route}`);
      const contentType = response.headers.get('content-type') ?? '';
      const app = lowerCased(appResponseHeaders(contentType));
      const harness = Object.fromEntries([...response.headers].filter(([name]) => name in app));
      expect(Object.keys(harness).sort(), route).toEqual(Object.keys(app).sort());
      const appPolicy = app['content-security-policy']!;
      expect(appPolicy).toContain("connect-src 'none'");
      expect(harness['content-security-policy'], route).toBe(appPolicy.replace("connect-src 'none'", "connect-src 'self'"));
      expect({ ...harness, 'content-security-policy': appPolicy }, route).toEqual(app);
    }
  });

  test('refuses a socket without the page token, with a wrong one, or from another origin', async () => {
    expect(await connect('', { Origin: origin })).toBe(403);
    expect(await connect(`?token=${'x'.repeat(token.length)}`, { Origin: origin })).toBe(403);
    expect(await connect(`?token=${token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`?token=${token}`, {})).toBe(403);
  });

  test('carries the contract, with typed errors for unknown methods and bad requests', async () => {
    const ws = await connect(`?token=${encodeURIComponent(token)}`, { Origin: origin });
    expect(ws).toBeInstanceOf(WebSocket);
    const socket = ws as WebSocket;
    expect(await call(socket, 'listAccounts', {})).toEqual({ ok: true, value: [] });
    expect(await call(socket, 'nope', {})).toMatchObject({ ok: false, error: { kind: 'unknownMethod' } });
    expect(await call(socket, 'addAccountsFromUri', { link: 'x' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    socket.close();
  });

  test('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${origin}/..%2f..%2fetc%2fpasswd`);
    expect(response.status).toBe(404);
  });
});
