import { describe, expect, it } from 'vitest';
import { andOtpFormat } from './andotp.js';
import { bytesOf, expectAppError, expectCodesMatchOathtool, hotp, readEncrypted, readPlain, skipped, steam, totp, usable } from './common/test-support.js';
import { andOtpEncryptedNew, andOtpEncryptedOld, andOtpPlainSample } from './samples/andotp.js';

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
    expect(file.cost).toEqual({ name: 'PBKDF2-SHA1', memoryBytes: 0, pbkdf2Iterations: 150_000 });
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
