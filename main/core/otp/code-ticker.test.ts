import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CodeBatch } from '../../../shared/account.js';
import type { OtpParams } from '../../../shared/otp.js';
import { ManualClock } from '../clock.js';
import { StoredAccount } from '../vault/vault-data.js';
import { decodeCanonicalKey } from './base32.js';
import { CodeTicker } from './code-ticker.js';
import { codeAt } from './otp-engine.js';

/** 2023-11-14T22:12:00Z: a multiple of 30, 45, 60 and 180 seconds, so every period starts here. */
const BASE = 1_699_999_920_000;

const totp = (period: number): OtpParams => ({ type: 'totp', algorithm: 'SHA1', digits: 6, period, counter: 0 });
const hotp = (counter: number): OtpParams => ({ type: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter });

function account(id: string, otp: OtpParams, extra: Partial<StoredAccount> = {}): StoredAccount {
  return StoredAccount.parse({
    id,
    issuer: `Issuer ${id}`,
    name: `${id}@example.com`,
    kind: 'other',
    otp,
    secret: 'JBSWY3DPEHPK3PXP',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  });
}

function setup(start: number) {
  const clock = new ManualClock(start);
  const batches: CodeBatch[] = [];
  const ticker = new CodeTicker(clock, (batch) => batches.push(batch));
  return { clock, batches, ticker };
}

function expectBatchesMatchEngine(batches: readonly CodeBatch[], accounts: readonly StoredAccount[]): void {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const batch of batches) {
    for (const view of batch.codes) {
      const a = byId.get(view.id)!;
      expect(view).toEqual(codeAt(a.id, a.otp, decodeCanonicalKey(a.secret), batch.issuedAt));
    }
  }
}

describe('CodeTicker', () => {
  it('publishes at once, then one batch per boundary (90 s with a 30 s account -> 3 more)', () => {
    const { clock, batches, ticker } = setup(BASE + 5_000);
    const accounts = [account('aaaa', totp(30))];
    ticker.setAccounts(accounts);
    expect(batches.map((b) => b.issuedAt)).toEqual([BASE + 5_000]);

    clock.advance(24_999);
    expect(batches).toHaveLength(1);
    clock.advance(90_000 - 24_999);
    expect(batches.map((b) => b.issuedAt)).toEqual([BASE + 5_000, BASE + 30_000, BASE + 60_000, BASE + 90_000]);

    expectBatchesMatchEngine(batches, accounts);
    // Independently: each batch's code is oathtool's at that instant, and each batch is valid until the next one.
    for (const [i, batch] of batches.entries()) {
      const [expected] = execFileSync('/usr/bin/oathtool', ['--totp', '-b', '-N', `@${Math.floor(batch.issuedAt / 1000)}`, 'JBSWY3DPEHPK3PXP'], { encoding: 'utf8' }).split('\n');
      expect(batch.codes).toHaveLength(1);
      expect(batch.codes[0]!.code).toBe(expected);
      if (i > 0) expect(batches[i - 1]!.codes[0]!.validUntil).toBe(batch.issuedAt);
    }
    ticker.stop();
  });

  it('with periods 30 and 60, publishes once per distinct boundary', () => {
    const { clock, batches, ticker } = setup(BASE + 5_000);
    const accounts = [account('thirty', totp(30)), account('sixty', totp(60))];
    ticker.setAccounts(accounts);
    clock.advance(120_000);
    // 60 s boundaries coincide with 30 s ones: no duplicate batch for them.
    expect(batches.map((b) => b.issuedAt - BASE)).toEqual([5_000, 30_000, 60_000, 90_000, 120_000]);
    expectBatchesMatchEngine(batches, accounts);

    const codes = (id: string) => batches.map((b) => b.codes.find((c) => c.id === id)!.code);
    const sixty = codes('sixty');
    // The 60 s code only changes at 60 s and 120 s.
    expect(sixty[1]).toBe(sixty[0]);
    expect(sixty[3]).toBe(sixty[2]);
    expect(sixty[2]).not.toBe(sixty[1]);
    expect(sixty[4]).not.toBe(sixty[3]);
    // The 30 s code changes at every batch after the first.
    const thirty = codes('thirty');
    for (let i = 1; i < thirty.length; i++) expect(thirty[i]).not.toBe(thirty[i - 1]);
    ticker.stop();
  });

  it('with periods 45 and 60, publishes at each of their boundaries', () => {
    const { clock, batches, ticker } = setup(BASE);
    const accounts = [account('fortyfive', totp(45)), account('sixty', totp(60))];
    ticker.setAccounts(accounts);
    clock.advance(180_000);
    expect(batches.map((b) => b.issuedAt - BASE)).toEqual([0, 45_000, 60_000, 90_000, 120_000, 135_000, 180_000]);
    expectBatchesMatchEngine(batches, accounts);
    ticker.stop();
  });

  it('schedules nothing for HOTP-only accounts', () => {
    const { clock, batches, ticker } = setup(BASE + 1_000);
    const accounts = [account('hotp1', hotp(0)), account('hotp2', hotp(7))];
    ticker.setAccounts(accounts);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.codes.map((c) => [c.id, c.code, c.validFrom, c.validUntil])).toEqual([
      ['hotp1', codeAt('hotp1', hotp(0), decodeCanonicalKey('JBSWY3DPEHPK3PXP'), 0).code, null, null],
      ['hotp2', codeAt('hotp2', hotp(7), decodeCanonicalKey('JBSWY3DPEHPK3PXP'), 0).code, null, null],
    ]);
    clock.advance(3_600_000);
    expect(batches).toHaveLength(1);
  });

  it('publishes one empty batch and schedules nothing without accounts', () => {
    const { clock, batches, ticker } = setup(BASE + 1_000);
    ticker.setAccounts([]);
    expect(batches).toEqual([{ issuedAt: BASE + 1_000, codes: [] }]);
    clock.advance(600_000);
    expect(batches).toHaveLength(1);
  });

  it('keeps HOTP codes in every batch of a mixed set', () => {
    const { clock, batches, ticker } = setup(BASE + 10_000);
    const accounts = [account('hotp1', hotp(3)), account('totp1', totp(30))];
    ticker.setAccounts(accounts);
    clock.advance(60_000);
    expect(batches).toHaveLength(3);
    for (const batch of batches) expect(batch.codes.map((c) => c.id)).toEqual(['hotp1', 'totp1']);
    expectBatchesMatchEngine(batches, accounts);
    ticker.stop();
  });

  it('leaves out accounts that need verification', () => {
    const { clock, batches, ticker } = setup(BASE + 5_000);
    const accounts = [
      account('first', totp(30)),
      account('restored', totp(30), { secret: '', deviceBound: true, needsVerification: true, kind: 'workOrSchool' }),
      account('last', totp(60), { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }),
    ];
    ticker.setAccounts(accounts);
    clock.advance(60_000);
    expect(batches).toHaveLength(3);
    for (const batch of batches) expect(batch.codes.map((c) => c.id)).toEqual(['first', 'last']);
    expectBatchesMatchEngine(batches, accounts);
    ticker.stop();
  });

  it('replacing the accounts publishes at once and does not leave the old timer running', () => {
    const { clock, batches, ticker } = setup(BASE + 5_000);
    ticker.setAccounts([account('aaaa', totp(30))]);
    clock.advance(10_000);
    ticker.setAccounts([account('aaaa', totp(30)), account('bbbb', totp(60))]);
    expect(batches.map((b) => [b.issuedAt - BASE, b.codes.length])).toEqual([
      [5_000, 1],
      [15_000, 2],
    ]);
    clock.advance(45_000); // to BASE + 60 s
    expect(batches.map((b) => b.issuedAt - BASE)).toEqual([5_000, 15_000, 30_000, 60_000]);
    ticker.setAccounts([account('hotp', hotp(1))]);
    clock.advance(120_000);
    expect(batches).toHaveLength(5);
  });

  it('stop() cancels the next batch', () => {
    const { clock, batches, ticker } = setup(BASE + 5_000);
    ticker.setAccounts([account('aaaa', totp(30))]);
    clock.advance(30_000);
    expect(batches).toHaveLength(2);
    ticker.stop();
    clock.advance(300_000);
    expect(batches).toHaveLength(2);
  });

  it('batch() reads the clock at the moment it is called', () => {
    const { clock, ticker } = setup(BASE + 5_000);
    const accounts = [account('aaaa', totp(30))];
    ticker.setAccounts(accounts);
    ticker.stop();
    clock.set(BASE + 31_000);
    const batch = ticker.batch();
    expect(batch.issuedAt).toBe(BASE + 31_000);
    expect(batch.codes[0]).toMatchObject({ validFrom: BASE + 30_000, validUntil: BASE + 60_000 });
  });
});
