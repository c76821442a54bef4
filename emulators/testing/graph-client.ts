import { Client, RedirectHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { HttpTransport } from '../../main/core/net/http-transport.js';

/**
 * The real Graph client on the project's transport, reduced to what the emulator tests need: a token on Graph
 * requests only (never on pre-authenticated URLs), Graph's own redirect handler, then the transport.
 * (The app's full pipeline, with retries and token refresh, is main/core/backup/graph-pipeline.ts.)
 */
export function testGraphClient(transport: HttpTransport, graphBaseUrl: string, accessToken: () => string): Client {
  const base = new URL(graphBaseUrl);
  const graphRoot = `${base.origin}${base.pathname}/`;
  const send: Middleware = {
    async execute(context: Context) {
      const options = context.options ?? {};
      const url = typeof context.request === 'string' ? context.request : context.request.url;
      const headers = new Headers(options.headers);
      if (url.startsWith(graphRoot)) headers.set('authorization', `Bearer ${accessToken()}`);
      const body = options.body;
      const reply = await transport.send({
        method: options.method ?? 'GET',
        url,
        headers: Object.fromEntries(headers.entries()),
        ...(typeof body === 'string' || body instanceof Uint8Array ? { body } : body instanceof ArrayBuffer ? { body: new Uint8Array(body) } : {}),
      });
      const empty = reply.status === 204 || reply.status === 304 || reply.body.length === 0;
      context.response = new Response(empty ? null : new Uint8Array(reply.body), { status: reply.status, headers: reply.headers });
    },
  };
  const redirects = new RedirectHandler();
  redirects.setNext(send);
  return Client.initWithMiddleware({ middleware: redirects, baseUrl: `${base.origin}/`, defaultVersion: base.pathname.replace(/^\/+/, '') });
}
