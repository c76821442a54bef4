import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../shared/account.js';
import type { ImportResult } from '../../../shared/contract.js';
import { BatchProgress, importHeadline, moreToScan } from './import-summary.js';

const account = (i: number): AccountView => ({
  id: `acc${i}000`,
  issuer: 'Example',
  name: `user${i}`,
  kind: 'other',
  otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  deviceBound: false,
  needsVerification: false,
  pinned: false,
});
const result = (n: number, batch: ImportResult['batch']): ImportResult => ({ accounts: Array.from({ length: n }, (_, i) => account(i)), batch });

describe('import summary', () => {
  it('asks for the next QR code of a split export until all are in, whatever the order', () => {
    const progress = new BatchProgress();
    const second = result(4, { index: 1, size: 3, id: 7 });
    let done = progress.record(second.batch!);
    expect(importHeadline(second, done)).toBe('QR 2 of 3: imported 4 accounts. Scan the next QR code.');
    expect(moreToScan(second, done)).toBe(true);
    const third = result(1, { index: 2, size: 3, id: 7 });
    done = progress.record(third.batch!);
    expect(importHeadline(third, done)).toBe('QR 3 of 3: imported 1 account. Scan the next QR code.');
    const first = result(10, { index: 0, size: 3, id: 7 });
    done = progress.record(first.batch!);
    expect(importHeadline(first, done)).toBe('QR 1 of 3: imported 10 accounts. All 3 QR codes of this export are imported.');
    expect(moreToScan(first, done)).toBe(false);
    // Another export counts on its own.
    expect(progress.record({ index: 0, size: 2, id: 8 })).toBe(1);
  });

  it('describes a single-code export and a plain link', () => {
    expect(importHeadline(result(3, { index: 0, size: 1, id: 1 }), 1)).toBe('Imported 3 accounts from the Google Authenticator export.');
    expect(moreToScan(result(3, { index: 0, size: 1, id: 1 }), 1)).toBe(false);
    expect(importHeadline(result(1, null), 0)).toBe('Imported 1 account.');
  });
});
