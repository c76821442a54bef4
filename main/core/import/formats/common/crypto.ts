import { createDecipheriv, pbkdf2 as pbkdf2Callback } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2id as argon2idWasm } from 'hash-wasm';
import type { KdfCost } from '../../import-format.js';

/**
 * The primitives the readers share, all from maintained libraries: node:crypto for PBKDF2 and AES, hash-wasm for
 * Argon2id (node:crypto has none before Node 24; libsodium's has no parallelism above 1). Opening functions return
 * null when authentication or padding fails, so each reader decides what that means (usually a wrong password).
 */

const pbkdf2Async = promisify(pbkdf2Callback);

export function pbkdf2(password: string, salt: Uint8Array, iterations: number, digest: 'sha1' | 'sha256', length = 32): Promise<Uint8Array> {
  return pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, length, digest).then((key) => new Uint8Array(key));
}

export interface Argon2idParams {
  salt: Uint8Array;
  iterations: number;
  memoryKiB: number;
  parallelism: number;
  length?: number;
}

export async function argon2id(password: string, params: Argon2idParams): Promise<Uint8Array> {
  return argon2idWasm({
    password: Buffer.from(password, 'utf8'),
    salt: params.salt,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: params.length ?? 32,
    outputType: 'binary',
  });
}

export function argon2Cost(memoryKiB: number): KdfCost {
  return { name: 'Argon2id', memoryBytes: memoryKiB * 1024 };
}

/** PBKDF2's cost is its time: the iteration count, which the pipeline caps (import-service.ts). */
export const PBKDF2_COST = (digest: 'SHA1' | 'SHA256', iterations: number): KdfCost => ({ name: `PBKDF2-${digest}`, memoryBytes: 0, pbkdf2Iterations: iterations });

/** AES-256-GCM with the 16-byte tag at the end of `sealed`. */
export function aesGcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null {
  if (sealed.length < 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]));
  } catch {
    return null;
  }
}

/** AES-256-CBC with PKCS#7 padding; null when the padding is wrong (the usual sign of a wrong key). */
export function aesCbcOpen(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  if (data.length === 0 || data.length % 16 !== 0) return null;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch {
    return null;
  }
}

/** Strict UTF-8 decoding, or null. */
export function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
