/**
 * What MSAL's loopback server shows in the system browser once the identity provider sends the person back.
 * Self-contained (no scripts, no external resources), light and dark.
 */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} – Authenticator</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; }
  main { max-width: 28rem; padding: 2rem; text-align: center; line-height: 1.5; }
  h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
</style></head>
<body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
}

export const SIGN_IN_SUCCESS_PAGE = page('You are signed in', 'You are signed in. You can close this tab and return to Authenticator.');

export const SIGN_IN_ERROR_PAGE = page(
  'Sign-in did not complete',
  'The sign-in did not complete. You can close this tab and return to Authenticator, which says what happened and how to try again.',
);
