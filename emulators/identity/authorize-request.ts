import { isLoopbackRedirectUri } from './redirect-uri.js';
import { parseScopes } from './scopes.js';
import type { AuthorizationRequest } from './sign-in-flows.js';
import { audienceOf } from './tenants.js';

/** Where and how an authorization response goes back to the app. */
export interface ReplyTo {
  redirectUri: string;
  responseMode: 'query' | 'form_post';
  state: string | undefined;
}

export type AuthorizeValidation =
  | { kind: 'ok'; request: AuthorizationRequest }
  /** Errors about the client or its redirect URI are shown, never sent to an unverified redirect URI (as AAD does). */
  | { kind: 'page'; message: string }
  | { kind: 'redirect'; replyTo: ReplyTo; error: string; description: string };

const PROMPTS = new Set(['login', 'none', 'consent', 'select_account', 'create']);
/** A base64url SHA-256 digest is 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Checks an /authorize query the way the identity platform does, in the same order of precedence. */
export function validateAuthorizeRequest(tenant: string, query: URLSearchParams, allowedClientIds: ReadonlySet<string> | null): AuthorizeValidation {
  const audience = audienceOf(tenant);
  if (!audience) return page(`AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  const clientId = query.get('client_id')?.trim();
  if (!clientId) return page(`AADSTS900144: The request body must contain the following parameter: 'client_id'.`);
  if (allowedClientIds && !allowedClientIds.has(clientId)) {
    return page(`AADSTS700016: Application with identifier '${clientId}' was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
  }
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri) return page('AADSTS900971: No reply address provided.');
  if (!isLoopbackRedirectUri(redirectUri)) {
    return page(`AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. This emulator accepts http://localhost or http://127.0.0.1 with any port, as registered for a public client.`);
  }
  const state = query.get('state') ?? undefined;
  const mode = query.get('response_mode') ?? 'query';
  if (mode !== 'query' && mode !== 'form_post') {
    return refuse({ redirectUri, responseMode: 'query', state }, 'invalid_request', `AADSTS70007: The application returned an unsupported value of 'response_mode' ('${mode}'); use query or form_post.`);
  }
  const replyTo: ReplyTo = { redirectUri, responseMode: mode, state };
  const responseType = query.get('response_type');
  if (responseType !== 'code') {
    return refuse(replyTo, 'unsupported_response_type', `AADSTS70005: response_type '${responseType ?? ''}' is not enabled for the application; this emulator supports the authorization code flow (response_type=code).`);
  }
  const scopes = parseScopes(query.get('scope'));
  if (scopes.length === 0) return refuse(replyTo, 'invalid_request', `AADSTS900144: The request body must contain the following parameter: 'scope'.`);
  const codeChallenge = query.get('code_challenge');
  if (!codeChallenge) return refuse(replyTo, 'invalid_request', 'AADSTS50147: The code_challenge parameter is missing: this emulator requires PKCE (S256).');
  if (query.get('code_challenge_method') !== 'S256') {
    return refuse(replyTo, 'invalid_request', `AADSTS9002313: Invalid request. Request is malformed or invalid. code_challenge_method must be S256.`);
  }
  if (!S256_CHALLENGE.test(codeChallenge)) return refuse(replyTo, 'invalid_request', 'AADSTS501491: Invalid size of Code_Challenge parameter.');
  const prompt = query.get('prompt') ?? undefined;
  if (prompt !== undefined && !PROMPTS.has(prompt)) return refuse(replyTo, 'invalid_request', `AADSTS90023: Invalid prompt value '${prompt}'.`);
  // The emulator keeps no browser session (so tests are deterministic): a silent request always needs sign-in.
  if (prompt === 'none') return refuse(replyTo, 'login_required', 'AADSTS50058: A silent sign-in request was sent but no user is signed in.');
  return {
    kind: 'ok',
    request: {
      tenant,
      audience,
      clientId,
      redirectUri,
      responseMode: mode,
      scopes,
      state,
      nonce: query.get('nonce') ?? undefined,
      codeChallenge,
      loginHint: query.get('login_hint')?.trim() || undefined,
      prompt,
      clientInfo: query.get('client_info') === '1',
    },
  };
}

function page(message: string): AuthorizeValidation {
  return { kind: 'page', message };
}

function refuse(replyTo: ReplyTo, error: string, description: string): AuthorizeValidation {
  return { kind: 'redirect', replyTo, error, description };
}
