import { createHash } from 'node:crypto';
import type { RequestContext, Route } from '../http/router.js';
import { formFields, KIB, readBody, sendJson } from '../http/io.js';
import type { EmulatorState } from '../state.js';
import { AadError, missingParameter, sendAadError } from './aad-error.js';
import { hasScope, parseScopes, resourceScopes } from './scopes.js';
import { audienceOf } from './tenants.js';
import { tokenResponse } from './token-response.js';

/** POST /{tenant}/oauth2/v2.0/token: the authorization_code (PKCE) and refresh_token grants of a public client. */
export function tokenRoutes(state: EmulatorState): Route[] {
  return [{ method: 'POST', path: /^\/([^/]+)\/oauth2\/v2\.0\/token\/?$/, handle: (ctx, [tenant = '']) => token(state, ctx, tenant) }];
}

async function token(state: EmulatorState, ctx: RequestContext, tenant: string): Promise<void> {
  try {
    const body = await grant(state, ctx, tenant);
    sendJson(ctx.res, 200, body, { 'cache-control': 'no-store', pragma: 'no-cache', 'x-ms-request-id': ctx.requestId });
  } catch (error) {
    if (!(error instanceof AadError)) throw error;
    sendAadError(ctx, error);
  }
}

async function grant(state: EmulatorState, ctx: RequestContext, tenant: string): Promise<Record<string, unknown>> {
  if (!audienceOf(tenant)) throw new AadError(400, 'invalid_request', `AADSTS90002: Tenant '${tenant}' not found.`);
  const form = formFields(ctx.req, await readBody(ctx.req, 64 * KIB));
  if (!form) throw new AadError(400, 'invalid_request', 'AADSTS9002313: Invalid request. Request is malformed or invalid. The body must be application/x-www-form-urlencoded.');
  const clientId = required(form, 'client_id');
  if (form.has('client_secret') || form.has('client_assertion')) {
    throw new AadError(401, 'invalid_client', "AADSTS700025: Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
  }
  if (state.allowedClientIds && !state.allowedClientIds.has(clientId)) {
    throw new AadError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
  }
  const grantType = required(form, 'grant_type');
  const clientInfo = form.get('client_info') === '1';
  if (grantType === 'authorization_code') return redeemCode(state, form, tenant, clientId, clientInfo);
  if (grantType === 'refresh_token') return redeemRefreshToken(state, form, tenant, clientId, clientInfo);
  throw new AadError(400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${grantType}'.`);
}

function redeemCode(state: EmulatorState, form: URLSearchParams, tenant: string, clientId: string, clientInfo: boolean): Record<string, unknown> {
  const code = state.tokens.redeemCode(required(form, 'code'));
  const redirectUri = required(form, 'redirect_uri');
  const verifier = required(form, 'code_verifier');
  if (!code) throw invalidGrant("AADSTS70000: The provided value for the 'code' parameter is not valid.");
  if (code.redeemed) throw invalidGrant('AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
  if (code.expiresAt <= Date.now()) throw invalidGrant('AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
  if (code.clientId !== clientId) throw invalidGrant("AADSTS70000: The provided value for the 'code' parameter is not valid. The code was issued to a different client.");
  if (code.tenant.toLowerCase() !== tenant.toLowerCase()) {
    throw invalidGrant('AADSTS700005: Provided Authorization Code is intended to use against other tenant, thus rejected.');
  }
  if (code.redirectUri !== redirectUri) {
    throw invalidGrant(`AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URI used to request the authorization code.`);
  }
  if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) {
    throw invalidGrant('AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.');
  }
  const user = state.users.byObjectId(code.userId);
  if (!user) throw invalidGrant('AADSTS50034: The user account does not exist in the directory.');
  return tokenResponse(state, { user, clientId, tenant, scopes: code.scopes, nonce: code.nonce, clientInfo });
}

/**
 * Every refresh answers with a new refresh token; the old one stays valid until it expires or is revoked, as the
 * identity platform documents. Failures carry suberror bad_token, as AAD's do, which MSAL turns into
 * InteractionRequiredAuthError (the app's "sign in again").
 */
function redeemRefreshToken(state: EmulatorState, form: URLSearchParams, tenant: string, clientId: string, clientInfo: boolean): Record<string, unknown> {
  const grant = state.tokens.findRefreshToken(required(form, 'refresh_token'));
  if (!grant) throw badToken("AADSTS70000: The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.");
  if (grant.clientId !== clientId) {
    throw new AadError(400, 'invalid_grant', 'AADSTS70000: The refresh token was issued to a different client.', 'client_mismatch');
  }
  if (grant.revoked) {
    throw badToken('AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.');
  }
  if (grant.expiresAt <= Date.now()) throw badToken('AADSTS700082: The refresh token has expired due to inactivity.');
  const user = state.users.byObjectId(grant.userId);
  if (!user) throw badToken('AADSTS50034: The user account does not exist in the directory.');
  const requested = parseScopes(form.get('scope'));
  const missing = resourceScopes(requested).filter((scope) => !hasScope(grant.scopes, scope));
  if (missing.length > 0) {
    throw new AadError(
      400,
      'invalid_grant',
      `AADSTS65001: The user or administrator has not consented to use the application with ID '${clientId}' for ${missing.join(', ')}. Send an interactive authorization request for this user and resource.`,
      'consent_required',
    );
  }
  const scopes = requested.length > 0 ? requested : grant.scopes;
  return tokenResponse(state, { user, clientId, tenant, scopes, nonce: undefined, clientInfo });
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw missingParameter(name);
  return value;
}

const invalidGrant = (description: string) => new AadError(400, 'invalid_grant', description);
const badToken = (description: string) => new AadError(400, 'invalid_grant', description, 'bad_token');
