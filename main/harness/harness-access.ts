import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What a request refused by the harness is told (never which check failed: it helps nobody but a prober). */
export const OPEN_PRINTED_URL = 'Open the URL printed in the terminal where the harness was started.';

/** The query parameter of the one-time URL. */
export const LOGIN_TOKEN_PARAM = 'token';

const digest = (value: string) => createHash('sha256').update(value).digest();
const random = () => randomBytes(32).toString('base64url');

/**
 * Who may use the harness, as a notebook server decides it: whoever opened the one-time URL printed to the terminal.
 * Its token is traded once for a session cookie (random, not the token; HttpOnly so no script reads it, SameSite=Strict
 * so no other site's page sends it); after that the token is worth nothing and a new one-time URL is made for the
 * next browser. The Host header must name this server (a DNS-rebinding page reaches us under its own host name).
 */
export class HarnessAccess {
  private pendingToken = random();
  /** SHA-256 digests of the live session cookies: a lookup by digest tells a timing prober nothing about a cookie. */
  private readonly sessions = new Set<string>();
  private readonly hosts: ReadonlySet<string>;
  /** Per port: cookies are shared by every port of a host, and two harnesses must not overwrite each other's. */
  readonly cookieName: string;

  constructor(private readonly port: number) {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.cookieName = `harness-session-${port}`;
  }

  /** The URL to print: the only way in. */
  loginUrl(): string {
    return `http://127.0.0.1:${this.port}/?${LOGIN_TOKEN_PARAM}=${this.pendingToken}`;
  }

  /** Only 127.0.0.1:<port> or localhost:<port>: any other Host is a page that reached us through a rebound name. */
  hostAllowed(headers: IncomingHttpHeaders): boolean {
    return this.hosts.has((headers.host ?? '').toLowerCase());
  }

  /** The socket's Origin must be this very server, under the Host the request used. */
  originAllowed(headers: IncomingHttpHeaders): boolean {
    return this.hostAllowed(headers) && headers.origin === `http://${(headers.host ?? '').toLowerCase()}`;
  }

  hasSession(headers: IncomingHttpHeaders): boolean {
    const value = readCookie(headers.cookie, this.cookieName);
    return value !== null && this.sessions.has(digest(value).toString('hex'));
  }

  /**
   * Trades the pending one-time token for a new session: returns the Set-Cookie header, or null for any other token
   * (a wrong one, or one already used). Afterwards a fresh token waits for the next browser.
   */
  redeem(token: string): string | null {
    const given = digest(token);
    if (!timingSafeEqual(given, digest(this.pendingToken))) return null;
    this.pendingToken = random();
    const session = random();
    this.sessions.add(digest(session).toString('hex'));
    return `${this.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}
