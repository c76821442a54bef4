import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, test } from 'vitest';
import { parseMigrationUri } from '../import/google-migration.js';
import { parseOtpauthUri } from '../otp/otpauth-uri.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { writeAegisVault } from './aegis-export.js';
import { selectForExport } from './export-selection.js';
import { ACCOUNTS_PER_CODE, writeTransferCodes } from './google-transfer.js';
import { writeOtpauthList } from './otpauth-list.js';

const AT = '2026-12-07T10:00:00.000Z';
function account(id: string, issuer: string, name: string, secret: string, otp: Partial<StoredAccount['otp']> = {}, extra: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id, issuer, name, secret, kind: 'other', deviceBound: false, needsVerification: false, pinned: false, createdAt: AT, updatedAt: AT,
    otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, ...otp },
    ...extra,
  };
}

const ACCOUNTS: StoredAccount[] = [
  account('a0000001', 'GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', {}, { pinned: true }),
  account('a0000002', 'ACME: Widgets', 'bob', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { type: 'hotp', counter: 42, digits: 8, algorithm: 'SHA256' }),
  account('a0000003', '', 'élève:ünïcödé', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', { algorithm: 'SHA512', digits: 7, period: 60 }),
  account('a0000004', 'Steam', 'gamer', 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF', { type: 'steam', digits: 5 }),
];

/** What an importer must give back: issuer, name, secret and parameters. */
const essence = (a: { issuer: string; name: string; secret: string; otp: StoredAccount['otp'] }) => ({ issuer: a.issuer, name: a.name, secret: a.secret, otp: a.otp });

describe('choosing what to export', () => {
  test('leaves out device-bound accounts and those that need verification, each with its reason; keeps the order', () => {
    const all = [
      ...ACCOUNTS,
      account('b0000001', 'Microsoft', 'alice@outlook.com', 'ORSXG5BRGIZTINJWG44DSMBRGIZTINJW', {}, { deviceBound: true, kind: 'microsoftPersonal' }),
      account('b0000002', 'Bank', 'carol', '', {}, { needsVerification: true }),
    ];
    const { accounts, leftOut } = selectForExport(all);
    expect(accounts.map((a) => a.id)).toEqual(['a0000001', 'a0000002', 'a0000003', 'a0000004']);
    expect(leftOut.map((a) => [a.id, a.reason])).toEqual([
      ['b0000001', expect.stringContaining('tied to this PC')],
      ['b0000002', expect.stringContaining('set up again')],
    ]);
    expect(selectForExport(all, ['a0000003', 'b0000001']).accounts.map((a) => a.id)).toEqual(['a0000003']);
  });
});

describe('a list of otpauth:// links', () => {
  test('reads back, line by line, as the same accounts', () => {
    const lines = writeOtpauthList(ACCOUNTS).toString('utf8').trimEnd().split('\n');
    expect(lines.map((line) => essence(parseOtpauthUri(line)))).toEqual(ACCOUNTS.map(essence));
  });
});

describe('Google Authenticator transfer codes', () => {
  /** Draws a link as a QR code in pixels (4 px modules, a quiet zone) and reads it back with jsQR, as a phone would. */
  function scan(link: string): string {
    const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
    const scale = 4;
    const quiet = 4;
    const side = (qr.modules.size + 2 * quiet) * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < qr.modules.size; y++) {
      for (let x = 0; x < qr.modules.size; x++) {
        if (!qr.modules.get(x, y)) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const offset = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
            pixels.fill(0, offset, offset + 3);
          }
        }
      }
    }
    const read = jsQR(pixels, side, side);
    if (!read) throw new Error('the QR code could not be read back');
    return read.data;
  }

  test('split into codes of at most ten, scanned back from the drawn codes with nothing lost and the batch consistent', () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      account(`c${String(i).padStart(7, '0')}`, `Service ${i}`, `user${i}@example.com`, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX' + 'ABCDEFGHIJKLMNOPQRSTUVW'[i]!, i % 3 === 0 ? { type: 'hotp', counter: i } : {}),
    );
    // Names that a naive "Issuer:name" would not read back as themselves.
    many[5] = { ...many[5]!, issuer: '', name: 'no issuer: a colon' };
    many[7] = { ...many[7]!, issuer: 'ACME: Widgets', name: 'x:y' };
    const { links, leftOut } = writeTransferCodes(many, 4242);
    expect(leftOut).toEqual([]);
    expect(links).toHaveLength(Math.ceil(23 / ACCOUNTS_PER_CODE));
    const batches = links.map((link) => parseMigrationUri(scan(link)));
    expect(batches.map((b) => b.batch)).toEqual([
      { index: 0, size: 3, id: 4242 },
      { index: 1, size: 3, id: 4242 },
      { index: 2, size: 3, id: 4242 },
    ]);
    expect(batches.flatMap((b) => b.drafts).map(essence)).toEqual(many.map(essence));
  });

  test('leaves out what the format cannot carry (Steam, 7 digits, other periods), naming why', () => {
    const { links, leftOut } = writeTransferCodes(ACCOUNTS);
    expect(leftOut.map((a) => a.id)).toEqual(['a0000003', 'a0000004']);
    expect(leftOut[0]!.reason).toContain('6 or 8 digits');
    expect(leftOut[1]!.reason).toContain('Steam');
    expect(parseMigrationUri(links[0]!).drafts.map(essence)).toEqual(ACCOUNTS.slice(0, 2).map(essence));
  });
});

describe('an encrypted Aegis file, read by an independent reader written from Aegis\'s format description', () => {
  const reader = path.join(import.meta.dirname, 'testing/aegis_reader.py');
  const PASSWORD = 'correct horse battery staple';

  async function exported(): Promise<string> {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'aegis-export-')), 'aegis.json');
    writeFileSync(file, await writeAegisVault(ACCOUNTS, PASSWORD));
    return file;
  }

  test('opens with the password and lists the same entries, in order', async () => {
    const file = await exported();
    const db = JSON.parse(execFileSync('python3', [reader, file], { input: PASSWORD, encoding: 'utf8' })) as {
      version: number;
      entries: { type: string; name: string; issuer: string; favorite: boolean; info: { secret: string; algo: string; digits: number; period?: number; counter?: number } }[];
    };
    expect(db.version).toBe(2);
    expect(db.entries.map((e) => ({ type: e.type, issuer: e.issuer, name: e.name, favorite: e.favorite, ...e.info }))).toEqual([
      { type: 'totp', issuer: 'GitHub', name: 'alice@example.com', favorite: true, secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
      { type: 'hotp', issuer: 'ACME: Widgets', name: 'bob', favorite: false, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algo: 'SHA256', digits: 8, counter: 42 },
      { type: 'totp', issuer: '', name: 'élève:ünïcödé', favorite: false, secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', algo: 'SHA512', digits: 7, period: 60 },
      { type: 'steam', issuer: 'Steam', name: 'gamer', favorite: false, secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF', algo: 'SHA1', digits: 5, period: 30 },
    ]);
    // The file itself holds no secret, name or issuer in the clear.
    const text = readFileSync(file, 'utf8');
    for (const a of ACCOUNTS) for (const value of [a.secret, a.name, a.issuer].filter((v) => v.length > 3)) expect(text).not.toContain(value);
  });

  test('a wrong password, or any one byte changed, and the independent reader refuses it', async () => {
    const file = await exported();
    expect(spawnSync('python3', [reader, file], { input: 'wrong password' }).status).toBe(1);
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    // One byte in each part that carries or protects data: the sealed key, its tag, the salt, the db, its nonce and tag.
    const targets = ['"key": "', '"tag": "', '"salt": "', '"db": "', '"nonce": "'].map((marker) => text.indexOf(marker) + marker.length + 3);
    targets.push(text.lastIndexOf('"tag": "') + 11, text.lastIndexOf('"nonce": "') + 13);
    for (const at of targets) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at] === 0x30 ? 0x31 : 0x30; // a hex or base64 digit swapped for another
      writeFileSync(file, changed);
      expect(spawnSync('python3', [reader, file], { input: PASSWORD }).status, `byte ${at} changed`).toBe(1);
    }
  });
});
