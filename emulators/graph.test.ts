import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, graph, json } from './testing/graph.js';
import { signInForTokens } from './testing/tokens.js';
import { useEmulators } from './testing/vitest.js';

const USER = { username: 'alan@example.com', password: 'enigma' };
const ITEM = '/me/drive/special/approot:/backup.json';

const { emulators, transport } = useEmulators({ users: [{ ...USER, displayName: 'Alan Turing' }] });
let token: string;

beforeEach(async () => {
  token = (await signInForTokens(transport, emulators, USER.username, USER.password)).access_token;
});

const put = (body: string, headers: Record<string, string> = {}, query = '') => graph(transport, emulators, 'PUT', `${ITEM}:/content${query}`, { token, body, headers });

describe('authentication', () => {
  it('serves /me for a valid token', async () => {
    const me = await graph(transport, emulators, 'GET', '/me', { token });
    expect(me.status).toBe(200);
    const user = await emulators.control.user(USER.username);
    expect(json(me)).toMatchObject({ id: user.id, displayName: 'Alan Turing', userPrincipalName: USER.username, mail: USER.username });
    expect(user.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('answers 401 InvalidAuthenticationToken without a token, with an unknown one and with an expired one', async () => {
    const missing = await graph(transport, emulators, 'GET', ITEM);
    expect(missing.status).toBe(401);
    expect(errorCode(missing)).toBe('InvalidAuthenticationToken');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer /);
    const unknown = await graph(transport, emulators, 'GET', ITEM, { token: 'not-a-token' });
    expect([unknown.status, errorCode(unknown)]).toEqual([401, 'InvalidAuthenticationToken']);
    expect(await emulators.control.expireAccessTokens(USER.username)).toBe(1);
    const expired = await graph(transport, emulators, 'GET', '/me', { token });
    expect([expired.status, errorCode(expired)]).toEqual([401, 'InvalidAuthenticationToken']);
    expect(json(expired)).toMatchObject({ error: { message: expect.stringContaining('expired') } });
  });

  it('refuses the app folder to a token without Files.ReadWrite.AppFolder (403 accessDenied)', async () => {
    const profileOnly = (await signInForTokens(transport, emulators, USER.username, USER.password, 'User.Read openid offline_access')).access_token;
    expect((await graph(transport, emulators, 'GET', '/me', { token: profileOnly })).status).toBe(200);
    const refused = await graph(transport, emulators, 'GET', '/me/drive/special/approot', { token: profileOnly });
    expect([refused.status, errorCode(refused)]).toEqual([403, 'accessDenied']);
  });

  it('writes Graph\u2019s error shape with innerError date and request-id', async () => {
    const reply = await graph(transport, emulators, 'GET', ITEM, { token });
    expect(reply.status).toBe(404);
    expect(json(reply)).toEqual({
      error: { code: 'itemNotFound', message: expect.any(String), innerError: { date: expect.any(String), 'request-id': reply.headers['request-id'], 'client-request-id': expect.any(String) } },
    });
  });
});

describe('the app folder', () => {
  it('is a special folder that lists its children', async () => {
    await put('{}');
    const folder = await graph(transport, emulators, 'GET', '/me/drive/special/approot', { token });
    expect(json(folder)).toMatchObject({ name: 'Authenticator', specialFolder: { name: 'approot' }, folder: { childCount: 1 } });
    const children = json(await graph(transport, emulators, 'GET', '/me/drive/special/approot/children', { token }));
    expect(children['value']).toEqual([expect.objectContaining({ name: 'backup.json', size: 2 })]);
  });

  it('creates with 201, replaces with 200, and gives every write a new eTag and cTag', async () => {
    const created = await put('one');
    expect(created.status).toBe(201);
    const first = json(created);
    expect(first).toMatchObject({ name: 'backup.json', size: 3, file: { mimeType: 'application/json' }, parentReference: { path: '/drive/root:/Apps/Authenticator' } });
    const replaced = await put('two!');
    expect(replaced.status).toBe(200);
    const second = json(replaced);
    expect(second['id']).toBe(first['id']);
    expect(second['eTag']).not.toBe(first['eTag']);
    expect(second['cTag']).not.toBe(first['cTag']);
    const metadata = json(await graph(transport, emulators, 'GET', ITEM, { token }));
    expect(metadata).toMatchObject({ eTag: second['eTag'], size: 4, createdDateTime: expect.any(String), lastModifiedDateTime: expect.any(String) });
  });

  it('answers 412 for a stale If-Match on upload and delete, and accepts the current eTag or cTag', async () => {
    const stale = json(await put('one'))['eTag'] as string;
    const current = json(await put('two'));
    const refused = await put('three', { 'if-match': stale });
    expect([refused.status, errorCode(refused)]).toEqual([412, 'resourceModified']);
    expect((await graph(transport, emulators, 'DELETE', ITEM, { token, headers: { 'if-match': stale } })).status).toBe(412);
    expect((await put('three', { 'if-match': current['eTag'] as string })).status).toBe(200);
    const latest = json(await graph(transport, emulators, 'GET', ITEM, { token }));
    expect((await graph(transport, emulators, 'DELETE', ITEM, { token, headers: { 'if-match': latest['cTag'] as string } })).status).toBe(204);
    expect((await emulators.control.requests('graph')).map((request) => request.ifMatch).filter(Boolean)).toEqual([stale, stale, current['eTag'], latest['cTag']]);
  });

  it('answers 412 for If-Match on a file that does not exist', async () => {
    expect((await put('x', { 'if-match': '"{00000000-0000-0000-0000-000000000000},1"' })).status).toBe(412);
  });

  it('answers 409 nameAlreadyExists with conflictBehavior=fail when the file exists, 201 when it does not', async () => {
    expect((await put('first', {}, '?@microsoft.graph.conflictBehavior=fail')).status).toBe(201);
    const conflict = await put('second', {}, '?@microsoft.graph.conflictBehavior=fail');
    expect([conflict.status, errorCode(conflict)]).toEqual([409, 'nameAlreadyExists']);
    expect((await emulators.control.readFile(USER.username, 'backup.json'))?.bytes.toString()).toBe('first');
  });

  it('renames with conflictBehavior=rename', async () => {
    await put('first');
    const renamed = await put('second', {}, '?@microsoft.graph.conflictBehavior=rename');
    expect(renamed.status).toBe(201);
    expect(json(renamed)['name']).toBe('backup 1.json');
  });

  it('finds names without regard to case, as OneDrive does', async () => {
    await put('x');
    expect((await graph(transport, emulators, 'GET', '/me/drive/special/approot:/BACKUP.JSON', { token })).status).toBe(200);
  });

  it('downloads through a 302 to a pre-authenticated URL that needs no Authorization', async () => {
    await put('secret bytes');
    const redirect = await graph(transport, emulators, 'GET', `${ITEM}:/content`, { token });
    expect(redirect.status).toBe(302);
    const location = redirect.headers['location'] ?? '';
    expect(location).toMatch(/^https:\/\/localhost:\d+\/dl\//);
    const bytes = await transport.send({ method: 'GET', url: location });
    expect([bytes.status, bytes.body.toString()]).toEqual([200, 'secret bytes']);
    expect((await emulators.control.requests('graph')).at(-1)).toMatchObject({ path: '/dl/…', authorization: false, status: 200 });
  });

  it('deletes with 204, then answers 404 itemNotFound', async () => {
    await put('x');
    expect((await graph(transport, emulators, 'DELETE', ITEM, { token })).status).toBe(204);
    const again = await graph(transport, emulators, 'DELETE', ITEM, { token });
    expect([again.status, errorCode(again)]).toEqual([404, 'itemNotFound']);
  });

  it('reaches items by id too', async () => {
    const id = json(await put('by id'))['id'] as string;
    expect(json(await graph(transport, emulators, 'GET', `/me/drive/items/${encodeURIComponent(id)}`, { token }))['name']).toBe('backup.json');
    expect((await graph(transport, emulators, 'GET', `/me/drive/items/${encodeURIComponent(id)}/content`, { token })).status).toBe(302);
  });

  it('shows a file written through the control API (another device) with a new eTag', async () => {
    const before = json(await put('mine'))['eTag'];
    const seeded = await emulators.control.putFile(USER.username, 'backup.json', 'theirs');
    expect(seeded.eTag).not.toBe(before);
    expect(json(await graph(transport, emulators, 'GET', ITEM, { token }))['eTag']).toBe(seeded.eTag);
  });

  it('answers 507 quotaLimitReached when the quota is used up, and reports the quota on /me/drive', async () => {
    await emulators.control.setQuota(USER.username, 10);
    expect((await put('12345')).status).toBe(201);
    const full = await put('12345678901');
    expect([full.status, errorCode(full)]).toEqual([507, 'quotaLimitReached']);
    const drive = json(await graph(transport, emulators, 'GET', '/me/drive', { token }));
    expect(drive).toMatchObject({ driveType: 'personal', quota: { total: 10, used: 5, remaining: 5 } });
  });

  it('refuses names OneDrive does not allow', async () => {
    const bad = await graph(transport, emulators, 'PUT', '/me/drive/special/approot:/a%3Fb:/content', { token, body: 'x' });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'invalidRequest']);
  });
});
