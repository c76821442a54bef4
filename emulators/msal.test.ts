import { InteractionRequiredAuthError, PublicClientApplication, ServerError, type Configuration } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { graph, json } from './testing/graph.js';
import { msalNetworkModule } from './testing/msal-network.js';
import { createPkce } from './testing/pkce.js';
import { deliverFormPost, signInThroughForm } from './testing/sign-in.js';
import { TEST_CLIENT_ID } from './testing/tokens.js';
import { useEmulators } from './testing/vitest.js';

/** The proof that the emulator speaks what real MSAL Node expects: its own flows, unmodified, against loopback. */

const SCOPES = ['Files.ReadWrite.AppFolder', 'User.Read'];
const USER = { username: 'grace@example.com', password: 'hopper-1906' };

const { emulators, transport } = useEmulators({ users: [{ ...USER, displayName: 'Grace Hopper' }, { username: 'worker@contoso.com', password: 'pw', kind: 'work' }] });

/** The configuration the app uses against the emulators: no discovery request, https authority, our transport. */
function msalApp(): PublicClientApplication {
  const config: Configuration = {
    auth: {
      clientId: TEST_CLIENT_ID,
      authority: emulators.authority,
      knownAuthorities: emulators.knownAuthorities,
      authorityMetadata: emulators.authorityMetadata,
      cloudDiscoveryMetadata: emulators.cloudDiscoveryMetadata,
    },
    system: { networkClient: msalNetworkModule(transport) },
  };
  return new PublicClientApplication(config);
}

describe('real MSAL Node against the emulator', () => {
  it('getAuthCodeUrl + the sign-in form + acquireTokenByCode, then acquireTokenSilent with forceRefresh', async () => {
    const app = msalApp();
    const { verifier, challenge } = createPkce();
    const redirectUri = 'http://localhost:53124/';
    const url = await app.getAuthCodeUrl({ scopes: SCOPES, redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256', loginHint: USER.username, state: 'state-1' });
    expect(url.startsWith(emulators.authorizeEndpoint)).toBe(true);

    const outcome = await signInThroughForm(transport, url, USER);
    if (outcome.kind !== 'response' || !outcome.params['code']) throw new Error(`no code: ${JSON.stringify(outcome)}`);
    const byCode = await app.acquireTokenByCode({ code: outcome.params['code'], scopes: SCOPES, redirectUri, codeVerifier: verifier, state: 'state-1' }, { code: outcome.params['code'], state: outcome.params['state'] });
    const user = await emulators.control.user(USER.username);
    expect(byCode.account).toMatchObject({ username: USER.username, name: 'Grace Hopper', homeAccountId: user.homeAccountId, tenantId: user.tenantId, environment: new URL(emulators.authority).host });
    expect(byCode.scopes).toEqual(expect.arrayContaining(SCOPES));

    const me = await graph(transport, emulators, 'GET', '/me', { token: byCode.accessToken });
    expect(me.status).toBe(200);
    expect(json(me)).toMatchObject({ displayName: 'Grace Hopper', userPrincipalName: USER.username, id: user.id });

    const cached = await app.acquireTokenSilent({ account: byCode.account!, scopes: SCOPES });
    expect(cached.accessToken).toBe(byCode.accessToken);
    const refreshed = await app.acquireTokenSilent({ account: byCode.account!, scopes: SCOPES, forceRefresh: true });
    expect(refreshed.accessToken).not.toBe(byCode.accessToken);
    expect(refreshed.account?.homeAccountId).toBe(user.homeAccountId);
    expect((await graph(transport, emulators, 'GET', '/me/drive/special/approot', { token: refreshed.accessToken })).status).toBe(200);

    const tokenRequests = (await emulators.control.requests('login')).filter((request) => request.path.includes('/oauth2/v2.0/token'));
    // One code redemption and one forced refresh; the cached call made no request.
    expect(tokenRequests).toHaveLength(2);
  });

  it('also works with knownAuthorities alone: MSAL then fetches the OpenID configuration from the emulator', async () => {
    const base = msalNetworkModule(transport);
    const urls: string[] = [];
    const app = new PublicClientApplication({
      auth: { clientId: TEST_CLIENT_ID, authority: emulators.authority, knownAuthorities: emulators.knownAuthorities },
      system: {
        networkClient: {
          sendGetRequestAsync: (url, options) => (urls.push(url), base.sendGetRequestAsync(url, options)),
          sendPostRequestAsync: (url, options) => (urls.push(url), base.sendPostRequestAsync(url, options)),
        },
      },
    });
    const result = await interactive(app, USER);
    expect(result.account?.username).toBe(USER.username);
    expect(urls.map((url) => new URL(url).pathname)).toEqual(['/consumers/v2.0/.well-known/openid-configuration', '/consumers/oauth2/v2.0/token']);
    // Only the emulator was ever asked: knownAuthorities keeps MSAL from calling Microsoft's instance discovery.
    expect(urls.every((url) => url.startsWith(new URL(emulators.authority).origin))).toBe(true);
  });

  it('acquireTokenInteractive: MSAL\u2019s own loopback listener receives the form_post answer', async () => {
    const app = msalApp();
    const result = await app.acquireTokenInteractive({
      scopes: SCOPES,
      loginHint: USER.username,
      openBrowser: async (url) => {
        const outcome = await signInThroughForm(transport, url, USER);
        if (outcome.kind !== 'response' || outcome.via !== 'form_post') throw new Error(`expected a form_post answer: ${JSON.stringify(outcome)}`);
        expect(await deliverFormPost(transport, outcome)).toBe(200);
      },
    });
    expect(result.account?.username).toBe(USER.username);
    expect((await app.getAllAccounts()).map((account) => account.username)).toEqual([USER.username]);
  });

  it('turns a revoked refresh token into InteractionRequiredAuthError', async () => {
    const app = msalApp();
    const result = await interactive(app, USER);
    await emulators.control.revokeRefreshTokens(USER.username);
    const failure = await app.acquireTokenSilent({ account: result.account!, scopes: SCOPES, forceRefresh: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InteractionRequiredAuthError);
    expect(failure).toMatchObject({ errorCode: 'invalid_grant', subError: 'bad_token' });
  });

  it('reports Cancel and a work account at /consumers as server errors with AAD\u2019s codes', async () => {
    const cancelled = await interactive(msalApp(), { ...USER, cancel: true }).catch((error: unknown) => error);
    expect(cancelled).toBeInstanceOf(ServerError);
    expect(cancelled).toMatchObject({ errorCode: 'access_denied' });
    const work = await interactive(msalApp(), { username: 'worker@contoso.com', password: 'pw' }).catch((error: unknown) => error);
    expect(work).toBeInstanceOf(ServerError);
    expect(work).toMatchObject({ errorCode: 'invalid_request', errorMessage: expect.stringContaining('AADSTS500208') });
  });
});

function interactive(app: PublicClientApplication, as: { username: string; password: string; cancel?: boolean }) {
  return app.acquireTokenInteractive({
    scopes: SCOPES,
    openBrowser: async (url) => {
      const outcome = await signInThroughForm(transport, url, as);
      if (outcome.kind !== 'response') throw new Error(`no answer: ${JSON.stringify(outcome)}`);
      await deliverFormPost(transport, outcome);
    },
  });
}
