import { appErrorOf } from '../core/testing/test-helpers.js';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAFE_STORAGE_FILE, safeStorageKeyStore, safeStorageProblem, type SafeStorageApi } from './safe-storage-key-store.js';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

/** Stands in for Electron's safeStorage: a reversible scramble, so tests can see that nothing is stored in the clear. */
function fakeSafeStorage(options: { backend?: Backend; available?: boolean; rotate?: boolean } = {}): SafeStorageApi & { encrypted: number } {
  const fake = {
    encrypted: 0,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain: string) => {
      fake.encrypted++;
      return Buffer.from(`sealed:${Buffer.from(plain, 'utf8').toString('hex')}`, 'utf8');
    },
    decryptStringAsync: async (cipher: Buffer) => {
      const text = cipher.toString('utf8');
      if (!text.startsWith('sealed:')) throw new Error('bad ciphertext');
      return { result: Buffer.from(text.slice(7), 'hex').toString('utf8'), shouldReEncrypt: options.rotate ?? false };
    },
  };
  return fake;
}

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'safe-storage-test-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});


describe('safeStorageKeyStore', () => {
  it('keeps entries as ciphertext in keystore.json and reads them back', async () => {
    const store = safeStorageKeyStore(dataDir, fakeSafeStorage(), 'linux');
    expect(store.id).toBe('electron-safe-storage');
    await store.setPassword('vault-key:a', 'secret-a');
    await store.setPassword('vault-key:b', 'secret-b');
    const file = await fs.readFile(path.join(dataDir, SAFE_STORAGE_FILE), 'utf8');
    expect(file).not.toContain('secret-a');
    expect(await store.getPassword('vault-key:a')).toBe('secret-a');
    expect(await store.getPassword('missing')).toBeNull();
    expect(await safeStorageKeyStore(dataDir, fakeSafeStorage(), 'linux').findCredentials()).toEqual([
      { account: 'vault-key:a', password: 'secret-a' },
      { account: 'vault-key:b', password: 'secret-b' },
    ]);
    expect(await store.deletePassword('vault-key:a')).toBe(true);
    expect(await store.deletePassword('vault-key:a')).toBe(false);
    expect(await store.getPassword('vault-key:a')).toBeNull();
  });

  it('loses no entry when writes overlap', async () => {
    const store = safeStorageKeyStore(dataDir, fakeSafeStorage(), 'linux');
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.setPassword(`k${i}`, `v${i}`)));
    expect((await store.findCredentials()).length).toBe(10);
  });

  it("refuses Linux's basic_text backend and never writes", async () => {
    for (const backend of ['basic_text', 'unknown'] as const) {
      const store = safeStorageKeyStore(dataDir, fakeSafeStorage({ backend }), 'linux');
      const error = await appErrorOf(store.setPassword('k', 'v'));
      expect(error.kind).toBe('keychainUnavailable');
      expect(error.message).toMatch(/GNOME Keyring or KWallet/);
    }
    await expect(fs.access(path.join(dataDir, SAFE_STORAGE_FILE))).rejects.toThrow();
  });

  it('reports unavailable encryption', async () => {
    const store = safeStorageKeyStore(dataDir, fakeSafeStorage({ available: false }), 'win32');
    expect((await appErrorOf(store.getPassword('k'))).kind).toBe('keychainUnavailable');
  });

  it('re-encrypts an entry when the OS asks for it', async () => {
    await safeStorageKeyStore(dataDir, fakeSafeStorage(), 'darwin').setPassword('k', 'v');
    const rotating = fakeSafeStorage({ rotate: true });
    expect(await safeStorageKeyStore(dataDir, rotating, 'darwin').getPassword('k')).toBe('v');
    expect(rotating.encrypted).toBe(1);
  });

  it('does not overwrite a damaged key file', async () => {
    const file = path.join(dataDir, SAFE_STORAGE_FILE);
    await fs.writeFile(file, '{"format":"desktop-authenticator-keystore","version":1,"entries":{"k":42}}');
    const store = safeStorageKeyStore(dataDir, fakeSafeStorage(), 'linux');
    expect((await appErrorOf(store.setPassword('other', 'v'))).kind).toBe('storageError');
    expect(await fs.readFile(file, 'utf8')).toContain('"k":42');
  });

  it('reports a key it cannot decrypt', async () => {
    await fs.writeFile(
      path.join(dataDir, SAFE_STORAGE_FILE),
      JSON.stringify({ format: 'desktop-authenticator-keystore', version: 1, entries: { k: Buffer.from('garbage').toString('base64') } }),
    );
    const error = await appErrorOf(safeStorageKeyStore(dataDir, fakeSafeStorage(), 'linux').getPassword('k'));
    expect(error.kind).toBe('keychainUnavailable');
  });
});

describe('safeStorageProblem', () => {
  it('checks the Linux backend only on Linux', async () => {
    expect(await safeStorageProblem(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toMatch(/built-in password/);
    expect(await safeStorageProblem(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toBeNull();
    expect(await safeStorageProblem(fakeSafeStorage({ backend: 'unknown' }), 'win32')).toBeNull();
  });
});
