import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppCore } from '../../main/core/app-core.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on loopback and carries the contract over a WebSocket. Only the page this server
 * served can connect: the socket needs the random token embedded in that page and this server's own Origin.
 */
export async function startHarnessServer(core: AppCore, rendererDir: string, port: number): Promise<HarnessServer> {
  const token = randomBytes(24).toString('base64url');
  const bridgeScript = await bundlePageBridge();
  let origin = '';

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    const pathname = new URL(req.url ?? '/', origin).pathname;
    if (pathname === '/harness-bridge.js') return send(res, 200, CONTENT_TYPES['.js']!, bridgeScript);
    if (pathname === '/' || pathname === '/index.html') {
      const html = await fs.readFile(path.join(rendererDir, 'index.html'), 'utf8');
      const injected = html.replace(
        '<head>',
        `<head>\n    <meta name="harness-token" content="${token}" />\n    <script src="/harness-bridge.js"></script>`,
      );
      return send(res, 200, CONTENT_TYPES['.html']!, injected);
    }
    const file = path.resolve(rendererDir, `.${decodeURIComponent(pathname)}`);
    if (!file.startsWith(path.resolve(rendererDir) + path.sep)) return send(res, 404, 'text/plain', 'Not found');
    const body = await fs.readFile(file).catch(() => null);
    if (body === null) return send(res, 404, 'text/plain', 'Not found');
    return send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body);
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    const tokenOk = given.length === expected.length && timingSafeEqual(given, expected);
    if (url.pathname !== '/rpc' || !tokenOk || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
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
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'Content-Type': type,
    // The app's policy, plus connect-src 'self' for the harness socket.
    'Content-Security-Policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; media-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

async function bundlePageBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'page-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
  });
  return result.outputFiles[0]!.text;
}
