import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { parseOtpauthUri } from '../otp/otpauth-uri.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { exportAccountSetup } from './export-account.js';

const account = (over: Partial<StoredAccount> = {}): StoredAccount => ({
  id: 'abcdef0123',
  issuer: 'GitHub',
  name: 'alice',
  kind: 'other',
  otp: { type: 'totp', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 },
  secret: 'JBSWY3DPEHPK3PXP',
  deviceBound: false,
  needsVerification: false,
  pinned: false,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  ...over,
});

describe('exportAccountSetup', () => {
  it('gives the setup key and a link that parses back to the same account', () => {
    const setup = exportAccountSetup(account());
    expect(setup.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(parseOtpauthUri(setup.uri)).toEqual({ issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', otp: account().otp });
  });

  it('refuses a device-bound account and says why', () => {
    const error = (() => {
      try {
        exportAccountSetup(account({ kind: 'microsoftPersonal', issuer: 'Microsoft', deviceBound: true }));
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^Microsoft, alice is tied to this device/);
  });

  it('refuses an account that needs verification (restored without its secret)', () => {
    expect(() => exportAccountSetup(account({ needsVerification: true, secret: '' }))).toThrow(/no setup key on this device yet/);
  });
});
