import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { AppError } from '../../../shared/errors.js';
import type { HttpTransport } from '../net/http-transport.js';

/**
 * MSAL's network module on the project's HTTP transport, so MSAL trusts exactly what the rest of the app trusts
 * (the emulators' CA only where a host passes it in) and never opens connections of its own.
 *
 * MSAL expects what its own fetch-based client returns: lower-case header names, the body parsed as JSON, and the
 * HTTP status as is (MSAL reads OAuth errors from 4xx bodies itself). MSAL turns anything thrown here that is not
 * one of its own errors into a bare `network_error`, so the transport's specific message is kept in `lastFailure`
 * for the identity to report instead.
 */
export interface MsalNetworkClient extends INetworkModule {
  /** The last failure to reach a server (or to get a readable answer), until the next successful response. */
  readonly lastFailure: AppError | null;
}

export function msalNetworkClient(transport: HttpTransport): MsalNetworkClient {
  let lastFailure: AppError | null = null;

  async function send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeoutMs?: number): Promise<NetworkResponse<T>> {
    try {
      const response = await transport.send({
        method,
        url,
        headers: { ...options?.headers },
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
      });
      const body = parseJson<T>(response.body, url, response.status);
      lastFailure = null;
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      lastFailure = error instanceof AppError ? error : new AppError('network', `${hostOf(url)} could not be reached. Check the internet connection.`);
      throw lastFailure;
    }
  }

  return {
    get lastFailure() {
      return lastFailure;
    },
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}

function parseJson<T>(body: Buffer, url: string, status: number): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    // An HTML page from a proxy, a captive portal or an outage: for the person it is a network problem.
    throw new AppError('network', `${hostOf(url)} answered with something other than a sign-in response (HTTP ${status}). Check the internet connection and try again.`);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'The sign-in service';
  }
}
