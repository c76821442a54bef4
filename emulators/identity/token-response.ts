import { createHash, randomBytes } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { EmulatedUser } from '../state/users.js';
import { clientInfoOf } from './authorization-response.js';
import { hasScope, resourceScopes, responseScope } from './scopes.js';
import { issuerFor } from './tenants.js';

export interface TokenGrant {
  user: EmulatedUser;
  clientId: string;
  tenant: string;
  scopes: string[];
  nonce: string | undefined;
  /** client_info=1 was sent. */
  clientInfo: boolean;
}

const ID_TOKEN_LIFETIME_S = 3600;

/**
 * A successful token response as the v2.0 endpoint sends it: a refresh token only with offline_access, an ID token
 * only with openid (with the profile claims only with profile), client_info only when asked for.
 */
export function tokenResponse(state: EmulatorState, grant: TokenGrant): Record<string, unknown> {
  const { user, clientId, scopes } = grant;
  const access = state.tokens.issueAccessToken(user.objectId, clientId, resourceScopes(scopes));
  return {
    token_type: 'Bearer',
    scope: responseScope(scopes),
    expires_in: access.expiresIn,
    ext_expires_in: access.expiresIn,
    access_token: access.token,
    ...(hasScope(scopes, 'offline_access') ? { refresh_token: state.tokens.issueRefreshToken({ userId: user.objectId, clientId, tenant: grant.tenant, scopes }) } : {}),
    ...(hasScope(scopes, 'openid') ? { id_token: idToken(state, grant) } : {}),
    ...(grant.clientInfo ? { client_info: clientInfoOf(user) } : {}),
  };
}

function idToken(state: EmulatorState, { user, clientId, scopes, nonce }: TokenGrant): string {
  const now = Math.floor(Date.now() / 1000);
  const profile = hasScope(scopes, 'profile');
  return state.signer.sign({
    ver: '2.0',
    iss: issuerFor(state.origins.api, user),
    // Pairwise, as the identity platform's: the same user has a different sub in every app.
    sub: createHash('sha256').update(`${user.objectId}|${clientId}`).digest('base64url').slice(0, 43),
    aud: clientId,
    exp: now + ID_TOKEN_LIFETIME_S,
    iat: now,
    nbf: now,
    tid: user.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ...(profile ? { name: user.displayName, preferred_username: user.username, oid: user.objectId } : {}),
    ...(hasScope(scopes, 'email') && user.username.includes('@') ? { email: user.username } : {}),
    ...(nonce ? { nonce } : {}),
  });
}
