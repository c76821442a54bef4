import { createHmac } from 'node:crypto';
import type { CodeView } from '../../../shared/account.js';
import { OTP_LIMITS, type HashAlgorithm, type OtpParams } from '../../../shared/otp.js';

// RFC 4226 (HOTP) and RFC 6238 (TOTP) written out on Node's createHmac: the HMAC of the 8-byte big-endian counter,
// dynamic truncation to 31 bits, then decimal digits (or Steam's alphabet). This is the hot path: the code ticker
// computes every account's current and next code at each period boundary. otplib computed them before and is now
// the reference the tests compare this with (otp-engine.test.ts: random secrets, counters, times, algorithms,
// digits, periods and Steam), beside the RFC vectors and oathtool. Calling otplib cost 2.5 to 4 times the HMAC
// itself (per call it re-validates and re-normalises its options, converts the counter through a BigInt and
// copies the digest); this costs about what the HMAC costs. See "The core benchmark" in the README.

const HMAC_NAMES: Record<HashAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

/** Steam Guard: the 31-bit truncated HMAC written in base 26 over this alphabet, least significant first. */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** The counter's bytes; reused, since a code is computed synchronously from start to end. */
const counterBytes = Buffer.alloc(8);

/** RFC 4226 section 5.3: HMAC over the counter, then the 31 bits at the offset named by the last nibble. */
function truncatedHmac(algorithm: HashAlgorithm, key: Uint8Array, counter: number): number {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('The OTP counter must be a non-negative safe integer.');
  counterBytes.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  counterBytes.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac(HMAC_NAMES[algorithm], key).update(counterBytes).digest();
  return mac.readUInt32BE(mac[mac.length - 1]! & 0x0f) & 0x7fffffff;
}

function decimal(value: number, digits: number): string {
  return String(value % 10 ** digits).padStart(digits, '0');
}

function steamCode(value: number, digits: number): string {
  let code = '';
  for (let i = 0; i < digits; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/** The code an account shows at `nowMs`, with the window in which it is valid. */
export function codeAt(id: string, otp: OtpParams, secret: Uint8Array, nowMs: number): CodeView {
  // The limits are checked before anything reaches here (links, the form, the vault schema); a key outside them
  // (an account restored without its secret) must fail loudly rather than yield a code.
  if (secret.length < OTP_LIMITS.minSecretBytes || secret.length > OTP_LIMITS.maxSecretBytes) {
    throw new RangeError(`The OTP key must be ${OTP_LIMITS.minSecretBytes} to ${OTP_LIMITS.maxSecretBytes} bytes.`);
  }
  const { algorithm, digits } = otp;
  if (otp.type === 'hotp') {
    const code = decimal(truncatedHmac(algorithm, secret, otp.counter), digits);
    const next = otp.counter < Number.MAX_SAFE_INTEGER ? decimal(truncatedHmac(algorithm, secret, otp.counter + 1), digits) : '';
    return { id, code, validFrom: null, validUntil: null, next };
  }
  const periodMs = otp.period * 1000;
  const validFrom = Math.floor(nowMs / periodMs) * periodMs;
  const validUntil = validFrom + periodMs;
  // RFC 6238: T = floor(unix seconds / period), with T0 = 0.
  const step = Math.floor(Math.floor(nowMs / 1000) / otp.period);
  const nextStep = Math.floor(validUntil / 1000 / otp.period);
  const format = otp.type === 'steam' ? steamCode : decimal;
  return {
    id,
    code: format(truncatedHmac(algorithm, secret, step), digits),
    validFrom,
    validUntil,
    next: format(truncatedHmac(algorithm, secret, nextStep), digits),
  };
}

/** When the next code of any of these accounts rolls over, after `nowMs`; null when none is time-based. */
export function nextBoundary(otps: readonly OtpParams[], nowMs: number): number | null {
  let next: number | null = null;
  for (const otp of otps) {
    if (otp.type === 'hotp') continue;
    const periodMs = otp.period * 1000;
    const boundary = (Math.floor(nowMs / periodMs) + 1) * periodMs;
    if (next === null || boundary < next) next = boundary;
  }
  return next;
}
