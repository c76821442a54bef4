import { describe, expect, it } from 'vitest';
import { bytesOf, expectCodesMatchOathtool, hotp, readPlain, skipped, totp, usable } from './common/test-support.js';
import { freeOtpPlusFormat } from './freeotp-plus.js';
import { freeOtpPlusSample } from './samples/freeotp-plus.js';

describe('FreeOTP+', () => {
  it('reads the export entry by entry (signed byte keys, HOTP counter, SHA-256/512, odd periods)', () => {
    const entries = readPlain(freeOtpPlusFormat, bytesOf(freeOtpPlusSample));
    // Base32 of these keys as Python's base64.b32encode gives it, padding removed.
    expect(entries).toEqual([
      usable('Google', 'alice@example.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp()),
      usable('Bank', 'counter', '32W353YAAGAP67YQEAYEAUDAOCIKBMGA', hotp(7, 'SHA1', 8)),
      usable('', 'Zoë', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', totp('SHA256', 7, 45)),
      usable('Wide', 'long', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA', totp('SHA512', 8, 60)),
      skipped('Tiny', 'key'),
      skipped('Odd', 'type'),
    ]);
    expect(expectCodesMatchOathtool(entries)).toBe(4);
  });

  it('is not detected from other JSON objects', () => {
    for (const text of ['{"tokens":"x"}', '{"tokens":[{"secret":"ABC"}]}', '{}']) expect(freeOtpPlusFormat.detect(bytesOf(text), text)).toBe(false);
  });
});
