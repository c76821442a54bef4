import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The ciphers other apps' exports use, on node:crypto. Each returns null when authentication fails (a wrong key, or
 * changed bytes): the reader decides which of the two its format can tell apart.
 */
export function openAesGcm(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Buffer | null {
  if (tag.length !== 16 || nonce.length === 0) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** AES-256-CBC (PKCS#7) checked by HMAC-SHA-256 over iv || ciphertext, compared in constant time before decrypting. */
export function openAesCbcHmac(encKey: Uint8Array, macKey: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, mac: Uint8Array): Buffer | null {
  const expected = createHmac('sha256', macKey).update(iv).update(ciphertext).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
  try {
    const decipher = createDecipheriv('aes-256-cbc', encKey, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}
