import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { isMigrationUri, MigrationPayload, parseMigrationUri } from './google-migration.js';

// "Hello!" followed by de ad be ef: JBSWY3DPEHPK3PXP in base32 (the RFC-style example key every app uses).
const HELLO = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
const SECRET_20 = Uint8Array.from({ length: 20 }, (_, i) => i + 1); // bytes 1..20: AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU in base32

const link = (bytes: Uint8Array | number[], { encode = true } = {}) => {
  const b64 = Buffer.from(Uint8Array.from(bytes)).toString('base64');
  return `otpauth-migration://offline?data=${encode ? encodeURIComponent(b64) : b64}`;
};

interface Entry {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: number;
}

/** Encodes with protobufjs and our schema (round trip); the hand-written payloads below check the schema itself. */
const payload = (entries: Entry[], extra: Record<string, number> = {}) =>
  MigrationPayload.encode(
    MigrationPayload.fromObject({
      otpParameters: entries.map((e) => ({ secret: SECRET_20, name: 'alice@example.com', issuer: 'Example', algorithm: 1, digits: 1, type: 2, ...e })),
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 12345,
      ...extra,
    }),
  ).finish();

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Protobuf varint, for the hand-written payloads. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
const text = (s: string) => [...new TextEncoder().encode(s)];
const lenField = (fieldNo: number, bytes: number[]) => [(fieldNo << 3) | 2, ...varint(bytes.length), ...bytes];
const intField = (fieldNo: number, value: number) => [(fieldNo << 3) | 0, ...varint(value)];

describe('parseMigrationUri: payloads written by hand (field tags and wire types)', () => {
  it('reads one TOTP account from bytes laid out by hand', () => {
    const params = [
      ...lenField(1, HELLO), // secret, bytes
      ...lenField(2, text('alice@example.com')), // name
      ...lenField(3, text('Example')), // issuer
      ...intField(4, 1), // algorithm SHA1
      ...intField(5, 1), // digits SIX
      ...intField(6, 2), // type TOTP
    ];
    const bytes = [...lenField(1, params), ...intField(2, 1), ...intField(3, 1), ...intField(4, 0), ...intField(5, 987654321)];
    expect(parseMigrationUri(link(bytes))).toEqual({
      drafts: [{ issuer: 'Example', name: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } }],
      batch: { index: 0, size: 1, id: 987654321 },
    });
  });

  it('reads HOTP with SHA512, 8 digits and a counter beyond 32 bits', () => {
    const params = [...lenField(1, HELLO), ...lenField(2, text('bob')), ...intField(4, 3), ...intField(5, 2), ...intField(6, 1), ...intField(7, 2 ** 40 + 7)];
    const [draft] = parseMigrationUri(link([...lenField(1, params)])).drafts;
    expect(draft).toEqual({ issuer: '', name: 'bob', secret: 'JBSWY3DPEHPK3PXP', otp: { type: 'hotp', algorithm: 'SHA512', digits: 8, period: 30, counter: 2 ** 40 + 7 } });
  });

  it('refuses, rather than guesses, a circulated sample export whose type field sits outside the entries', () => {
    // Three "Test1:test1@example1.com"-style entries of 49 bytes each; the "30 02" (type TOTP) that follows each one
    // lies outside its otp_parameters, so the entries have no type. Tools that default to TOTP accept it; we say why not.
    const sample =
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGFRlc3QxOnRlc3QxQGV4YW1wbGUxLmNvbRoFVGVzdDEgASgBMAIKMQoKSGVsbG8h3q2%2B7xIYVGVzdDI6dGVzdDJAZXhhbXBsZTIuY29tGgVUZXN0MiABKAEwAgoxCgpIZWxsbyHerb7vEhhUZXN0Mzp0ZXN0M0BleGFtcGxlMy5jb20aBVRlc3QzIAEoATACEAEYASAAKI3orYEE';
    expect(errorOf(() => parseMigrationUri(sample)).message).toBe(
      'Account 1 of 3 (Test1, Test1:test1@example1.com): It does not say whether it is time-based (TOTP) or counter-based (HOTP). Nothing was added.',
    );
  });

  it('skips unknown fields that are well formed (a newer exporter)', () => {
    const params = [...lenField(1, HELLO), ...lenField(2, text('x')), ...intField(6, 2), ...lenField(15, text('future'))];
    const bytes = [...lenField(1, params), ...intField(9, 4)];
    expect(parseMigrationUri(link(bytes)).drafts).toHaveLength(1);
  });

  it.each([
    ['a known field with the wrong wire type (otp_parameters as a number)', [...intField(1, 5)]],
    ['secret sent as a number', [...lenField(1, [...intField(1, 5), ...lenField(2, text('x')), ...intField(6, 2)])]],
    ['a length running past the end', [0x0a, 0x40, 0x01, 0x02]],
    ['a truncated varint', [0x10, 0x80]],
    ['an end-group tag', [0x0c]],
    ['field number 0', [0x00, 0x01]],
    ['a name that is not UTF-8', [...lenField(1, [...lenField(1, HELLO), ...lenField(2, [0xff, 0xfe]), ...intField(6, 2)])]],
  ])('refuses %s as not an export', (_label, bytes) => {
    const error = errorOf(() => parseMigrationUri(link(bytes)));
    expect(error).toMatchObject({ kind: 'invalidInput', field: 'uri' });
    expect(error.message).toMatch(/does not hold a Google Authenticator export/);
  });

  it('refuses random bytes rather than reading something out of them', () => {
    // A PNG header: not a MigrationPayload.
    const error = errorOf(() => parseMigrationUri(link([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
    expect(error).toMatchObject({ kind: 'invalidInput', field: 'uri' });
  });
});

describe('parseMigrationUri: payloads encoded with protobufjs', () => {
  it('maps every entry, with unspecified algorithm and digits as SHA1 and 6', () => {
    const bytes = payload([
      { name: 'Example:alice@example.com', issuer: 'Example' },
      { name: 'GitHub:bob', issuer: '', algorithm: 0, digits: 0 },
      { name: 'carol', issuer: 'Bank', algorithm: 2, digits: 2, type: 1, counter: 42 },
      { name: 'Other:dave', issuer: 'Different' },
    ]);
    const { drafts, batch } = parseMigrationUri(link(bytes));
    expect(drafts).toEqual([
      { issuer: 'Example', name: 'alice@example.com', secret: 'AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU', otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } },
      { issuer: 'GitHub', name: 'bob', secret: expect.any(String), otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } },
      { issuer: 'Bank', name: 'carol', secret: expect.any(String), otp: { type: 'hotp', algorithm: 'SHA256', digits: 8, period: 30, counter: 42 } },
      // The prefix is a different issuer: kept in the name rather than dropped.
      { issuer: 'Different', name: 'Other:dave', secret: expect.any(String), otp: expect.objectContaining({ type: 'totp' }) },
    ]);
    expect(batch).toEqual({ index: 0, size: 1, id: 12345 });
  });

  it('accepts the data unescaped, URL-safe, unpadded, and with a raw "+"', () => {
    const bytes = payload([{ secret: Uint8Array.from({ length: 20 }, () => 0xfb) }]); // 0xfb... gives "+" and "/" in base64
    const b64 = Buffer.from(bytes).toString('base64');
    expect(b64).toMatch(/[+/]/);
    const expected = parseMigrationUri(link(bytes)).drafts;
    for (const data of [b64, b64.replace(/\+/g, '-').replace(/\//g, '_'), b64.replace(/=+$/, '')]) {
      expect(parseMigrationUri(`otpauth-migration://offline?data=${data}`).drafts).toEqual(expected);
    }
    expect(parseMigrationUri(`  OTPAUTH-MIGRATION://offline?data=${encodeURIComponent(b64)}\n`).drafts).toEqual(expected);
  });

  it('reports the batch of a multi-QR export and imports only this QR code\'s entries', () => {
    const { drafts, batch } = parseMigrationUri(link(payload([{ name: 'a' }, { name: 'b' }], { batchSize: 3, batchIndex: 1, batchId: -7 })));
    expect(drafts.map((d) => d.name)).toEqual(['a', 'b']);
    expect(batch).toEqual({ index: 1, size: 3, id: -7 });
  });

  it.each([
    ['MD5', { algorithm: 4 }, 'Account 2 of 3 (Example, alice@example.com): It uses the MD5 algorithm'],
    ['an unknown algorithm', { algorithm: 9 }, 'Account 2 of 3 (Example, alice@example.com): Unknown algorithm (9)'],
    ['an unspecified type', { type: 0 }, 'does not say whether it is time-based (TOTP) or counter-based (HOTP)'],
    ['an unknown type', { type: 3 }, 'does not say whether it is time-based'],
    ['an unknown digit count', { digits: 3 }, 'Unknown number of digits (3)'],
    ['a missing secret', { secret: new Uint8Array(0) }, 'It has no secret'],
    ['a secret too short', { secret: new Uint8Array(9) }, 'Its secret is too short (9 bytes; at least 10)'],
    ['a secret too long', { secret: new Uint8Array(129) }, 'Its secret is too long (129 bytes; at most 128)'],
    ['neither issuer nor name', { issuer: '', name: '' }, 'Account 2 of 3: It names neither an issuer nor an account'],
    ['a name too long', { name: 'n'.repeat(300) }, 'Its account name is too long'],
  ])('refuses the whole link when one entry has %s, naming the entry', (_label, bad, message) => {
    const error = errorOf(() => parseMigrationUri(link(payload([{ name: 'first' }, bad, { name: 'third' }]))));
    expect(error).toMatchObject({ kind: 'invalidInput', field: 'uri' });
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/Nothing was added\.$/);
  });

  it('refuses a HOTP counter beyond what can be stored exactly', () => {
    const params = [...lenField(1, HELLO), ...lenField(2, text('x')), ...intField(6, 1), 0x38, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    const error = errorOf(() => parseMigrationUri(link([...lenField(1, params)])));
    expect(error.message).toMatch(/^Account 1 of 1 \(x\): Its counter/);
  });
});

describe('parseMigrationUri: the link itself', () => {
  it.each([
    ['otpauth-migration://offline', 'no data'],
    ['otpauth-migration://offline?data=', 'no data'],
    ['otpauth-migration://offline?foo=bar', 'no data'],
    ['otpauth-migration://offline?data=AAAA&data=AAAA', 'more than once'],
    ['otpauth-migration://online?data=AAAA', 'Unknown kind of export link'],
    ['otpauth-migration://offline?data=%ZZ', 'not correctly encoded'],
    ['otpauth-migration://offline?data=not*base64', 'not valid base64'],
    ['otpauth-migration://offline?data=QUJDR', 'not valid base64'],
    ['otpauth-migration://offline?data=QQ=', 'not valid base64'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 'not a Google Authenticator export link'],
    ['otpauth-migration://offline?data=EAEYASAA', 'holds no accounts'], // version, batch fields only
  ])('%s -> %s', (uri, message) => {
    const error = errorOf(() => parseMigrationUri(uri));
    expect(error).toMatchObject({ kind: 'invalidInput', field: 'uri' });
    expect(error.message).toContain(message);
  });

  it('recognises export links', () => {
    expect(isMigrationUri(' OTPAUTH-MIGRATION://offline?data=x')).toBe(true);
    expect(isMigrationUri('otpauth://totp/x')).toBe(false);
  });
});

describe('parseMigrationUri: names that would deceive', () => {
  it('refuses the whole export for one entry with a bidi override, saying which entry and which field, without repeating the name', () => {
    const error = errorOf(() => parseMigrationUri(link(payload([{}, { issuer: 'moc.\u202eelgoog' }, { name: 'bob' }]))));
    expect(error.kind).toBe('invalidInput');
    expect(error.message).toMatch(/^Account 2 of 3: The issuer contains a hidden or control character \(U\+202E\).* Nothing was added\.$/);
    expect(error.message).not.toContain('\u202e');
  });

  it('refuses a zero-width space in an account name', () => {
    const error = errorOf(() => parseMigrationUri(link(payload([{ name: 'ali\u200bce' }]))));
    expect(error.kind).toBe('invalidInput');
    expect(error.message).toMatch(/account name contains a hidden or control character \(U\+200B\)/);
  });
});
