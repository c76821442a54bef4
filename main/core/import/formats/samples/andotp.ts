/** Sample andotp files for its reader's tests and the detection matrix, built from the format's public description. */
import { pbkdf2Sync } from 'node:crypto';
import { aesGcmSeal, bytesOf, concat, random, sha256 } from '../common/test-support.js';

// Files written as andOTP writes them (its backup JSON, and both encrypted layouts), with the awkward cases.
export const andOtpPlainSample = JSON.stringify([
  { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Google', label: 'alice@example.com', digits: 6, type: 'TOTP', algorithm: 'SHA1', thumbnail: 'Google', last_used: 1700000000000, used_frequency: 3, period: 30, tags: ['work'] },
  { secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq', issuer: 'Bank', label: 'counter', digits: 8, type: 'HOTP', algorithm: 'SHA1', thumbnail: 'Default', last_used: 0, used_frequency: 0, counter: 42, tags: [] },
  { secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI======', issuer: 'Bänk ✓', label: 'Zoë', digits: 7, type: 'TOTP', algorithm: 'SHA256', thumbnail: 'Default', last_used: 0, used_frequency: 0, period: 60, tags: [] },
  { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: '', label: 'no-issuer@example.com', digits: 8, type: 'TOTP', algorithm: 'SHA512', thumbnail: 'Default', last_used: 0, used_frequency: 0, period: 15, tags: [] },
  { secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', issuer: 'Steam', label: 'gamer', digits: 5, type: 'STEAM', algorithm: 'SHA1', thumbnail: 'Steam', last_used: 0, used_frequency: 0, period: 30, tags: [] },
  { secret: '1234567890abcdef', issuer: 'Old VPN', label: 'motp', digits: 6, type: 'MOTP', algorithm: 'MD5', thumbnail: 'Default', last_used: 0, used_frequency: 0, period: 10, pin: '1234', tags: [] },
  { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Nine', label: 'digits', digits: 9, type: 'TOTP', algorithm: 'SHA1', thumbnail: 'Default', last_used: 0, used_frequency: 0, period: 30, tags: [] },
  { secret: 'NOT*BASE32', issuer: 'Broken', label: 'secret', digits: 6, type: 'TOTP', algorithm: 'SHA1', thumbnail: 'Default', last_used: 0, used_frequency: 0, period: 30, tags: [] },
  { secret: 'ORSXG5DTMVRXEZLUMFRGG3DFOI', label: 'GitHub:octo', digits: 6, type: 'TOTP', algorithm: 'SHA1', period: 30 },
]);

/** New layout: iterations (BE u32) | salt (12) | IV (12) | ciphertext+tag; key PBKDF2-HMAC-SHA1, 256 bits. */
export function andOtpEncryptedNew(password: string, plain: string, iterations = 150_000): Uint8Array {
  const header = new Uint8Array(4);
  new DataView(header.buffer).setUint32(0, iterations);
  const salt = random(12);
  const iv = random(12);
  const key = new Uint8Array(pbkdf2Sync(password, salt, iterations, 32, 'sha1'));
  return concat(header, salt, iv, aesGcmSeal(key, iv, bytesOf(plain)));
}

/** Old layout: IV (12) | ciphertext+tag; key SHA-256(password). */
export function andOtpEncryptedOld(password: string, plain: string): Uint8Array {
  const iv = random(12);
  return concat(iv, aesGcmSeal(sha256(password), iv, bytesOf(plain)));
}
