import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, graph, json } from './testing/graph.js';
import { signInForTokens } from './testing/tokens.js';
import { useEmulators } from './testing/vitest.js';

const USER = { username: 'barbara@example.com', password: 'liskov' };
const ITEM = '/me/drive/special/approot:/big.bin';
const UNIT = 320 * 1024;

const { emulators, transport } = useEmulators({ users: [USER] });
let token: string;

beforeEach(async () => {
  token = (await signInForTokens(transport, emulators, USER.username, USER.password)).access_token;
});

async function createSession(item: Record<string, unknown> = { '@microsoft.graph.conflictBehavior': 'replace' }, headers: Record<string, string> = {}) {
  const reply = await graph(transport, emulators, 'POST', `${ITEM}:/createUploadSession`, { token, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ item }) });
  return { reply, uploadUrl: String(json(reply)['uploadUrl']) };
}

/** PUTs bytes [first, last] of `content` to the upload URL, as Graph documents (no Authorization header). */
function fragment(uploadUrl: string, content: Buffer, first: number, last: number, headers: Record<string, string> = {}) {
  return transport.send({ method: 'PUT', url: uploadUrl, headers: { 'content-range': `bytes ${first}-${last}/${content.length}`, ...headers }, body: content.subarray(first, last + 1) });
}

describe('upload sessions', () => {
  it('take a file in several fragments: 202 with nextExpectedRanges, then 201 with the item', async () => {
    const content = randomBytes(2 * UNIT + 1000);
    const { reply, uploadUrl } = await createSession();
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ uploadUrl: expect.stringMatching(/^https:\/\/localhost:\d+\/up\//), expirationDateTime: expect.any(String), nextExpectedRanges: ['0-'] });

    const one = await fragment(uploadUrl, content, 0, UNIT - 1);
    expect([one.status, json(one)['nextExpectedRanges']]).toEqual([202, [`${UNIT}-`]]);
    const two = await fragment(uploadUrl, content, UNIT, 2 * UNIT - 1);
    expect([two.status, json(two)['nextExpectedRanges']]).toEqual([202, [`${2 * UNIT}-`]]);
    const last = await fragment(uploadUrl, content, 2 * UNIT, content.length - 1);
    expect(last.status).toBe(201);
    expect(json(last)).toMatchObject({ name: 'big.bin', size: content.length, eTag: expect.any(String) });
    expect((await emulators.control.readFile(USER.username, 'big.bin'))?.bytes.equals(content)).toBe(true);

    const puts = (await emulators.control.requests('graph')).filter((request) => request.path === '/up/…');
    expect(puts.map((request) => [request.contentRange, request.authorization])).toEqual([
      [`bytes 0-${UNIT - 1}/${content.length}`, false],
      [`bytes ${UNIT}-${2 * UNIT - 1}/${content.length}`, false],
      [`bytes ${2 * UNIT}-${content.length - 1}/${content.length}`, false],
    ]);
    expect((await fragment(uploadUrl, content, 2 * UNIT, content.length - 1)).status).toBe(404);
  });

  it('answer 200 when the session replaces an existing file', async () => {
    await emulators.control.putFile(USER.username, 'big.bin', 'old');
    const { uploadUrl } = await createSession();
    const content = Buffer.from('new content');
    expect((await fragment(uploadUrl, content, 0, content.length - 1)).status).toBe(200);
  });

  it('answer 416 to fragments that overlap or skip ahead, and report the status on GET', async () => {
    const content = randomBytes(3 * UNIT);
    const { uploadUrl } = await createSession();
    await fragment(uploadUrl, content, 0, UNIT - 1);
    const overlap = await fragment(uploadUrl, content, 0, UNIT - 1);
    expect([overlap.status, errorCode(overlap)]).toEqual([416, 'invalidRange']);
    const ahead = await fragment(uploadUrl, content, 2 * UNIT, 3 * UNIT - 1);
    expect(ahead.status).toBe(416);
    const status = await transport.send({ method: 'GET', url: uploadUrl });
    expect(json(status)['nextExpectedRanges']).toEqual([`${UNIT}-`]);
  });

  it('refuse fragments that are not multiples of 320 KiB (except the last) and a changed total', async () => {
    const content = randomBytes(UNIT + 10);
    const { uploadUrl } = await createSession();
    expect((await fragment(uploadUrl, content, 0, 999)).status).toBe(400);
    await fragment(uploadUrl, content, 0, UNIT - 1);
    const changed = await transport.send({ method: 'PUT', url: uploadUrl, headers: { 'content-range': `bytes ${UNIT}-${UNIT + 9}/${UNIT + 20}` }, body: content.subarray(UNIT) });
    expect(changed.status).toBe(400);
  });

  it('refuse an Authorization header on the pre-authenticated upload URL (401)', async () => {
    const content = Buffer.from('abc');
    const { uploadUrl } = await createSession();
    expect((await fragment(uploadUrl, content, 0, 2, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('are cancelled by DELETE', async () => {
    const { uploadUrl } = await createSession();
    expect((await transport.send({ method: 'DELETE', url: uploadUrl })).status).toBe(204);
    const gone = await fragment(uploadUrl, Buffer.from('abc'), 0, 2);
    expect([gone.status, errorCode(gone)]).toEqual([404, 'itemNotFound']);
  });

  it('honour If-Match at creation and again when the last byte arrives', async () => {
    const current = await emulators.control.putFile(USER.username, 'big.bin', 'v1');
    const stale = await createSession(undefined, { 'if-match': '"{00000000-0000-0000-0000-000000000000},1"' });
    expect([stale.reply.status, errorCode(stale.reply)]).toEqual([412, 'resourceModified']);

    const { uploadUrl } = await createSession(undefined, { 'if-match': current.eTag });
    await emulators.control.putFile(USER.username, 'big.bin', 'v2 from another device');
    const content = Buffer.from('v3');
    const commit = await fragment(uploadUrl, content, 0, content.length - 1);
    expect(commit.status).toBe(412);
    expect((await emulators.control.readFile(USER.username, 'big.bin'))?.bytes.toString()).toBe('v2 from another device');
  });

  it('default to conflictBehavior fail (as documented): 409 when the file exists, at creation or at commit', async () => {
    await emulators.control.putFile(USER.username, 'big.bin', 'exists');
    const atCreation = await createSession({});
    expect([atCreation.reply.status, errorCode(atCreation.reply)]).toEqual([409, 'nameAlreadyExists']);
    await emulators.control.deleteFile(USER.username, 'big.bin');
    const { uploadUrl } = await createSession({});
    await emulators.control.putFile(USER.username, 'big.bin', 'created meanwhile');
    const content = Buffer.from('mine');
    const atCommit = await fragment(uploadUrl, content, 0, content.length - 1);
    expect([atCommit.status, errorCode(atCommit)]).toEqual([409, 'nameAlreadyExists']);
  });

  it('answer 507 when the file would exceed the quota (declared fileSize, or at commit)', async () => {
    await emulators.control.setQuota(USER.username, 100);
    const declared = await createSession({ '@microsoft.graph.conflictBehavior': 'replace', fileSize: 101 });
    expect([declared.reply.status, errorCode(declared.reply)]).toEqual([507, 'quotaLimitReached']);
    const { uploadUrl } = await createSession();
    const content = randomBytes(101);
    const commit = await fragment(uploadUrl, content, 0, 100);
    expect([commit.status, errorCode(commit)]).toEqual([507, 'quotaLimitReached']);
  });
});
