import { seededRandom } from '../testing/test-helpers.js';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createGuardrails } from '@otplib/core';
import { generateSync as otplibHotp } from '@otplib/hotp';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync as otplibTotp } from '@otplib/totp';
import { describe, expect, it } from 'vitest';
import type { CodeView } from '../../../shared/account.js';
import { OTP_LIMITS, type HashAlgorithm, type OtpParams } from '../../../shared/otp.js';
import { parseSetupKey } from './base32.js';
import { codeAt, nextBoundary } from './otp-engine.js';

// Expected values come from the RFCs, from oathtool (an independent C implementation), from otplib (the library
// the engine was built on, kept as the reference) or from a from-the-spec computation written here with Node's
// crypto; never from our own output.

const OATHTOOL = '/usr/bin/oathtool';
const ID = 'acct0001';


function randomBytes(rand: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(rand() * 256));
}

/** RFC 4648 base32 without padding, written here so the test does not lean on the decoder under test. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  while (bits.length % 5 !== 0) bits += '0';
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

const ascii = (text: string) => new TextEncoder().encode(text);
/** Key bytes the way the app gets them: from a base32 setup key. */
const keyOf = (base32Key: string) => parseSetupKey(base32Key).bytes;

function oathtool(args: string[]): string[] {
  return execFileSync(OATHTOOL, args, { encoding: 'utf8' }).trim().split('\n');
}

const totp = (algorithm: HashAlgorithm, digits: number, period: number): OtpParams => ({ type: 'totp', algorithm, digits, period, counter: 0 });
const hotp = (algorithm: HashAlgorithm, digits: number, counter: number): OtpParams => ({ type: 'hotp', algorithm, digits, period: 30, counter });
const steam = (period = 30): OtpParams => ({ type: 'steam', algorithm: 'SHA1', digits: 5, period, counter: 0 });

describe('RFC 4226 Appendix D (HOTP)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  // "12345678901234567890" in base32, as the RFC's key would be typed into an authenticator.
  const key = keyOf('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');

  it('decodes the base32 of the RFC secret to its ASCII bytes', () => {
    expect(Array.from(key)).toEqual(Array.from(ascii('12345678901234567890')));
    expect(base32(ascii('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i -> %s', (counter, code) => {
    const view = codeAt(ID, hotp('SHA1', 6, counter), key, 1_700_000_000_000);
    expect(view).toMatchObject({ id: ID, code, validFrom: null, validUntil: null });
    if (counter < expected.length - 1) expect(view.next).toBe(expected[counter + 1]);
  });

  it('gives the next TOTP code as the code of the following window', () => {
    const otp = { type: 'totp', algorithm: 'SHA1', digits: 8, period: 30, counter: 0 } as const;
    const now = codeAt(ID, otp, key, 59_000);
    expect(now.next).toBe(codeAt(ID, otp, key, now.validUntil!).code);
    expect(now.next).toBe('37359152'); // oathtool --totp -b -d 8 -N @60 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
  });
});

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  const seeds: Record<HashAlgorithm, string> = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  };
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  const cases = table.flatMap(([t, sha1, sha256, sha512]) => [
    ['SHA1', t, sha1] as const,
    ['SHA256', t, sha256] as const,
    ['SHA512', t, sha512] as const,
  ]);

  it.each(cases)('%s at %i -> %s', (algorithm, t, code) => {
    const seed = ascii(seeds[algorithm]);
    const key = keyOf(base32(seed));
    expect(key.length).toBe(seed.length);
    expect(codeAt(ID, totp(algorithm, 8, 30), key, t * 1000).code).toBe(code);
    // Anywhere inside the same second gives the same code.
    expect(codeAt(ID, totp(algorithm, 8, 30), key, t * 1000 + 999).code).toBe(code);
  });
});

describe('cross-check with oathtool', () => {
  const rand = seededRandom(0x5eed_0f0a);
  const secrets = [10, 20, 32, 64, 128].map((length) => randomBytes(rand, length));
  const algorithms: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
  const algoArg = (a: HashAlgorithm) => a.toLowerCase();

  describe('TOTP', () => {
    for (const secret of secrets) {
      const b32 = base32(secret);
      for (const algorithm of algorithms) {
        for (const digits of [6, 7, 8]) {
          for (const period of [30, 60]) {
            it(`${secret.length}-byte key, ${algorithm}, ${digits} digits, ${period} s`, () => {
              const key = keyOf(b32);
              const otp = totp(algorithm, digits, period);
              const base = [`--totp=${algoArg(algorithm)}`, '-b', '-d', String(digits), '-s', `${period}s`];
              // Windows of 4 consecutive steps starting at step s: oathtool prints the codes of steps s..s+3.
              const anchors = [
                0,
                1,
                Math.floor(1111111109 / period),
                Math.floor(2 ** 31 / period) - 2, // around the 32-bit time rollover (2038)
                Math.floor(20000000000 / period),
                ...Array.from({ length: 3 }, () => Math.floor(rand() * (2 ** 34 / period))),
              ];
              let checked = 0;
              for (const s of anchors) {
                const codes = oathtool([...base, '-w', '3', '-N', `@${s * period}`, b32]);
                expect(codes).toHaveLength(4);
                for (const code of codes) expect(code).toMatch(new RegExp(`^\\d{${digits}}$`));
                for (let k = s + 1; k <= s + 3; k++) {
                  const boundaryMs = k * period * 1000;
                  const before = codes[k - 1 - s];
                  const after = codes[k - s];
                  expect(codeAt(ID, otp, key, boundaryMs - 1000).code).toBe(before); // t = k*period - 1
                  expect(codeAt(ID, otp, key, boundaryMs - 1).code).toBe(before); // last millisecond of step k-1
                  expect(codeAt(ID, otp, key, boundaryMs).code).toBe(after); // t = k*period
                  expect(codeAt(ID, otp, key, boundaryMs + 1000).code).toBe(after); // t = k*period + 1
                  checked += 4;
                }
                expect(codeAt(ID, otp, key, s * period * 1000).code).toBe(codes[0]);
              }
              // Random instants, each asked of oathtool directly.
              for (let i = 0; i < 3; i++) {
                const t = Math.floor(rand() * 2 ** 34);
                const [code] = oathtool([...base, '-N', `@${t}`, b32]);
                expect(codeAt(ID, otp, key, t * 1000 + Math.floor(rand() * 1000)).code).toBe(code);
                checked++;
              }
              expect(checked).toBe(anchors.length * 12 + 3);
            });
          }
        }
      }
    }

    it.each([5, 7, 45, 90, 3600])('unusual period %i s (SHA1, 6 digits, 20-byte key)', (period) => {
      const b32 = base32(secrets[1]!);
      const key = keyOf(b32);
      for (const t of [0, period - 1, period, 1111111109, 1700000000, 2 ** 32 + 17]) {
        const [code] = oathtool(['--totp', '-b', '-d', '6', '-s', `${period}s`, '-N', `@${t}`, b32]);
        expect(codeAt(ID, totp('SHA1', 6, period), key, t * 1000).code).toBe(code);
      }
    });
  });

  describe('HOTP', () => {
    for (const secret of secrets) {
      const b32 = base32(secret);
      for (const algorithm of algorithms) {
        for (const digits of [6, 7, 8]) {
          it(`${secret.length}-byte key, ${algorithm}, ${digits} digits`, () => {
            const key = keyOf(b32);
            const base = ['--hotp', '-b', '-d', String(digits)];
            // oathtool's --hotp is SHA-1 only; HOTP with SHA-2 goes through --totp=MODE with a 1 s time step at
            // t = counter, which is the same HMAC over the same 8-byte counter.
            const starts: [number, number][] = [
              [0, 19],
              [2 ** 31 - 2, 3],
              [2 ** 32 - 2, 3],
              [Number.MAX_SAFE_INTEGER - 2, 2],
              [Math.floor(rand() * 2 ** 40), 2],
            ];
            for (const [start, window] of starts) {
              const codes =
                algorithm === 'SHA1'
                  ? oathtool([...base, '-c', String(start), '-w', String(window), b32])
                  : oathtool([`--totp=${algoArg(algorithm)}`, '-b', '-d', String(digits), '-s', '1s', '-w', String(window), '-N', `@${start}`, b32]);
              expect(codes).toHaveLength(window + 1);
              codes.forEach((code, i) => {
                expect(codeAt(ID, hotp(algorithm, digits, start + i), key, 0).code).toBe(code);
              });
            }
          });
        }
      }
    }
  });

  it('keys drawn as random base32 characters (non-zero pad bits) give the same codes as oathtool', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    for (const length of [16, 20, 26, 32, 52]) {
      for (let i = 0; i < 4; i++) {
        const typed = Array.from({ length }, () => alphabet[Math.floor(rand() * 32)]).join('');
        const t = Math.floor(rand() * 2 ** 33);
        const [code] = oathtool(['--totp', '-b', '-N', `@${t}`, typed]);
        expect(codeAt(ID, totp('SHA1', 6, 30), keyOf(typed), t * 1000).code).toBe(code);
      }
    }
  });
});

describe('Steam Guard', () => {
  /** From the spec: HMAC-SHA1 over the big-endian time step, RFC 4226 dynamic truncation, 5 base-26 characters. */
  function steamReference(key: Uint8Array, unixSeconds: number, period = 30): string {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / period)));
    const mac = createHmac('sha1', key).update(counter).digest();
    const offset = mac[19]! & 0x0f;
    let value = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
    const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
    let code = '';
    for (let i = 0; i < 5; i++) {
      code += alphabet[value % 26];
      value = Math.floor(value / 26);
    }
    return code;
  }

  it('matches the reference computation at boundaries and random times', () => {
    const rand = seededRandom(0x57ea);
    for (const length of [10, 20, 32]) {
      const secret = randomBytes(rand, length);
      const key = keyOf(base32(secret));
      const times = [0, 29, 30, 31, 59, 60, 1111111109, 1111111110, 2 ** 31, ...Array.from({ length: 40 }, () => Math.floor(rand() * 2 ** 34))];
      for (const t of times) {
        const view = codeAt(ID, steam(), key, t * 1000 + 500);
        expect(view.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
        expect(view.code).toBe(steamReference(secret, t));
      }
    }
  });

  it('uses the 31-bit truncated value, not the decimal code', () => {
    // With the RFC 6238 SHA1 seed at t = 59 the decimal 8-digit code is 94287082; the Steam code must come from the
    // full truncated value, so it differs from encoding just those digits.
    const seed = ascii('12345678901234567890');
    const code = codeAt(ID, steam(), keyOf(base32(seed)), 59_000).code;
    expect(code).toBe(steamReference(seed, 59));
    let fromDigits = 94287082;
    let wrong = '';
    for (let i = 0; i < 5; i++) {
      wrong += '23456789BCDFGHJKMNPQRTVWXY'[fromDigits % 26];
      fromDigits = Math.floor(fromDigits / 26);
    }
    expect(code).not.toBe(wrong);
  });
});

describe('validity window', () => {
  const key = keyOf('JBSWY3DPEHPK3PXP');

  it('is the period containing the instant', () => {
    expect(codeAt(ID, totp('SHA1', 6, 30), key, 1111111109123)).toMatchObject({ validFrom: 1111111080000, validUntil: 1111111110000 });
    expect(codeAt(ID, totp('SHA1', 6, 30), key, 1111111109999)).toMatchObject({ validFrom: 1111111080000, validUntil: 1111111110000 });
    expect(codeAt(ID, totp('SHA1', 6, 30), key, 1111111110000)).toMatchObject({ validFrom: 1111111110000, validUntil: 1111111140000 });
    expect(codeAt(ID, totp('SHA256', 8, 60), key, 1234567890000)).toMatchObject({ validFrom: 1234567860000, validUntil: 1234567920000 });
    expect(codeAt(ID, totp('SHA1', 6, 3600), key, 1700000000000)).toMatchObject({ validFrom: 1699999200000, validUntil: 1700002800000 });
    expect(codeAt(ID, steam(), key, 1234567890000)).toMatchObject({ validFrom: 1234567890000, validUntil: 1234567920000 });
  });

  it('keeps the code for the whole window and changes it after', () => {
    const otp = totp('SHA1', 6, 30);
    const inside = codeAt(ID, otp, key, 1111111080000);
    expect(codeAt(ID, otp, key, 1111111109999).code).toBe(inside.code);
    // Codes of neighbouring steps, from oathtool.
    const [previous, same, next] = oathtool(['--totp', '-b', '-w', '2', '-N', '@1111111050', 'JBSWY3DPEHPK3PXP']);
    expect(inside.code).toBe(same);
    expect(codeAt(ID, otp, key, 1111111079999).code).toBe(previous);
    expect(codeAt(ID, otp, key, 1111111110000).code).toBe(next);
  });

  it('is null for HOTP, whose codes do not expire', () => {
    expect(codeAt(ID, hotp('SHA1', 6, 5), key, 1111111109123)).toMatchObject({ validFrom: null, validUntil: null });
  });
});

describe('nextBoundary', () => {
  it('is the end of the current period, strictly after now', () => {
    expect(nextBoundary([totp('SHA1', 6, 30)], 45_000)).toBe(60_000);
    expect(nextBoundary([totp('SHA1', 6, 30)], 60_000)).toBe(90_000);
    expect(nextBoundary([totp('SHA1', 6, 30)], 59_999)).toBe(60_000);
    expect(nextBoundary([totp('SHA1', 6, 30)], 1111111109123)).toBe(1111111110000);
  });

  it('picks the earliest boundary across periods', () => {
    const mixed = [totp('SHA1', 6, 60), totp('SHA1', 6, 30)];
    expect(nextBoundary(mixed, 10_000)).toBe(30_000);
    expect(nextBoundary(mixed, 45_000)).toBe(60_000);
    expect(nextBoundary(mixed, 65_000)).toBe(90_000);
    // 45 s and 60 s: at 50 s the 60 s account rolls over first (60 s), not the 45 s one (90 s).
    expect(nextBoundary([totp('SHA1', 6, 45), totp('SHA1', 6, 60)], 50_000)).toBe(60_000);
    expect(nextBoundary([totp('SHA1', 6, 60), totp('SHA1', 6, 45)], 61_000)).toBe(90_000);
    expect(nextBoundary([steam(), totp('SHA1', 6, 3600)], 3_599_000)).toBe(3_600_000);
  });

  it('ignores HOTP', () => {
    expect(nextBoundary([hotp('SHA1', 6, 0)], 45_000)).toBeNull();
    expect(nextBoundary([hotp('SHA1', 6, 0), hotp('SHA512', 8, 9)], 45_000)).toBeNull();
    expect(nextBoundary([], 45_000)).toBeNull();
    // A HOTP account with a short period field must not pull the boundary in.
    expect(nextBoundary([{ ...hotp('SHA1', 6, 0), period: 5 }, totp('SHA1', 6, 60)], 1_000)).toBe(60_000);
  });
});

/**
 * The engine as it was built on otplib (its per-strategy packages, guardrails widened to our limits, Steam through
 * its encodeToken hook): the reference the hand-written hot path must agree with everywhere.
 */
const otplibCrypto = new NodeCryptoPlugin();
const otplibGuardrails = createGuardrails({
  MIN_SECRET_BYTES: OTP_LIMITS.minSecretBytes,
  MAX_SECRET_BYTES: OTP_LIMITS.maxSecretBytes,
  MIN_PERIOD: OTP_LIMITS.minPeriod,
  MAX_PERIOD: OTP_LIMITS.maxPeriod,
});
const otplibSteamHooks = {
  encodeToken(truncated: number, digits: number): string {
    let value = truncated;
    let code = '';
    for (let i = 0; i < digits; i++) {
      code += '23456789BCDFGHJKMNPQRTVWXY'[value % 26];
      value = Math.floor(value / 26);
    }
    return code;
  },
};

function otplibCodeAt(id: string, otp: OtpParams, secret: Uint8Array, nowMs: number): CodeView {
  const common = { secret, crypto: otplibCrypto, guardrails: otplibGuardrails, algorithm: otp.algorithm.toLowerCase() as 'sha1', digits: otp.digits };
  if (otp.type === 'hotp') {
    const next = otp.counter < Number.MAX_SAFE_INTEGER ? otplibHotp({ ...common, counter: otp.counter + 1 }) : '';
    return { id, code: otplibHotp({ ...common, counter: otp.counter }), validFrom: null, validUntil: null, next };
  }
  const periodMs = otp.period * 1000;
  const validFrom = Math.floor(nowMs / periodMs) * periodMs;
  const at = (epochSeconds: number) =>
    otplibTotp({ ...common, period: otp.period, epoch: epochSeconds, ...(otp.type === 'steam' ? { hooks: otplibSteamHooks } : {}) });
  const validUntil = validFrom + periodMs;
  return { id, code: at(Math.floor(nowMs / 1000)), validFrom, validUntil, next: at(validUntil / 1000) };
}

describe('agrees with otplib, the reference', () => {
  const rand = seededRandom(0x0791_1b);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const int = (below: number) => Math.floor(rand() * below);
  const algorithms: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
  /** Key lengths at the limits, the usual ones and anything between. */
  const keyLength = () => pick([OTP_LIMITS.minSecretBytes, OTP_LIMITS.maxSecretBytes, 20, 32, 64, OTP_LIMITS.minSecretBytes + int(OTP_LIMITS.maxSecretBytes - OTP_LIMITS.minSecretBytes + 1)]);
  const period = () => pick([30, 60, OTP_LIMITS.minPeriod, OTP_LIMITS.maxPeriod, OTP_LIMITS.minPeriod + int(OTP_LIMITS.maxPeriod - OTP_LIMITS.minPeriod + 1)]);
  /** Instants in milliseconds: random up to 2^34 s, and next to a period boundary (either side, by up to a second). */
  const instant = (p: number) =>
    rand() < 0.5 ? Math.floor(rand() * 2 ** 34 * 1000) : Math.max(0, int(2 ** 34 / p) * p * 1000 + pick([-1000, -1, 0, 1, 999, 1000]));
  /** Counters near zero, the 32-bit edges, the largest safe integer, and anywhere up to 2^53. */
  const counter = () =>
    pick([int(100), 2 ** 31 - 1 + int(3), 2 ** 32 - 1 + int(3), Number.MAX_SAFE_INTEGER - int(3), int(2 ** 32) * 2 ** 21 + int(2 ** 21)]);

  it('for TOTP over random keys, algorithms, digits 6-8, periods and instants', () => {
    for (let i = 0; i < 3000; i++) {
      const otp: OtpParams = { type: 'totp', algorithm: pick(algorithms), digits: 6 + int(3), period: period(), counter: 0 };
      const key = randomBytes(rand, keyLength());
      const now = instant(otp.period);
      expect(codeAt(ID, otp, key, now), JSON.stringify({ i, otp, now })).toEqual(otplibCodeAt(ID, otp, key, now));
    }
  });

  it('for HOTP over random keys, algorithms, digits 6-8 and counters', () => {
    for (let i = 0; i < 3000; i++) {
      const otp: OtpParams = { type: 'hotp', algorithm: pick(algorithms), digits: 6 + int(3), period: 30, counter: counter() };
      const key = randomBytes(rand, keyLength());
      expect(codeAt(ID, otp, key, instant(30)), JSON.stringify({ i, otp })).toEqual(otplibCodeAt(ID, otp, key, 0));
    }
  });

  it('for Steam over random keys, periods and instants', () => {
    for (let i = 0; i < 1000; i++) {
      const otp: OtpParams = { type: 'steam', algorithm: 'SHA1', digits: 5, period: period(), counter: 0 };
      const key = randomBytes(rand, keyLength());
      const now = instant(otp.period);
      expect(codeAt(ID, otp, key, now), JSON.stringify({ i, otp, now })).toEqual(otplibCodeAt(ID, otp, key, now));
    }
  });

  it('refuses what otplib refused: keys outside the limits, negative time', () => {
    const otp = totp('SHA1', 6, 30);
    for (const length of [0, OTP_LIMITS.minSecretBytes - 1, OTP_LIMITS.maxSecretBytes + 1]) {
      const key = new Uint8Array(length);
      expect(() => otplibCodeAt(ID, otp, key, 0)).toThrow();
      expect(() => codeAt(ID, otp, key, 0)).toThrow();
    }
    const key = new Uint8Array(20);
    expect(() => otplibCodeAt(ID, otp, key, -31_000)).toThrow();
    expect(() => codeAt(ID, otp, key, -31_000)).toThrow();
  });
});
