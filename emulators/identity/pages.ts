import { escapeHtml } from '../http/io.js';

/**
 * The identity emulator's pages: plain, accessible HTML (labelled fields, one heading, errors announced with
 * role="alert"), no scripts except the one-line auto-submit of a form_post response, which AAD uses too.
 */

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.brand{font-size:.9rem;color:#5e5e5e;margin:0 0 16px}
h1{font-size:1.5rem;font-weight:600;margin:0 0 16px}
label{display:block;margin:16px 0 4px}
input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:8px;font-size:1rem;border:1px solid #666}
input:focus,button:focus{outline:3px solid #0067b8;outline-offset:2px}
.error{color:#a4262c;margin:8px 0}
.buttons{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
button{font-size:1rem;padding:6px 20px;border:1px solid #666;background:#fff;cursor:pointer}
button.primary{background:#0067b8;color:#fff;border-color:#0067b8}`;

/** Pages without forms; the others allow posting only to themselves and to the app's loopback listener. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Browsers apply form-action to the redirect that answers a form post too, so the app's origin must be listed. */
const formCsp = (replyOrigin: string, extra = '') =>
  `default-src 'none'; style-src 'unsafe-inline';${extra} form-action 'self' ${replyOrigin}; frame-ancestors 'none'; base-uri 'none'`;

export interface Page {
  html: string;
  headers: Record<string, string>;
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body>
</html>`;
}

export interface SignInPageOptions {
  action: string;
  flow: string;
  clientId: string;
  redirectUri: string;
  username: string;
  selectAccount: boolean;
  error: string | undefined;
}

export function signInPage(options: SignInPageOptions): Page {
  const error = options.error ? `<p class="error" role="alert" id="form-error">${escapeHtml(options.error)}</p>` : '';
  const described = options.error ? ' aria-describedby="form-error" aria-invalid="true"' : '';
  const focusPassword = options.username !== '' && !options.error;
  const heading = options.selectAccount ? 'Pick an account' : 'Sign in';
  const body = `<main aria-labelledby="title">
<p class="brand">Microsoft account · local emulator</p>
<h1 id="title">${heading}</h1>
<p>to continue to the application ${escapeHtml(options.clientId)}</p>
${error}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="flow" value="${escapeHtml(options.flow)}">
<label for="login">Email, phone, or Skype</label>
<input id="login" name="login" type="text" autocomplete="username" spellcheck="false" value="${escapeHtml(options.username)}"${described}${focusPassword ? '' : ' autofocus'}>
<label for="passwd">Password</label>
<input id="passwd" name="passwd" type="password" autocomplete="current-password"${focusPassword ? ' autofocus' : ''}>
<div class="buttons">
<button type="submit" name="action" value="signin" class="primary">Sign in</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</div>
</form>
</main>`;
  return { html: layout('Sign in to your account', body), headers: { 'content-security-policy': formCsp(new URL(options.redirectUri).origin) } };
}

/** For errors that must not be sent to the app (unknown client, unregistered redirect URI, expired flow). */
export function errorPage(message: string): Page {
  const body = `<main aria-labelledby="title">
<p class="brand">Microsoft account · local emulator</p>
<h1 id="title">Sorry, but we’re having trouble signing you in.</h1>
<p role="alert">${escapeHtml(message)}</p>
</main>`;
  return { html: layout('Sign in to your account', body), headers: { 'content-security-policy': PAGE_CSP } };
}

/** response_mode=form_post: a form the browser posts to the redirect URI at once (a button when scripts are off). */
export function formPostPage(redirectUri: string, fields: Record<string, string>, nonce: string): Page {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const body = `<main aria-labelledby="title">
<h1 id="title">Returning to the application…</h1>
<form method="post" action="${escapeHtml(redirectUri)}">
${inputs}
<noscript><p>Scripts are off: choose Continue to return to the application.</p><button type="submit" class="primary">Continue</button></noscript>
</form>
</main>
<script nonce="${nonce}">document.forms[0].submit();</script>`;
  return { html: layout('Working…', body), headers: { 'content-security-policy': formCsp(new URL(redirectUri).origin, ` script-src 'nonce-${nonce}';`) } };
}

export function signedOutPage(): Page {
  const body = `<main aria-labelledby="title">
<p class="brand">Microsoft account · local emulator</p>
<h1 id="title">You signed out of your account</h1>
<p>It’s a good idea to close all browser windows.</p>
</main>`;
  return { html: layout('Sign out', body), headers: { 'content-security-policy': PAGE_CSP } };
}
