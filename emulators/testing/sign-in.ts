import type { HttpTransport } from '../../main/core/net/http-transport.js';
import { alertText, parseForm } from './html-form.js';

export interface SignInAs {
  username: string;
  password: string;
  /** Press Cancel instead of Sign in. */
  cancel?: boolean;
}

export type AuthorizationOutcome =
  /** The identity emulator answered the app: by a redirect (response_mode=query) or a form_post page. */
  | { kind: 'response'; via: 'query' | 'form_post'; redirectUri: string; params: Record<string, string> }
  /** It showed a page instead: the sign-in form again (with `error`), or an error page. */
  | { kind: 'page'; status: number; html: string; error: string | undefined };

/**
 * Does what a person does in the browser: opens the authorize URL, fills in the sign-in form and presses a button,
 * with plain HTTP requests through the project's transport. A form_post answer is returned, not delivered
 * (deliverFormPost does that).
 */
export async function signInThroughForm(transport: HttpTransport, authorizeUrl: string, as: SignInAs): Promise<AuthorizationOutcome> {
  const page = await transport.send({ method: 'GET', url: authorizeUrl });
  const outcome = interpret(page.status, page.headers, page.body.toString('utf8'), authorizeUrl);
  if (outcome.kind === 'response') return outcome;
  const form = parseForm(outcome.html, authorizeUrl);
  if (!form || !('login' in form.fields)) return outcome;
  const fields = new URLSearchParams({ ...form.fields, login: as.username, passwd: as.password, action: as.cancel ? 'cancel' : 'signin' });
  const answer = await transport.send({
    method: 'POST',
    url: form.action,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  return interpret(answer.status, answer.headers, answer.body.toString('utf8'), form.action);
}

/** Posts a form_post response to the app's loopback listener, as the page's script would. */
export async function deliverFormPost(transport: HttpTransport, outcome: Extract<AuthorizationOutcome, { kind: 'response' }>): Promise<number> {
  const reply = await transport.send({
    method: 'POST',
    url: outcome.redirectUri,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(outcome.params).toString(),
  });
  return reply.status;
}

function interpret(status: number, headers: Record<string, string>, html: string, pageUrl: string): AuthorizationOutcome {
  const location = headers['location'];
  if (status === 302 && location) {
    const url = new URL(location, pageUrl);
    const params = Object.fromEntries(url.searchParams);
    url.search = '';
    return { kind: 'response', via: 'query', redirectUri: url.toString(), params };
  }
  const form = parseForm(html, pageUrl);
  if (status === 200 && form && !('flow' in form.fields)) {
    return { kind: 'response', via: 'form_post', redirectUri: form.action, params: form.fields };
  }
  return { kind: 'page', status, html, error: alertText(html) };
}
