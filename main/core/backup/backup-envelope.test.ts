import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIN_BACKUP_PASSWORD_LENGTH } from '../../../shared/backup-password.js';
import { seededRandom } from '../testing/test-helpers.js';
import { AppError, type ErrorKind } from '../../../shared/errors.js';
import { passwordStrength, weakPasswordMessage } from '../../../shared/password-strength.js';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_SCRYPT,
  createBackupKey,
  isBelowDefaultCost,
  openBackup,
  readBackupHeader,
  rewrapBackupKey,
  sealBackup,
  type BackupMeta,
  withDefaultCost,
  type ScryptCost,
} from './backup-envelope.js';
import { readByHand, wrapByHand } from './testing/backup-by-hand.js';

// The cheapest cost the format accepts, so tests that run scrypt many times stay fast; one test uses the real cost.
const FAST: ScryptCost = { n: 2 ** 14, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const ISSUER = 'Northwind Bank';
const ACCOUNT = 'alice.liddell@example.org';
const PAYLOAD = Buffer.from(JSON.stringify({ accounts: [{ issuer: ISSUER, name: ACCOUNT, secret: SECRET }] }), 'utf8');
const META: BackupMeta = { createdAt: '2025-03-14T09:26:53.589Z', deviceName: 'Alice’s laptop', appVersion: '0.1.0', accountCount: 1 };

/** The kind of AppError the call failed with, or 'accepted' when it did not fail. */
async function outcome(call: () => unknown): Promise<ErrorKind | 'accepted'> {
  try {
    await call();
    return 'accepted';
  } catch (error) {
    if (error instanceof AppError) return error.kind;
    throw error;
  }
}

function replace(bytes: Buffer, from: string, to: string): Buffer {
  const text = bytes.toString('utf8');
  expect(text).toContain(from);
  return Buffer.from(text.replace(from, to), 'utf8');
}

async function sealedFile(kdf = FAST) {
  const key = await createBackupKey(PASSWORD, kdf);
  return { key, bytes: sealBackup(PAYLOAD, key, META) };
}

describe('backup envelope', () => {
  it('round-trips with the password and with the data key', async () => {
    const { key, bytes } = await sealedFile();

    const byPassword = await openBackup(bytes, { password: PASSWORD });
    expect(byPassword.payload.equals(PAYLOAD)).toBe(true);
    expect(byPassword.key.dataKey.equals(key.dataKey)).toBe(true);
    expect(byPassword.key.wrapped).toEqual(key.wrapped);

    const byKey = await openBackup(bytes, { dataKey: key.dataKey });
    expect(byKey.payload.equals(PAYLOAD)).toBe(true);
    expect(byKey.header).toEqual({ ...META, formatVersion: BACKUP_FORMAT_VERSION, keyId: key.wrapped.keyId });
  });

  it('keeps the wrapped key as plain JSON that survives a round trip through a file', async () => {
    const key = await createBackupKey(PASSWORD, FAST);
    const stored = JSON.parse(JSON.stringify(key.wrapped)) as typeof key.wrapped;
    const bytes = sealBackup(PAYLOAD, { dataKey: key.dataKey, wrapped: stored }, META);
    expect((await openBackup(bytes, { password: PASSWORD })).payload.equals(PAYLOAD)).toBe(true);
  });

  it('says wrongPassword for a wrong password, without the password in the message', async () => {
    const { bytes } = await sealedFile();
    const error = await openBackup(bytes, { password: 'correct horse battery!' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('wrongPassword');
    expect((error as AppError).message).toMatch(/password is not right/);
    expect((error as AppError).message).not.toContain('correct horse');
  });

  it('says wrongPassword (not damaged) when the data key is not the one the backup was made with', async () => {
    const { bytes } = await sealedFile();
    const other = await createBackupKey('another password', FAST);
    expect(await outcome(() => openBackup(bytes, { dataKey: other.dataKey }))).toBe('wrongPassword');
  });

  it('rewraps the same data key under a new password; the old password stops working', async () => {
    const key = await createBackupKey(PASSWORD, FAST);
    const wrapped = await rewrapBackupKey(key.dataKey, 'a brand new password', FAST);
    expect(wrapped.keyId).toBe(key.wrapped.keyId);
    expect(wrapped.kdf.salt).not.toBe(key.wrapped.kdf.salt);

    const bytes = sealBackup(PAYLOAD, { dataKey: key.dataKey, wrapped }, META);
    expect(await outcome(() => openBackup(bytes, { password: PASSWORD }))).toBe('wrongPassword');
    const opened = await openBackup(bytes, { password: 'a brand new password' });
    expect(opened.key.dataKey.equals(key.dataKey)).toBe(true);
    // Backups made before the change still open with the data key.
    const before = sealBackup(PAYLOAD, key, META);
    expect((await openBackup(before, { dataKey: opened.key.dataKey })).payload.equals(PAYLOAD)).toBe(true);
  });

  it('reads the header without any key', async () => {
    const { bytes, key } = await sealedFile();
    expect(readBackupHeader(bytes)).toEqual({ ...META, formatVersion: BACKUP_FORMAT_VERSION, keyId: key.wrapped.keyId });
  });

  it('refuses to seal with a data key that is not the wrapped one, or with bad details', async () => {
    const key = await createBackupKey(PASSWORD, FAST);
    const other = await createBackupKey(PASSWORD, FAST);
    expect(() => sealBackup(PAYLOAD, { dataKey: other.dataKey, wrapped: key.wrapped }, META)).toThrow(AppError);
    expect(() => sealBackup(PAYLOAD, { dataKey: key.dataKey.subarray(0, 16), wrapped: key.wrapped }, META)).toThrow(AppError);
    expect(() => sealBackup(PAYLOAD, key, { ...META, createdAt: '2025-03-14 09:26' })).toThrow(AppError);
    expect(() => sealBackup(PAYLOAD, key, { ...META, createdAt: '2025-02-30T00:00:00.000Z' })).toThrow(AppError);
    expect(() => sealBackup(PAYLOAD, key, { ...META, accountCount: 1.5 })).toThrow(AppError);
    expect(() => sealBackup(PAYLOAD, key, { ...META, deviceName: '' })).toThrow(AppError);
  });

  it('rejects every single-byte change of the file (data-key path, every position, every value)', async () => {
    const { key, bytes } = await sealedFile();
    const text = bytes.toString('latin1');
    const versionAt = text.indexOf('"version":1') + '"version":'.length;
    const keyIdAt = text.indexOf('"keyId":"') + '"keyId":"'.length;
    const kinds = new Map<string, number>();
    for (let position = 0; position < bytes.length; position++) {
      for (let value = 0; value < 256; value++) {
        if (value === bytes[position]) continue;
        const changed = Buffer.from(bytes);
        changed[position] = value;
        const kind = await outcome(() => openBackup(changed, { dataKey: key.dataKey }));
        // Where a damaged byte cannot be told from something legitimate, a different refusal is right:
        // a bigger version digit reads as a newer format, another key id as a backup under another password.
        const inKeyId = position >= keyIdAt && position < keyIdAt + 24;
        const expected = kind === 'backupTooNew' ? position === versionAt : kind === 'wrongPassword' ? inKeyId : kind === 'backupDamaged';
        if (!expected) throw new Error(`byte ${position} set to ${value}: ${kind}`);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
    expect(kinds.get('backupDamaged')).toBeGreaterThan(bytes.length * 250);
    console.info(`${bytes.length} bytes x 255 values: ${JSON.stringify(Object.fromEntries(kinds))}`);
  }, 60_000); // about 11 s on the 2-core machine

  it('rejects a change of any byte of the key section on the password path', async () => {
    const { bytes } = await sealedFile();
    const text = bytes.toString('latin1');
    const start = text.indexOf('"key":');
    const end = text.indexOf(',"payload":');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    for (let position = start; position < end; position++) {
      const original = text[position] ?? '';
      // Stay inside the base64 alphabet where the byte is in it, so the change reaches scrypt and the unwrap.
      const inAlphabet = alphabet.indexOf(original);
      const value = inAlphabet >= 0 ? alphabet.charCodeAt((inAlphabet + 17) % 64) : (bytes[position] ?? 0) ^ 0x01;
      const changed = Buffer.from(bytes);
      changed[position] = value;
      const kind = await outcome(() => openBackup(changed, { password: PASSWORD }));
      if (kind !== 'backupDamaged' && kind !== 'wrongPassword') throw new Error(`byte ${position} set to ${value}: ${kind}`);
    }
  }, 60_000); // about 7 s on the 2-core machine

  it('rejects non-canonical forms of the same JSON', async () => {
    const { key, bytes } = await sealedFile();
    const text = bytes.toString('utf8');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const salt = key.wrapped.kdf.salt; // 16 bytes: the last base64 digit carries 4 unused bits
    const lastDigit = alphabet.indexOf(salt.at(-3) ?? '');
    const saltVariant = `${salt.slice(0, -3)}${alphabet[lastDigit ^ 0x01] ?? ''}==`;
    expect(Buffer.from(saltVariant, 'base64').equals(Buffer.from(salt, 'base64'))).toBe(true);

    const variants: Record<string, Buffer> = {
      prettyPrinted: Buffer.from(JSON.stringify(JSON.parse(text), null, 2)),
      leadingSpace: Buffer.from(` ${text}`),
      trailingNewline: Buffer.from(`${text}\n`),
      spaceAfterColon: replace(bytes, '"accountCount":1', '"accountCount": 1'),
      byteOrderMark: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
      reorderedKeys: replace(bytes, '"r":8,"p":1', '"p":1,"r":8'),
      escapedCharacter: replace(bytes, '"Alice', '"\\u0041lice'),
      escapedNonAscii: replace(bytes, '’', '\\u2019'),
      exponentNumber: replace(bytes, '"p":1', '"p":1e0'),
      decimalNumber: replace(bytes, '"r":8', '"r":8.0'),
      duplicateKey: replace(bytes, '"accountCount":1', '"accountCount":1,"accountCount":1'),
      saltTrailingBits: replace(bytes, salt, saltVariant),
      saltUnpadded: replace(bytes, salt, salt.replace(/=+$/, '')),
    };
    for (const [name, variant] of Object.entries(variants)) {
      // Each variant means the same to JSON.parse (and to a lenient base64 decoder): only the canonical-form rule refuses it.
      if (name !== 'saltTrailingBits' && name !== 'saltUnpadded') {
        expect(JSON.parse(variant.toString('utf8').replace(/^\uFEFF/, ''))).toEqual(JSON.parse(text));
      }
      expect([name, await outcome(() => readBackupHeader(variant))]).toEqual([name, 'backupDamaged']);
      expect([name, await outcome(() => openBackup(variant, { dataKey: key.dataKey }))]).toEqual([name, 'backupDamaged']);
    }
  });

  it('rejects absurd scrypt parameters at once, before deriving anything', async () => {
    const { bytes } = await sealedFile();
    const tampered = {
      n2to40: replace(bytes, `"n":${FAST.n}`, `"n":${2 ** 40}`),
      n2to20r8: replace(bytes, `"n":${FAST.n}`, `"n":${2 ** 20}`), // 1 GiB
      notPowerOfTwo: replace(bytes, `"n":${FAST.n}`, `"n":${FAST.n + 1}`),
      r1024: replace(bytes, '"r":8', '"r":1024'),
      p65536: replace(bytes, '"p":1', '"p":65536'),
      p0: replace(bytes, '"p":1', '"p":0'),
    };
    for (const [name, variant] of Object.entries(tampered)) {
      const started = performance.now();
      expect([name, await outcome(() => openBackup(variant, { password: PASSWORD }))]).toEqual([name, 'backupDamaged']);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('calls a cost scrypt itself refuses damaged (r=1 needs N < 2^16), and derives every cost it accepts', async () => {
    const { bytes } = await sealedFile();
    const withCost = (n: number, r: number, p: number) =>
      replace(replace(replace(bytes, `"n":${FAST.n}`, `"n":${n}`), '"r":8', `"r":${r}`), '"p":1,', `"p":${p},`);
    // The issue's example: within the old caps, refused by scrypt with a RangeError ("Something went wrong").
    expect(await outcome(() => openBackup(withCost(2 ** 16, 1, 1), { password: PASSWORD }))).toBe('backupDamaged');
    expect(await outcome(() => openBackup(withCost(2 ** 21, 1, 2), { password: PASSWORD }))).toBe('backupDamaged');
    // The edges that scrypt accepts run it: the changed cost is part of the wrap's associated data, so the password
    // no longer opens it (wrongPassword), which proves the derivation itself did not fail.
    expect(await outcome(() => openBackup(withCost(2 ** 15, 1, 1), { password: PASSWORD }))).toBe('wrongPassword');
    expect(await outcome(() => openBackup(withCost(2 ** 16, 2, 1), { password: PASSWORD }))).toBe('wrongPassword');
    expect(await outcome(() => openBackup(withCost(2 ** 16, 32, 1), { password: PASSWORD }))).toBe('wrongPassword'); // 256 MiB
  }, 30_000);

  it('never fails untyped on a seeded sweep of scrypt costs', async () => {
    const seed = 14_004;
    const random = seededRandom(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const { bytes } = await sealedFile();
    const counts = { damaged: 0, derived: 0 };
    for (let i = 0; i < 400; i++) {
      const n = random() < 0.1 ? Math.floor(random() * 2 ** 20) : 2 ** Math.floor(random() * 34);
      const r = pick([0, 1, 1, 1, 2, 3, 4, 8, 16, 31, 32, 33, 64, 1024, 2 ** 31]);
      const p = pick([0, 1, 1, 2, 3, 15, 16, 17, 2 ** 20, 2 ** 30]);
      // Costs the caps accept are expensive to derive; the edges above cover them, so the sweep runs only cheap ones.
      if (n >= 2 ** 14 && n * r * p <= 2 ** 22 && n * r * p > 2 ** 16 && 128 * n * r <= 256 * 2 ** 20) continue;
      const variant = Buffer.from(
        bytes.toString('utf8').replace(`"n":${FAST.n},"r":8,"p":1,`, `"n":${n},"r":${r},"p":${p},`),
        'utf8',
      );
      const started = performance.now();
      const kind = await outcome(() => openBackup(variant, { password: PASSWORD }));
      expect([n, r, p, kind]).toEqual([n, r, p, expect.stringMatching(/^(backupDamaged|wrongPassword)$/)]);
      if (kind === 'backupDamaged') {
        counts.damaged++;
        expect(performance.now() - started).toBeLessThan(100);
      } else counts.derived++;
    }
    console.info(`scrypt cost sweep (seed ${seed}): ${counts.damaged} refused as damaged, ${counts.derived} derived`);
    expect(counts.damaged).toBeGreaterThan(100);
  }, 30_000);

  it('says backupTooNew for a newer format version, whatever else the file holds', async () => {
    const { bytes } = await sealedFile();
    const next = replace(bytes, `"version":${BACKUP_FORMAT_VERSION}`, `"version":${BACKUP_FORMAT_VERSION + 1}`);
    const error = await openBackup(next, { password: PASSWORD }).catch((e: unknown) => e);
    expect((error as AppError).kind).toBe('backupTooNew');
    expect((error as AppError).message).toMatch(/update the app/i);
    expect(() => readBackupHeader(next)).toThrow(expect.objectContaining({ kind: 'backupTooNew' }));
    const future = Buffer.from(JSON.stringify({ header: { format: 'desktop-authenticator-backup', version: 7, cipher: 'x' }, body: 1 }));
    expect(await outcome(() => readBackupHeader(future))).toBe('backupTooNew');
  });

  it('says backupDamaged for files that are not backups at all', async () => {
    const files = ['', 'null', '[]', '{}', '"x"', '{"header":null}', randomBytes(300).toString('latin1')];
    for (const file of files) expect(await outcome(() => readBackupHeader(Buffer.from(file, 'latin1')))).toBe('backupDamaged');
    const version0 = Buffer.from(JSON.stringify({ header: { format: 'desktop-authenticator-backup', version: 0 } }));
    expect(await outcome(() => readBackupHeader(version0))).toBe('backupDamaged');
  });

  it('does not contain the payload in the clear, in base64 or in hex', async () => {
    const { bytes } = await sealedFile();
    const file = bytes.toString('latin1');
    for (const plain of [SECRET, ISSUER, ACCOUNT]) {
      expect(file).not.toContain(plain);
      expect(file.toLowerCase()).not.toContain(Buffer.from(plain).toString('hex'));
      // The base64 of the string at each of the three alignments it could have inside a longer encoding.
      for (const shift of [0, 1, 2]) {
        const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(plain)]).toString('base64');
        // Without the first and last groups, which depend on the neighbouring bytes too.
        const core = encoded.slice(4, -4);
        expect(core.length).toBeGreaterThan(8);
        expect(file).not.toContain(core);
      }
    }
  });

  it('asks for at least the minimum length, counted after NFC, and refuses unusable characters', async () => {
    expect(MIN_BACKUP_PASSWORD_LENGTH).toBe(8);
    const short = 'x'.repeat(MIN_BACKUP_PASSWORD_LENGTH - 1);
    const error = await createBackupKey(short, FAST).catch((e: unknown) => e);
    expect((error as AppError).kind).toBe('weakPassword');
    expect((error as AppError).message).toContain(`at least ${MIN_BACKUP_PASSWORD_LENGTH} characters`);
    expect((error as AppError).message).not.toContain(short);
    // Eight code points as typed, seven characters once "e" + combining accent is composed.
    expect(await outcome(() => createBackupKey('cafe\u0301xyz', FAST))).toBe('weakPassword');
    expect(await outcome(() => rewrapBackupKey(randomBytes(32), short, FAST))).toBe('weakPassword');
    expect(await outcome(() => createBackupKey('abcdefgh\ud800', FAST))).toBe('invalidInput');
    expect(await outcome(() => createBackupKey('x7$Kp!2qLm#9', FAST))).toBe('accepted');
  });

  it('refuses a new password that is long enough but easy to guess, with the reason and a suggestion (zxcvbn score under 3)', async () => {
    for (const weak of ['x'.repeat(12), 'password123', 'qwertyuiop', 'Summer2024!']) {
      const error = await createBackupKey(weak, FAST).catch((e: unknown) => e);
      expect(error, weak).toBeInstanceOf(AppError);
      expect((error as AppError).toData(), weak).toEqual({ kind: 'weakPassword', field: 'password', message: weakPasswordMessage(passwordStrength(weak)) });
      expect((error as AppError).message, weak).not.toContain(weak);
      expect(await outcome(() => rewrapBackupKey(randomBytes(32), weak, FAST)), weak).toBe('weakPassword');
    }
    expect((await createBackupKey('x'.repeat(12), FAST).catch((e: AppError) => e.message)) as string).toMatch(/^Repeated characters like "aaa" are easy to guess\. \S/);
  });

  it('opens an existing backup whatever its password scores: only new passwords are checked', async () => {
    // A backup made before the strength rule (or by a build without it): its wrapped key, made here by hand.
    const key = await createBackupKey(PASSWORD, FAST);
    const weak = 'password123';
    const wrapped = wrapByHand(key.dataKey, weak, FAST);
    const bytes = sealBackup(PAYLOAD, { dataKey: key.dataKey, wrapped }, META);
    expect((await openBackup(bytes, { password: weak })).payload.equals(PAYLOAD)).toBe(true);
  });

  it('opens with the same password typed in composed or decomposed form', async () => {
    const composed = 'Cr\u00e8me br\u00fbl\u00e9e';
    const decomposed = 'Cre\u0300me bru\u0302le\u0301e';
    expect(composed).not.toBe(decomposed);
    const key = await createBackupKey(composed, FAST);
    const bytes = sealBackup(PAYLOAD, key, META);
    expect((await openBackup(bytes, { password: decomposed })).payload.equals(PAYLOAD)).toBe(true);
  });

  it('wraps a key below the default cost again with the default when the password is given, keeping the data key', async () => {
    const key = await createBackupKey(PASSWORD, FAST);
    expect(isBelowDefaultCost(FAST)).toBe(true);
    expect(isBelowDefaultCost({ n: 2 ** 16, r: 8, p: 2 })).toBe(true); // as much work, half the memory
    expect(isBelowDefaultCost({ n: 2 ** 17, r: 4, p: 2 })).toBe(true);
    expect(isBelowDefaultCost(BACKUP_SCRYPT)).toBe(false);
    expect(isBelowDefaultCost({ n: 2 ** 18, r: 8, p: 1 })).toBe(false);

    expect(await outcome(() => withDefaultCost(key, 'not the password'))).toBe('wrongPassword');
    const stronger = await withDefaultCost(key, PASSWORD);
    expect(stronger.dataKey.equals(key.dataKey)).toBe(true);
    expect(stronger.wrapped).toMatchObject({ kdf: { name: 'scrypt', n: 2 ** 17, r: 8, p: 1 }, keyId: key.wrapped.keyId });
    expect(stronger.wrapped.kdf.salt).not.toBe(key.wrapped.kdf.salt);
    // Read by hand, from the format's description: the new wrap opens with the password to the same data key.
    const bytes = sealBackup(PAYLOAD, stronger, META);
    const read = readByHand(bytes, PASSWORD);
    expect(read.dataKey.equals(key.dataKey)).toBe(true);
    expect(read.payload.equals(PAYLOAD)).toBe(true);
    // Already at the default: the very same key back, nothing derived.
    expect(await withDefaultCost(stronger, 'any text at all')).toBe(stronger);
  });

  it('unlocks in well under a second with the real parameters', async () => {
    const { bytes } = await sealedFile(BACKUP_SCRYPT);
    expect(bytes.toString('utf8')).toContain(`"kdf":{"name":"scrypt","n":${2 ** 17},"r":8,"p":1,`);
    const started = performance.now();
    await openBackup(bytes, { password: PASSWORD });
    const elapsed = performance.now() - started;
    console.info(`unlocking with scrypt N=2^17 r=8 p=1 took ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1000);
  });
});
