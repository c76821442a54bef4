import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppCore } from '../core/app-core.js';
import type { ClipboardPort } from '../core/clipboard/clipboard-port.js';
import type { AdjustableClock } from '../core/clock.js';
import { securityHeaders } from '../core/security-headers.js';
import { sourceRoot } from '../core/source-root.js';
import type { ScannerSource } from '../../shared/contract.js';
import { HarnessAccess, LOGIN_TOKEN_PARAM, OPEN_PRINTED_URL } from './harness-access.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** What tests may reach behind the app's back, with --test-controls only: the harness clipboard and clock, and what the QR scanner asked main to allow. */
export interface TestControls {
  clipboard: ClipboardPort;
  clock: AdjustableClock;
  capture: RecordedCapture;
}

/** A capture port that only remembers: the current source and every change, in order. */
export interface RecordedCapture {
  allow(source: ScannerSource): void;
  source(): ScannerSource;
  history(): ScannerSource[];
}

export function recordedCapture(): RecordedCapture {
  const changes: ScannerSource[] = [];
  return {
    allow: (source) => void changes.push(source),
    source: () => changes.at(-1) ?? null,
    history: () => [...changes],
  };
}

/** The header that carries the test-control secret (see startHarnessServer). */
export const CONTROL_SECRET_HEADER = 'x-harness-control';

export interface HarnessServerOptions {
  rendererDir: string;
  port: number;
  testControls?: TestControls | undefined;
  /** Called with each new one-time URL once the previous one was used: print it, for the next browser. */
  onLoginUrl?: ((url: string) => void) | undefined;
}

export interface HarnessServer {
  /** The server's own address, without a token: nothing answers there without a session. */
  url: string;
  /** The one-time URL that opens the harness in one browser (a new one is made each time one is used). */
  loginUrl(): string;
  /** With test controls: the secret their requests carry besides a session (printed to the terminal only). */
  controlSecret: string | null;
  /**
   * The harness's "system browser": asks every connected page to open `url` in a new tab (the desktop app calls
   * shell.openExternal). Returns false when no page is connected.
   */
  openExternal(url: string): boolean;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on loopback and carries the contract over a WebSocket, to the browser that opened the
 * one-time URL printed to the terminal and to nobody else (harness-access.ts): every route, the socket included, needs
 * its session cookie and this server's Host; the socket also its Origin. The test controls need a second secret too.
 */
export async function startHarnessServer(core: AppCore, { rendererDir, port, testControls, onLoginUrl }: HarnessServerOptions): Promise<HarnessServer> {
  const bridgeScript = await bundlePageBridge();
  const controlSecret = testControls ? randomBytes(32).toString('base64url') : null;
  let origin = '';
  let access: HarnessAccess | null = null; // once listening (it needs the port)

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (!access?.hostAllowed(req.headers)) return send(res, 403, 'text/plain', `Forbidden: wrong Host. ${OPEN_PRINTED_URL}\n`);
    const url = new URL(req.url ?? '/', origin);
    const token = url.searchParams.get(LOGIN_TOKEN_PARAM);
    if (token !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      // A browser with a session keeps it (the token stays unused); otherwise the one-time token buys one.
      const cookie = access.hasSession(req.headers) ? null : access.redeem(token);
      if (cookie === null && !access.hasSession(req.headers)) return send(res, 401, 'text/plain', `Unauthorized. ${OPEN_PRINTED_URL}\n`);
      if (cookie !== null) onLoginUrl?.(access.loginUrl());
      // Off to the same page without the token, so it leaves the address bar and the history.
      url.searchParams.delete(LOGIN_TOKEN_PARAM);
      res.writeHead(303, { ...HARNESS_SECURITY_HEADERS, Location: url.pathname + url.search, 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) });
      return void res.end();
    }
    if (!access.hasSession(req.headers)) return send(res, 401, 'text/plain', `Unauthorized. ${OPEN_PRINTED_URL}\n`);
    const pathname = url.pathname;
    if (testControls && pathname.startsWith('/test/')) return serveTestControl(req, res, pathname, testControls);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    if (pathname === '/harness-bridge.js') return send(res, 200, CONTENT_TYPES['.js']!, bridgeScript);
    if (pathname === '/tray') return send(res, 200, CONTENT_TYPES['.html']!, TRAY_PAGE);
    if (pathname === '/harness-tray.css') return send(res, 200, CONTENT_TYPES['.css']!, TRAY_CSS);
    // The quick picker (/quick) is the same page, served the same way; the page picks its view by its path.
    if (pathname === '/' || pathname === '/index.html' || pathname === '/quick') {
      const html = await fs.readFile(path.join(rendererDir, 'index.html'), 'utf8');
      return send(res, 200, CONTENT_TYPES['.html']!, html.replace('<head>', '<head>\n    <script src="/harness-bridge.js"></script>'));
    }
    const file = path.resolve(rendererDir, `.${decodeURIComponent(pathname)}`);
    if (!file.startsWith(path.resolve(rendererDir) + path.sep)) return send(res, 404, 'text/plain', 'Not found');
    const body = await fs.readFile(file).catch(() => null);
    if (body === null) return send(res, 404, 'text/plain', 'Not found');
    return send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body);
  };

  /**
   * Loopback-only test endpoints: a session (like every route) and the control secret, which only the process that
   * started the harness read from its terminal output. A page of the harness itself has the session but not the
   * secret, so even a compromised window can neither move the clock nor read the clipboard.
   */
  const serveTestControl = async (req: IncomingMessage, res: ServerResponse, pathname: string, controls: TestControls) => {
    const header = req.headers[CONTROL_SECRET_HEADER];
    if (controlSecret === null || typeof header !== 'string' || !sameSecret(header, controlSecret)) {
      return send(res, 403, 'text/plain', 'Forbidden: the test controls need their secret.');
    }
    const json = (value: unknown) => send(res, 200, 'application/json', JSON.stringify(value));
    const body = async (): Promise<Record<string, unknown>> => {
      let text = '';
      for await (const chunk of req) {
        text += String(chunk);
        if (text.length > 65536) throw new Error('too large');
      }
      const parsed: unknown = JSON.parse(text || '{}');
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    };
    if (pathname === '/test/clipboard' && req.method === 'GET') return json({ text: await controls.clipboard.readText() });
    if (pathname === '/test/clipboard' && req.method === 'PUT') {
      const { text } = await body();
      if (typeof text !== 'string') return send(res, 400, 'text/plain', 'text must be a string');
      await controls.clipboard.writeText(text);
      return json({ text });
    }
    if (pathname === '/test/capture' && req.method === 'GET') return json({ source: controls.capture.source(), history: controls.capture.history() });
    if (pathname === '/test/clock' && req.method === 'GET') return json({ now: controls.clock.now(), offset: controls.clock.offset() });
    if (pathname === '/test/clock/advance' && req.method === 'POST') {
      const { ms } = await body();
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return send(res, 400, 'text/plain', 'ms must be a number >= 0');
      controls.clock.advance(ms);
      return json({ now: controls.clock.now(), offset: controls.clock.offset() });
    }
    return send(res, 404, 'text/plain', 'Not found');
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${OPEN_PRINTED_URL}\n`);
    if (!access?.hostAllowed(req.headers) || !access.originAllowed(req.headers)) return refuse('403 Forbidden');
    if (!access.hasSession(req.headers)) return refuse('401 Unauthorized');
    if (new URL(req.url ?? '/', origin).pathname !== '/rpc') return refuse('404 Not Found');
    sockets.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  const connect = (ws: WebSocket) => {
    const unsubscribe = core.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', (raw) => {
      let message: { id?: unknown; method?: unknown; request?: unknown };
      try {
        message = JSON.parse(String(raw)) as typeof message;
      } catch {
        return;
      }
      if (typeof message.id !== 'number' || typeof message.method !== 'string') return;
      const id = message.id;
      void core.dispatch(message.method, message.request).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'reply', id, result }));
      });
    });
  };

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const boundPort = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${boundPort}`;
  const ready = new HarnessAccess(boundPort);
  access = ready;
  return {
    url: `${origin}/`,
    loginUrl: () => ready.loginUrl(),
    controlSecret,
    openExternal: (url) => {
      const open = [...sockets.clients].filter((client) => client.readyState === client.OPEN);
      for (const client of open) client.send(JSON.stringify({ type: 'openExternal', url }));
      return open.length > 0;
    },
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The page's keep-alive connections (it may still be fetching) would otherwise hold the close open.
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The harness's stand-in for the tray icon: the same menu model, as buttons (rendered by the page bridge script). */
const TRAY_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="harness-page" content="tray" />
    <title>Tray menu (harness)</title>
    <link rel="stylesheet" href="/harness-tray.css" />
    <script src="/harness-bridge.js"></script>
  </head>
  <body>
    <main>
      <h1>Tray menu</h1>
      <p class="hint">What the tray icon's menu shows in the desktop app. Choosing an item does what it does there.</p>
      <ul id="tray-menu" role="menu" aria-label="Tray menu"></ul>
      <p id="tray-status" role="status"></p>
    </main>
  </body>
</html>
`;

const TRAY_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #e9ecef; color: #1f1f1f; }
main { width: 340px; margin: 24px auto; background: #fff; border-radius: 8px; padding: 8px 0; box-shadow: 0 4px 16px rgb(0 0 0 / 0.18); }
h1 { font-size: 13px; margin: 4px 16px; color: #555; font-weight: 600; }
.hint { font-size: 12px; margin: 0 16px 8px; color: #666; }
ul { list-style: none; margin: 0; padding: 0; }
li.separator { border-top: 1px solid #ddd; margin: 4px 0; }
button { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 6px 16px; font: inherit; font-variant-numeric: tabular-nums; color: inherit; cursor: pointer; }
button:hover:enabled, button:focus-visible { background: #0a64d6; color: #fff; outline: none; }
button:disabled { color: #999; cursor: default; }
#tray-status { margin: 8px 16px 4px; min-height: 1.4em; font-size: 12px; color: #0a5b2c; }
`;

/**
 * The renderer's security headers, the same as the Electron app's (main/core/security-headers.ts), except that the
 * page may connect to its own origin: the harness carries the contract over a WebSocket to it.
 */
const HARNESS_SECURITY_HEADERS = securityHeaders({ connectSrc: ["'self'"] });

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { ...HARNESS_SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

async function bundlePageBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(sourceRoot(), 'main/harness/page-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
  });
  return result.outputFiles[0]!.text;
}
