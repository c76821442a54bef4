import { AppError } from '../../../../shared/errors.js';
import { describe, expect, it } from 'vitest';
import { bytesOf, expectAppError, expectCodesMatchOathtool, hotp, readEncrypted, readPlain, skipped, steam, totp, usable } from './common/test-support.js';
import { winAuthFormat } from './winauth.js';
import { winAuthSample, winAuthZip } from './samples/winauth.js';

const expected = [
  usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
  usable('Steam', 'gamer', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', steam()),
  usable('BattleNet', 'EU', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA1', 8)),
  usable('', 'Counter', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', hotp(3)),
  usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp('SHA256', 7, 60)),
  skipped('Nine', 'digits'),
  usable('Wide', 'long', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA512', 8, 15)),
];

describe('WinAuth', () => {
  it('reads the text export line by line (Steam, Battle.net, HOTP, extras, a refused line)', () => {
    const entries = readPlain(winAuthFormat, bytesOf(winAuthSample));
    expect(entries).toEqual(expected);
    expect(expectCodesMatchOathtool(entries)).toBe(5);
  });

  it('reads the export inside a zip', () => {
    expect(readPlain(winAuthFormat, winAuthZip(winAuthSample))).toEqual(expected);
  });

  it('opens a password zip, and refuses a wrong password', async () => {
    const file = readEncrypted(winAuthFormat, winAuthZip(winAuthSample, 'zip pass'));
    expect(await file.decrypt('zip pass')).toEqual(expected);
    await expectAppError(file.decrypt('zip fail'), 'wrongPassword');
  });

  it('refuses every wrong password as wrong, also the 1 in 256 that pass ZipCrypto\'s one-byte check', async () => {
    const file = readEncrypted(winAuthFormat, winAuthZip(winAuthSample, 'zip pass'));
    const kinds = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      try {
        await file.decrypt(`wrong ${i}`);
        kinds.add('opened');
      } catch (error) {
        kinds.add(error instanceof AppError ? error.kind : 'untyped');
      }
    }
    expect([...kinds]).toEqual(['wrongPassword']);
  });

  it('calls a truncated zip or one without a WinAuth export damaged', async () => {
    const zip = winAuthZip(winAuthSample);
    await expectAppError(() => winAuthFormat.read(zip.subarray(0, zip.length - 30), null), 'damagedFile');
    await expectAppError(() => winAuthFormat.read(winAuthZip('hello'), null), 'damagedFile');
    const locked = winAuthZip(winAuthSample, 'pw');
    await expectAppError(readEncrypted(winAuthFormat, locked.subarray(0, locked.length - 30)).decrypt('pw'), 'damagedFile');
  });

  it('leaves other lists of links to the plain-text reader', () => {
    const text = 'otpauth://totp/A:b?issuer=A&secret=JBSWY3DPEHPK3PXP\n';
    expect(winAuthFormat.detect(bytesOf(text), text)).toBe(false);
  });
});
