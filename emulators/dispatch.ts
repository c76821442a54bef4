import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './control-types.js';
import type { ServiceTarget } from './faults.js';
import { GraphError, graphErrorForStatus, sendGraphError } from './graph/graph-error.js';
import { BodyError } from './http/io.js';
import { createContext, matchRoute, type RequestContext, type Route } from './http/router.js';
import { AadError, aadErrorForStatus, sendAadError } from './identity/aad-error.js';
import type { EmulatorState } from './state.js';

export interface ServiceRoutes {
  login: Route[];
  /** Absent on the plain-http sign-in origin: Graph is only ever served over https. */
  graph?: Route[];
}

/** Graph proper and OneDrive's pre-authenticated URLs; everything else is the identity platform. */
const isGraphPath = (pathname: string) => /^\/(v1\.0|dl|up)\//i.test(pathname);

/**
 * The request handler of a service origin: logs the request, applies a matching fault (delay, dropped connection
 * or an error status with the service's own error body), then routes it.
 */
export function serviceHandler(state: EmulatorState, origin: string, routes: ServiceRoutes): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void dispatch(state, origin, routes, req, res).catch((error: unknown) => {
      console.error('emulator: request failed', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

async function dispatch(state: EmulatorState, origin: string, routes: ServiceRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ctx = createContext(req, res, origin, randomUUID());
  const method = (req.method ?? 'GET').toUpperCase();
  const pathAndQuery = ctx.url.pathname + ctx.url.search;
  const target: ServiceTarget = routes.graph && isGraphPath(ctx.url.pathname) ? 'graph' : 'login';
  const record = state.log.begin(req, target, pathAndQuery);
  res.on('finish', () => (record.status = res.statusCode));
  // Node sends the real time in Date unless one is set; a skew makes the services' clock disagree with this computer's.
  if (state.dateSkewMs !== 0) res.setHeader('date', new Date(Date.now() + state.dateSkewMs).toUTCString());

  const fault = state.faults.take(target, method, pathAndQuery);
  if (fault) {
    record.fault = fault.id;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.reset) return void req.socket.destroy();
    if (fault.status !== undefined) return sendFault(ctx, target, fault, fault.status);
  }

  const table = target === 'graph' ? (routes.graph ?? []) : routes.login;
  const match = matchRoute(table, method, ctx.url.pathname);
  try {
    if (match.kind === 'found') return await match.route.handle(ctx, match.params);
    if (match.kind === 'wrongMethod') {
      const allow = { allow: match.allowed.join(', ') };
      if (target === 'graph') throw new GraphError(405, 'invalidRequest', `The HTTP method ${method} is not allowed on this resource.`, undefined, allow);
      return sendAadError(ctx, new AadError(405, 'invalid_request', `AADSTS900561: The endpoint only accepts ${match.allowed.join(', ')} requests. Received a ${method} request.`), allow);
    }
    if (target === 'graph') throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${ctx.url.pathname.split('/').pop() ?? ''}'.`);
    sendAadError(ctx, new AadError(404, 'invalid_request', `AADSTS90056: The emulator has no endpoint ${ctx.url.pathname}.`));
  } catch (error) {
    sendFailure(ctx, target, error);
  }
}

function sendFault(ctx: RequestContext, target: ServiceTarget, fault: Fault, status: number): void {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  if (target === 'graph') {
    const failure = graphErrorForStatus(status);
    sendGraphError(ctx, new GraphError(status, failure.code, failure.message, failure.innerCode, headers));
  } else {
    sendAadError(ctx, aadErrorForStatus(status), headers);
  }
}

function sendFailure(ctx: RequestContext, target: ServiceTarget, error: unknown): void {
  if (ctx.res.headersSent) return void ctx.res.destroy();
  if (error instanceof GraphError) return sendGraphError(ctx, error);
  if (error instanceof AadError) return sendAadError(ctx, error);
  if (error instanceof BodyError) {
    // The rest of an oversized body is never read, so the connection cannot be reused.
    ctx.res.setHeader('connection', 'close');
    if (target === 'graph') return sendGraphError(ctx, new GraphError(error.status, 'invalidRequest', error.message, error.status === 413 ? 'maxFileSizeExceeded' : undefined));
    return sendAadError(ctx, new AadError(error.status, 'invalid_request', `AADSTS90004: ${error.message}`));
  }
  console.error('emulator: request failed', error);
  if (target === 'graph') return sendGraphError(ctx, new GraphError(500, 'generalException', 'An unspecified error has occurred.'));
  sendAadError(ctx, new AadError(500, 'server_error', 'AADSTS50000: There was an error issuing a token or an issue with our sign-in service.'));
}
