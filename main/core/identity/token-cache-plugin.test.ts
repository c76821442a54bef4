import { PublicClientApplication, TokenCacheContext, type ISerializableTokenCache } from '@azure/msal-node';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { KeyStore } from '../keystore/key-store.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import type { Logger } from '../logger.js';
import { encryptedTokenCachePlugin, TOKEN_CACHE_KEY_ACCOUNT } from './token-cache-plugin.js';

// What MSAL Node serializes: the secrets are the refresh token, the access token and the id token.
const REFRESH_TOKEN = 'M.C5-refresh-token-that-must-never-be-on-disk';
const ACCESS_TOKEN = 'EwA-access-token-that-must-never-be-on-disk';
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID_TOKEN = `${b64url({ alg: 'none' })}.${b64url({ tid: '9188040d-6c67-4c5b-b112-36a304b66dad', oid: '00000000-0000-0000-1111-222233334444', preferred_username: 'alice@outlook.com', name: 'Alice' })}.`;
const HOME = '00000000-0000-0000-1111-222233334444.9188040d-6c67-4c5b-b112-36a304b66dad';
const ENV = 'login.microsoftonline.com';
const TID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const CLIENT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const MSAL_CACHE = JSON.stringify({
  Account: {
    [`${HOME}-${ENV}-${TID}`]: { home_account_id: HOME, environment: ENV, realm: TID, local_account_id: '00000000-0000-0000-1111-222233334444', username: 'alice@outlook.com', authority_type: 'MSSTS', name: 'Alice' },
  },
  IdToken: { [`${HOME}-${ENV}-idtoken-${CLIENT}-${TID}-`]: { home_account_id: HOME, environment: ENV, credential_type: 'IdToken', client_id: CLIENT, secret: ID_TOKEN, realm: TID } },
  AccessToken: {
    [`${HOME}-${ENV}-accesstoken-${CLIENT}-${TID}-files.readwrite.appfolder user.read--`]: {
      home_account_id: HOME,
      environment: ENV,
      credential_type: 'AccessToken',
      client_id: CLIENT,
      secret: ACCESS_TOKEN,
      realm: TID,
      target: 'Files.ReadWrite.AppFolder User.Read',
      cached_at: '1700000000',
      expires_on: '1700003600',
      extended_expires_on: '1700003600',
      token_type: 'Bearer',
    },
  },
  RefreshToken: { [`${HOME}-${ENV}-refreshtoken-${CLIENT}--`]: { home_account_id: HOME, environment: ENV, credential_type: 'RefreshToken', client_id: CLIENT, secret: REFRESH_TOKEN } },
  AppMetadata: {},
});

/** MSAL's side of the plugin contract, reduced to the text it hands over and takes back. */
class TextCache implements ISerializableTokenCache {
  constructor(public text = '') {}
  deserialize = (cache: string) => void (this.text = cache);
  serialize = () => this.text;
}

function recordingLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, error: (message) => void errors.push(message) };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'token-cache-'));
  file = path.join(dir, 'recovery-account.cache');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function save(plugin: ReturnType<typeof encryptedTokenCachePlugin>, text: string): Promise<void> {
  await plugin.afterCacheAccess(new TokenCacheContext(new TextCache(text), true));
}

async function load(plugin: ReturnType<typeof encryptedTokenCachePlugin>): Promise<string> {
  const cache = new TextCache('untouched');
  await plugin.beforeCacheAccess(new TokenCacheContext(cache, false));
  return cache.text;
}

describe('encryptedTokenCachePlugin', () => {
  it('round-trips the cache through the file, across plugin instances (a restart)', async () => {
    const keyStore = memoryKeyStore();
    await save(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }), MSAL_CACHE);
    expect(await load(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }))).toBe(MSAL_CACHE);
  });

  it('puts no token, name or cache structure on disk, and keeps the file private to the user', async () => {
    await save(encryptedTokenCachePlugin({ file, keyStore: memoryKeyStore(), log: recordingLog() }), MSAL_CACHE);
    const onDisk = await fs.readFile(file, 'utf8');
    for (const secret of [REFRESH_TOKEN, ACCESS_TOKEN, ID_TOKEN, 'alice@outlook.com', 'RefreshToken', 'secret', HOME]) expect(onDisk).not.toContain(secret);
    expect(JSON.parse(onDisk)).toMatchObject({ format: 'desktop-authenticator-token-cache', version: 1 });
    if (process.platform !== 'win32') expect((await fs.stat(file)).mode & 0o077).toBe(0);
    expect((await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a random 256-bit key in the key store and nowhere else', async () => {
    const keyStore = memoryKeyStore();
    await save(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }), MSAL_CACHE);
    const key = Buffer.from(keyStore.entries.get(TOKEN_CACHE_KEY_ACCOUNT) ?? '', 'base64');
    expect(key).toHaveLength(32);
    expect(await fs.readFile(file, 'utf8')).not.toContain(key.toString('base64'));
    // The same key is used for the next write rather than a new one each time.
    await save(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }), '{}');
    expect(keyStore.entries.get(TOKEN_CACHE_KEY_ACCOUNT)).toBe(key.toString('base64'));
  });

  it('writes nothing when MSAL says the cache did not change, and reads nothing when there is no file', async () => {
    const plugin = encryptedTokenCachePlugin({ file, keyStore: memoryKeyStore(), log: recordingLog() });
    await plugin.afterCacheAccess(new TokenCacheContext(new TextCache(MSAL_CACHE), false));
    await expect(fs.access(file)).rejects.toThrow();
    expect(await load(plugin)).toBe('untouched');
  });

  it('treats a damaged file as signed out: logged once, no crash, and the next sign-in replaces it', async () => {
    const keyStore = memoryKeyStore();
    const log = recordingLog();
    await save(encryptedTokenCachePlugin({ file, keyStore, log }), MSAL_CACHE);
    const sealed = JSON.parse(await fs.readFile(file, 'utf8')) as { ciphertext: string };
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 0x01;
    await fs.writeFile(file, JSON.stringify({ ...sealed, ciphertext: bytes.toString('base64') }));

    const plugin = encryptedTokenCachePlugin({ file, keyStore, log });
    expect(await load(plugin)).toBe('untouched');
    expect(await load(plugin)).toBe('untouched');
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toContain('starting signed out');

    await save(plugin, MSAL_CACHE);
    expect(await load(encryptedTokenCachePlugin({ file, keyStore, log }))).toBe(MSAL_CACHE);
  });

  it.each([
    ['not JSON', 'garbage \u0000'],
    ['another JSON file', '{"Account":{}}'],
    ['an empty file', ''],
  ])('treats %s as signed out', async (_what, content) => {
    await fs.writeFile(file, content);
    const log = recordingLog();
    expect(await load(encryptedTokenCachePlugin({ file, keyStore: memoryKeyStore(), log }))).toBe('untouched');
    expect(log.errors).toHaveLength(1);
  });

  it('treats a file whose key left the keychain as signed out, and starts over with a new key', async () => {
    const keyStore = memoryKeyStore();
    await save(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }), MSAL_CACHE);
    const oldKey = keyStore.entries.get(TOKEN_CACHE_KEY_ACCOUNT);
    keyStore.entries.clear();

    const log = recordingLog();
    const plugin = encryptedTokenCachePlugin({ file, keyStore, log });
    expect(await load(plugin)).toBe('untouched');
    expect(log.errors[0]).toContain('key is missing');

    await save(plugin, '{"Account":{}}');
    expect(keyStore.entries.get(TOKEN_CACHE_KEY_ACCOUNT)).toBeDefined();
    expect(keyStore.entries.get(TOKEN_CACHE_KEY_ACCOUNT)).not.toBe(oldKey);
    expect(await load(encryptedTokenCachePlugin({ file, keyStore, log }))).toBe('{"Account":{}}');
  });

  it('reports an unreachable keychain instead of writing anything', async () => {
    const broken: KeyStore = {
      ...memoryKeyStore(),
      getPassword: async () => {
        throw new AppError('keychainUnavailable', 'The keychain is locked.');
      },
    };
    const plugin = encryptedTokenCachePlugin({ file, keyStore: broken, log: recordingLog() });
    await expect(save(plugin, MSAL_CACHE)).rejects.toMatchObject({ kind: 'keychainUnavailable' });
    await expect(fs.access(file)).rejects.toThrow();
  });

  it('serves a real MSAL PublicClientApplication: the account comes back after a restart', async () => {
    const keyStore = memoryKeyStore();
    await save(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }), MSAL_CACHE);
    const pca = new PublicClientApplication({ auth: { clientId: CLIENT }, cache: { cachePlugin: encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }) } });
    const accounts = await pca.getAllAccounts();
    expect(accounts.map((account) => account.username)).toEqual(['alice@outlook.com']);
    const [account] = accounts;
    if (!account) throw new Error('no account');
    await pca.signOut({ account });
    const again = new PublicClientApplication({ auth: { clientId: CLIENT }, cache: { cachePlugin: encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }) } });
    expect(await again.getAllAccounts()).toEqual([]);
  });
});

describe('encryptedTokenCachePlugin with the real OS keychain', () => {
  const service = `test-token-cache-${randomBytes(6).toString('hex')}`;
  const keyStore = osKeychainKeyStore(service);
  afterEach(async () => {
    for (const { account } of await keyStore.findCredentials()) await keyStore.deletePassword(account);
  });

  it('stores the key in the keychain and reads the cache back through it', async () => {
    await save(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }), MSAL_CACHE);
    expect(Buffer.from((await keyStore.getPassword(TOKEN_CACHE_KEY_ACCOUNT)) ?? '', 'base64')).toHaveLength(32);
    expect(await load(encryptedTokenCachePlugin({ file, keyStore, log: recordingLog() }))).toBe(MSAL_CACHE);
  });
});
