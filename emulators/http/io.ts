import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A request the server refuses before any route sees it (too large, unreadable). */
export class BodyError extends Error {
  constructor(
    readonly status: 413 | 400,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export const KIB = 1024;
export const MIB = 1024 * KIB;

/** Reads the whole request body, refusing more than `limit` bytes (the rest is not read; the connection closes). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyError(413, `The request body is larger than ${limit} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new BodyError(413, `The request body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => reject(new BodyError(400, 'The request body could not be read.')));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendBytes(res: ServerResponse, status: number, bytes: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': bytes.length, ...headers });
  res.end(bytes);
}

/**
 * Like sendBytes, but written in slices as the connection drains: one large write on a TLS socket is encrypted all at
 * once, which would hold a second copy of a huge file in memory (and in the tests' process, skew what they measure).
 */
export function streamBytes(res: ServerResponse, status: number, bytes: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': bytes.length, ...headers });
  pipeline(Readable.from(slices(bytes)), res).catch(() => res.destroy()); // the client went away: nothing to tell
}

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += STREAM_SLICE) yield bytes.subarray(offset, offset + STREAM_SLICE);
}

const STREAM_SLICE = 64 * KIB;

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': 0, ...headers });
  res.end();
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  sendEmpty(res, 302, { location, 'cache-control': 'no-store', ...headers });
}

/** application/x-www-form-urlencoded fields; anything else yields null so callers can refuse it. */
export function formFields(req: IncomingMessage, body: Buffer): URLSearchParams | null {
  const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  return new URLSearchParams(body.toString('utf8'));
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
