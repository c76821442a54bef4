import { randomBytes } from 'node:crypto';
import { FileUpload, GraphError, LargeFileUploadTask, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testGraphClient } from './testing/graph-client.js';
import { signInForTokens } from './testing/tokens.js';
import { useEmulators } from './testing/vitest.js';

/** The proof that the emulator speaks what the real Graph client expects (errors, redirects, upload sessions). */

const USER = { username: 'katherine@example.com', password: 'johnson' };
const ITEM = '/me/drive/special/approot:/backup.json';

const { emulators, transport } = useEmulators({ users: [{ ...USER, displayName: 'Katherine Johnson' }] });
let client: Client;
let token = '';

beforeAll(() => {
  client = testGraphClient(transport, emulators.graphBaseUrl, () => token);
});
beforeEach(async () => {
  token = (await signInForTokens(transport, emulators, USER.username, USER.password)).access_token;
});

describe('the real Graph client against the emulator', () => {
  it('reads /me and turns Graph errors into GraphError with status and code', async () => {
    expect(await client.api('/me').get()).toMatchObject({ displayName: 'Katherine Johnson' });
    const missing = await client
      .api(ITEM)
      .get()
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(GraphError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'itemNotFound' });
  });

  it('uploads, conditionally replaces and downloads (following the 302) a small file', async () => {
    const created = (await client.api(`${ITEM}:/content`).query({ '@microsoft.graph.conflictBehavior': 'fail' }).put(Buffer.from('v1'))) as { eTag: string };
    const stale = await client
      .api(`${ITEM}:/content`)
      .headers({ 'If-Match': '"{00000000-0000-0000-0000-000000000000},9"' })
      .put(Buffer.from('v2'))
      .catch((error: unknown) => error);
    expect(stale).toMatchObject({ statusCode: 412 });
    await client.api(`${ITEM}:/content`).headers({ 'If-Match': created.eTag }).put(Buffer.from('v2'));
    const content: unknown = await client.api(`${ITEM}:/content`).responseType(ResponseType.ARRAYBUFFER).get();
    expect(Buffer.from(content as ArrayBuffer).toString()).toBe('v2');
  });

  it('uploads a large file with LargeFileUploadTask in 320 KiB fragments', async () => {
    const bytes = randomBytes(3 * 320 * 1024 + 17);
    const session = await LargeFileUploadTask.createUploadSession(client, `${ITEM}:/createUploadSession`, { item: { '@microsoft.graph.conflictBehavior': 'replace' } });
    const task = new LargeFileUploadTask(client, new FileUpload(bytes, 'backup.json', bytes.length), session, { rangeSize: 320 * 1024 });
    const result = await task.upload();
    expect(result.responseBody).toMatchObject({ name: 'backup.json', size: bytes.length });
    expect((await emulators.control.readFile(USER.username, 'backup.json'))?.bytes.equals(bytes)).toBe(true);
    const fragments = (await emulators.control.requests('graph')).filter((request) => request.path === '/up/…');
    expect(fragments.map((request) => request.status)).toEqual([202, 202, 202, 201]);
    expect(fragments.every((request) => !request.authorization)).toBe(true);
  });
});
