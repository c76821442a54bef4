import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { DEFAULT_AUTHORITY, loadIdentityConfig, notConfiguredMessage } from './identity-config.js';

const CLIENT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'identity-config-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const writeCloudJson = (content: unknown) => fs.writeFile(path.join(dataDir, 'cloud.json'), typeof content === 'string' ? content : JSON.stringify(content));

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('loadIdentityConfig', () => {
  it('is null when no client id is configured anywhere (backup simply not configured)', async () => {
    expect(await loadIdentityConfig({ dataDir, env: {} })).toBeNull();
    await writeCloudJson({ authority: 'https://login.example.test/consumers' });
    expect(await loadIdentityConfig({ dataDir, env: {} })).toBeNull();
  });

  it('takes the client id from the environment and defaults the authority to /consumers', async () => {
    expect(await loadIdentityConfig({ dataDir, env: { AUTHENTICATOR_CLIENT_ID: ` ${CLIENT_ID} ` } })).toEqual({ clientId: CLIENT_ID, authority: DEFAULT_AUTHORITY });
  });

  it('reads <dataDir>/cloud.json, with metadata given as JSON text or as objects', async () => {
    await writeCloudJson({
      clientId: CLIENT_ID,
      authority: 'https://127.0.0.1:4443/consumers',
      knownAuthorities: ['127.0.0.1:4443'],
      authorityMetadata: { issuer: 'https://127.0.0.1:4443/x/v2.0' },
      cloudDiscoveryMetadata: '{"metadata":[]}',
      graphBaseUrl: 'https://127.0.0.1:4443/v1.0',
    });
    const config = await loadIdentityConfig({ dataDir, env: {} });
    expect(config).toEqual({
      clientId: CLIENT_ID,
      authority: 'https://127.0.0.1:4443/consumers',
      knownAuthorities: ['127.0.0.1:4443'],
      authorityMetadata: '{"issuer":"https://127.0.0.1:4443/x/v2.0"}',
      cloudDiscoveryMetadata: '{"metadata":[]}',
      graphBaseUrl: 'https://127.0.0.1:4443/v1.0',
    });
  });

  it('lets environment variables win over the file, field by field', async () => {
    await writeCloudJson({ clientId: CLIENT_ID, graphBaseUrl: 'https://graph.example.test/v1.0' });
    const other = 'a8098c1a-f86e-11da-bd1a-00112444be1e';
    const config = await loadIdentityConfig({
      dataDir,
      env: { AUTHENTICATOR_CLIENT_ID: other, AUTHENTICATOR_AUTHORITY: 'https://login.example.test/consumers', AUTHENTICATOR_KNOWN_AUTHORITIES: 'a.test, b.test,' },
    });
    expect(config).toEqual({ clientId: other, authority: 'https://login.example.test/consumers', knownAuthorities: ['a.test', 'b.test'], graphBaseUrl: 'https://graph.example.test/v1.0' });
  });

  it('reads the file named by AUTHENTICATOR_CLOUD_CONFIG or by the host, and says so when it is missing', async () => {
    const elsewhere = path.join(dataDir, 'elsewhere.json');
    await fs.writeFile(elsewhere, JSON.stringify({ clientId: CLIENT_ID }));
    expect((await loadIdentityConfig({ dataDir, env: { AUTHENTICATOR_CLOUD_CONFIG: elsewhere } }))?.clientId).toBe(CLIENT_ID);
    expect((await loadIdentityConfig({ dataDir, env: {}, configFile: elsewhere }))?.clientId).toBe(CLIENT_ID);
    const error = await appErrorOf(loadIdentityConfig({ dataDir, env: {}, configFile: path.join(dataDir, 'missing.json') }));
    expect(error.kind).toBe('notConfigured');
    expect(error.message).toContain('missing.json does not exist');
  });

  it.each([
    [{ clientId: 'not-a-guid' }, 'clientId must be the application (client) id'],
    [{ clientId: CLIENT_ID, authority: 'http://login.microsoftonline.com/consumers' }, 'authority must be an https:// URL'],
    [{ clientId: CLIENT_ID, authority: 'https://login.microsoftonline.com/consumers?x=1' }, 'authority must not have a query'],
    [{ clientId: CLIENT_ID, authorityMetadata: 'not json' }, 'authorityMetadata must be a JSON object'],
    [{ clientId: CLIENT_ID, cloudDiscoveryMetadata: '[1]' }, 'cloudDiscoveryMetadata must be a JSON object'],
    [{ clientId: CLIENT_ID, graphBaseUrl: 'ftp://graph' }, 'graphBaseUrl must be an https:// URL'],
    [{ clientId: CLIENT_ID, redirectUri: 'http://localhost' }, 'unknown setting redirectUri'],
  ])('refuses %j with a message naming the setting', async (content, expected) => {
    await writeCloudJson(content);
    const error = await appErrorOf(loadIdentityConfig({ dataDir, env: {} }));
    expect(error.kind).toBe('notConfigured');
    expect(error.message).toContain(expected);
  });

  it('refuses a client secret outright: a desktop app is a public client', async () => {
    await writeCloudJson({ clientId: CLIENT_ID, clientSecret: 'abc~123' });
    const error = await appErrorOf(loadIdentityConfig({ dataDir, env: {} }));
    expect(error.kind).toBe('notConfigured');
    expect(error.message).toContain('public client');
    expect(error.message).not.toContain('abc~123');
  });

  it('says so when cloud.json is not JSON or not an object', async () => {
    await writeCloudJson('{ clientId: ');
    expect((await appErrorOf(loadIdentityConfig({ dataDir, env: {} }))).message).toContain('is not valid JSON');
    await writeCloudJson('[]');
    expect((await appErrorOf(loadIdentityConfig({ dataDir, env: {} }))).message).toContain('must hold a JSON object');
  });

  it('explains how to configure backup when nothing is configured', () => {
    const message = notConfiguredMessage(dataDir);
    expect(message).toContain(path.join(dataDir, 'cloud.json'));
    expect(message).toContain('AUTHENTICATOR_CLIENT_ID');
  });
});
