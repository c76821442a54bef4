import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { toBuffer } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../testing/test-helpers.js';
import type { ImportFile, ReadResult } from '../import-format.js';
import { awkwardAccounts, expectEntries, type TestAccount } from '../testing/awkward-accounts.js';
import { migrationLink, otpauthLink } from '../testing/export-files.js';
import { googleQrImagesFormat } from './google-qr-images.js';
import { importFormats } from './index.js';

// Pictures made with an independent QR encoder (qrcode) from links built from Google's MigrationPayload schema.

/** The awkward accounts as Google's export can hold them: 6 or 8 digits, 30 s, TOTP or HOTP (no Steam, no odd periods). */
const accounts: TestAccount[] = awkwardAccounts()
  .filter((a) => a.expect.usable && a.type !== 'steam')
  .map((a) => ({ ...a, period: 30, digits: a.digits === 8 ? 8 : 6 }));

async function png(text: string): Promise<Uint8Array> {
  return new Uint8Array(await toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', scale: 4 }));
}

async function jpegOf(text: string): Promise<Uint8Array> {
  const image = PNG.sync.read(Buffer.from(await png(text)));
  return new Uint8Array(jpeg.encode({ data: image.data, width: image.width, height: image.height }, 92).data);
}

const file = (bytes: Uint8Array): ImportFile => ({ bytes, text: null });

function plain(result: ReadResult) {
  if (result.encrypted) throw new Error('expected plain');
  return result;
}

describe('Google Authenticator export QR pictures', () => {
  it('detects PNG and JPEG pictures by content, and only this format claims them', async () => {
    for (const bytes of [await png('x'), await jpegOf('x')]) {
      expect(importFormats.filter((f) => f.detect(bytes, null)).map((f) => f.id)).toEqual(['google-authenticator-qr']);
    }
  });

  it('reads a batch of three given out of order (PNG and JPEG), each account once, no notice', async () => {
    const parts = [accounts.slice(0, 2), accounts.slice(2, 3), accounts.slice(3)];
    const links = parts.map((part, index) => migrationLink(part, { index, size: 3, id: 99 }));
    const pictures = [await png(links[2]!), await jpegOf(links[0]!), await png(links[1]!), await png(links[0]!)];
    const read = plain(googleQrImagesFormat.readMany!(pictures.map(file)));
    expect(read.notices).toEqual([]);
    expectEntries(read.entries, [...parts[2]!, ...parts[0]!, ...parts[1]!]);
  });

  it('says which QR code of a batch is missing, and keeps the accounts of the others', async () => {
    const links = [0, 2].map((index) => migrationLink([accounts[index]!], { index, size: 3, id: 5 }));
    const read = plain(googleQrImagesFormat.readMany!(await Promise.all(links.map(async (l) => file(await png(l))))));
    expect(read.notices).toEqual([expect.stringContaining('QR code 2 of 3')]);
    expectEntries(read.entries, [accounts[0]!, accounts[2]!]);
  });

  it('lists an MD5 account as not importable among good ones', async () => {
    const link = migrationLink(accounts.slice(0, 2));
    // Re-encode with the second account's algorithm set to MD5 (4), which Google's schema allows and we do not.
    const md5 = migrationLink([accounts[0]!, { ...accounts[1]!, algorithm: 'MD5' as never }]);
    expect(md5).not.toBe(link);
    const read = plain(googleQrImagesFormat.read(await png(md5), null));
    expect(read.entries[0]).toMatchObject({ status: 'usable', name: accounts[0]!.name });
    expect(read.entries[1]).toMatchObject({ status: 'unsupported', reason: expect.stringContaining('algorithm') });
  });

  it('reads a picture of a single otpauth:// QR code', async () => {
    expectEntries(plain(googleQrImagesFormat.read(await png(otpauthLink(accounts[0]!)), null)).entries, [accounts[0]!]);
  });

  it('a picture without a QR code, or a broken picture, is a damaged file', async () => {
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    expect((await appErrorOf(Promise.resolve().then(() => googleQrImagesFormat.read(new Uint8Array(PNG.sync.write(blank)), null)))).kind).toBe('damagedFile');
    const cut = (await png('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).slice(0, 60);
    expect((await appErrorOf(Promise.resolve().then(() => googleQrImagesFormat.read(cut, null)))).kind).toBe('damagedFile');
  });
});
