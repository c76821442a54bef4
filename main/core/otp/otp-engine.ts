import { createGuardrails } from '@otplib/core';
import { generateSync as hotpSync } from '@otplib/hotp';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync as totpSync } from '@otplib/totp';
import type { CodeView } from '../../../shared/account.js';
import { OTP_LIMITS, type OtpParams } from '../../../shared/otp.js';

// otplib does the RFC 4226/6238 work; Node's own crypto computes the HMAC. We call its per-strategy
// packages directly: the umbrella package's generateSync drops `hooks`, which Steam codes need. Our limits are checked before
// anything reaches here, so the guardrails are widened to exactly those limits.
const crypto = new NodeCryptoPlugin();
const guardrails = createGuardrails({
  MIN_SECRET_BYTES: OTP_LIMITS.minSecretBytes,
  MAX_SECRET_BYTES: OTP_LIMITS.maxSecretBytes,
  MIN_PERIOD: OTP_LIMITS.minPeriod,
  MAX_PERIOD: OTP_LIMITS.maxPeriod,
});

/** Steam Guard: the 31-bit truncated HMAC written in base 26 over this alphabet, least significant first. */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
const steamHooks = {
  encodeToken(truncated: number, digits: number): string {
    let value = truncated;
    let code = '';
    for (let i = 0; i < digits; i++) {
      code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
      value = Math.floor(value / STEAM_ALPHABET.length);
    }
    return code;
  },
};

const ALGORITHMS = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;

/** The code an account shows at `nowMs`, with the window in which it is valid. */
export function codeAt(id: string, otp: OtpParams, secret: Uint8Array, nowMs: number): CodeView {
  const common = { secret, crypto, guardrails, algorithm: ALGORITHMS[otp.algorithm], digits: otp.digits };
  if (otp.type === 'hotp') {
    const next = otp.counter < Number.MAX_SAFE_INTEGER ? hotpSync({ ...common, counter: otp.counter + 1 }) : '';
    return { id, code: hotpSync({ ...common, counter: otp.counter }), validFrom: null, validUntil: null, next };
  }
  const periodMs = otp.period * 1000;
  const validFrom = Math.floor(nowMs / periodMs) * periodMs;
  const at = (epochSeconds: number) =>
    totpSync({ ...common, period: otp.period, epoch: epochSeconds, ...(otp.type === 'steam' ? { hooks: steamHooks } : {}) });
  const validUntil = validFrom + periodMs;
  return { id, code: at(Math.floor(nowMs / 1000)), validFrom, validUntil, next: at(validUntil / 1000) };
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
