import { base32nopad } from '@scure/base';
import { invalidInput } from '../../../shared/errors.js';
import { OTP_LIMITS } from '../../../shared/otp.js';

/**
 * Setup keys as people type or paste them: any case, with spaces, dashes or trailing '=' padding.
 * Returns the canonical form (upper case, no separators, no padding) and the key bytes.
 */
export function parseSetupKey(input: string): { canonical: string; bytes: Uint8Array } {
  const compact = input.replace(/[\s-]/g, '');
  // Trailing '=' padding is cut with a loop: the regex /=+$/ backtracks quadratically on a long run of '='
  // that is not at the end (100,000 characters took seconds).
  let end = compact.length;
  while (end > 0 && compact[end - 1] === '=') end--;
  const trimmed = compact.slice(0, end);
  if (trimmed.length === 0) throw invalidInput('secret', 'The setup key is missing.');
  if (trimmed.length > Math.ceil((OTP_LIMITS.maxSecretBytes * 8) / 5)) {
    throw invalidInput('secret', `The setup key is too long (at most ${OTP_LIMITS.maxSecretBytes} bytes).`);
  }
  // Checked before upper-casing: toUpperCase() turns some non-ASCII letters into valid base32 ("ß" -> "SS",
  // "ı" -> "I", "ﬆ" -> "ST"), which silently accepted a different key.
  const bad = trimmed.match(/[^A-Za-z2-7]/);
  if (bad) {
    throw invalidInput('secret', `The setup key is not valid base32: "${bad[0]}" is not allowed (use A-Z and 2-7).`);
  }
  const canonical = trimmed.toUpperCase();
  // A length that leaves 5 or more bits over cannot come from whole bytes. Fewer leftover bits are ignored, as
  // oathtool and Google Authenticator do: services that draw keys as random base32 characters (e.g. 20 or 26 of
  // them) leave them non-zero, and the strict decoder would reject those keys.
  const leftoverBits = (canonical.length * 5) % 8;
  let bytes: Uint8Array;
  try {
    if (leftoverBits >= 5) throw new Error('length');
    bytes = base32nopad.decode(leftoverBits === 0 ? canonical : withZeroPadBits(canonical, leftoverBits));
  } catch {
    throw invalidInput('secret', 'The setup key is not valid base32: its length does not match whole bytes. Check for a missing or extra character.');
  }
  if (bytes.length < OTP_LIMITS.minSecretBytes) {
    throw invalidInput('secret', `The setup key is too short (at least ${Math.ceil((OTP_LIMITS.minSecretBytes * 8) / 5)} characters).`);
  }
  return { canonical: base32nopad.encode(bytes), bytes };
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function withZeroPadBits(key: string, padBits: number): string {
  const last = BASE32_ALPHABET.indexOf(key[key.length - 1]!);
  return key.slice(0, -1) + BASE32_ALPHABET[last & ~((1 << padBits) - 1)];
}

export function decodeCanonicalKey(canonical: string): Uint8Array {
  return base32nopad.decode(canonical);
}
