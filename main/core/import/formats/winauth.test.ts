import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesOf, expectAppError, expectCodesMatchOathtool, hotp, readEncrypted, readPlain, skipped, steam, totp, usable } from './common/test-support.js';
import { winAuthFormat } from './winauth.js';

// Lines as WinAuth's ToUrl writes them: "?secret=...&digits=N" first, then the extras.
export const winAuthSample = [
  'otpauth://totp/Google:alice@example.com?secret=JBSWY3DPEHPK3PXP&digits=6&issuer=Google',
  'otpauth://totp/Steam:gamer?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&digits=5&issuer=Steam&deviceid=android%3A0123-4567&data=%7B%22shared_secret%22%3A%22x%22%7D',
  'otpauth://totp/BattleNet:EU?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=BattleNet&serial=EU123456789012',
  'otpauth://hotp/Counter?secret=ORSXG5DTMVRXEZLUMFRGG3DFOI&digits=6&counter=3',
  'otpauth://totp/B%C3%A4nk%20%E2%9C%93:Zo%C3%AB?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI&digits=7&issuer=B%C3%A4nk+%E2%9C%93&algorithm=SHA256&period=60&icon=base64%3AMZXW6',
  'otpauth://totp/Nine:digits?secret=JBSWY3DPEHPK3PXP&digits=9&issuer=Nine',
  'otpauth://totp/Wide:long?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=Wide&algorithm=SHA512&period=15',
  '',
].join('\r\n');

const expected = [
  usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
  usable('Steam', 'gamer', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', steam()),
  usable('BattleNet', 'EU', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA1', 8)),
  usable('', 'Counter', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', hotp(3)),
  usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp('SHA256', 7, 60)),
  skipped('Nine', 'digits'),
  usable('Wide', 'long', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA512', 8, 15)),
];

const dir = mkdtempSync(join(tmpdir(), 'winauth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A zip made by Info-ZIP's zip (Debian), optionally with a (ZipCrypto) password, as WinAuth's export zip is. */
export function winAuthZip(text: string, password?: string): Uint8Array {
  const name = `winauth-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, `${name}.txt`), text);
  execFileSync('zip', ['-q', '-j', ...(password ? ['-P', password] : []), join(dir, `${name}.zip`), join(dir, `${name}.txt`)]);
  return new Uint8Array(readFileSync(join(dir, `${name}.zip`)));
}

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
