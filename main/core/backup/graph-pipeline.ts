import { Client, RedirectHandler, type Context, type Middleware, type MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { AppError, ErrorKind } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import type { RecoveryIdentity } from '../identity/recovery-identity.js';
import type { Logger } from '../logger.js';
import type { HttpTransport } from '../net/http-transport.js';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export interface GraphPipelineDeps {
  identity: RecoveryIdentity;
  transport: HttpTransport;
  clock: Clock;
  log: Logger;
  /** Graph's root including the version; the emulators' in tests and in the harness. */
  graphBaseUrl?: string;
  /** Attempts per request for throttling (429/503/504) and dropped connections, the first one included. */
  maxAttempts?: number;
}

/**
 * The Graph client, with our own middleware around Graph's redirect handler:
 * token (and one forced refresh after a 401) -> retries honouring Retry-After -> redirects -> our HTTP transport.
 * The transport is the project's, so the emulators' CA is trusted only where a host passes it in.
 */
export function createGraphClient(deps: GraphPipelineDeps): Client {
  const base = new URL(deps.graphBaseUrl ?? GRAPH_BASE_URL);
  const version = base.pathname.replace(/^\/+|\/+$/g, '');
  const chain: Middleware[] = [
    new AppErrorsAsResponses(),
    new RecoveryAccountAuth(deps.identity, `${base.origin}/${version}/`),
    new RetryAfterBackoff(deps.clock, deps.log, deps.maxAttempts ?? 4),
    new RedirectHandler(),
    new TransportHandler(deps.transport),
  ];
  chain.reduce((previous, next) => {
    previous.setNext?.(next);
    return next;
  });
  return Client.initWithMiddleware({ middleware: chain[0], baseUrl: `${base.origin}/`, defaultVersion: version });
}

/**
 * The Graph client turns anything a middleware throws into a GraphError that keeps only the name and message, so
 * our own failures (sign-in required, network) travel up as a Graph-style error answer instead; the store turns
 * them back with `appErrorFromGraph`.
 */
class AppErrorsAsResponses implements Middleware {
  private next: Middleware | undefined;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('the Graph pipeline has no transport');
    try {
      await this.next.execute(context);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const body = JSON.stringify({ error: { code: `${APP_ERROR_PREFIX}${error.kind}`, message: error.message } });
      context.response = new Response(body, { status: APP_ERROR_STATUS, headers: { 'content-type': 'application/json' } });
    }
  }
}

const APP_ERROR_PREFIX = 'app.';
const APP_ERROR_STATUS = 599;

const AppErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The AppError a pipeline failure stood for, or null when the error came from Graph itself. */
export function appErrorFromGraph(error: { statusCode: number; code: string | null; message: string; body?: unknown }): AppError | null {
  if (error.statusCode !== APP_ERROR_STATUS) return null;
  // A request for raw bytes (a download) gets the error body unparsed: the Graph client reads JSON only otherwise.
  const { code, message } = error.code !== null ? error : (AppErrorBody.safeParse(jsonOf(error.body)).data?.error ?? { code: null, message: '' });
  if (!code?.startsWith(APP_ERROR_PREFIX)) return null;
  const kind = ErrorKind.safeParse(code.slice(APP_ERROR_PREFIX.length));
  return kind.success ? new AppError(kind.data, message) : null;
}

function jsonOf(body: unknown): unknown {
  try {
    if (body instanceof ArrayBuffer) return JSON.parse(Buffer.from(body).toString('utf8'));
    return typeof body === 'string' ? JSON.parse(body) : body;
  } catch {
    return null;
  }
}

/** Adds the recovery account's access token to Graph requests only (never to pre-authenticated upload/download URLs). */
class RecoveryAccountAuth implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly identity: RecoveryIdentity,
    private readonly graphRoot: string,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!urlOf(context).startsWith(this.graphRoot)) return this.forward(context);
    await this.withToken(context, await this.identity.accessToken());
    if (context.response?.status !== 401) return;
    // The token may have been revoked early: refresh once; if Graph still refuses, only a new sign-in helps.
    await this.withToken(context, await this.identity.accessToken({ forceRefresh: true }));
    if (context.response?.status === 401) {
      throw new AppError('signInRequired', 'OneDrive no longer accepts the recovery account sign-in. Sign in to the recovery account again.');
    }
  }

  private async withToken(context: Context, token: string): Promise<void> {
    context.options = { ...context.options, headers: { ...headersOf(context), Authorization: `Bearer ${token}` } };
    await this.forward(context);
  }

  private forward(context: Context): Promise<void> {
    if (!this.next) throw new Error('the Graph pipeline has no transport');
    return this.next.execute(context);
  }
}

const RETRY_STATUSES = new Set([429, 503, 504]);
/**
 * The longest wait worth spending inside one request. OneDrive may ask for minutes (Retry-After 120): waiting that out
 * here would show "Backing up…" all along; instead the answer goes up, and the backup says why and when it tries again.
 */
export const MAX_IN_REQUEST_WAIT_MS = 10_000;

/** Retries throttled requests after a short Retry-After (or an exponential backoff), and requests whose connection dropped. */
class RetryAfterBackoff implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly maxAttempts: number,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('the Graph pipeline has no transport');
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        await this.next.execute(context);
      } catch (error) {
        if (!(error instanceof AppError && error.kind === 'network')) throw error;
        failure = error;
      }
      const status = context.response?.status;
      const retry = failure !== undefined || (status !== undefined && RETRY_STATUSES.has(status));
      if (!retry || attempt >= this.maxAttempts) {
        if (failure !== undefined) throw failure;
        return;
      }
      const delay = retryDelayMs(context.response?.headers.get('retry-after') ?? null, attempt, this.clock.now());
      if (delay > MAX_IN_REQUEST_WAIT_MS) {
        if (failure !== undefined) throw failure;
        return;
      }
      this.log.info(`OneDrive request ${failure ? 'failed to connect' : `answered ${status}`}; retrying in ${Math.round(delay / 1000)} s`);
      await new Promise<void>((resolve) => this.clock.setTimer(delay, resolve));
    }
  }
}

/** Retry-After in seconds or as an HTTP date; otherwise 1, 2, 4... seconds with jitter. */
export function retryDelayMs(retryAfter: string | null, attempt: number, now: number): number {
  return retryAfterMs(retryAfter, now) ?? 1000 * 2 ** (attempt - 1) * (1 + Math.random() * 0.2);
}

/** A Retry-After header (delay-seconds or an HTTP date, RFC 9110 §10.2.3) as milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(retryAfter: string | null, now: number): number | null {
  if (retryAfter === null || retryAfter.trim() === '') return null;
  const seconds = Number(retryAfter);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
  return Number.isFinite(ms) ? Math.max(ms, 0) : null;
}

/**
 * A request's cap on the size of its answer, given with `.middlewareOptions([...])`. It stays with the request through
 * redirects, so it also holds for the pre-authenticated download URL that `.../content` redirects to.
 */
export class ResponseSizeLimit implements MiddlewareOptions {
  constructor(
    readonly bytes: number,
    /** What the request fails with past the cap (an AppError, so it travels up typed). */
    readonly error: AppError,
  ) {}
}

/** The end of the chain: sends through our HttpTransport and hands Graph a standard Response. */
class TransportHandler implements Middleware {
  constructor(private readonly transport: HttpTransport) {}

  async execute(context: Context): Promise<void> {
    const options = context.options ?? {};
    const limit = context.middlewareControl?.getMiddlewareOptions(ResponseSizeLimit);
    const reply = await this.transport.send({
      method: options.method ?? 'GET',
      url: urlOf(context),
      headers: headersOf(context),
      body: await bodyOf(options.body),
      ...(limit instanceof ResponseSizeLimit ? { maxResponse: { bytes: limit.bytes, error: limit.error } } : {}),
    });
    const empty = reply.status === 204 || reply.status === 304 || reply.body.length === 0;
    const response = new Response(empty ? null : new Uint8Array(reply.body), { status: reply.status, headers: reply.headers });
    // Graph's redirect handler compares this URL with the Location to decide whether the token may follow:
    // without it, the token would be sent on to the pre-authenticated download host.
    Object.defineProperty(response, 'url', { value: urlOf(context) });
    context.response = response;
  }
}

function urlOf(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

function headersOf(context: Context): Record<string, string> {
  const headers = context.options?.headers;
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, typeof value === 'string' ? value : value.join(', ')]));
}

async function bodyOf(body: unknown): Promise<Uint8Array | string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  throw new Error('the Graph client produced a request body this app does not send');
}
