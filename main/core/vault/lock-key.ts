import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { DEFAULT_SCRYPT, deriveScryptKey, SCRYPT_MAX_MEMORY, SCRYPT_MAX_P, SCRYPT_MAX_R, type ScryptCost } from '../crypto/scrypt-kdf.js';

/**
 * The app lock's key wrapping: with the lock on, the vault's data key is kept in the vault file's header, sealed
 * (AES-256-GCM) by a key derived from the lock password with scrypt, so nothing outside the person's head opens
 * the vault. The header is the associated data of the vault's own cipher too, so a changed wrapping fails there.
 * The key comes from the app's scrypt KDF (crypto/scrypt-kdf.ts) at its default, N=2^17, r=8, p=1.
 */
export type LockKdfCost = ScryptCost;

export const LOCK_SCRYPT: Readonly<LockKdfCost> = DEFAULT_SCRYPT;

// The lowest N a header may name (tests wrap cheaply); r, p and memory share the KDF's caps.
const MIN_N = 2 ** 10;
const KEY_BYTES = 32;
const WRAP_LABEL = 'desktop-authenticator-vault/lock-wrap/1';

const base64 = (bytes: number) => z.string().refine((text) => /^[A-Za-z0-9+/]*={0,2}$/.test(text) && Buffer.from(text, 'base64').length === bytes);

export const LockWrap = z
  .object({
    kdf: z.literal('scrypt'),
    n: z.number().int().min(MIN_N).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
    r: z.number().int().min(1).max(SCRYPT_MAX_R),
    p: z.number().int().min(1).max(SCRYPT_MAX_P),
    salt: base64(16),
    nonce: base64(12),
    wrappedKey: base64(KEY_BYTES),
    tag: base64(16),
  })
  .strict()
  .refine((wrap) => 128 * wrap.n * wrap.r <= SCRYPT_MAX_MEMORY, 'scrypt memory out of bounds');
export type LockWrap = z.infer<typeof LockWrap>;

/** Seals `dataKey` under `password` for the vault `vaultId` (bound in, so a wrapping cannot be moved to another vault). */
export async function wrapDataKey(dataKey: Buffer, password: string, vaultId: string, cost: LockKdfCost = LOCK_SCRYPT): Promise<LockWrap> {
  const salt = randomBytes(16);
  const kek = await deriveKey(password, salt, cost);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  const params = { kdf: 'scrypt' as const, n: cost.n, r: cost.r, p: cost.p, salt: salt.toString('base64'), nonce: nonce.toString('base64') };
  cipher.setAAD(wrapAad(params, vaultId));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  kek.fill(0);
  return LockWrap.parse({ ...params, wrappedKey: wrapped.toString('base64'), tag: cipher.getAuthTag().toString('base64') });
}

/** The data key, or null when the password is wrong (or the wrapping was changed). */
export async function unwrapDataKey(wrap: LockWrap, password: string, vaultId: string): Promise<Buffer | null> {
  const kek = await deriveKey(password, Buffer.from(wrap.salt, 'base64'), wrap);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrap.nonce, 'base64'));
    decipher.setAAD(wrapAad(wrap, vaultId));
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrap.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

function wrapAad(wrap: Pick<LockWrap, 'kdf' | 'n' | 'r' | 'p' | 'salt' | 'nonce'>, vaultId: string): Buffer {
  return Buffer.from(JSON.stringify([WRAP_LABEL, vaultId, wrap.kdf, wrap.n, wrap.r, wrap.p, wrap.salt, wrap.nonce]), 'utf8');
}

function deriveKey(password: string, salt: Buffer, cost: LockKdfCost): Promise<Buffer> {
  return deriveScryptKey(password, salt, cost, new AppError('internal', 'Could not derive the lock key.'));
}
