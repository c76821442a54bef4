import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { HashAlgorithm, OtpParams, OtpType } from '../../../../shared/otp.js';
import type { ImportEntry } from '../import-format.js';

/**
 * The accounts every format's test file holds: the awkward cases other importers trip on. Each knows what an import
 * must make of it, written here from the account itself (never from our readers' output).
 */
export interface TestAccount {
  issuer: string;
  name: string;
  /** The secret as the other app writes it (spaces, lower case, padding...). */
  secretText: string;
  /** The key bytes, to compute the expected canonical base32 independently. */
  key: Uint8Array;
  type: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  /** What the import must make of it: importable, or not with a reason containing this text. */
  expect: { usable: true } | { usable: false; reasonIncludes: string };
}

function key(seed: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 17 + ((i * i) % 7)) & 0xff);
}

/** RFC 4648 base32, written here so the tests do not lean on the decoder under test. */
export function base32(bytes: Uint8Array, padded = false): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return padded ? out.padEnd(Math.ceil(out.length / 8) * 8, '=') : out;
}

const spacedLower = (bytes: Uint8Array) => base32(bytes).toLowerCase().replace(/(.{4})/g, '$1 ').trim();

const ok = { usable: true } as const;
const totp = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

/** Every case, in file order. `only` narrows it for formats that cannot express some (Google's export). */
export function awkwardAccounts(): TestAccount[] {
  const k = [key(1, 20), key(2, 32), key(3, 64), key(4, 20), key(5, 20), key(6, 20), key(7, 20), key(8, 16), key(9, 10)];
  return [
    { ...totp, issuer: 'GitHub', name: 'alice@example.com', key: k[0]!, secretText: base32(k[0]!), expect: ok },
    { ...totp, issuer: 'Bank', name: 'bob', key: k[1]!, secretText: spacedLower(k[1]!), algorithm: 'SHA256', digits: 8, period: 60, expect: ok },
    { ...totp, issuer: '', name: 'carol (no issuer)', key: k[2]!, secretText: base32(k[2]!, true), algorithm: 'SHA512', digits: 7, period: 45, expect: ok },
    { ...totp, issuer: 'Ünïcödé 🛡', name: 'Zoë 名前', key: k[3]!, secretText: base32(k[3]!), type: 'hotp', counter: 42, expect: ok },
    { ...totp, issuer: 'Steam', name: 'gaben', key: k[4]!, secretText: base32(k[4]!), type: 'steam', digits: 5, expect: ok },
    { ...totp, issuer: 'Odd', name: 'nine digits', key: k[5]!, secretText: base32(k[5]!), digits: 9, expect: { usable: false, reasonIncludes: 'digits' } },
    { ...totp, issuer: 'Old bank', name: 'motp user', key: k[6]!, secretText: '0123456789abcdef', type: 'motp', expect: { usable: false, reasonIncludes: 'mOTP' } },
    { ...totp, issuer: 'Broken', name: 'bad secret', key: k[7]!, secretText: 'NOT-BASE32!!1', expect: { usable: false, reasonIncludes: 'base32' } },
    { ...totp, issuer: 'Short', name: '80-bit key', key: k[8]!, secretText: base32(k[8]!).toLowerCase(), period: 15, expect: ok },
  ];
}

/** Compares what a reader gave with the accounts the file was built from, entry by entry and in order. */
export function expectEntries(entries: readonly ImportEntry[], accounts: readonly TestAccount[]): void {
  expect(entries).toHaveLength(accounts.length);
  accounts.forEach((account, i) => {
    const entry = entries[i]!;
    if (account.expect.usable) {
      const otp: OtpParams = {
        type: account.type as OtpType,
        algorithm: account.algorithm,
        digits: account.digits,
        period: account.period,
        counter: account.type === 'hotp' ? account.counter : 0,
      };
      expect(entry, `entry ${i + 1}`).toEqual({ status: 'usable', issuer: account.issuer, name: account.name, secret: base32(account.key), otp });
    } else {
      expect(entry, `entry ${i + 1}`).toMatchObject({ status: 'unsupported', issuer: account.issuer, name: account.name });
      expect(entry.status === 'unsupported' && entry.reason).toContain(account.expect.reasonIncludes);
    }
  });
}

/** The code oathtool (an independent C implementation) gives for an account at a time (TOTP and HOTP). */
export function oathtoolCode(otp: OtpParams, secret: string, unixSeconds: number): string {
  const args =
    otp.type === 'hotp'
      ? ['--hotp', '-b', '-d', String(otp.digits), '-c', String(otp.counter), secret]
      : ['--totp=' + otp.algorithm.toLowerCase(), '-b', '-d', String(otp.digits), '-s', `${otp.period}s`, '-N', `@${unixSeconds}`, secret];
  return execFileSync('/usr/bin/oathtool', args, { encoding: 'utf8' }).trim();
}
