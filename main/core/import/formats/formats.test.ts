import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../testing/test-helpers.js';
import type { ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { awkwardAccounts, expectEntries } from '../testing/awkward-accounts.js';
import {
  aegisEncrypted,
  aegisPlain,
  bitwardenAuthenticator,
  bitwardenCsv,
  bitwardenPlain,
  bitwardenProtected,
  otpauthLink,
  twoFasEncrypted,
  twoFasPlain,
} from '../testing/export-files.js';
import { importFormats } from './index.js';

const PASSWORD = 'correct horse ⚡ battery';
const accounts = awkwardAccounts();

/** Detection by content over every registered format: exactly this one must claim the file. */
function detectOnly(text: string): ImportFormat {
  const bytes = new TextEncoder().encode(text);
  const matches = importFormats.filter((f) => f.detect(bytes, text));
  expect(matches.map((f) => f.id)).toHaveLength(1);
  return matches[0]!;
}

function readPlain(text: string, formatId: string): ImportEntry[] {
  const format = detectOnly(text);
  expect(format.id).toBe(formatId);
  const read = format.read(new TextEncoder().encode(text), text);
  if (read.encrypted) throw new Error('expected a plain file');
  return read.entries;
}

function readEncrypted(text: string, formatId: string): Extract<ReadResult, { encrypted: true }>['file'] {
  const format = detectOnly(text);
  expect(format.id).toBe(formatId);
  const read = format.read(new TextEncoder().encode(text), text);
  if (!read.encrypted) throw new Error('expected an encrypted file');
  return read.file;
}

describe('Aegis', () => {
  it.each([2, 3] as const)('reads a plain vault (database version %i), every awkward entry accounted for', (version) => {
    expectEntries(readPlain(aegisPlain(accounts, version), 'aegis'), accounts);
  });

  it('reads an encrypted vault through its password slot (scrypt N=2^15, r=8, p=1), past a biometric slot', async () => {
    const file = readEncrypted(aegisEncrypted(accounts, PASSWORD), 'aegis');
    expect(file.cost).toEqual({ name: 'scrypt', memoryBytes: 128 * 32768 * 8 });
    expectEntries(await file.decrypt(PASSWORD), accounts);
  });

  it('tells a wrong password from a damaged database', async () => {
    const text = aegisEncrypted(accounts.slice(0, 2), PASSWORD);
    expect((await appErrorOf(readEncrypted(text, 'aegis').decrypt('wrong'))).kind).toBe('wrongPassword');
    const file = JSON.parse(text) as { db: string };
    const db = Buffer.from(file.db, 'base64');
    db[5]! ^= 1;
    const damaged = readEncrypted(JSON.stringify({ ...file, db: db.toString('base64') }), 'aegis');
    expect((await appErrorOf(damaged.decrypt(PASSWORD))).kind).toBe('damagedFile');
  });
});

describe('2FAS', () => {
  it.each([1, 2, 3, 4, 5])('reads a plain backup of schema %i (a newer schema is read, not refused)', (schema) => {
    expectEntries(readPlain(twoFasPlain(accounts, schema), '2fas'), accounts);
  });

  it('reads an encrypted backup (PBKDF2-SHA256, AES-256-GCM) and checks the password with `reference`', async () => {
    const text = twoFasEncrypted(accounts, PASSWORD);
    const file = readEncrypted(text, '2fas');
    expect(file.cost.name).toBe('PBKDF2-SHA256');
    expectEntries(await file.decrypt(PASSWORD), accounts);
    expect((await appErrorOf(file.decrypt('wrong'))).kind).toBe('wrongPassword');
  });

  it('a changed services block with an intact reference is a damaged file, not a wrong password', async () => {
    const parsed = JSON.parse(twoFasEncrypted(accounts, PASSWORD)) as { servicesEncrypted: string };
    const [data, salt, iv] = parsed.servicesEncrypted.split(':') as [string, string, string];
    const bytes = Buffer.from(data, 'base64');
    bytes[0]! ^= 1;
    const text = JSON.stringify({ ...parsed, servicesEncrypted: [bytes.toString('base64'), salt, iv].join(':') });
    expect((await appErrorOf(readEncrypted(text, '2fas').decrypt(PASSWORD))).kind).toBe('damagedFile');
  });
});

describe('Bitwarden', () => {
  it('reads the JSON export: links, steam:// and bare secrets; logins without TOTP are not listed', () => {
    expectEntries(readPlain(bitwardenPlain(accounts), 'bitwarden-json'), accounts);
  });

  it('reads the CSV export (quoted commas in other columns)', () => {
    expectEntries(readPlain(bitwardenCsv(accounts), 'bitwarden-csv'), accounts);
  });

  it('reads Bitwarden Authenticator’s JSON export', () => {
    expectEntries(readPlain(bitwardenAuthenticator(accounts), 'bitwarden-authenticator'), accounts);
  });

  it('reads a password-protected export with PBKDF2-SHA256 (600,000 iterations, Bitwarden’s default)', async () => {
    const file = readEncrypted(await bitwardenProtected(accounts, PASSWORD, { kind: 'pbkdf2', iterations: 600_000 }), 'bitwarden-json');
    expect(file.cost).toEqual({ name: 'PBKDF2-SHA256', memoryBytes: 0, pbkdf2Iterations: 600_000 });
    expectEntries(await file.decrypt(PASSWORD), accounts);
    expect((await appErrorOf(file.decrypt('wrong'))).kind).toBe('wrongPassword');
  }, 60_000);

  it('reads a password-protected export with Argon2id (64 MiB, 3 iterations, parallelism 4, Bitwarden’s default)', async () => {
    const kdf = { kind: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 } as const;
    const file = readEncrypted(await bitwardenProtected(accounts, PASSWORD, kdf), 'bitwarden-json');
    expect(file.cost).toEqual({ name: 'Argon2id', memoryBytes: 64 * 1024 * 1024 });
    expectEntries(await file.decrypt(PASSWORD), accounts);
    expect((await appErrorOf(file.decrypt('wrong'))).kind).toBe('wrongPassword');
  }, 60_000);

  it('an export locked to the Bitwarden account is refused with the way out', () => {
    const text = JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.a|b|c', data: '2.a|b|c' });
    const error = (() => {
      try {
        detectOnly(text).read(new TextEncoder().encode(text), text);
      } catch (e) {
        return e as { kind: string; message: string };
      }
      throw new Error('expected a refusal');
    })();
    expect(error.kind).toBe('unknownFormat');
    expect(error.message).toContain('Password protected');
  });
});

describe('a text file of links', () => {
  it('reads otpauth:// lines, blank lines and CRLF included; a bad link is listed with its reason', () => {
    const usable = accounts.filter((a) => a.expect.usable);
    const text = ['', ...usable.map(otpauthLink), 'otpauth://totp/Broken:x?secret=NOT!BASE32'].join('\r\n') + '\r\n';
    const entries = readPlain(text, 'otpauth-list');
    expectEntries(entries.slice(0, -1), usable);
    expect(entries.at(-1)).toMatchObject({ status: 'unsupported', reason: expect.stringContaining('base32') });
  });

  it('a stray line among links (a note, a heading) is listed as not importable; comment lines are skipped', () => {
    const text = `# my accounts\n${otpauthLink(accounts[0]!)}\nhello\n${otpauthLink(accounts[1]!)}\n`;
    const entries = readPlain(text, 'otpauth-list');
    expect(entries.map((e) => e.status)).toEqual(['usable', 'unsupported', 'usable']);
    expect(entries[1]).toMatchObject({ name: 'Line 3', reason: 'This line is not an otpauth:// link.' });
  });

  it('is not claimed when links are fewer than half of the lines (some other text that mentions one)', () => {
    const text = `${otpauthLink(accounts[0]!)}\nhello\nworld\n`;
    expect(importFormats.filter((f) => f.detect(new TextEncoder().encode(text), text))).toHaveLength(0);
  });
});
