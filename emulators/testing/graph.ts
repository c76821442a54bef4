import type { HttpResponse, HttpTransport } from '../../main/core/net/http-transport.js';
import type { RunningEmulators } from '../index.js';

export interface GraphCall {
  token?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

/** One Graph request, relative to the emulator's /v1.0 (or an absolute pre-authenticated URL), never following redirects. */
export function graph(transport: HttpTransport, emulators: RunningEmulators, method: string, path: string, call: GraphCall = {}): Promise<HttpResponse> {
  return transport.send({
    method,
    url: path.startsWith('https://') ? path : `${emulators.graphBaseUrl}${path}`,
    headers: { ...(call.token ? { authorization: `Bearer ${call.token}` } : {}), ...call.headers },
    ...(call.body !== undefined ? { body: call.body } : {}),
  });
}

export function json(response: HttpResponse): Record<string, unknown> {
  return JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
}

/** Graph's error code of a failed response. */
export function errorCode(response: HttpResponse): string | undefined {
  const error = json(response)['error'];
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
