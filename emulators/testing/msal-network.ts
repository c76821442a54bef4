import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { HttpTransport } from '../../main/core/net/http-transport.js';

/**
 * MSAL's network module on the project's transport, for the emulator tests only (the app's own adapter lives in
 * main/core/identity/). MSAL wants the status as is, lower-case headers and the body parsed as JSON.
 */
export function msalNetworkModule(transport: HttpTransport): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await transport.send({ method, url, headers: { ...options?.headers }, ...(method === 'POST' ? { body: options?.body ?? '' } : {}) });
    return { status: response.status, headers: response.headers, body: JSON.parse(response.body.toString('utf8')) as T };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}
