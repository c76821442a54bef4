import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../http/router.js';
import { redirect, sendHtml } from '../http/io.js';
import type { EmulatedUser } from '../state/users.js';
import type { ReplyTo } from './authorize-request.js';
import { formPostPage } from './pages.js';

/** `client_info`: base64url JSON of the user's uid and home tenant (utid); MSAL builds homeAccountId from it. */
export function clientInfoOf(user: EmulatedUser): string {
  return Buffer.from(JSON.stringify({ uid: user.objectId, utid: user.tenantId })).toString('base64url');
}

/** Sends an authorization response (code or error) back to the app: a redirect with a query, or a form_post page. */
export function sendAuthorizationResponse(ctx: RequestContext, replyTo: ReplyTo, fields: Record<string, string>): void {
  const all = { ...fields, ...(replyTo.state !== undefined ? { state: replyTo.state } : {}) };
  if (replyTo.responseMode === 'form_post') {
    const page = formPostPage(replyTo.redirectUri, all, randomBytes(16).toString('base64'));
    sendHtml(ctx.res, 200, page.html, page.headers);
    return;
  }
  const url = new URL(replyTo.redirectUri);
  for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
  redirect(ctx.res, url.toString());
}
