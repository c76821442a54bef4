import { describe, expect, it } from 'vitest';
import { bytesOf, expectAppError, expectCodesMatchOathtool, readEncrypted, readPlain, skipped, totp, usable } from './common/test-support.js';
import { totpAuthenticatorFormat } from './totp-authenticator.js';
import { totpAuthenticatorBackup } from './samples/totp-authenticator.js';

const expected = [
  usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
  usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp()),
  usable('', 'hex key', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp()),
  usable('B64', 'key', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp()),
  skipped('Odd', 'base'),
  usable('Later', 'ok', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', totp()),
];

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
