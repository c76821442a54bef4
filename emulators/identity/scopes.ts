const GRAPH_PREFIX = 'https://graph.microsoft.com/';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
/** What `.default` grants: the permissions this app's registration lists (Files.ReadWrite.AppFolder, User.Read). */
const DEFAULT_GRAPH_SCOPES = ['Files.ReadWrite.AppFolder', 'User.Read'];

/**
 * Space-separated scopes as a list: Graph's own are written without the resource prefix (as AAD answers them),
 * OpenID scopes lower-cased, duplicates (compared without case) dropped.
 */
export function parseScopes(text: string | null | undefined): string[] {
  const scopes: string[] = [];
  for (const raw of (text ?? '').split(/\s+/)) {
    if (!raw) continue;
    const unprefixed = raw.toLowerCase().startsWith(GRAPH_PREFIX) ? raw.slice(GRAPH_PREFIX.length) : raw;
    const expanded = unprefixed === '.default' ? DEFAULT_GRAPH_SCOPES : [OIDC_SCOPES.has(unprefixed.toLowerCase()) ? unprefixed.toLowerCase() : unprefixed];
    for (const scope of expanded) if (!scopes.some((known) => known.toLowerCase() === scope.toLowerCase())) scopes.push(scope);
  }
  return scopes;
}

export const isOidcScope = (scope: string): boolean => OIDC_SCOPES.has(scope.toLowerCase());

/** The resource (non-OpenID) scopes of a list. */
export const resourceScopes = (scopes: readonly string[]): string[] => scopes.filter((scope) => !isOidcScope(scope));

export function hasScope(scopes: readonly string[], wanted: string): boolean {
  return scopes.some((scope) => scope.toLowerCase() === wanted.toLowerCase());
}

/** The `scope` of a token response: what was granted, without offline_access (AAD answers with it implied). */
export function responseScope(scopes: readonly string[]): string {
  return scopes.filter((scope) => scope.toLowerCase() !== 'offline_access').join(' ');
}
