import { promises as fs } from 'node:fs';
import path from 'node:path';
// Type-only: the store receives Electron's safeStorage from the composition root, so it can be tested with a fake in plain Node.
import type { SafeStorage } from 'electron';
import { AppError } from '../../shared/errors.js';
import type { KeyStore } from '../core/keystore/key-store.js';
import { storageError, writeFileAtomic } from '../core/vault/atomic-file.js';

export const SAFE_STORAGE_KEY_STORE_ID = 'electron-safe-storage';
export const SAFE_STORAGE_FILE = 'keystore.json';
const FORMAT = 'desktop-authenticator-keystore';
const VERSION = 1;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The part of Electron's safeStorage this store uses: the async API (the sync one is marked deprecated in Electron 45). */
export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

/**
 * Why safeStorage would not keep secrets safe here, or null when it will. Call after the app is ready (before it,
 * Linux reports the backend as 'unknown').
 */
export async function safeStorageProblem(api: SafeStorageApi, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  try {
    if (platform === 'linux') {
      const backend = api.getSelectedStorageBackend();
      // 'basic_text' encrypts with a password hard-coded in Chromium: as good as plain text, so we refuse it.
      if (backend === 'basic_text' || backend === 'unknown') {
        return 'No secure system keychain was found (Electron would fall back to a built-in password, which protects nothing). Install and unlock GNOME Keyring or KWallet, then restart the app. Your accounts are never stored in plain text.';
      }
    }
    if (!(await api.isAsyncEncryptionAvailable())) {
      return "The system's secure storage is not available. Unlock your keychain (or sign in to your desktop session) and restart the app.";
    }
    return null;
  } catch (error) {
    return `The system's secure storage cannot be used (${describe(error)}).`;
  }
}

/**
 * Keys encrypted by Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret/KWallet on Linux),
 * kept as base64 ciphertext in `keystore.json` in the data folder. Only the desktop app can read them, so the
 * chooser prefers the OS keychain (which the command-line tool shares) and falls back to this.
 */
export function safeStorageKeyStore(dataDir: string, api: SafeStorageApi, platform: NodeJS.Platform = process.platform): KeyStore {
  const file = path.join(dataDir, SAFE_STORAGE_FILE);
  let secure = false;
  // Operations are serialized so two concurrent writes cannot lose each other's entry (one process: single-instance lock).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const next = queue.then(operation, operation);
    queue = next.catch(() => undefined);
    return next;
  };

  const ensureSecure = async () => {
    if (secure) return;
    const problem = await safeStorageProblem(api, platform);
    if (problem !== null) throw new AppError('keychainUnavailable', problem);
    secure = true; // only success is remembered: a keychain unlocked later is picked up on the next call
  };

  const encrypt = async (plain: string): Promise<string> => {
    try {
      return (await api.encryptStringAsync(plain)).toString('base64');
    } catch (error) {
      throw new AppError('keychainUnavailable', `The system's secure storage could not encrypt a key (${describe(error)}). Unlock your keychain and try again.`);
    }
  };

  const decrypt = async (cipher: string): Promise<{ plain: string; reEncrypt: boolean }> => {
    try {
      const { result, shouldReEncrypt } = await api.decryptStringAsync(Buffer.from(cipher, 'base64'));
      return { plain: result, reEncrypt: shouldReEncrypt };
    } catch (error) {
      throw new AppError(
        'keychainUnavailable',
        `A key kept by the system's secure storage could not be decrypted (${describe(error)}). The keychain may be locked or reset, or the data folder was copied from another computer or user.`,
      );
    }
  };

  const load = async (): Promise<Map<string, string>> => {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw storageError(error);
    }
    const entries = parseKeyFile(text);
    // Never overwrite a file we cannot read: it may hold the only copy of a vault key.
    if (entries === null) throw new AppError('storageError', `${file} is damaged, so the keys it holds cannot be read. Move it away only if you can restore your accounts from a backup.`);
    return entries;
  };

  const save = async (entries: Map<string, string>): Promise<void> => {
    try {
      await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw storageError(error);
    }
    const json = { format: FORMAT, version: VERSION, entries: Object.fromEntries(entries) };
    await writeFileAtomic(file, Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8'));
  };

  return {
    id: SAFE_STORAGE_KEY_STORE_ID,
    getPassword: (account) =>
      serial(async () => {
        await ensureSecure();
        const entries = await load();
        const cipher = entries.get(account);
        if (cipher === undefined) return null;
        const { plain, reEncrypt } = await decrypt(cipher);
        if (reEncrypt) {
          // The OS rotated its key: store the entry under the new one. Best effort; the old ciphertext still opens.
          try {
            entries.set(account, await encrypt(plain));
            await save(entries);
          } catch {
            /* keep the old ciphertext */
          }
        }
        return plain;
      }),
    setPassword: (account, password) =>
      serial(async () => {
        await ensureSecure();
        const entries = await load();
        entries.set(account, await encrypt(password));
        await save(entries);
      }),
    deletePassword: (account) =>
      serial(async () => {
        const entries = await load();
        if (!entries.delete(account)) return false;
        await save(entries);
        return true;
      }),
    findCredentials: () =>
      serial(async () => {
        await ensureSecure();
        const found: { account: string; password: string }[] = [];
        for (const [account, cipher] of await load()) found.push({ account, password: (await decrypt(cipher)).plain });
        return found;
      }),
  };
}

/** The entries of a key file, or null when it is not one. Checked by hand into a Map, so no key can touch a prototype. */
function parseKeyFile(text: string): Map<string, string> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(json) || json.format !== FORMAT || json.version !== VERSION || !isRecord(json.entries)) return null;
  const entries = new Map<string, string>();
  for (const [account, cipher] of Object.entries(json.entries)) {
    if (typeof cipher !== 'string' || !BASE64.test(cipher)) return null;
    entries.set(account, cipher);
  }
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
