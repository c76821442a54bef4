/**
 * A public client's loopback redirect URI: http on localhost or 127.0.0.1, any port and path. Microsoft's identity
 * platform ignores the port of loopback redirect URIs for native apps (RFC 8252 section 7.3), so a registration of
 * "http://localhost" covers MSAL Node's random-port listener. Everything else is refused (AADSTS50011).
 */
export function isLoopbackRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && !url.username && !url.password && !url.hash;
}
