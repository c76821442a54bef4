import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { decodeCanonicalKey } from '../otp/base32.js';
import { codeAt } from '../otp/otp-engine.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { accountById } from './account-by-id.js';
import { currentCode, hasCodes, requireCodes } from './current-code.js';
import { asDeletions, latestDeletions } from './deletions.js';
import { SameAccountSet, sameAccount } from './same-account.js';

// The accounts domain rules, each once: find by id, the same account, the current code and its guard, the latest
// deletion per id. (Labels and digit groups are in shared/, for the window too.)

const SECRET = 'JBSWY3DPEHPK3PXP';
const OTHER = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function account(id: string, overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id,
    issuer: 'GitHub',
    name: 'alice',
    kind: 'other',
    otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    secret: SECRET,
    deviceBound: false,
    needsVerification: false,
    pinned: false,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** As a restore leaves an account whose secret was tied to the other PC. */
const restoredDeviceBound = (id: string, overrides: Partial<StoredAccount> = {}) =>
  account(id, { kind: 'workOrSchool', issuer: 'Contoso', name: 'bob@contoso.com', deviceBound: true, needsVerification: true, secret: '', ...overrides });

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('accountById', () => {
  it('finds the account, or says that it no longer exists', () => {
    const list = [account('aaaa1'), account('bbbb2')];
    expect(accountById(list, 'bbbb2')).toBe(list[1]);
    expect(thrown(() => accountById(list, 'cccc3'))).toMatchObject({
      kind: 'accountNotFound',
      message: 'That account no longer exists (it may have been removed in another window or by the command-line tool).',
    });
  });
});

describe('sameAccount', () => {
  it('is the same issuer and name, case and surrounding spaces aside, and the same secret', () => {
    expect(sameAccount(account('aaaa1'), account('bbbb2', { issuer: ' GITHUB ', name: 'Alice ' }))).toBe(true);
    expect(sameAccount(account('aaaa1'), account('bbbb2', { secret: OTHER }))).toBe(false);
    expect(sameAccount(account('aaaa1'), account('bbbb2', { name: 'bob' }))).toBe(false);
    expect(sameAccount(account('aaaa1'), account('bbbb2', { issuer: 'GitLab' }))).toBe(false);
  });

  it('compares secrets of different lengths without failing (digests of one length), and a secret with its prefix as different', () => {
    expect(sameAccount(account('aaaa1'), account('bbbb2', { secret: `${SECRET}AAAA` }))).toBe(false);
    expect(sameAccount(account('aaaa1', { secret: OTHER }), account('bbbb2', { secret: OTHER.slice(0, 16) }))).toBe(false);
  });

  it('never holds for an account without its secret, not even against another one', () => {
    expect(sameAccount(account('aaaa1', { secret: '' }), account('bbbb2', { secret: '' }))).toBe(false);
    expect(sameAccount(account('aaaa1'), account('bbbb2', { secret: '' }))).toBe(false);
  });

  it('answers the same through SameAccountSet, for accounts added before or after a question', () => {
    const set = new SameAccountSet([account('aaaa1'), account('bbbb2', { issuer: 'Bank', name: 'me', secret: OTHER }), account('cccc3', { secret: '' })]);
    expect(set.has(account('x', { issuer: 'github', name: ' ALICE' }))).toBe(true);
    expect(set.has(account('x', { issuer: 'Bank', name: 'me' }))).toBe(false);
    expect(set.has(account('x', { secret: '' }))).toBe(false);
    expect(set.has(account('x', { issuer: 'Google', secret: OTHER }))).toBe(false);
    set.add(account('dddd4', { issuer: 'Bank', name: 'me' }));
    expect(set.has(account('x', { issuer: 'BANK', name: 'me' }))).toBe(true);
    // Random pairs agree with the pairwise rule.
    const pool = [account('p1'), account('p2', { secret: OTHER }), account('p3', { name: 'bob' }), account('p4', { secret: '' }), account('p5', { issuer: ' GitHub' })];
    for (const a of pool) for (const b of pool) expect(new SameAccountSet([a]).has(b), `${a.id} ${b.id}`).toBe(sameAccount(a, b));
  });
});

describe('latestDeletions', () => {
  it('keeps one deletion per id, the latest, in the order the ids first appear', () => {
    const latest = latestDeletions([
      { id: 'aaaa1', at: '2024-01-02T00:00:00.000Z' },
      { id: 'bbbb2', at: '2024-01-01T00:00:00.000Z' },
      { id: 'aaaa1', at: '2024-01-03T00:00:00.000Z' },
      { id: 'aaaa1', at: '2024-01-01T00:00:00.000Z' },
    ]);
    expect(latest.get('aaaa1')).toBe('2024-01-03T00:00:00.000Z');
    expect(asDeletions(latest)).toEqual([
      { id: 'aaaa1', at: '2024-01-03T00:00:00.000Z' },
      { id: 'bbbb2', at: '2024-01-01T00:00:00.000Z' },
    ]);
    expect(asDeletions(latestDeletions([]))).toEqual([]);
  });
});

describe('the current code and its guard', () => {
  it('is the OTP engine’s code for an account with its secret', () => {
    const github = account('aaaa1');
    expect(hasCodes(github)).toBe(true);
    expect(currentCode(github, 1_700_000_000_000)).toEqual(codeAt('aaaa1', github.otp, decodeCanonicalKey(SECRET), 1_700_000_000_000));
  });

  it('refuses an account that needs verification (a restored device-bound HOTP or TOTP account), naming it and saying what to do', () => {
    const hotp = restoredDeviceBound('bbbb2', { otp: { type: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter: 3 } });
    const totp = restoredDeviceBound('cccc3', { issuer: 'Microsoft', name: 'alice@outlook.com', kind: 'microsoftPersonal' });
    for (const restored of [hotp, totp]) expect(hasCodes(restored)).toBe(false);
    expect(thrown(() => currentCode(hotp, 0, 'Nothing was copied.'))).toMatchObject({
      kind: 'needsVerification',
      message: 'Contoso, bob@contoso.com needs to be set up again on this device before it has codes (Action required). Nothing was copied.',
    });
    expect(thrown(() => requireCodes(totp))).toMatchObject({
      kind: 'needsVerification',
      message: 'Microsoft, alice@outlook.com needs to be set up again on this device before it has codes (Action required).',
    });
  });

  it('refuses an account without its secret even if it is not marked, rather than computing from an empty key', () => {
    expect(thrown(() => currentCode(account('dddd4', { secret: '' }), 0)).kind).toBe('needsVerification');
    expect(thrown(() => currentCode(account('eeee5', { needsVerification: true }), 0)).kind).toBe('needsVerification');
  });
});
