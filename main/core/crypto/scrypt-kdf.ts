import { scrypt } from 'node:crypto';
import type { AppError } from '../../../shared/errors.js';

/**
 * The app's one password KDF: scrypt, for the app lock's key wrap (vault/lock-key.ts) and the backup's
 * (backup/backup-envelope.ts). scrypt, not Argon2: Node 20 has no Argon2 in node:crypto, and its scrypt is OpenSSL's,
 * memory-hard and maintained. Each format keeps its own stated bounds (docs/backup-format.md for the backup); the
 * derivation, the caps they share and what Node's scrypt accepts live here.
 */
export interface ScryptCost {
  n: number;
  r: number;
  p: number;
}

/**
 * N=2^17, r=8, p=1: 128 MiB and 0.47-0.57 s on the 2-core development machine (AMD EPYC, Node 20; 2^16: ~0.3 s,
 * 2^18: ~1.0 s; npm run bench:unlock). OWASP's recommendation for scrypt, and well under a second to unlock.
 */
export const DEFAULT_SCRYPT: Readonly<ScryptCost> = { n: 2 ** 17, r: 8, p: 1 };

// Caps on what a stored wrap may ask for, so a tampered file cannot make us allocate gigabytes or spin for minutes.
// They leave room to raise the cost later without a new format (2^18 with r=8 fits).
export const SCRYPT_MAX_R = 32;
export const SCRYPT_MAX_P = 16;
/** 128 * N * r bytes. */
export const SCRYPT_MAX_MEMORY = 256 * 2 ** 20;
// What scrypt itself counts against maxmem (OpenSSL's EVP_PBE_scrypt): 128*r*(N+2) for V plus 128*r*p for B. Within
// the caps the largest is 128*32*(2^11+2+16), so this much slack never refuses an allowed cost.
const MAXMEM = SCRYPT_MAX_MEMORY + 2 ** 20;
const KEY_BYTES = 32;

/** The costs Node's scrypt accepts: N a power of two above 1, N < 2^(16*r), r*p < 2^30, its memory within maxmem. */
export function scryptAccepts({ n, r, p }: ScryptCost): boolean {
  const integers = Number.isSafeInteger(n) && Number.isSafeInteger(r) && Number.isSafeInteger(p) && r >= 1 && p >= 1;
  if (!integers || n < 2 || !Number.isInteger(Math.log2(n))) return false;
  return n < 2 ** (16 * r) && r * p < 2 ** 30 && 128 * r * (n + 2 + p) <= MAXMEM;
}

/** Within the shared caps and a format's own floor on N and ceiling on work (N*r*p). */
export function withinScryptCaps({ n, r, p }: ScryptCost, { minN, maxWork = Infinity }: { minN: number; maxWork?: number }): boolean {
  return n >= minN && r <= SCRYPT_MAX_R && p <= SCRYPT_MAX_P && 128 * n * r <= SCRYPT_MAX_MEMORY && n * r * p <= maxWork;
}

/**
 * The 32-byte key for `password` (NFC first, so a password typed with composed or decomposed accents, as macOS may
 * produce, derives alike everywhere). The password's bytes are wiped after use. Should scrypt refuse (it throws
 * synchronously for parameters it rejects, or fails for lack of memory), the caller's typed `failure` says so,
 * never a raw RangeError.
 */
export function deriveScryptKey(password: string, salt: Buffer, { n, r, p }: ScryptCost, failure: AppError): Promise<Buffer> {
  const secret = Buffer.from(password.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, key: Buffer) => {
      secret.fill(0);
      if (error) reject(failure);
      else resolve(key);
    };
    try {
      scrypt(secret, salt, KEY_BYTES, { N: n, r, p, maxmem: MAXMEM }, done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), Buffer.alloc(0));
    }
  });
}
