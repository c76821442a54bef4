import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { AppError } from '../../../shared/errors.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Gives up (as a network error) when no complete response arrived in time. */
  timeoutMs?: number;
  /**
   * Stops reading and fails with `error` as soon as the body (or its declared Content-Length) passes `bytes`,
   * so an answer larger than the caller can use never sits in memory whole.
   */
  maxResponse?: { bytes: number; error: AppError };
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The one way the core talks to the network (MSAL's network module and the Graph client's last middleware both
 * sit on it). Failures to reach the server are AppError('network'); any HTTP status is a normal response.
 */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface NodeTransportOptions {
  /**
   * Extra certificate authorities to trust besides the system's (the local emulators' own CA in tests and in the
   * harness). Production passes nothing, so certificate checks are never weakened.
   */
  ca?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function nodeHttpTransport(options: NodeTransportOptions = {}): HttpTransport {
  // Giving an agent a CA replaces the default roots, so the system's stay alongside the extra one.
  const agent = new https.Agent({ keepAlive: true, ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}) });
  return {
    send: (request) =>
      new Promise<HttpResponse>((resolve, reject) => {
        const url = new URL(request.url);
        const secure = url.protocol === 'https:';
        if (!secure && !isLoopback(url.hostname)) {
          reject(new AppError('network', `Refusing to send a request over plain HTTP to ${url.host}.`));
          return;
        }
        const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body ? Buffer.from(request.body) : undefined;
        const headers = { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
        const send = secure ? https.request : http.request;
        const limit = request.maxResponse;
        const refuse = (error: AppError) => {
          clearTimeout(timer);
          reject(error);
          req.destroy();
        };
        const req = send(url, { method: request.method, headers, ...(secure ? { agent } : {}) }, (res) => {
          if (limit && Number(res.headers['content-length']) > limit.bytes) return refuse(limit.error);
          const chunks: Buffer[] = [];
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (limit && received > limit.bytes) refuse(limit.error);
            else chunks.push(chunk);
          });
          res.on('error', (error) => reject(networkError(url, error)));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks) });
          });
        });
        const timer = setTimeout(() => req.destroy(new TimeoutError()), timeoutMs);
        req.on('error', (error) => {
          clearTimeout(timer);
          reject(networkError(url, error));
        });
        req.end(body);
      }),
  };
}

class TimeoutError extends Error {
  constructor() {
    super('timed out');
    this.name = 'TimeoutError';
  }
}

function networkError(url: URL, error: Error): AppError {
  const reason = error instanceof TimeoutError ? 'did not answer in time' : 'could not be reached';
  return new AppError('network', `${url.host} ${reason}. Check the internet connection; nothing on this PC was changed.`);
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
