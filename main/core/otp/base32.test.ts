import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { parseSetupKey } from './base32.js';

function secretError(input: string): AppError {
  try {
    parseSetupKey(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('invalidInput');
    expect((error as AppError).field).toBe('secret');
    return error as AppError;
  }
  throw new Error(`expected ${JSON.stringify(input.slice(0, 40))} to be rejected`);
}

describe('parseSetupKey', () => {
  it('accepts keys as people type them', () => {
    // "Hello!" followed by 0xDEADBEEF (RFC 4648 base32 of these bytes is JBSWY3DPEHPK3PXP).
    const bytes = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
    for (const typed of ['JBSWY3DPEHPK3PXP', 'jbswy3dpehpk3pxp', 'jbsw y3dp ehpk 3pxp', 'JBSW-Y3DP-EHPK-3PXP', ' JBSWY3DP\tEHPK3PXP\n', 'JBSWY3DPEHPK3PXP======']) {
      const { canonical, bytes: decoded } = parseSetupKey(typed);
      expect(canonical).toBe('JBSWY3DPEHPK3PXP');
      expect(Array.from(decoded)).toEqual(bytes);
    }
  });

  it('ignores non-zero pad bits like oathtool and Google Authenticator (keys drawn as random characters)', () => {
    // 26 characters = 16 bytes + 2 pad bits; "Z" (25 = 0b11001) leaves the pad bits 01, "Y" (24) zeroes them.
    const { canonical, bytes } = parseSetupKey('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(bytes).toHaveLength(16);
    expect(canonical).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYY');
    expect(Array.from(parseSetupKey('ABCDEFGHIJKLMNOPQRSTUVWXYY').bytes)).toEqual(Array.from(bytes));
    // 20 characters = 12 bytes + 4 pad bits.
    expect(parseSetupKey('JBSWY3DPEHPK3PXPJBS7').bytes).toHaveLength(12);
  });

  it('rejects lengths that cannot be whole bytes', () => {
    // 17, 19 and 22 characters leave 5, 7 and 6 bits over.
    for (const bad of ['JBSWY3DPEHPK3PXPA', 'JBSWY3DPEHPK3PXPAAA', 'JBSWY3DPEHPK3PXPAAAAAA']) expect(secretError(bad).message).toMatch(/length/);
  });

  it('names the character that is not base32', () => {
    for (const bad of ['1', '0', '8', '9', '!', 'é', '=']) {
      expect(secretError(`JBSWY3DP${bad}EHPK3PXP`).message).toContain(`"${bad}"`);
    }
  });

  it('does not let upper-casing turn other letters into base32', () => {
    // "ß".toUpperCase() is "SS", "ı" (dotless i) becomes "I", "ﬆ" becomes "ST": all valid base32 once upper-cased.
    for (const bad of ['ß', 'ı', 'ﬆ']) {
      expect(secretError(`JBSWY3DPEHPK3P${bad}`).message).toContain(`"${bad}"`);
    }
  });

  it('rejects missing, too short and too long keys', () => {
    expect(secretError('').message).toMatch(/missing/);
    expect(secretError(' - = ').message).toMatch(/missing/);
    expect(secretError('JBSWY3DPEHPK3PA').message).toMatch(/too short/); // 9 bytes
    expect(secretError('A'.repeat(208)).message).toMatch(/too long/); // 130 bytes
    expect(parseSetupKey('A'.repeat(205)).bytes).toHaveLength(128);
  });

  it('fails fast on huge inputs, including long runs of padding', () => {
    for (const huge of ['='.repeat(1 << 20) + 'A', '=-'.repeat(1 << 19) + 'A', ' '.repeat(1 << 20), 'A'.repeat(1 << 20), '1'.repeat(1 << 20)]) {
      const started = performance.now();
      secretError(huge);
      expect(performance.now() - started).toBeLessThan(200);
    }
  });
});
