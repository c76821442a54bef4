import type { RequestContext } from '../http/router.js';
import { hasScope } from '../identity/scopes.js';
import type { EmulatorState } from '../state.js';
import type { EmulatedUser } from '../state/users.js';
import { GraphError } from './graph-error.js';

/** Delegated permissions, least privileged first: each operation accepts any of its list. */
export const PERMISSIONS = {
  readProfile: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All'],
  readAppFolder: ['Files.ReadWrite.AppFolder', 'Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All'],
  writeAppFolder: ['Files.ReadWrite.AppFolder', 'Files.ReadWrite', 'Files.ReadWrite.All'],
} as const;

/**
 * The user a Graph request acts for: a bearer token from the identity emulator, unexpired, for a user that still
 * exists, carrying one of the permissions the operation needs. Failures are Graph's 401 InvalidAuthenticationToken
 * (with its WWW-Authenticate challenge) and 403 accessDenied.
 */
export function authenticate(state: EmulatorState, ctx: RequestContext, permissions: readonly string[]): EmulatedUser {
  const authorization = ctx.header('authorization');
  if (!authorization) throw unauthenticated(state, 'Access token is empty.');
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const grant = token ? state.tokens.findAccessToken(token) : undefined;
  // Personal-account tokens are opaque "compact tokens"; Graph names that in its message for an unknown one.
  if (!grant) throw unauthenticated(state, 'CompactToken parsing failed with error code: 80049217');
  if (grant.expiresAt <= Date.now()) throw unauthenticated(state, 'Lifetime validation failed, the token is expired.');
  const user = state.users.byObjectId(grant.userId);
  if (!user) throw unauthenticated(state, 'CompactToken validation failed: the user no longer exists.');
  if (!permissions.some((permission) => hasScope(grant.scopes, permission))) {
    throw new GraphError(403, 'accessDenied', `Access denied. The token's scopes (${grant.scopes.join(' ') || 'none'}) include none of: ${permissions.join(', ')}.`);
  }
  return user;
}

function unauthenticated(state: EmulatorState, message: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, undefined, {
    'www-authenticate': `Bearer realm="", authorization_uri="${state.origins.signIn}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
  });
}
