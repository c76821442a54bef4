import type { RequestContext } from '../http/router.js';
import { sendJson } from '../http/io.js';

/**
 * A Graph error: `{ error: { code, message, innerError: { code?, date, request-id, client-request-id } } }`.
 * `code` is one of Graph's documented basic codes; `innerCode` one of its documented detailed codes, where one fits.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function graphHeaders(ctx: RequestContext): Record<string, string> {
  return { 'request-id': ctx.requestId, 'client-request-id': ctx.header('client-request-id') ?? ctx.requestId };
}

export function sendGraphError(ctx: RequestContext, failure: GraphError): void {
  const headers = graphHeaders(ctx);
  sendJson(
    ctx.res,
    failure.status,
    {
      error: {
        code: failure.code,
        message: failure.message,
        innerError: {
          ...(failure.innerCode ? { code: failure.innerCode } : {}),
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': headers['request-id'],
          'client-request-id': headers['client-request-id'],
        },
      },
    },
    { ...headers, ...failure.headers },
  );
}

export const itemNotFound = () => new GraphError(404, 'itemNotFound', 'The resource could not be found.');

/** The error for a status a fault asks for, with the code Graph uses for it. */
export function graphErrorForStatus(status: number): GraphError {
  switch (status) {
    case 400:
      return new GraphError(400, 'invalidRequest', 'The request is malformed or incorrect.');
    case 401:
      return new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    case 403:
      return new GraphError(403, 'accessDenied', 'The caller does not have permission to perform the action.');
    case 404:
      return itemNotFound();
    case 409:
      return new GraphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
    case 412:
      return new GraphError(412, 'resourceModified', 'ETag does not match the current item\u2019s value.', 'entityTagDoesNotMatch');
    case 429:
      return new GraphError(429, 'activityLimitReached', 'The app or user has been throttled.', 'throttledRequest');
    case 503:
      return new GraphError(503, 'serviceNotAvailable', 'The service is not available. Try the request again after a delay.');
    case 507:
      return new GraphError(507, 'quotaLimitReached', 'Insufficient Space Available');
    default:
      return new GraphError(status, status >= 500 ? 'generalException' : 'invalidRequest', `The emulator was asked to answer ${status}.`);
  }
}
