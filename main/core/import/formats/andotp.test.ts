import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { andOtpFormat } from './andotp.js';
import {
  aesGcmSeal, bytesOf, concat, expectAppError, expectCodesMatchOathtool, hotp, random, readEncrypted, readPlain, sha256, skipped, steam, totp, usable,
} from './common/test-support.js';

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

const expected = [
  usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
  usable('Bank', 'counter', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', hotp(42, 'SHA1', 8)),
  usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp('SHA256', 7, 60)),
  usable('', 'no-issuer@example.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA512', 8, 15)),
  usable('Steam', 'gamer', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', steam()),
  skipped('Old VPN', 'motp'),
  skipped('Nine', 'digits'),
  skipped('Broken', 'secret'),
  usable('GitHub', 'octo', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', totp()),
];

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

describe('andOTP', () => {
  it('reads a plain backup entry by entry, listing the unsupported ones with a reason', () => {
    const entries = readPlain(andOtpFormat, bytesOf(andOtpPlainSample));
    expect(entries).toEqual(expected);
    const reasons = entries.flatMap((e) => (e.status === 'unsupported' ? [e.reason] : []));
    expect(reasons[0]).toMatch(/mOTP/);
    expect(reasons[1]).toMatch(/6 to 8 digits/);
    expect(reasons[2]).toMatch(/base32/);
    expect(expectCodesMatchOathtool(entries)).toBe(5);
  });

  it('opens the new encrypted layout (PBKDF2 with the header\'s iterations and salt, AES-256-GCM)', async () => {
    const file = readEncrypted(andOtpFormat, andOtpEncryptedNew('correct horse', andOtpPlainSample));
    expect(file.cost).toEqual({ name: 'PBKDF2-SHA1', memoryBytes: 0 });
    const progress: number[] = [];
    expect(await file.decrypt('correct horse', (f) => progress.push(f))).toEqual(expected);
    expect(progress.at(-1)).toBe(1);
  });

  it('opens the old encrypted layout (SHA-256 of the password) without being told which layout it is', async () => {
    const file = readEncrypted(andOtpFormat, andOtpEncryptedOld('correct horse', andOtpPlainSample));
    expect(await file.decrypt('correct horse')).toEqual(expected);
  });

  it('refuses a wrong password in either layout', async () => {
    await expectAppError(readEncrypted(andOtpFormat, andOtpEncryptedNew('right', andOtpPlainSample)).decrypt('wrong'), 'wrongPassword');
    await expectAppError(readEncrypted(andOtpFormat, andOtpEncryptedOld('right', andOtpPlainSample)).decrypt('wrong'), 'wrongPassword');
  });

  it('calls a backup that decrypts to something other than a list of accounts damaged', async () => {
    await expectAppError(readEncrypted(andOtpFormat, andOtpEncryptedOld('pw', '{"not":"a list"}')).decrypt('pw'), 'damagedFile');
    await expectAppError(readEncrypted(andOtpFormat, andOtpEncryptedNew('pw', 'garbage', 140_000)).decrypt('pw'), 'damagedFile');
  });

  it('does not take other JSON arrays for andOTP', () => {
    for (const text of ['[]', '[1,2]', '[{"name":"x"}]', '[{"secret":"A","type":"TOTP"},"x"]']) {
      expect(andOtpFormat.detect(bytesOf(text), text)).toBe(false);
    }
  });
});
