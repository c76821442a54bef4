import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { KeyStore } from '../core/keystore/key-store.js';
import { osKeychainKeyStore } from '../core/keystore/os-keychain-key-store.js';
import type { Logger } from '../core/logger.js';
import { parseSealedFile } from '../core/vault/vault-crypto.js';
import { PREVIOUS_VAULT_FILE, VAULT_FILE } from '../core/vault/vault.js';
import { SAFE_STORAGE_KEY_STORE_ID, safeStorageKeyStore, safeStorageProblem, type SafeStorageApi } from './safe-storage-key-store.js';

export const UNAVAILABLE_KEY_STORE_ID = 'unavailable';

export interface KeyStoreChoice {
  dataDir: string;
  /** Electron's safeStorage, passed in so this module stays testable in plain Node. */
  safeStorage: SafeStorageApi;
  log: Logger;
  osKeychain?: () => KeyStore;
  platform?: NodeJS.Platform;
  /** A keychain that never answers (a hung D-Bus service) must not keep the app from opening. */
  probeTimeoutMs?: number;
}

/**
 * Picks where the vault's key lives. Never rejects: when no store is usable the app still opens, and every call
 * that needs a key reports keychainUnavailable with the reason.
 *   1. An existing vault names its store in its header: use exactly that one (switching would orphan the key).
 *   2. Otherwise the OS keychain, when it answers: the command-line tool can then open the same vault.
 *   3. Otherwise Electron's safeStorage, when it is secure (never Linux's basic_text fallback).
 */
export async function chooseKeyStore({
  dataDir,
  safeStorage,
  log,
  osKeychain = () => osKeychainKeyStore(),
  platform = process.platform,
  probeTimeoutMs = 15_000,
}: KeyStoreChoice): Promise<KeyStore> {
  const safe = () => safeStorageKeyStore(dataDir, safeStorage, platform);

  const keychain = osKeychain();
  const recorded = await recordedKeyStoreId(dataDir, log);
  if (recorded === keychain.id) return keychain;
  if (recorded === SAFE_STORAGE_KEY_STORE_ID) return safe();
  // An unknown id (a newer version, a test store): choose as for a new vault; the vault then reports vaultKeyMissing naming the store.
  if (recorded !== null) log.info(`the vault names a key store this version does not know (${recorded})`);

  const keychainProblem = await probe(keychain, probeTimeoutMs);
  if (keychainProblem === null) {
    log.info('keys are kept in the OS keychain');
    return keychain;
  }
  const safeProblem = await safeStorageProblem(safeStorage, platform);
  if (safeProblem === null) {
    log.info(`keys are kept with Electron safeStorage; the OS keychain cannot be used: ${keychainProblem}`);
    return safe();
  }
  log.error(`no secure key store: OS keychain: ${keychainProblem}; safeStorage: ${safeProblem}`);
  return unavailableKeyStore(
    new AppError(
      'keychainUnavailable',
      `No secure place for the vault's key was found, so nothing can be saved. ${keychainProblem} ${safeProblem}`,
    ),
  );
}

/** A key store that refuses every call with `error`, so the app opens and shows why nothing can be saved. */
export function unavailableKeyStore(error: AppError): KeyStore {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return { id: UNAVAILABLE_KEY_STORE_ID, getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
}

/** The `keyStore` field of the vault's clear-text header (or of the previous generation, if only that is left). */
export async function recordedKeyStoreId(dataDir: string, log: Logger): Promise<string | null> {
  for (const name of [VAULT_FILE, PREVIOUS_VAULT_FILE]) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path.join(dataDir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.error(`cannot read ${name}`, error);
      continue;
    }
    const file = parseSealedFile(bytes);
    if (file.ok) return file.header.keyStore;
    // A damaged file says nothing trustworthy; the vault itself reports the damage on first use.
  }
  return null;
}

/** null when the store answers, else a sentence saying why not. */
async function probe(store: KeyStore, timeoutMs: number): Promise<string | null> {
  let cancel: (() => void) | undefined;
  const timeout = new Promise<string>((resolve) => {
    const handle = setTimeout(() => resolve(`The system keychain did not answer within ${Math.round(timeoutMs / 1000)} s.`), timeoutMs);
    cancel = () => clearTimeout(handle);
  });
  const attempt = store.findCredentials().then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    cancel?.();
  }
}
