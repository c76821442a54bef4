import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { HttpRequest, HttpResponse, HttpTransport } from '../net/http-transport.js';
import { msalNetworkClient } from './msal-network-client.js';

function transport(answer: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>): HttpTransport & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    send: async (request) => {
      requests.push(request);
      return answer(request);
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});

describe('msalNetworkClient', () => {
  it('sends GET with MSAL headers and timeout, and hands back status, lower-case headers and the parsed body', async () => {
    const fake = transport(() => json(200, { issuer: 'x' }, { 'x-ms-request-id': 'r1' }));
    const client = msalNetworkClient(fake);
    const response = await client.sendGetRequestAsync<{ issuer: string }>('https://login.test/v2.0/.well-known/openid-configuration', { headers: { 'x-client-SKU': 'msal.js.node' } }, 1234);
    expect(response).toEqual({ status: 200, headers: { 'content-type': 'application/json', 'x-ms-request-id': 'r1' }, body: { issuer: 'x' } });
    expect(fake.requests).toEqual([{ method: 'GET', url: 'https://login.test/v2.0/.well-known/openid-configuration', headers: { 'x-client-SKU': 'msal.js.node' }, timeoutMs: 1234 }]);
  });

  it('sends the POST body as is and returns OAuth errors as normal responses for MSAL to read', async () => {
    const fake = transport(() => json(400, { error: 'invalid_grant', error_description: 'AADSTS70000' }));
    const client = msalNetworkClient(fake);
    const response = await client.sendPostRequestAsync<{ error: string }>('https://login.test/token', { body: 'grant_type=refresh_token', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_grant');
    expect(fake.requests[0]).toMatchObject({ method: 'POST', body: 'grant_type=refresh_token' });
    expect(fake.requests[0]?.timeoutMs).toBeUndefined();
    expect(client.lastFailure).toBeNull();
  });

  it('keeps the transport failure (MSAL reduces it to network_error) until the next good answer', async () => {
    let down = true;
    const client = msalNetworkClient(
      transport(() => {
        if (down) throw new AppError('network', 'login.test could not be reached. Check the internet connection.');
        return json(200, {});
      }),
    );
    await expect(client.sendPostRequestAsync('https://login.test/token')).rejects.toMatchObject({ kind: 'network' });
    expect(client.lastFailure?.message).toContain('login.test could not be reached');
    down = false;
    await client.sendGetRequestAsync('https://login.test/x');
    expect(client.lastFailure).toBeNull();
  });

  it('turns a page that is not JSON (a proxy, a captive portal) into a network error naming the host', async () => {
    const client = msalNetworkClient(transport(() => ({ status: 502, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>Bad gateway</html>') })));
    await expect(client.sendPostRequestAsync('https://login.test/token')).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('login.test answered') });
    expect(client.lastFailure?.kind).toBe('network');
  });
});
