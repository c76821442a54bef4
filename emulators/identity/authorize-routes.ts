import type { RequestContext, Route } from '../http/router.js';
import { formFields, KIB, readBody, redirect, sendHtml } from '../http/io.js';
import type { EmulatorState } from '../state.js';
import { validateAuthorizeRequest } from './authorize-request.js';
import { clientInfoOf, sendAuthorizationResponse } from './authorization-response.js';
import { errorPage, signedOutPage, signInPage } from './pages.js';
import { isLoopbackRedirectUri } from './redirect-uri.js';
import type { AuthorizationRequest } from './sign-in-flows.js';
import { accountTypeRefusal } from './tenants.js';

const TENANT = '([^/]+)';

/** The interactive half of the identity platform: the sign-in page, its form post, and sign-out. */
export function authorizeRoutes(state: EmulatorState): Route[] {
  return [
    { method: 'GET', path: new RegExp(`^/${TENANT}/oauth2/v2\\.0/authorize/?$`), handle: (ctx, [tenant = '']) => authorize(state, ctx, tenant) },
    { method: 'POST', path: new RegExp(`^/${TENANT}/login$`), handle: (ctx) => signIn(state, ctx) },
    { method: 'GET', path: new RegExp(`^/${TENANT}/oauth2/v2\\.0/logout/?$`), handle: (ctx) => signOut(ctx) },
  ];
}

function authorize(state: EmulatorState, ctx: RequestContext, tenant: string): void {
  const validation = validateAuthorizeRequest(tenant, ctx.url.searchParams, state.allowedClientIds);
  if (validation.kind === 'page') {
    const page = errorPage(validation.message);
    sendHtml(ctx.res, 400, page.html, page.headers);
    return;
  }
  if (validation.kind === 'redirect') {
    sendAuthorizationResponse(ctx, validation.replyTo, { error: validation.error, error_description: validation.description });
    return;
  }
  const request = validation.request;
  const flow = state.flows.start(request);
  // select_account asks for the account picker: with no browser session to pick from, that is the empty form.
  const username = request.prompt === 'select_account' ? '' : (request.loginHint ?? '');
  showForm(ctx, request, flow, username, undefined);
}

async function signIn(state: EmulatorState, ctx: RequestContext): Promise<void> {
  const form = formFields(ctx.req, await readBody(ctx.req, 64 * KIB)) ?? new URLSearchParams();
  const flow = form.get('flow') ?? '';
  const request = state.flows.get(flow);
  if (!request) {
    const page = errorPage('AADSTS50089: Authentication failed due to flow token expired. Go back to the application and sign in again.');
    sendHtml(ctx.res, 400, page.html, page.headers);
    return;
  }
  const replyTo = { redirectUri: request.redirectUri, responseMode: request.responseMode, state: request.state };
  if (form.get('action') === 'cancel') {
    state.flows.finish(flow);
    // What AAD sends when the person cancels: access_denied with the "cancel" subcode.
    sendAuthorizationResponse(ctx, replyTo, { error: 'access_denied', error_subcode: 'cancel', error_description: 'AADSTS65004: User declined to consent to access the app.' });
    return;
  }
  const username = (form.get('login') ?? '').trim();
  const user = username ? state.users.find(username) : undefined;
  if (!username) return showForm(ctx, request, flow, '', 'Enter a valid email address, phone number, or Skype name.');
  if (!user) return showForm(ctx, request, flow, username, 'That Microsoft account doesn’t exist. Enter a different account or get a new one.');
  if (form.get('passwd') !== user.password) {
    return showForm(ctx, request, flow, username, 'Your account or password is incorrect. If you don’t remember your password, reset it now.');
  }
  state.flows.finish(flow);
  const refusal = accountTypeRefusal(request.audience, user);
  if (refusal) {
    sendAuthorizationResponse(ctx, replyTo, { error: 'invalid_request', error_description: refusal });
    return;
  }
  const code = state.tokens.issueCode({
    userId: user.objectId,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    tenant: request.tenant,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    nonce: request.nonce,
  });
  sendAuthorizationResponse(ctx, replyTo, { code, ...(request.clientInfo ? { client_info: clientInfoOf(user) } : {}) });
}

function showForm(ctx: RequestContext, request: AuthorizationRequest, flow: string, username: string, error: string | undefined): void {
  const page = signInPage({
    action: `/${encodeURIComponent(request.tenant)}/login`,
    flow,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    username,
    selectAccount: request.prompt === 'select_account',
    error,
  });
  sendHtml(ctx.res, 200, page.html, page.headers);
}

/** There is no browser session to end; a loopback post_logout_redirect_uri is honoured, anything else gets a page. */
function signOut(ctx: RequestContext): void {
  const next = ctx.url.searchParams.get('post_logout_redirect_uri');
  if (next && isLoopbackRedirectUri(next)) return redirect(ctx.res, next);
  const page = signedOutPage();
  sendHtml(ctx.res, 200, page.html, page.headers);
}
