import { describe, expect, it } from 'vitest';
import { bytesOf, expectAppError, expectCodesMatchOathtool, readEncrypted, readPlain, skipped, steam, totp, usable } from './common/test-support.js';
import { protonAuthenticatorFormat } from './proton-authenticator.js';
import { protonEncrypted, protonSample } from './samples/proton-authenticator.js';

const expected = [
  usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
  usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp('SHA256', 7, 45)),
  usable('', 'only in proton', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA512', 8, 60)),
  usable('Steam', 'gamer', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', steam()),
  skipped('Broken', 'secret'),
  skipped('Old VPN', 'me'),
  usable('Later', 'ok', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', totp()),
];

describe('Proton Authenticator', () => {
  it('reads the plain export entry by entry (links, steam://, a link it cannot use)', () => {
    const entries = readPlain(protonAuthenticatorFormat, bytesOf(protonSample));
    expect(entries).toEqual(expected);
    expect(expectCodesMatchOathtool(entries)).toBe(4);
  });

  it('opens the password-protected export (Argon2id + AES-256-GCM with its associated data)', async () => {
    const file = readEncrypted(protonAuthenticatorFormat, bytesOf(protonEncrypted('proton pass', protonSample)));
    expect(file.cost).toEqual({ name: 'Argon2id', memoryBytes: 19 * 1024 * 1024 });
    expect(await file.decrypt('proton pass')).toEqual(expected);
    await expectAppError(file.decrypt('proton fail'), 'wrongPassword');
  });

  it('calls a broken encrypted export damaged', async () => {
    const broken = JSON.stringify({ version: 1, salt: 'c2hvcnQ=', content: 'AAAA' });
    await expectAppError(() => protonAuthenticatorFormat.read(bytesOf(broken), broken), 'damagedFile');
  });
});
