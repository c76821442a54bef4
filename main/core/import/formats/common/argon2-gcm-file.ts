import type { EncryptedFile, ImportEntry } from '../../import-format.js';
import { aesGcmOpen, argon2Cost, argon2id, type Argon2idParams } from './crypto.js';
import { wrongPassword } from './errors.js';

/** How a file sealed with an Argon2id key and AES-256-GCM lays out its parts (each reader finds them in its own format). */
export interface Argon2GcmSealed {
  /** The other app's name, for the wrong-password message. */
  app: string;
  /** The app's fixed Argon2id settings (32-byte key). */
  argon2: Omit<Argon2idParams, 'salt' | 'length'>;
  salt: Uint8Array;
  iv: Uint8Array;
  /** Ciphertext with the 16-byte tag at its end. */
  sealed: Uint8Array;
  aad?: Uint8Array;
}

/**
 * Opening an Argon2id + AES-256-GCM file, as Authenticator Pro and Proton Authenticator seal theirs: the key derived
 * from the password (progress 0, then 1), the GCM tag checked, and a failed tag reported as a wrong password. `read`
 * turns the plaintext into entries (a damaged plaintext is the reader's to say).
 */
export function argon2GcmFile({ app, argon2, salt, iv, sealed, aad }: Argon2GcmSealed, read: (plain: Uint8Array) => ImportEntry[]): EncryptedFile {
  return {
    cost: argon2Cost(argon2.memoryKiB),
    async decrypt(password, onProgress) {
      onProgress?.(0);
      const key = await argon2id(password, { salt, ...argon2 });
      onProgress?.(1);
      const plain = aesGcmOpen(key, iv, sealed, aad);
      if (!plain) throw wrongPassword(app);
      return read(plain);
    },
  };
}
