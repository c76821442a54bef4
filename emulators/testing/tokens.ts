import { z } from 'zod';
import type { HttpTransport } from '../../main/core/net/http-transport.js';
import type { RunningEmulators } from '../index.js';
import { createPkce } from './pkce.js';
import { signInThroughForm } from './sign-in.js';

export const TEST_CLIENT_ID = '5f0e9a41-7a44-4b36-9a1e-2b7c1a4d3e10';
export const REDIRECT_URI = 'http://localhost:53123/';
export const APP_SCOPES = 'Files.ReadWrite.AppFolder User.Read openid profile offline_access';

export const TokenResponse = z.object({
  token_type: z.literal('Bearer'),
  scope: z.string(),
  expires_in: z.number(),
  ext_expires_in: z.number(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  id_token: z.string().optional(),
  client_info: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const AadErrorBody = z.object({
  error: z.string(),
  error_description: z.string(),
  error_codes: z.array(z.number()),
  timestamp: z.string(),
  trace_id: z.string(),
  correlation_id: z.string(),
  suberror: z.string().optional(),
});

export function authorizeUrl(emulators: RunningEmulators, params: Record<string, string>): string {
  const url = new URL(emulators.authorizeEndpoint);
  for (const [name, value] of Object.entries({ client_id: TEST_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope: APP_SCOPES, ...params })) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

export async function postToken(transport: HttpTransport, emulators: RunningEmulators, fields: Record<string, string>) {
  const reply = await transport.send({
    method: 'POST',
    url: emulators.tokenEndpoint,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: TEST_CLIENT_ID, ...fields }).toString(),
  });
  return { status: reply.status, json: JSON.parse(reply.body.toString('utf8')) as unknown };
}

/** An authorization code for the user, got through the sign-in form, with the verifier that redeems it. */
export async function authorizationCode(transport: HttpTransport, emulators: RunningEmulators, username: string, password: string, scope = APP_SCOPES) {
  const { verifier, challenge } = createPkce();
  const outcome = await signInThroughForm(transport, authorizeUrl(emulators, { scope, code_challenge: challenge, code_challenge_method: 'S256', state: 's1' }), { username, password });
  if (outcome.kind !== 'response' || !outcome.params['code']) throw new Error(`sign-in did not yield a code: ${JSON.stringify(outcome)}`);
  return { code: outcome.params['code'], verifier };
}

/** Signs the user in through the form and redeems the code: the tokens an app would hold. */
export async function signInForTokens(transport: HttpTransport, emulators: RunningEmulators, username: string, password: string, scope = APP_SCOPES): Promise<TokenResponse> {
  const { code, verifier } = await authorizationCode(transport, emulators, username, password, scope);
  const { json } = await postToken(transport, emulators, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, scope, client_info: '1' });
  return TokenResponse.parse(json);
}
