import type { RequestContext } from '../http/router.js';
import { sendJson } from '../http/io.js';

/**
 * An error of the token (and discovery) endpoints, in AAD's JSON shape. `description` starts with the AADSTS code,
 * as AAD's do; `suberror` is what MSAL reads to classify refresh failures (bad_token -> InteractionRequiredAuthError).
 */
export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly suberror?: string,
  ) {
    super(description);
    this.name = 'AadError';
  }

  get codes(): number[] {
    const match = /^AADSTS(\d+)/.exec(this.description);
    return match?.[1] ? [Number(match[1])] : [];
  }
}

export function sendAadError(ctx: RequestContext, failure: AadError, headers: Record<string, string> = {}): void {
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const correlationId = ctx.header('client-request-id') ?? ctx.requestId;
  const [code] = failure.codes;
  sendJson(
    ctx.res,
    failure.status,
    {
      error: failure.error,
      error_description: `${failure.description}\r\nTrace ID: ${ctx.requestId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: failure.codes,
      timestamp,
      trace_id: ctx.requestId,
      correlation_id: correlationId,
      ...(code !== undefined ? { error_uri: `${ctx.origin}/error?code=${code}` } : {}),
      ...(failure.suberror ? { suberror: failure.suberror } : {}),
    },
    { 'cache-control': 'no-store', pragma: 'no-cache', 'x-ms-request-id': ctx.requestId, ...headers },
  );
}

/** A required parameter is missing (AADSTS900144). */
export function missingParameter(name: string): AadError {
  return new AadError(400, 'invalid_request', `AADSTS900144: The request body must contain the following parameter: '${name}'.`);
}

/** The error for a status a fault asks for, as the identity platform words it. */
export function aadErrorForStatus(status: number): AadError {
  if (status === 429 || status === 503) {
    return new AadError(status, 'temporarily_unavailable', 'AADSTS90024: RequestBudgetExceededError - A transient error has occurred. Try again.');
  }
  if (status >= 500) return new AadError(status, 'server_error', 'AADSTS50000: There was an error issuing a token or an issue with our sign-in service.');
  return new AadError(status, 'invalid_request', `AADSTS9002313: Invalid request. Request is malformed or invalid. (The emulator was asked to answer ${status}.)`);
}
