import { describe, expect, it } from 'vitest';
import { parseForm } from './testing/html-form.js';
import { createPkce } from './testing/pkce.js';
import { signInThroughForm } from './testing/sign-in.js';
import { AadErrorBody, authorizationCode, authorizeUrl, postToken, REDIRECT_URI, TokenResponse } from './testing/tokens.js';
import { useEmulators } from './testing/vitest.js';

const { emulators, transport } = useEmulators({ users: [{ username: 'ada@example.com', password: 'correct horse', displayName: 'Ada Lovelace' }] });

const decodeJwt = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('discovery', () => {
  it('serves the OpenID configuration MSAL reads, with the sign-in page on plain http', async () => {
    const reply = await transport.send({ method: 'GET', url: `${emulators.authority}/v2.0/.well-known/openid-configuration` });
    expect(reply.status).toBe(200);
    const config = JSON.parse(reply.body.toString()) as Record<string, string>;
    expect(config).toMatchObject({ token_endpoint: emulators.tokenEndpoint, authorization_endpoint: emulators.authorizeEndpoint });
    expect(config['issuer']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/9188040d-6c67-4c5b-b112-36a304b66dad\/v2\.0$/);
    expect(JSON.parse(emulators.authorityMetadata)).toEqual(config);
  });

  it('answers instance discovery for its own authority and refuses others', async () => {
    const ours = await transport.send({ method: 'GET', url: `${new URL(emulators.authority).origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${emulators.authority}/oauth2/v2.0/authorize`)}` });
    expect(JSON.parse(ours.body.toString())).toEqual(JSON.parse(emulators.cloudDiscoveryMetadata));
    const other = await transport.send({ method: 'GET', url: `${new URL(emulators.authority).origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=https://example.com/x/oauth2/v2.0/authorize` });
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body.toString())).toMatchObject({ error: 'invalid_instance' });
  });
});

describe('the sign-in page', () => {
  it('is a labelled form with Sign in and Cancel, pre-filled from login_hint', async () => {
    const { challenge } = createPkce();
    const page = await transport.send({ method: 'GET', url: authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256', login_hint: 'ada@example.com' }) });
    const html = page.body.toString();
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html).toContain('<label for="login">Email, phone, or Skype</label>');
    expect(html).toContain('<label for="passwd">Password</label>');
    expect(html).toMatch(/<button type="submit" name="action" value="signin"[^>]*>Sign in<\/button>/);
    expect(html).toMatch(/<button type="submit" name="action" value="cancel">Cancel<\/button>/);
    expect(html).not.toContain('<script');
    expect(parseForm(html, emulators.authorizeEndpoint)?.fields['login']).toBe('ada@example.com');
  });

  it('shows the form again with an error after a wrong password', async () => {
    const { challenge } = createPkce();
    const outcome = await signInThroughForm(transport, authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256' }), { username: 'ada@example.com', password: 'wrong' });
    expect(outcome).toMatchObject({ kind: 'page', status: 200, error: expect.stringContaining('password is incorrect') });
  });

  it('redirects with code and state on success, and with access_denied on Cancel', async () => {
    const { challenge } = createPkce();
    const url = authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz' });
    const success = await signInThroughForm(transport, url, { username: 'ADA@example.com', password: 'correct horse' });
    expect(success).toMatchObject({ kind: 'response', via: 'query', redirectUri: REDIRECT_URI, params: { state: 'xyz', code: expect.any(String) } });
    const cancelled = await signInThroughForm(transport, url, { username: '', password: '', cancel: true });
    expect(cancelled).toMatchObject({ kind: 'response', params: { error: 'access_denied', error_subcode: 'cancel', state: 'xyz' } });
  });

  it('answers response_mode=form_post with an auto-posting form to the redirect URI', async () => {
    const { challenge } = createPkce();
    const url = authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256', state: 'st', response_mode: 'form_post', client_info: '1' });
    const outcome = await signInThroughForm(transport, url, { username: 'ada@example.com', password: 'correct horse' });
    expect(outcome).toMatchObject({ kind: 'response', via: 'form_post', redirectUri: REDIRECT_URI, params: { code: expect.any(String), state: 'st', client_info: expect.any(String) } });
  });

  it('refuses a work or school account at the consumers tenant (AADSTS500208)', async () => {
    await emulators.control.createUser({ username: 'bob@contoso.com', password: 'pw', kind: 'work' });
    const { challenge } = createPkce();
    const outcome = await signInThroughForm(transport, authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256' }), { username: 'bob@contoso.com', password: 'pw' });
    expect(outcome).toMatchObject({ kind: 'response', params: { error: 'invalid_request', error_description: expect.stringMatching(/^AADSTS500208:/) } });
  });

  it('shows an error page (never redirects) for a redirect URI that is not loopback', async () => {
    const { challenge } = createPkce();
    const page = await transport.send({ method: 'GET', url: authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256', redirect_uri: 'https://attacker.example/cb' }) });
    expect(page.status).toBe(400);
    expect(page.headers['location']).toBeUndefined();
    expect(page.body.toString()).toContain('AADSTS50011');
  });

  it('accepts any loopback port, and requires an S256 PKCE challenge', async () => {
    const { challenge } = createPkce();
    const anyPort = await transport.send({ method: 'GET', url: authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256', redirect_uri: 'http://127.0.0.1:61000/callback' }) });
    expect(anyPort.status).toBe(200);
    const plain = await transport.send({ method: 'GET', url: authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'plain' }) });
    expect(plain.status).toBe(302);
    expect(new URL(plain.headers['location'] ?? '').searchParams.get('error')).toBe('invalid_request');
  });
});

describe('the authorization code grant', () => {
  it('redeems a code with the right verifier for an access token, a refresh token and an ID token', async () => {
    const { code, verifier } = await authorizationCode(transport, emulators, 'ada@example.com', 'correct horse');
    const { status, json } = await postToken(transport, emulators, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_info: '1' });
    expect(status).toBe(200);
    const tokens = TokenResponse.parse(json);
    expect(tokens.scope.split(' ')).toEqual(expect.arrayContaining(['Files.ReadWrite.AppFolder', 'User.Read']));
    expect(tokens.refresh_token).toBeTruthy();
    const user = await emulators.control.user('ada@example.com');
    const claims = decodeJwt(tokens.id_token ?? '');
    expect(claims).toMatchObject({ aud: '5f0e9a41-7a44-4b36-9a1e-2b7c1a4d3e10', tid: '9188040d-6c67-4c5b-b112-36a304b66dad', oid: user.objectId, preferred_username: 'ada@example.com', name: 'Ada Lovelace', ver: '2.0' });
    expect(JSON.parse(Buffer.from(tokens.client_info ?? '', 'base64url').toString())).toEqual({ uid: user.objectId, utid: user.tenantId });
  });

  it('refuses a wrong verifier (AADSTS501481), then the same code again (AADSTS54005)', async () => {
    const { code } = await authorizationCode(transport, emulators, 'ada@example.com', 'correct horse');
    const wrong = await postToken(transport, emulators, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: createPkce().verifier });
    expect(wrong.status).toBe(400);
    expect(AadErrorBody.parse(wrong.json)).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    const reused = await postToken(transport, emulators, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: createPkce().verifier });
    expect(AadErrorBody.parse(reused.json)).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('uses a code once only', async () => {
    const { code, verifier } = await authorizationCode(transport, emulators, 'ada@example.com', 'correct horse');
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
    expect((await postToken(transport, emulators, fields)).status).toBe(200);
    const again = await postToken(transport, emulators, fields);
    expect(again.status).toBe(400);
    expect(AadErrorBody.parse(again.json)).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('requires the redirect URI of the authorization request', async () => {
    const { code, verifier } = await authorizationCode(transport, emulators, 'ada@example.com', 'correct horse');
    const reply = await postToken(transport, emulators, { grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:1/', code_verifier: verifier });
    expect(AadErrorBody.parse(reply.json)).toMatchObject({ error: 'invalid_grant', error_codes: [50011] });
  });

  it('refuses a client secret from a public client', async () => {
    const reply = await postToken(transport, emulators, { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT_URI, code_verifier: 'y', client_secret: 's' });
    expect(reply.status).toBe(401);
    expect(AadErrorBody.parse(reply.json)).toMatchObject({ error: 'invalid_client', error_codes: [700025] });
  });

  it('accepts only the client ids the control API allows, once it restricts them', async () => {
    await emulators.control.updateSettings({ allowedClientIds: ['another-client'] });
    const { challenge } = createPkce();
    const page = await transport.send({ method: 'GET', url: authorizeUrl(emulators, { code_challenge: challenge, code_challenge_method: 'S256' }) });
    expect(page.status).toBe(400);
    expect(page.body.toString()).toContain('AADSTS700016');
  });
});

describe('the refresh token grant', () => {
  it('rotates refresh tokens (the old one stays valid, as documented)', async () => {
    const first = await signIn();
    const second = TokenResponse.parse((await refresh(first.refresh_token)).json);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect((await refresh(first.refresh_token)).status).toBe(200);
  });

  it('answers invalid_grant with suberror bad_token for a revoked refresh token (AADSTS50173)', async () => {
    const tokens = await signIn();
    expect(await emulators.control.revokeRefreshTokens('ada@example.com')).toBe(1);
    const reply = await refresh(tokens.refresh_token);
    expect(reply.status).toBe(400);
    expect(AadErrorBody.parse(reply.json)).toMatchObject({ error: 'invalid_grant', error_codes: [50173], suberror: 'bad_token' });
  });

  it('answers invalid_grant for an expired refresh token (AADSTS700082)', async () => {
    const tokens = await signIn();
    await emulators.control.expireRefreshTokens('ada@example.com');
    expect(AadErrorBody.parse((await refresh(tokens.refresh_token)).json)).toMatchObject({ error: 'invalid_grant', error_codes: [700082], suberror: 'bad_token' });
  });

  it('refuses scopes the user never consented to (AADSTS65001)', async () => {
    const tokens = await signIn();
    const reply = await refresh(tokens.refresh_token, 'Mail.Read offline_access');
    expect(AadErrorBody.parse(reply.json)).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });
  });

  async function signIn() {
    const { code, verifier } = await authorizationCode(transport, emulators, 'ada@example.com', 'correct horse');
    const tokens = TokenResponse.parse((await postToken(transport, emulators, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier })).json);
    return { ...tokens, refresh_token: tokens.refresh_token ?? '' };
  }

  function refresh(refreshToken: string, scope = 'Files.ReadWrite.AppFolder User.Read openid profile offline_access') {
    return postToken(transport, emulators, { grant_type: 'refresh_token', refresh_token: refreshToken, scope });
  }
});
