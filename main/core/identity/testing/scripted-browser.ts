import type { HttpResponse, HttpTransport } from '../../net/http-transport.js';
import type { BrowserOpener } from '../recovery-identity.js';
import { parseForms, type HtmlForm } from './html-forms.js';

/**
 * A "system browser" for tests: it does with plain HTTP what a person does in the browser. It loads the authorize
 * URL from the emulated identity provider, fills in the sign-in form (or presses Cancel, or walks away), and
 * delivers the provider's answer to MSAL's loopback server the way a real browser submits the form_post page.
 *
 *   const browser = scriptedBrowser(transport);
 *   browser.signInAs({ username, password });
 *   const identity = createMsalRecoveryIdentity({ ..., openBrowser: browser.open });
 *   await identity.signIn();
 *
 * Requests go through the app's HTTP transport, so the emulators' CA is trusted exactly as in the app.
 */
export type BrowserStep =
  | { kind: 'signIn'; username: string; password: string }
  /** Presses the page's cancel button: the provider answers error=access_denied. */
  | { kind: 'cancel' }
  /** Loads the page and never finishes (the person closed the tab). */
  | { kind: 'abandon' };

export interface ScriptedBrowser {
  open: BrowserOpener;
  /** What the person does at the next sign-in; steps are used in order, one per opened URL. */
  next(step: BrowserStep): void;
  signInAs(user: { username: string; password: string }): void;
  /** Every URL the app asked the browser to open. */
  readonly opened: string[];
  /** The text MSAL's loopback server showed at the end of the last sign-in (our success or error page). */
  readonly lastLoopbackPage: string | null;
  /** What went wrong inside the scripted browser (an unexpected page), for test diagnostics. */
  readonly failures: string[];
}

const MAX_PAGES = 8;

export function scriptedBrowser(transport: HttpTransport): ScriptedBrowser {
  const steps: BrowserStep[] = [];
  const opened: string[] = [];
  const failures: string[] = [];
  const cookies = new Map<string, string>(); // name -> value; one emulator host per test run
  let lastLoopbackPage: string | null = null;

  async function request(method: 'GET' | 'POST', url: string, form?: URLSearchParams): Promise<{ url: string; response: HttpResponse }> {
    let current = url;
    let currentMethod = method;
    let body = form?.toString();
    for (let hop = 0; hop < MAX_PAGES; hop++) {
      const headers: Record<string, string> = { accept: 'text/html' };
      if (cookies.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await transport.send({ method: currentMethod, url: current, headers, ...(body !== undefined ? { body } : {}) });
      remember(response.headers['set-cookie']);
      const location = response.headers.location;
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      current = new URL(location, current).toString();
      currentMethod = 'GET';
      body = undefined;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  function remember(setCookie: string | undefined): void {
    // The transport joins repeated headers with ", "; a new cookie starts where "name=" follows a comma.
    for (const cookie of setCookie?.split(/,(?=\s*[^;,=\s]+=)/) ?? []) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  async function run(url: string, step: BrowserStep): Promise<void> {
    // The app's loopback listener is the authorize request's redirect_uri (the emulator's own pages may be on
    // plain-http loopback too, so "loopback" alone does not say which is which).
    const redirectUri = new URL(url).searchParams.get('redirect_uri');
    if (!redirectUri) throw new Error(`no redirect_uri in ${url}`);
    const isReply = (candidate: string) => sameLoopbackListener(candidate, redirectUri);
    let page = await request('GET', url);
    if (step.kind === 'abandon') return;
    for (let n = 0; n < MAX_PAGES; n++) {
      if (isReply(page.url)) {
        // A redirect straight to the loopback server (query response); MSAL's server answers it itself.
        lastLoopbackPage = page.response.body.toString('utf8');
        return;
      }
      const html = page.response.body.toString('utf8');
      const forms = parseForms(html, page.url);
      const toLoopback = forms.find((form) => isReply(form.action));
      if (toLoopback) {
        // The form_post page a browser submits by script: deliver it to MSAL's loopback server.
        const delivered = await request('POST', toLoopback.action, fields(toLoopback));
        lastLoopbackPage = delivered.response.body.toString('utf8');
        return;
      }
      const form = forms.find((candidate) => candidate.inputs.some((input) => input.type === 'password')) ?? forms[0];
      const alert = alertText(html);
      // An error page, or the sign-in form shown again with an error (wrong password): a person would stop here.
      if (!form || (n > 0 && alert)) throw new Error(`the sign-in page at ${page.url} (HTTP ${page.response.status}) says: ${alert ?? html.slice(0, 300)}`);
      page = await request(form.method === 'POST' ? 'POST' : 'GET', form.action, fill(form, step));
    }
    throw new Error(`the sign-in did not reach the app after ${MAX_PAGES} pages`);
  }

  return {
    opened,
    failures,
    get lastLoopbackPage() {
      return lastLoopbackPage;
    },
    next: (step) => void steps.push(step),
    signInAs: ({ username, password }) => void steps.push({ kind: 'signIn', username, password }),
    async open(url) {
      opened.push(url);
      const step = steps.shift();
      if (!step) throw new Error('the scripted browser was opened but no step was queued');
      lastLoopbackPage = null;
      try {
        await run(url, step);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
  };
}

function fields(form: HtmlForm): URLSearchParams {
  const values = new URLSearchParams();
  for (const input of form.inputs) if (!['submit', 'button', 'checkbox', 'radio'].includes(input.type)) values.append(input.name, input.value);
  return values;
}

function fill(form: HtmlForm, step: BrowserStep): URLSearchParams {
  const values = fields(form);
  if (step.kind === 'signIn') {
    for (const input of form.inputs) {
      if (input.type === 'password') values.set(input.name, step.password);
      else if (['text', 'email'].includes(input.type) && /user|login|email|account|name/i.test(input.name)) values.set(input.name, step.username);
    }
  }
  const cancelling = (button: HtmlForm['buttons'][number]) => /cancel|deny|decline|no\b|back/i.test(`${button.name} ${button.value} ${button.label}`);
  const button = step.kind === 'cancel' ? form.buttons.find(cancelling) : (form.buttons.find((candidate) => !cancelling(candidate)) ?? undefined);
  if (step.kind === 'cancel' && !button) throw new Error(`no cancel button on the form posting to ${form.action}`);
  if (button?.name) values.set(button.name, button.value);
  return values;
}

function alertText(html: string): string | undefined {
  const match = /<[^>]*role="alert"[^>]*>([\s\S]*?)<\//i.exec(html);
  return match?.[1]?.replace(/<[^>]*>/g, '').trim() || undefined;
}

/** Same port on a loopback name: a browser reaches MSAL's listener as localhost, 127.0.0.1 or [::1] alike. */
function sameLoopbackListener(url: string, redirectUri: string): boolean {
  const a = new URL(url);
  const b = new URL(redirectUri);
  const loopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);
  return a.protocol === b.protocol && a.port === b.port && loopback(a.hostname) && loopback(b.hostname);
}
