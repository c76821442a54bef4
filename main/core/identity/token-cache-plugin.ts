import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import type { KeyStore } from '../keystore/key-store.js';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../vault/atomic-file.js';

/**
 * Persists MSAL's token cache (refresh token included) in one file, sealed with AES-256-GCM under a random key that
 * lives only in the key store. The file is never plain text, not even for an instant (writeFileAtomic writes the
 * sealed bytes to its temporary file).
 *
 * A file that cannot be opened (key gone from the keychain, bytes damaged, someone else's file) means "signed out":
 * it is logged once and the next sign-in replaces it. The tokens are worth nothing next to a working app, and
 * they can always be had again by signing in. A key store that cannot be reached is different: that is reported
 * (keychainUnavailable), so nothing is silently dropped or written unprotected.
 */
export const TOKEN_CACHE_FILE = 'recovery-account.cache';
export const TOKEN_CACHE_KEY_ACCOUNT = 'token-cache-key';

const FORMAT = 'desktop-authenticator-token-cache';
const VERSION = 1;

const SealedCache = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(VERSION),
    nonce: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
    ciphertext: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
    tag: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  })
  .strict();

export interface TokenCachePluginDeps {
  /** The cache file, normally `<dataDir>/recovery-account.cache`. */
  file: string;
  keyStore: KeyStore;
  log: Logger;
  /** Where the key is filed in the key store. */
  keyAccount?: string;
}

export function encryptedTokenCachePlugin({ file, keyStore, log, keyAccount = TOKEN_CACHE_KEY_ACCOUNT }: TokenCachePluginDeps): ICachePlugin {
  let key: Buffer | null = null; // kept after the first look-up: the keychain is a D-Bus round trip away
  let reportedUnreadable = false;
  let writes: Promise<void> = Promise.resolve();

  async function storedKey(): Promise<Buffer | null> {
    const encoded = await keyStore.getPassword(keyAccount);
    const decoded = encoded === null ? null : Buffer.from(encoded, 'base64');
    return decoded?.length === 32 ? decoded : null;
  }

  async function read(): Promise<string | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return unreadable(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const sealed = parseSealed(bytes);
    if (!sealed) return unreadable('it is damaged or not a token cache');
    key ??= await storedKey();
    let plaintext = key ? open(sealed, key) : null;
    if (plaintext === null && key) {
      // Another host may have replaced the key since we read it; look once more before calling the file lost.
      const fresh = await storedKey();
      if (fresh && !fresh.equals(key)) {
        key = fresh;
        plaintext = open(sealed, key);
      }
    }
    if (plaintext === null) return unreadable(key ? 'it does not open with its key (damaged or tampered with)' : 'its key is missing from the keychain');
    reportedUnreadable = false;
    return plaintext;
  }

  function unreadable(reason: string): null {
    if (!reportedUnreadable) log.error(`The recovery account sign-in saved on this PC cannot be used because ${reason}; starting signed out`);
    reportedUnreadable = true;
    return null;
  }

  async function write(serialized: string): Promise<void> {
    // Looked up on every write (rare: sign-in, refresh), so a key removed from the keychain is put back before the
    // file depends on it, and the key is always stored before anything is sealed with it.
    const stored = await storedKey();
    if (stored) {
      key = stored;
    } else {
      key ??= randomBytes(32);
      await keyStore.setPassword(keyAccount, key.toString('base64'));
    }
    await writeFileAtomic(file, seal(serialized, key));
    reportedUnreadable = false;
  }

  return {
    async beforeCacheAccess(context: TokenCacheContext) {
      await writes; // never read a file that an earlier write is still replacing
      const serialized = await read();
      if (serialized === null) return;
      try {
        context.tokenCache.deserialize(serialized);
      } catch {
        context.tokenCache.deserialize(''); // MSAL kept the bad text as its merge base; an empty one is harmless
        unreadable('its content is not a token cache MSAL understands');
      }
    },
    async afterCacheAccess(context: TokenCacheContext) {
      if (!context.cacheHasChanged) return;
      const serialized = context.tokenCache.serialize();
      // One write at a time, in order, so a slower earlier write never lands after a later one.
      const next = writes.then(() => write(serialized));
      writes = next.catch(() => undefined);
      await next;
    },
  };
}

type Sealed = z.infer<typeof SealedCache>;

function seal(plaintext: string, key: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad());
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const sealed: Sealed = { format: FORMAT, version: VERSION, nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return Buffer.from(`${JSON.stringify(sealed)}\n`, 'utf8');
}

function parseSealed(bytes: Buffer): Sealed | null {
  try {
    const parsed = SealedCache.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function open(sealed: Sealed, key: Buffer): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.nonce, 'base64'));
    decipher.setAAD(aad());
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The format and version are bound to the ciphertext, so a file cannot be passed off as another version. */
function aad(): Buffer {
  return Buffer.from(JSON.stringify([FORMAT, VERSION]), 'utf8');
}
