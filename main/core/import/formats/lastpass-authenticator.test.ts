import { describe, expect, it } from 'vitest';
import { bytesOf, expectCodesMatchOathtool, readPlain, skipped, totp, usable } from './common/test-support.js';
import { lastPassAuthenticatorFormat } from './lastpass-authenticator.js';
import { lastPassSample } from './samples/lastpass-authenticator.js';

describe('LastPass Authenticator', () => {
  it('reads the export entry by entry; a push-only account is listed as not imported', () => {
    const entries = readPlain(lastPassAuthenticatorFormat, bytesOf(lastPassSample));
    expect(entries).toEqual([
      usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()),
      usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp('SHA256', 7, 45)),
      usable('', 'no-issuer@example.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA512', 8, 60)),
      skipped('LastPass', 'me@example.com'),
      usable('Later', 'ok', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', totp()),
    ]);
    expect(entries[3]).toMatchObject({ reason: expect.stringMatching(/push/) });
    expect(expectCodesMatchOathtool(entries)).toBe(4);
  });
});
