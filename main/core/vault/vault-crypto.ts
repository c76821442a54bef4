import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LockWrap } from './lock-key.js';

/**
 * The vault file: a small JSON header in the clear (so a damaged or foreign file can be told apart from a
 * wrong key) and the payload sealed with AES-256-GCM. The whole header is the GCM associated data, so changing
 * any of it, or any byte of the ciphertext, makes the file fail to open.
 */
export const VAULT_FORMAT = 'desktop-authenticator-vault';
export const VAULT_VERSION = 1;

export const VaultHeader = z
  .object({
    format: z.literal(VAULT_FORMAT),
    version: z.literal(VAULT_VERSION),
    /** Random per vault; names the data key in the key store. */
    vaultId: z.string().regex(/^[a-f0-9]{32}$/),
    /** Which key store holds the data key (see KeyStore.id). */
    keyStore: z.string().min(1).max(64),
    /** Increases with every write. */
    generation: z.number().int().min(1),
    savedAt: z.string(),
    /**
     * Which data key seals this file, when the vault was re-keyed (the app lock turned on, off or changed): a new
     * random key each time, so a key of the old setting opens nothing of the new one. Absent: the vault's first key.
     */
    keyId: z.string().regex(/^[a-f0-9]{32}$/).optional(),
    /** With the app lock on: the data key, wrapped by the lock password's key. The keychain then holds no key. */
    lock: LockWrap.optional(),
  })
  .strict();
export type VaultHeader = z.infer<typeof VaultHeader>;

const SealedFileJson = z
  .object({
    header: VaultHeader,
    nonce: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
    ciphertext: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
    tag: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  })
  .strict();

export type SealedFile =
  | { ok: true; header: VaultHeader; open: (key: Buffer) => Buffer | null }
  | { ok: false; problem: 'notJson' | 'foreign' | 'malformed' };

export function seal(header: VaultHeader, plaintext: Buffer, key: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const file = { header, nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return Buffer.from(`${JSON.stringify(file)}\n`, 'utf8');
}

/** Reads the header without a key (enough to find the key and to tell "damaged" from "not ours"); `open` returns null for a wrong key or any tampering. */
export function parseSealedFile(bytes: Buffer): SealedFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, problem: 'notJson' };
  }
  const format = (json as { header?: { format?: unknown } } | null)?.header?.format;
  if (format !== VAULT_FORMAT && !hasSealedShape(json)) return { ok: false, problem: 'foreign' };
  const parsed = SealedFileJson.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  const file = parsed.data;
  return {
    ok: true,
    header: file.header,
    open(key) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.nonce, 'base64'));
        decipher.setAAD(aad(file.header));
        decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(file.ciphertext, 'base64')), decipher.final()]);
      } catch {
        return null;
      }
    },
  };
}

function aad(header: VaultHeader): Buffer {
  // Fixed key order, so the associated data does not depend on how the header object was built.
  const { format, version, vaultId, keyStore, generation, savedAt, keyId, lock } = header;
  // Fields added later are appended only when present, so files written before them still open.
  const fields: unknown[] = [format, version, vaultId, keyStore, generation, savedAt];
  if (keyId !== undefined || lock !== undefined) {
    fields.push(keyId ?? null, lock ? [lock.kdf, lock.n, lock.r, lock.p, lock.salt, lock.nonce, lock.wrappedKey, lock.tag] : null);
  }
  return Buffer.from(JSON.stringify(fields), 'utf8');
}

/**
 * A file with (at least two of) our members is one of ours even when its format name is wrong: one damaged byte in
 * "format" or in a member name must read as damage (with the previous version offered), not as someone else's file.
 */
function hasSealedShape(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  return ['header', 'nonce', 'ciphertext', 'tag'].filter((member) => Object.hasOwn(json, member)).length >= 2;
}
