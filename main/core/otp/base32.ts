import { base32nopad } from '@scure/base';
import { invalidInput } from '../../../shared/errors.js';
import { OTP_LIMITS } from '../../../shared/otp.js';

/**
 * Setup keys as people type or paste them: any case, with spaces, dashes or trailing '=' padding.
 * Returns the canonical form (upper case, no separators, no padding) and the key bytes.
 */
export function parseSetupKey(input: string): { canonical: string; bytes: Uint8Array } {
  const canonical = input.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (canonical.length === 0) throw invalidInput('secret', 'The setup key is missing.');
  if (canonical.length > Math.ceil((OTP_LIMITS.maxSecretBytes * 8) / 5)) {
    throw invalidInput('secret', `The setup key is too long (at most ${OTP_LIMITS.maxSecretBytes} bytes).`);
  }
  const bad = canonical.match(/[^A-Z2-7]/);
  if (bad) {
    throw invalidInput('secret', `The setup key is not valid base32: "${bad[0]}" is not allowed (use A-Z and 2-7).`);
  }
  let bytes: Uint8Array;
  try {
    bytes = base32nopad.decode(canonical);
  } catch {
    throw invalidInput('secret', 'The setup key is not valid base32: its length does not match whole bytes. Check for a missing or extra character.');
  }
  if (bytes.length < OTP_LIMITS.minSecretBytes) {
    throw invalidInput('secret', `The setup key is too short (at least ${Math.ceil((OTP_LIMITS.minSecretBytes * 8) / 5)} characters).`);
  }
  return { canonical: base32nopad.encode(bytes), bytes };
}

export function decodeCanonicalKey(canonical: string): Uint8Array {
  return base32nopad.decode(canonical);
}
