import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { KeyStore } from '../core/keystore/key-store.js';
import { memoryKeyStore } from '../core/keystore/memory-key-store.js';
import { silentLogger } from '../core/logger.js';
import { Vault, VAULT_FILE } from '../core/vault/vault.js';
import { chooseKeyStore, UNAVAILABLE_KEY_STORE_ID } from './choose-key-store.js';
import type { SafeStorageApi } from './safe-storage-key-store.js';

const secureSafeStorage: SafeStorageApi = {
  getSelectedStorageBackend: () => 'gnome_libsecret',
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (plain) => Buffer.from(plain, 'utf8'),
  decryptStringAsync: async (cipher) => ({ result: cipher.toString('utf8'), shouldReEncrypt: false }),
};
const insecureSafeStorage: SafeStorageApi = { ...secureSafeStorage, getSelectedStorageBackend: () => 'basic_text' };

const keychain = (id = 'os-keychain'): KeyStore => ({ ...memoryKeyStore(), id });
const brokenKeychain = (): KeyStore => {
  const fail = async (): Promise<never> => {
    throw new AppError('keychainUnavailable', 'The system keychain cannot be used (no D-Bus).');
  };
  return { id: 'os-keychain', getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
};
const hangingKeychain = (): KeyStore => ({ ...brokenKeychain(), findCredentials: () => new Promise(() => undefined) });

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'choose-key-store-test-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const choose = (osKeychain: () => KeyStore, safeStorage: SafeStorageApi, probeTimeoutMs = 1000) =>
  chooseKeyStore({ dataDir, safeStorage, log: silentLogger, osKeychain, platform: 'linux', probeTimeoutMs });

/** Writes a real vault whose header names `id` as its key store. */
async function vaultKeptIn(id: string): Promise<void> {
  await new Vault(dataDir, { ...memoryKeyStore(), id }).update((data) => ({ data, result: null }));
  expect(JSON.parse(await fs.readFile(path.join(dataDir, VAULT_FILE), 'utf8')).header.keyStore).toBe(id);
}

describe('chooseKeyStore', () => {
  it('prefers the OS keychain for a new vault', async () => {
    expect((await choose(() => keychain(), secureSafeStorage)).id).toBe('os-keychain');
  });

  it('falls back to secure safeStorage when the keychain fails or hangs', async () => {
    expect((await choose(brokenKeychain, secureSafeStorage)).id).toBe('electron-safe-storage');
    expect((await choose(hangingKeychain, secureSafeStorage, 50)).id).toBe('electron-safe-storage');
  });

  it('opens without a secure store and reports keychainUnavailable on use', async () => {
    const store = await choose(brokenKeychain, insecureSafeStorage);
    expect(store.id).toBe(UNAVAILABLE_KEY_STORE_ID);
    await expect(store.getPassword('k')).rejects.toMatchObject({ kind: 'keychainUnavailable' });
  });

  it('follows the store an existing vault names, even when another would answer', async () => {
    await vaultKeptIn('electron-safe-storage');
    expect((await choose(() => keychain(), secureSafeStorage)).id).toBe('electron-safe-storage');
    await fs.rm(dataDir, { recursive: true, force: true });
    await vaultKeptIn('os-keychain');
    // The keychain is down, but its key is there: switching stores would orphan the vault.
    expect((await choose(brokenKeychain, secureSafeStorage)).id).toBe('os-keychain');
  });
});
