import http from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { EmulatorControlError } from './index.js';
import { errorCode, graph, json } from './testing/graph.js';
import { AadErrorBody, postToken, signInForTokens } from './testing/tokens.js';
import { useEmulators } from './testing/vitest.js';

const USER = { username: 'edsger@example.com', password: 'dijkstra' };

const { emulators, transport } = useEmulators({ users: [USER] });
let token: string;

beforeEach(async () => {
  token = (await signInForTokens(transport, emulators, USER.username, USER.password)).access_token;
  await emulators.control.clearRequests();
});

const getMe = () => graph(transport, emulators, 'GET', '/me', { token });

describe('faults', () => {
  it('answer 429 with Retry-After once, then let requests through', async () => {
    const fault = await emulators.control.addFault({ target: 'graph', status: 429, retryAfterSeconds: 1 });
    const throttled = await getMe();
    expect([throttled.status, errorCode(throttled), throttled.headers['retry-after']]).toEqual([429, 'activityLimitReached', '1']);
    expect((await getMe()).status).toBe(200);
    expect((await emulators.control.requests('graph')).map((request) => [request.status, request.fault])).toEqual([
      [429, fault.id],
      [200, null],
    ]);
    expect(await emulators.control.faults()).toEqual([]);
  });

  it('hit `count` requests, or every one until cleared with -1', async () => {
    await emulators.control.addFault({ target: 'graph', status: 503, count: 2 });
    expect([(await getMe()).status, (await getMe()).status, (await getMe()).status]).toEqual([503, 503, 200]);
    await emulators.control.addFault({ target: 'all', status: 500, count: -1 });
    expect([(await getMe()).status, (await getMe()).status]).toEqual([500, 500]);
    await emulators.control.clearFaults();
    expect((await getMe()).status).toBe(200);
  });

  it('match only the path and method they name', async () => {
    await emulators.control.addFault({ target: 'graph', status: 500, pathContains: 'approot:/backup.json', method: 'put' });
    expect((await getMe()).status).toBe(200);
    expect((await graph(transport, emulators, 'GET', '/me/drive/special/approot:/backup.json', { token })).status).toBe(404);
    const put = await graph(transport, emulators, 'PUT', '/me/drive/special/approot:/backup.json:/content', { token, body: 'x' });
    expect([put.status, errorCode(put)]).toEqual([500, 'generalException']);
  });

  it('drop the connection: the transport reports a network error', async () => {
    await emulators.control.addFault({ target: 'graph', reset: true });
    const failure = await getMe().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ kind: 'network' });
    expect((await getMe()).status).toBe(200);
    expect((await emulators.control.requests('graph'))[0]).toMatchObject({ status: 0, fault: expect.any(String) });
  });

  it('delay an answer', async () => {
    await emulators.control.addFault({ target: 'graph', delayMs: 150 });
    const started = Date.now();
    expect((await getMe()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answer the identity platform\u2019s way on the login target', async () => {
    await emulators.control.addFault({ target: 'login', status: 503, retryAfterSeconds: 2, pathContains: '/token' });
    const reply = await postToken(transport, emulators, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(reply.status).toBe(503);
    expect(AadErrorBody.parse(reply.json)).toMatchObject({ error: 'temporarily_unavailable' });
  });
});

describe('the request log', () => {
  it('never holds tokens, codes or pre-authenticated secrets', async () => {
    await emulators.control.clearRequests();
    const tokens = await signInForTokens(transport, emulators, USER.username, USER.password);
    await graph(transport, emulators, 'PUT', '/me/drive/special/approot:/a.json:/content', { token: tokens.access_token, body: '{}' });
    const location = (await graph(transport, emulators, 'GET', '/me/drive/special/approot:/a.json:/content', { token: tokens.access_token })).headers['location'] ?? '';
    await transport.send({ method: 'GET', url: location });
    const log = JSON.stringify(await emulators.control.requests());
    for (const secret of [tokens.access_token, tokens.refresh_token ?? '', tokens.id_token ?? '', new URL(location).pathname.split('/').pop() ?? '']) {
      expect(secret.length).toBeGreaterThan(10);
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('/dl/…');
  });
});

describe('the control API', () => {
  it('validates what it is sent', async () => {
    const bad = await emulators.control.addFault({ target: 'graph' }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(EmulatorControlError);
    expect(bad).toMatchObject({ status: 400 });
    const duplicate = await emulators.control.createUser(USER).catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ status: 409, code: 'userExists' });
    const formPost = await fetch(`${emulators.controlUrl}/users`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=x&password=y' });
    expect(formPost.status).toBe(415);
  });

  it('answers loopback Host names only (no DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${emulators.controlUrl}/users`);
      http
        .get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'attacker.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('reads, writes and deletes a user\u2019s files, and gives the emulator configuration', async () => {
    await emulators.control.putFile(USER.username, 'a.bin', new Uint8Array([1, 2, 3]));
    expect((await emulators.control.files(USER.username)).map((file) => [file.name, file.size])).toEqual([['a.bin', 3]]);
    expect([...((await emulators.control.readFile(USER.username, 'a.bin'))?.bytes ?? [])]).toEqual([1, 2, 3]);
    expect(await emulators.control.deleteFile(USER.username, 'a.bin')).toBe(true);
    expect(await emulators.control.readFile(USER.username, 'a.bin')).toBeNull();
    const config = await emulators.control.config();
    expect(config).toMatchObject({ authority: emulators.authority, graphBaseUrl: emulators.graphBaseUrl, ca: emulators.ca });
  });

  it('sets the access token lifetime', async () => {
    await emulators.control.setAccessTokenLifetime(60);
    const tokens = await signInForTokens(transport, emulators, USER.username, USER.password);
    expect(tokens.expires_in).toBe(60);
    expect(json(await graph(transport, emulators, 'GET', '/me', { token: tokens.access_token }))['userPrincipalName']).toBe(USER.username);
  });
});
