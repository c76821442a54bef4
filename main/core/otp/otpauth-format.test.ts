import { base32nopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import type { OtpParams } from '../../../shared/otp.js';
import { seededRandom } from '../testing/test-helpers.js';
import { formatOtpauthUri } from './otpauth-format.js';
import { parseOtpauthUri, type AccountDraft } from './otpauth-uri.js';

const KEY = 'JBSWY3DPEHPK3PXP';
const totp: OtpParams = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

const draft = (over: Partial<AccountDraft> = {}): AccountDraft => ({ issuer: 'GitHub', name: 'alice', secret: KEY, otp: totp, ...over });

describe('formatOtpauthUri', () => {
  it('writes the Key Uri Format with every parameter explicit', () => {
    expect(formatOtpauthUri(draft())).toBe('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30');
  });

  it('writes HOTP with its counter and no period', () => {
    const uri = formatOtpauthUri(draft({ otp: { type: 'hotp', algorithm: 'SHA256', digits: 8, period: 30, counter: 42 } }));
    expect(uri).toBe('otpauth://hotp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&counter=42');
  });

  it('writes Steam Guard as otpauth://steam/, which apps without Steam support refuse instead of misreading', () => {
    const uri = formatOtpauthUri(draft({ issuer: 'Steam', otp: { type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 } }));
    expect(uri).toBe('otpauth://steam/Steam:alice?secret=JBSWY3DPEHPK3PXP&issuer=Steam&period=30');
  });

  it('percent-encodes labels and values (spaces, @, colons, non-ASCII, reserved characters)', () => {
    const uri = formatOtpauthUri(draft({ issuer: 'Acme & Co (EU)', name: 'zoë+test@example.com' }));
    expect(uri).toBe(
      'otpauth://totp/Acme%20%26%20Co%20%28EU%29:zo%C3%AB%2Btest%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20%26%20Co%20%28EU%29&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('leaves the label without an issuer when there is none', () => {
    expect(formatOtpauthUri(draft({ issuer: '' }))).toBe('otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30');
  });

  const cases: [string, Partial<AccountDraft>][] = [
    ['plain', {}],
    ['issuer only', { name: '' }],
    ['name only', { issuer: '' }],
    ['name with a colon and no issuer', { issuer: '', name: 'user:1' }],
    ['name with a colon', { name: 'team:alice' }],
    ['issuer with a colon', { issuer: 'Acme:EU', name: 'alice' }],
    ['issuer with a colon and no name', { issuer: 'Acme:EU', name: '' }],
    ['percent signs and plus signs', { issuer: '100% Sure', name: 'a+b%20c' }],
    ['question mark, hash, ampersand, equals', { issuer: 'Q?#&=', name: 'a=b&c#d?' }],
    ['slashes', { issuer: 'A/B', name: 'c/d' }],
    ['non-ASCII and emoji', { issuer: 'Bäckerei Müller', name: '日本語 🙂' }],
    ['long key', { secret: base32nopad.encode(Uint8Array.from({ length: 64 }, (_, i) => i * 7)) }],
    ['SHA512, 8 digits, 60 s', { otp: { type: 'totp', algorithm: 'SHA512', digits: 8, period: 60, counter: 0 } }],
    ['HOTP at counter 0', { otp: { type: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } }],
    ['HOTP at a large counter', { otp: { type: 'hotp', algorithm: 'SHA1', digits: 7, period: 30, counter: Number.MAX_SAFE_INTEGER } }],
    ['Steam', { otp: { type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 } }],
  ];
  for (const [what, over] of cases) {
    it(`round-trips through the parser: ${what}`, () => {
      const account = draft(over);
      expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
    });
  }

  it('round-trips random labels, keys and parameters (seed printed on failure)', () => {
    const seed = 20240611;
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    // No tab or other control character: a name may not hold one (shared/name-characters.ts).
    const alphabet = [...'abcXYZ019 :%+&=?#/@.-_~!*\'()[]äöü日本🙂'];
    const text = () => Array.from({ length: Math.floor(random() * 20) }, () => pick(alphabet)).join('').trim();
    for (let i = 0; i < 500; i++) {
      let issuer = text();
      const name = text();
      if (issuer.length === 0 && name.length === 0) issuer = 'X';
      const bytes = Uint8Array.from({ length: 10 + Math.floor(random() * 60) }, () => Math.floor(random() * 256));
      const type = pick(['totp', 'hotp', 'steam'] as const);
      const otp: OtpParams =
        type === 'steam'
          ? { type, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 }
          : { type, algorithm: pick(['SHA1', 'SHA256', 'SHA512'] as const), digits: pick([6, 7, 8]), period: type === 'hotp' ? 30 : pick([15, 30, 60, 3600]), counter: type === 'hotp' ? Math.floor(random() * 1e9) : 0 };
      const account: AccountDraft = { issuer, name, secret: base32nopad.encode(bytes), otp };
      const uri = formatOtpauthUri(account);
      expect(parseOtpauthUri(uri), `seed ${seed}, case ${i}: ${uri}`).toEqual(account);
    }
  });
});
