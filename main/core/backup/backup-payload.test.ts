import { describe, expect, it } from 'vitest';
import { Settings } from '../../../shared/settings.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { decodePayload, encodePayload, mergePayloads, payloadOf, type BackupPayload } from './backup-payload.js';

const T0 = '2026-11-01T10:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function account(id: string, overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id,
    issuer: `Issuer ${id}`,
    name: `${id}@example.com`,
    kind: 'other',
    otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    secret: `JBSWY3DPEHPK3PX${id.toUpperCase().replace(/[^A-Z2-7]/g, 'A').slice(-1)}`,
    deviceBound: false,
    needsVerification: false,
    pinned: false,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function payload(accounts: StoredAccount[], deleted: BackupPayload['deleted'] = [], theme: Settings['theme'] = 'system'): BackupPayload {
  return { accounts, deleted, settings: Settings.parse({ theme }) };
}

const ids = (p: BackupPayload) => p.accounts.map((a) => a.id);

describe('backup payload', () => {
  it('leaves the secrets of device-bound accounts out, and keeps everything else', () => {
    const data = { accounts: [account('idaa'), account('idbb', { deviceBound: true, kind: 'microsoftPersonal' })], deleted: [], settings: Settings.parse({}) };
    const p = payloadOf(data);
    expect(p.accounts[0]?.secret).toBe(data.accounts[0]?.secret);
    expect(p.accounts[1]?.secret).toBe('');
    expect(p.accounts[1]?.deviceBound).toBe(true);
    expect(decodePayload(encodePayload(p))).toEqual(p);
  });

  it('rejects a payload that does not match the schema', () => {
    expect(() => decodePayload(Buffer.from(JSON.stringify({ accounts: [{ id: 'x' }], deleted: [], settings: {} })))).toThrow();
  });
});

describe('merging two PCs', () => {
  it('keeps every account of both, this PC first, the other PC’s after their predecessor', () => {
    const merged = mergePayloads(payload([account('ida1'), account('ida2')]), payload([account('ida1'), account('idb1'), account('ida2'), account('idb2')]));
    expect(ids(merged)).toEqual(['ida1', 'idb1', 'ida2', 'idb2']);
  });

  it('takes the later change of an account both have', () => {
    const mine = account('ida1', { issuer: 'Old', updatedAt: later(1) });
    const theirs = account('ida1', { issuer: 'Renamed there', updatedAt: later(5) });
    expect(mergePayloads(payload([mine]), payload([theirs])).accounts[0]?.issuer).toBe('Renamed there');
    expect(mergePayloads(payload([theirs]), payload([mine])).accounts[0]?.issuer).toBe('Renamed there');
  });

  it('does not bring back an account deleted on either side, unless it changed after the deletion', () => {
    const deletedHere = mergePayloads(payload([account('ida2')], [{ id: 'ida1', at: later(2) }]), payload([account('ida1'), account('ida2')]));
    expect(ids(deletedHere)).toEqual(['ida2']);
    const deletedThere = mergePayloads(payload([account('ida1'), account('ida2')]), payload([account('ida2')], [{ id: 'ida1', at: later(2) }]));
    expect(ids(deletedThere)).toEqual(['ida2']);
    expect(deletedThere.deleted).toEqual([{ id: 'ida1', at: later(2) }]);
    const changedAfter = mergePayloads(payload([account('ida1', { updatedAt: later(3) })]), payload([], [{ id: 'ida1', at: later(2) }]));
    expect(ids(changedAfter)).toEqual(['ida1']);
  });

  it('keeps an account both PCs added separately (same issuer, name and secret) once', () => {
    const mine = account('ida1', { issuer: 'GitHub', name: 'me', secret: 'JBSWY3DPEHPK3PXP' });
    const theirs = account('idb1', { issuer: 'github ', name: 'ME', secret: 'JBSWY3DPEHPK3PXP' });
    expect(ids(mergePayloads(payload([mine]), payload([theirs])))).toEqual(['ida1']);
  });

  it('does not merge device-bound accounts by their (absent) secret', () => {
    const mine = account('ida1', { issuer: 'Microsoft', name: 'me', secret: '', deviceBound: true });
    const theirs = account('idb1', { issuer: 'Microsoft', name: 'me', secret: '', deviceBound: true });
    expect(ids(mergePayloads(payload([mine]), payload([theirs])))).toEqual(['idb1', 'ida1']);
  });

  it('keeps this PC’s settings', () => {
    expect(mergePayloads(payload([], [], 'dark'), payload([], [], 'light')).settings.theme).toBe('dark');
  });

  it('is idempotent: merging the result with either side again changes nothing', () => {
    const mine = payload([account('ida1'), account('ida2', { updatedAt: later(4) })], [{ id: 'idx9', at: later(1) }]);
    const theirs = payload([account('idb1'), account('ida2'), account('idx9')]);
    const once = mergePayloads(mine, theirs);
    expect(mergePayloads(once, theirs)).toEqual(once);
    expect(mergePayloads(mine, once)).toEqual(once);
  });
});
