import type { HttpTransport } from '../net/http-transport.js';

/** timeout: nobody finished it in time; superseded: a newer sign-in replaced it; cancelled: the person pressed Cancel. */
export type AbortReason = 'timeout' | 'superseded' | 'cancelled';

/**
 * One interactive sign-in in progress. MSAL's acquireTokenInteractive has no way to be cancelled: its loopback
 * server waits for the browser forever. To end a sign-in that timed out, was cancelled or is replaced, we answer
 * MSAL's loopback server ourselves the way the identity provider would when the person declines, with the
 * request's own state: MSAL then closes its server and rejects, and we report why.
 */
export class PendingSignIn {
  private authorizeUrl: URL | null = null;
  private openedUrl: string | null = null;
  private reason: AbortReason | null = null;

  constructor(private readonly transport: HttpTransport) {}

  get abortReason(): AbortReason | null {
    return this.reason;
  }

  /** The authorize URL the browser was given (null until it is opened): the page to open again. */
  get url(): string | null {
    return this.openedUrl;
  }

  /** Called with the authorize URL just before the browser opens it. */
  opening(url: string): void {
    this.authorizeUrl = new URL(url);
    this.openedUrl = url;
  }

  async abort(reason: AbortReason): Promise<void> {
    this.reason ??= reason;
    const redirect = this.authorizeUrl?.searchParams.get('redirect_uri');
    const state = this.authorizeUrl?.searchParams.get('state');
    if (!redirect || !state) return; // the browser was not opened yet; `opening` callers check abortReason
    const target = new URL(redirect);
    // Only ever to MSAL's own loopback server, which listens on 127.0.0.1 (its redirect URI says "localhost").
    if (target.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(target.hostname)) return;
    target.hostname = '127.0.0.1';
    const body = new URLSearchParams({ error: 'access_denied', error_description: `Authenticator ended the sign-in (${reason}).`, state });
    await this.transport
      .send({ method: 'POST', url: target.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), timeoutMs: 5_000 })
      .catch(() => undefined); // the server may have closed already because the sign-in just finished
  }
}
