import type { IncomingMessage, ServerResponse } from 'node:http';
import { header } from './io.js';

/** What a route handler gets: the request, the response and the parsed URL (path and query only). */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The origin the request reached (https API server or the plain-http sign-in server). */
  origin: string;
  /** A fresh id per request, sent back as Graph's request-id / AAD's trace id. */
  requestId: string;
  header(name: string): string | undefined;
}

export type Handler = (ctx: RequestContext, params: string[]) => Promise<void> | void;

export interface Route {
  method: string;
  /** Matched against the still percent-encoded path; capture groups become `params`. */
  path: RegExp;
  handle: Handler;
}

export type RouteMatch<R> = { kind: 'found'; route: R; params: string[] } | { kind: 'wrongMethod'; allowed: string[] } | { kind: 'none' };

export function matchRoute<R extends { method: string; path: RegExp }>(routes: readonly R[], method: string, pathname: string): RouteMatch<R> {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    if (route.method === method) return { kind: 'found', route, params: match.slice(1).map((part) => part ?? '') };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
}

export function createContext(req: IncomingMessage, res: ServerResponse, origin: string, requestId: string): RequestContext {
  // Only path and query matter; the base keeps a hostile Host header out of URL parsing.
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  return { req, res, url, origin, requestId, header: (name) => header(req, name) };
}
