import { describe, expect, it } from 'vitest';
import { aesCbcSeal, bytesOf, expectAppError, expectCodesMatchOathtool, readEncrypted, readPlain, sha256, skipped, totp, usable } from './common/test-support.js';
import { totpAuthenticatorFormat } from './totp-authenticator.js';

const entries = [
  { issuer: 'Google', name: 'alice@example.com', key: 'JBSWY3DPEHPK3PXP', base: 32 },
  { issuer: 'Bänk ✓', name: 'Zoë', key: 'mfrggzdfmztwq2lknnwg23tpobyxe43uov3ho6dzpi======', base: 32 },
  { issuer: '', name: 'hex key', key: '3132333435363738393031323334353637383930', base: 16 },
  { issuer: 'B64', name: 'key', key: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', base: 64 },
  { issuer: 'Odd', name: 'base', key: '12345', base: 10 },
  { issuer: 'Later', name: 'ok', key: 'ORSXG5DTMVRXEZLUMFRGG3DFOI', base: 32 },
];
const expected = [
  usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
  usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp()),
  usable('', 'hex key', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp()),
  usable('B64', 'key', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp()),
  skipped('Odd', 'base'),
  usable('Later', 'ok', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', totp()),
];

/** base64(AES-256-CBC(SHA-256(password), zero IV, {"<entries as JSON text>": ...})). */
export function totpAuthenticatorBackup(password: string): string {
  const plain = JSON.stringify({ [JSON.stringify(entries)]: '2024-01-01' });
  return Buffer.from(aesCbcSeal(sha256(password), new Uint8Array(16), bytesOf(plain))).toString('base64');
}

describe('TOTP Authenticator', () => {
  it('opens a backup with the person\'s password; hex, base32 and base64 keys; an unknown base is listed', async () => {
    const file = readEncrypted(totpAuthenticatorFormat, bytesOf(totpAuthenticatorBackup('Testtest1')));
    const read = await file.decrypt('Testtest1');
    expect(read).toEqual(expected);
    expect(expectCodesMatchOathtool(read)).toBe(5);
    await expectAppError(file.decrypt('Testtest2'), 'wrongPassword');
  });

  it('opens a backup made without a password (the app\'s built-in one) without asking', () => {
    expect(readPlain(totpAuthenticatorFormat, bytesOf(totpAuthenticatorBackup('TotpAuthenticator')))).toEqual(expected);
  });

  it('does not take other base64 for a backup', () => {
    for (const text of ['aGVsbG8=', 'not base64!', 'otpauth://totp/x']) expect(totpAuthenticatorFormat.detect(bytesOf(text), text)).toBe(false);
  });
});
