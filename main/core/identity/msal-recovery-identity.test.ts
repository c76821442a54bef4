import { TokenCacheContext, type ISerializableTokenCache } from '@azure/msal-node';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appCloudSettings } from '../../../emulators/index.js';
import { useEmulators } from '../../../emulators/testing/vitest.js';
import { AppError } from '../../../shared/errors.js';
import { ManualClock } from '../clock.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { silentLogger } from '../logger.js';
import { IdentityConfig } from './identity-config.js';
import { createMsalRecoveryIdentity, DEFAULT_SIGN_IN_TIMEOUT_MS } from './msal-recovery-identity.js';
import type { RecoveryIdentity } from './recovery-identity.js';
import { SIGN_IN_ERROR_PAGE, SIGN_IN_SUCCESS_PAGE } from './sign-in-pages.js';
import { scriptedBrowser, type ScriptedBrowser } from './testing/scripted-browser.js';
import { encryptedTokenCachePlugin, TOKEN_CACHE_FILE } from './token-cache-plugin.js';

// Real MSAL Node, the real OS keychain (run under scripts/with-keyring.sh) and the local identity emulator
// (emulators/), driven by a scripted browser that fills in the emulator's sign-in page with plain HTTP.

const CLIENT_ID = '7c2d9f0e-1b4a-4e6f-8a3c-5d9e0f1a2b3c';
const ALICE = { username: 'alice@example.com', password: 'correct horse', displayName: 'Alice Liddell' };
const WORKER = { username: 'worker@contoso.com', password: 'pw', kind: 'work' as const };

const { emulators, transport } = useEmulators({ users: [ALICE, WORKER] });
let dataDir: string;
let keyStore: KeyStore;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'recovery-identity-'));
  keyStore = osKeychainKeyStore(`test-identity-${randomBytes(6).toString('hex')}`);
});
afterEach(async () => {
  for (const { account } of await keyStore.findCredentials()) await keyStore.deletePassword(account);
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The app's configuration for the emulators, through the same schema the config loader uses. */
function emulatorConfig(): IdentityConfig {
  return IdentityConfig.parse({ clientId: CLIENT_ID, ...appCloudSettings(emulators) });
}

/** A new identity is a new PublicClientApplication: what the app has after a restart. */
function identity(options: { browser?: ScriptedBrowser; clock?: ManualClock; keyStore?: KeyStore; config?: IdentityConfig } = {}): { id: RecoveryIdentity; browser: ScriptedBrowser } {
  const browser = options.browser ?? scriptedBrowser(transport);
  const id = createMsalRecoveryIdentity({
    config: options.config ?? emulatorConfig(),
    transport,
    keyStore: options.keyStore ?? keyStore,
    dataDir,
    openBrowser: browser.open,
    log: silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { id, browser };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const tokenRequests = async () => (await emulators.control.requests('login')).filter((request) => request.path.includes('/oauth2/v2.0/token')).length;

async function me(token: string): Promise<number> {
  return (await transport.send({ method: 'GET', url: `${emulators.graphBaseUrl}/me`, headers: { authorization: `Bearer ${token}` } })).status;
}

/** The cache as MSAL serialized it, opened through the plugin with the key from the keychain. */
async function decryptedCache(): Promise<string> {
  const cache: ISerializableTokenCache & { text: string } = { text: '', deserialize: (text) => void (cache.text = text), serialize: () => cache.text };
  await encryptedTokenCachePlugin({ file: path.join(dataDir, TOKEN_CACHE_FILE), keyStore, log: silentLogger }).beforeCacheAccess(new TokenCacheContext(cache, false));
  return cache.text;
}

describe('createMsalRecoveryIdentity against the identity emulator', () => {
  it('signs in through the system browser (loopback, PKCE), then serves tokens silently from the cache', async () => {
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    const account = await id.signIn({ loginHint: ALICE.username });
    const user = await emulators.control.user(ALICE.username);
    expect(account).toEqual({ id: user.homeAccountId, username: ALICE.username, displayName: ALICE.displayName });
    expect(browser.failures).toEqual([]);
    expect(browser.lastLoopbackPage).toBe(SIGN_IN_SUCCESS_PAGE);

    const authorize = new URL(browser.opened[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(emulators.authorizeEndpoint);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    expect(authorize.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['Files.ReadWrite.AppFolder', 'User.Read', 'offline_access']));
    expect(authorize.searchParams.get('login_hint')).toBe(ALICE.username);
    expect(authorize.searchParams.get('prompt')).toBeNull();

    expect(await id.currentAccount()).toEqual(account);
    const before = await tokenRequests();
    const token = await id.accessToken();
    expect(await id.accessToken()).toBe(token);
    expect(await tokenRequests()).toBe(before); // both from the cache
    expect(await me(token)).toBe(200);
  });

  it('forceRefresh redeems the refresh token for a new access token (after Graph refused the old one)', async () => {
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    await id.signIn();
    const first = await id.accessToken();
    await emulators.control.expireAccessTokens(ALICE.username);
    expect(await me(first)).toBe(401);

    const before = await tokenRequests();
    const second = await id.accessToken({ forceRefresh: true });
    expect(second).not.toBe(first);
    expect(await tokenRequests()).toBe(before + 1);
    expect(await me(second)).toBe(200);
    expect(browser.opened).toHaveLength(1); // no second trip to the browser
  });

  it.each([
    ['revoked', (username: string) => emulators.control.revokeRefreshTokens(username)],
    ['expired', (username: string) => emulators.control.expireRefreshTokens(username)],
  ])('a %s refresh token means signInRequired, naming the account, which is still shown', async (_what, invalidate) => {
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    await id.signIn();
    await invalidate(ALICE.username);
    const error = await rejection(id.accessToken({ forceRefresh: true }));
    expect(error.kind).toBe('signInRequired');
    expect(error.message).toContain(`Sign in to your recovery account (${ALICE.username}) again`);
    expect((await id.currentAccount())?.username).toBe(ALICE.username);

    // Signing in again is the way out.
    browser.signInAs(ALICE);
    await id.signIn({ loginHint: ALICE.username });
    expect(await me(await id.accessToken({ forceRefresh: true }))).toBe(200);
  });

  it('cancelling in the browser is signInCancelled, and leaves nobody signed in', async () => {
    const { id, browser } = identity();
    browser.next({ kind: 'cancel' });
    const error = await rejection(id.signIn());
    expect(error.kind).toBe('signInCancelled');
    expect(browser.lastLoopbackPage).toBe(SIGN_IN_ERROR_PAGE);
    expect(await id.currentAccount()).toBeNull();
    expect((await rejection(id.accessToken())).kind).toBe('signInRequired');
  });

  it('a work or school account is wrongAccountType, and does not replace the recovery account', async () => {
    const { id, browser } = identity();
    browser.signInAs(WORKER);
    const error = await rejection(id.signIn());
    expect(error.kind).toBe('wrongAccountType');
    expect(error.message).toMatch(/^worker@contoso\.com is a work or school account\. The recovery account must be a personal Microsoft account/);
    expect(await id.currentAccount()).toBeNull();

    browser.signInAs(ALICE);
    await id.signIn();
    browser.signInAs(WORKER);
    expect((await rejection(id.signIn())).kind).toBe('wrongAccountType');
    expect((await id.currentAccount())?.username).toBe(ALICE.username);
  });

  it('refuses a work account by its id token too, where the authority let it in (a misconfigured /organizations)', async () => {
    // knownAuthorities alone: MSAL fetches the /organizations OpenID configuration from the emulator.
    const config = IdentityConfig.parse({ clientId: CLIENT_ID, authority: emulators.authority.replace(/\/consumers$/, '/organizations'), knownAuthorities: emulators.knownAuthorities });
    const { id, browser } = identity({ config });
    browser.signInAs(WORKER);
    const error = await rejection(id.signIn());
    expect(error.kind).toBe('wrongAccountType');
    expect(error.message).toMatch(/^worker@contoso\.com is a work or school account/);
    expect(browser.lastLoopbackPage).toBe(SIGN_IN_SUCCESS_PAGE); // the provider did sign the account in
    expect(await id.currentAccount()).toBeNull();
    expect(await decryptedCache()).not.toContain(WORKER.username); // and none of its tokens were kept
  });

  it('signing in as another personal account replaces the earlier one', async () => {
    await emulators.control.createUser({ username: 'bob@example.com', password: 'pw' });
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    await id.signIn();
    browser.signInAs({ username: 'bob@example.com', password: 'pw' });
    await id.signIn({ selectAccount: true, loginHint: ALICE.username });
    // The account picker: MSAL sends prompt=select_account and, by design, no login_hint with it.
    const authorize = new URL(browser.opened[1] ?? '');
    expect(authorize.searchParams.get('prompt')).toBe('select_account');
    expect(authorize.searchParams.get('login_hint')).toBeNull();
    expect((await id.currentAccount())?.username).toBe('bob@example.com');
    expect((await identity().id.currentAccount())?.username).toBe('bob@example.com');
  });

  it('signing in again as the recovery account keeps it; another account signing in instead is not kept, and the recovery account stays', async () => {
    const BOB = { username: 'bob@example.com', password: 'pw' };
    await emulators.control.createUser(BOB);
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    const alice = await id.signIn();
    await emulators.control.revokeRefreshTokens(ALICE.username);
    browser.signInAs(BOB);
    const other = await id.signIn({ loginHint: ALICE.username, sameAccountAs: alice.id });
    expect(other.username).toBe(BOB.username);
    expect((await id.currentAccount())?.username).toBe(ALICE.username);
    expect(await decryptedCache()).not.toContain(BOB.username);
    browser.signInAs(ALICE);
    expect((await id.signIn({ loginHint: ALICE.username, sameAccountAs: alice.id })).id).toBe(alice.id);
    expect(await me(await id.accessToken({ forceRefresh: true }))).toBe(200);
  });

  it('verifying another personal account signs it in with its name as hint, keeps none of its tokens and leaves the recovery account', async () => {
    const BOB = { username: 'bob@example.com', password: 'pw' };
    await emulators.control.createUser(BOB);
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    await id.signIn();
    browser.signInAs(BOB);
    const verified = await id.verifyAccount(BOB.username);
    expect(verified.username).toBe(BOB.username);
    expect(new URL(browser.opened[1] ?? '').searchParams.get('login_hint')).toBe(BOB.username);
    expect((await id.currentAccount())?.username).toBe(ALICE.username);
    expect(await decryptedCache()).not.toContain(BOB.username);
    expect(await me(await id.accessToken())).toBe(200); // backup goes on as Alice

    // Verifying the recovery account itself keeps it signed in.
    browser.signInAs(ALICE);
    expect((await id.verifyAccount(ALICE.username)).username).toBe(ALICE.username);
    expect((await id.currentAccount())?.username).toBe(ALICE.username);
  });

  it('verifying with nobody signed in leaves nobody signed in; a work account is wrongAccountType', async () => {
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    expect((await id.verifyAccount(ALICE.username)).username).toBe(ALICE.username);
    expect(await id.currentAccount()).toBeNull();

    browser.signInAs(WORKER);
    const error = await rejection(id.verifyAccount(WORKER.username));
    expect(error.kind).toBe('wrongAccountType');
    expect(error.message).toMatch(/^worker@contoso\.com is a work or school account\. This account is a personal Microsoft account/);
    expect(await decryptedCache()).not.toContain(WORKER.username);

    browser.next({ kind: 'cancel' });
    expect((await rejection(id.verifyAccount(ALICE.username))).kind).toBe('signInCancelled');
  });

  it('signing out forgets the account and its tokens on this PC', async () => {
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    await id.signIn();
    const token = await id.accessToken();
    await id.signOut();
    expect(await id.currentAccount()).toBeNull();
    expect((await rejection(id.accessToken())).kind).toBe('signInRequired');
    expect(await identity().id.currentAccount()).toBeNull();
    expect(await decryptedCache()).not.toContain(token);
  });

  it('keeps the sign-in across a restart in an encrypted file that holds no token text', async () => {
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    const account = await id.signIn();
    const token = await id.accessToken();

    const plaintext = await decryptedCache();
    const refreshTokens = Object.values((JSON.parse(plaintext) as { RefreshToken: Record<string, { secret: string }> }).RefreshToken).map((entry) => entry.secret);
    expect(plaintext).toContain(token); // the check below looks for something that is really in the cache
    expect(refreshTokens).toHaveLength(1);
    const onDisk = await fs.readFile(path.join(dataDir, TOKEN_CACHE_FILE), 'utf8');
    for (const secret of [token, ...refreshTokens, ALICE.username, 'RefreshToken']) expect(onDisk).not.toContain(secret);

    const before = await tokenRequests();
    const restarted = identity().id;
    expect(await restarted.currentAccount()).toEqual(account);
    expect(await restarted.accessToken()).toBe(token);
    expect(await tokenRequests()).toBe(before);
    expect(await me(await restarted.accessToken({ forceRefresh: true }))).toBe(200);
  });

  it('a sign-in nobody finishes times out by the app clock as signInTimedOut; MSAL stops listening and the next sign-in works', async () => {
    const clock = new ManualClock(Date.now());
    const { id, browser } = identity({ clock });
    browser.next({ kind: 'abandon' });
    let settled = false;
    const waiting = rejection(id.signIn()).finally(() => (settled = true));
    await waitUntil(() => browser.opened.length === 1);
    clock.advance(DEFAULT_SIGN_IN_TIMEOUT_MS - 1_000);
    await pause(200);
    expect(settled).toBe(false);
    clock.advance(1_000);
    const error = await waiting;
    expect(error.kind).toBe('signInTimedOut');
    expect(error.message).toBe('The sign-in was not finished within 5 minutes, so it was stopped; nothing was changed. Sign in again when you are ready.');
    await expectLoopbackClosed(browser.opened[0]);
    expect(await id.currentAccount()).toBeNull();

    browser.signInAs(ALICE);
    expect((await id.signIn()).username).toBe(ALICE.username);
  });

  it('the sign-in page can be opened again while waiting: the same URL, the wait starts over, and signing in there finishes it', async () => {
    const clock = new ManualClock(Date.now());
    const { id, browser } = identity({ clock });
    browser.next({ kind: 'abandon' }); // the person closes the first tab
    const signingIn = id.signIn({ loginHint: ALICE.username });
    await waitUntil(() => browser.opened.length === 1);
    clock.advance(DEFAULT_SIGN_IN_TIMEOUT_MS - 1_000);
    browser.next({ kind: 'abandon' }); // and the second one
    await id.reopenSignIn();
    expect(browser.opened).toEqual([browser.opened[0], browser.opened[0]]);
    clock.advance(DEFAULT_SIGN_IN_TIMEOUT_MS - 1_000); // past the first deadline: opening the page again restarted the wait
    browser.signInAs(ALICE);
    await id.reopenSignIn();
    expect(browser.opened).toHaveLength(3);
    expect(new Set(browser.opened).size).toBe(1);
    expect((await signingIn).username).toBe(ALICE.username);
    expect(browser.lastLoopbackPage).toBe(SIGN_IN_SUCCESS_PAGE);
  });

  it('opening the sign-in page again with no sign-in waiting is refused, and opens nothing', async () => {
    const { id, browser } = identity();
    const error = await rejection(id.reopenSignIn());
    expect(error.kind).toBe('invalidRequest');
    expect(error.message).toMatch(/No sign-in is waiting/);
    browser.signInAs(ALICE);
    await id.signIn();
    expect((await rejection(id.reopenSignIn())).kind).toBe('invalidRequest');
    expect(browser.opened).toHaveLength(1);
  });

  it('cancelSignIn ends a waiting sign-in at once as signInCancelled, closes the loopback listener, and the next sign-in works', async () => {
    const { id, browser } = identity();
    browser.next({ kind: 'abandon' });
    const waiting = rejection(id.signIn());
    await waitUntil(() => browser.opened.length === 1);
    await id.cancelSignIn();
    const error = await waiting;
    expect(error.kind).toBe('signInCancelled');
    expect(error.message).toMatch(/^You cancelled the sign-in/);
    await expectLoopbackClosed(browser.opened[0]);
    expect(await id.currentAccount()).toBeNull();
    await id.cancelSignIn(); // nothing waiting: nothing to do

    browser.signInAs(ALICE);
    expect((await id.signIn()).username).toBe(ALICE.username);
  });

  it('cancelSignIn before the browser opened: it never opens', async () => {
    const { id, browser } = identity();
    const waiting = rejection(id.signIn());
    await id.cancelSignIn();
    expect((await waiting).kind).toBe('signInCancelled');
    expect(browser.opened).toEqual([]);
    expect(browser.failures).toEqual([]);
  });

  it('a second sign-in replaces one still waiting in the browser', async () => {
    const { id, browser } = identity();
    browser.next({ kind: 'abandon' });
    const first = rejection(id.signIn());
    await waitUntil(() => browser.opened.length === 1);
    browser.signInAs(ALICE);
    expect((await id.signIn()).username).toBe(ALICE.username);
    expect((await first).kind).toBe('signInCancelled');
  });

  it('the scripted browser stops at a wrong password, as a person would, and says what the page said', async () => {
    const { id, browser } = identity();
    browser.signInAs({ username: ALICE.username, password: 'wrong' });
    const error = await rejection(id.signIn());
    expect(error.kind).not.toBe('signInCancelled');
    expect(browser.failures).toHaveLength(1);
    expect(browser.failures[0]).toMatch(/says: .+/);
    expect(await id.currentAccount()).toBeNull();
  });

  it('network failures are network errors, and the sign-in is kept', async () => {
    const { id, browser } = identity();
    browser.signInAs(ALICE);
    await id.signIn();
    await emulators.control.addFault({ target: 'login', pathContains: '/oauth2/v2.0/token', reset: true });
    expect((await rejection(id.accessToken({ forceRefresh: true }))).kind).toBe('network');
    await emulators.control.addFault({ target: 'login', pathContains: '/oauth2/v2.0/token', status: 503 });
    expect((await rejection(id.accessToken({ forceRefresh: true }))).kind).toBe('network');
    expect((await id.currentAccount())?.username).toBe(ALICE.username);
    expect(await me(await id.accessToken({ forceRefresh: true }))).toBe(200);
  });

  it('an unreachable keychain is keychainUnavailable, and nothing is written in the clear', async () => {
    const locked: KeyStore = {
      id: 'locked',
      getPassword: async () => {
        throw new AppError('keychainUnavailable', 'The keychain is locked.');
      },
      setPassword: async () => {
        throw new AppError('keychainUnavailable', 'The keychain is locked.');
      },
      deletePassword: async () => false,
      findCredentials: async () => [],
    };
    await fs.writeFile(path.join(dataDir, TOKEN_CACHE_FILE), '{"not":"ours"}'); // to show it is left alone
    const { id, browser } = identity({ keyStore: locked });
    browser.signInAs(ALICE);
    expect((await rejection(id.signIn())).kind).toBe('keychainUnavailable');
    expect(await fs.readFile(path.join(dataDir, TOKEN_CACHE_FILE), 'utf8')).toBe('{"not":"ours"}');
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** MSAL's loopback server of the sign-in that opened `authorizeUrl` no longer listens. */
async function expectLoopbackClosed(authorizeUrl: string | undefined): Promise<void> {
  const redirect = new URL(authorizeUrl ?? '').searchParams.get('redirect_uri') ?? '';
  const loopback = redirect.replace('localhost', '127.0.0.1');
  await expect(transport.send({ method: 'GET', url: `${loopback}/`, timeoutMs: 2_000 })).rejects.toMatchObject({ kind: 'network' });
}
