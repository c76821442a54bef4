import { describe, expect, it } from 'vitest';
import { authenticatorProFormat } from './authenticator-pro.js';
import { bytesOf, expectAppError, expectCodesMatchOathtool, hotp, readEncrypted, readPlain, skipped, steam, totp, usable } from './common/test-support.js';
import { authenticatorProEncrypted, authenticatorProLegacy, authenticatorProSample } from './samples/authenticator-pro.js';

const expected = [
  usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
  usable('Bank', 'counter', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', hotp(9, 'SHA1', 8)),
  usable('Ünïcode ☃', '', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp('SHA256', 7, 20)),
  usable('Wide', 'long', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA512', 8, 90)),
  usable('Steam', 'gamer', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', steam()),
  skipped('Old VPN', 'motp'),
  skipped('Yandex', 'ya'),
  skipped('Ten', 'digits'),
  usable('Later', 'ok', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', totp()),
];

describe('Authenticator Pro / Stratum', () => {
  it('reads a plain backup entry by entry; mOTP, Yandex and 10 digits are listed as not imported', () => {
    const entries = readPlain(authenticatorProFormat, bytesOf(authenticatorProSample));
    expect(entries).toEqual(expected);
    const reasons = entries.flatMap((e) => (e.status === 'unsupported' ? [e.reason] : []));
    expect(reasons).toEqual([expect.stringMatching(/mOTP/), expect.stringMatching(/Yandex/), expect.stringMatching(/6 to 8 digits/)]);
    expect(expectCodesMatchOathtool(entries)).toBe(5);
  });

  it('opens the Argon2id (parallelism 4) + AES-GCM backup and reports its memory honestly', async () => {
    const file = readEncrypted(authenticatorProFormat, authenticatorProEncrypted('hunter22', authenticatorProSample));
    expect(file.cost).toEqual({ name: 'Argon2id', memoryBytes: 64 * 1024 * 1024 });
    expect(await file.decrypt('hunter22')).toEqual(expected);
    await expectAppError(file.decrypt('hunter23'), 'wrongPassword');
  });

  it('opens the legacy PBKDF2 + AES-CBC backup', async () => {
    const file = readEncrypted(authenticatorProFormat, authenticatorProLegacy('hunter22', authenticatorProSample));
    expect(file.cost.name).toBe('PBKDF2-SHA1');
    expect(await file.decrypt('hunter22')).toEqual(expected);
    await expectAppError(file.decrypt('hunter23'), 'wrongPassword');
  });

  it('calls a truncated encrypted backup damaged', async () => {
    const legacy = authenticatorProLegacy('pw', authenticatorProSample);
    await expectAppError(() => authenticatorProFormat.read(legacy.subarray(0, legacy.length - 5), null), 'damagedFile');
    await expectAppError(() => authenticatorProFormat.read(bytesOf('AUTHENTICATORPRO0123'), null), 'damagedFile');
  });
});
