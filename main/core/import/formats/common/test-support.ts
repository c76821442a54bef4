import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { AppError, type ErrorKind } from '../../../../../shared/errors.js';
import type { OtpParams } from '../../../../../shared/otp.js';
import { decodeCanonicalKey } from '../../../otp/base32.js';
import { codeAt } from '../../../otp/otp-engine.js';
import type { EncryptedFile, ImportEntry, ImportFormat, ReadResult } from '../../import-format.js';

/**
 * Helpers for the readers' tests. Files are built here from the formats' descriptions with node:crypto directly (not
 * through the readers' helpers); codes are checked against oathtool, an independent implementation.
 */

export const bytesOf = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** Strict UTF-8 as the pipeline hands it to readers: the text, or null for binary. */
export function textOf(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function readFile(format: ImportFormat, bytes: Uint8Array): ReadResult {
  const text = textOf(bytes);
  expect(format.detect(bytes, text)).toBe(true);
  return format.read(bytes, text);
}

export function readPlain(format: ImportFormat, bytes: Uint8Array): ImportEntry[] {
  const result = readFile(format, bytes);
  if (result.encrypted) throw new Error('expected a plain file');
  return result.entries;
}

export function readEncrypted(format: ImportFormat, bytes: Uint8Array): EncryptedFile {
  const result = readFile(format, bytes);
  if (!result.encrypted) throw new Error('expected an encrypted file');
  return result.file;
}

export async function expectAppError(promiseOrFn: Promise<unknown> | (() => unknown), kind: ErrorKind): Promise<void> {
  let caught: unknown;
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).kind).toBe(kind);
}

export const totp = (algorithm: OtpParams['algorithm'] = 'SHA1', digits = 6, period = 30): OtpParams => ({ type: 'totp', algorithm, digits, period, counter: 0 });
export const hotp = (counter: number, algorithm: OtpParams['algorithm'] = 'SHA1', digits = 6): OtpParams => ({ type: 'hotp', algorithm, digits, period: 30, counter });
export const steam = (): OtpParams => ({ type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
export const usable = (issuer: string, name: string, secret: string, otp: OtpParams): ImportEntry => ({ status: 'usable', issuer, name, secret, otp });
export const skipped = (issuer: string, name: string) => ({ status: 'unsupported', issuer, name, reason: expect.any(String) as unknown as string });

/** oathtool's code for a TOTP or HOTP entry (oathtool has no Steam). */
export function oathtoolCode(entry: ImportEntry, unixSeconds: number): string {
  if (entry.status !== 'usable') throw new Error('not usable');
  const { otp, secret } = entry;
  const algo = otp.algorithm.toLowerCase();
  const args =
    otp.type === 'hotp'
      ? ['--hotp', '-b', '-d', String(otp.digits), '-c', String(otp.counter), secret]
      : [`--totp=${algo}`, '-b', '-d', String(otp.digits), '-s', `${otp.period}s`, '-N', `@${unixSeconds}`, secret];
  if (otp.type === 'hotp' && otp.algorithm !== 'SHA1') throw new Error('oathtool HOTP is SHA1 only');
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

/** Every usable TOTP/HOTP-SHA1 entry's code equals oathtool's; returns how many were checked. */
export function expectCodesMatchOathtool(entries: readonly ImportEntry[], unixSeconds = 1_700_000_000): number {
  let checked = 0;
  for (const entry of entries) {
    if (entry.status !== 'usable' || entry.otp.type === 'steam' || (entry.otp.type === 'hotp' && entry.otp.algorithm !== 'SHA1')) continue;
    const ours = codeAt('x', entry.otp, decodeCanonicalKey(entry.secret), unixSeconds * 1000).code;
    expect(ours, `${entry.issuer}/${entry.name}`).toBe(oathtoolCode(entry, unixSeconds));
    checked++;
  }
  return checked;
}

export function aesGcmSeal(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([body, cipher.getAuthTag()]));
}

export function aesCbcSeal(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return new Uint8Array(Buffer.concat([cipher.update(plain), cipher.final()]));
}

export const sha256 = (text: string): Uint8Array => new Uint8Array(createHash('sha256').update(text, 'utf8').digest());
export const random = (length: number): Uint8Array => new Uint8Array(randomBytes(length));
export const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

/** The reference Argon2 command-line tool (Debian's argon2): an independent derivation for the tests' files. */
export function argon2Cli(password: string, salt: Uint8Array, p: { iterations: number; memoryKiB: number; parallelism: number; length?: number }): Uint8Array {
  // The CLI takes the salt as text; the tests use ASCII salts so the bytes are exactly these.
  const saltText = Buffer.from(salt).toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(saltText)) throw new Error('use a printable salt');
  const args = [saltText, '-id', '-t', String(p.iterations), '-k', String(p.memoryKiB), '-p', String(p.parallelism), '-l', String(p.length ?? 32), '-r'];
  const hex = execFileSync('argon2', args, { input: password, encoding: 'utf8' }).trim();
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
