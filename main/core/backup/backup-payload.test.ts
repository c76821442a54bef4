import { describe, expect, it } from 'vitest';
import { Settings } from '../../../shared/settings.js';
import { seededRandom } from '../testing/test-helpers.js';
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

/**
 * The merge as it was first written, quadratic but plain: the reference the linear one must agree with exactly
 * (order, which version of an account, deletions, settings).
 */
function referenceMerge(local: BackupPayload, remote: BackupPayload): BackupPayload {
  const deletedAt = new Map<string, string>();
  for (const d of [...local.deleted, ...remote.deleted]) {
    const known = deletedAt.get(d.id);
    if (!known || d.at > known) deletedAt.set(d.id, d.at);
  }
  const alive = (account: StoredAccount) => {
    const at = deletedAt.get(account.id);
    return at === undefined || account.updatedAt > at;
  };
  const sameAccount = (a: StoredAccount, b: StoredAccount) => {
    const same = (x: string, y: string) => x.trim().toLowerCase() === y.trim().toLowerCase();
    return a.secret !== '' && a.secret === b.secret && same(a.issuer, b.issuer) && same(a.name, b.name);
  };

  const remoteById = new Map(remote.accounts.map((a) => [a.id, a]));
  const merged: StoredAccount[] = local.accounts.map((mine) => {
    const theirs = remoteById.get(mine.id);
    return theirs && theirs.updatedAt > mine.updatedAt ? theirs : mine;
  });
  const isDuplicate = (candidate: StoredAccount) => merged.some((a) => a.id === candidate.id || sameAccount(a, candidate));
  remote.accounts.forEach((theirs, index) => {
    if (isDuplicate(theirs)) return;
    const predecessor = remote.accounts.slice(0, index).reverse().find((p) => merged.some((a) => a.id === p.id));
    const at = predecessor ? merged.findIndex((a) => a.id === predecessor.id) + 1 : 0;
    merged.splice(at, 0, theirs);
  });

  return {
    accounts: merged.filter(alive),
    deleted: [...deletedAt].map(([id, at]) => ({ id, at })),
    settings: local.settings,
  };
}

describe('merging two PCs, against the reference merge', () => {
  /**
   * Two PCs' copies drawn from small pools, so that they collide often: shared ids in any order, the same account
   * added under two ids (issuer and name differing in case and spaces), device-bound accounts without a secret,
   * changes and deletions before, at and after each other, and now and then an id twice in one copy.
   */
  function randomPair(rand: () => number, size: number): { local: BackupPayload; remote: BackupPayload } {
    const int = (below: number) => Math.floor(rand() * below);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
    const pool = Math.max(4, Math.round(size * 1.5));
    const idOf = (n: number) => `id${n.toString(36).padStart(3, '0')}`;
    const secrets = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK', ''];
    const spell = (text: string) => pick([text, text.toUpperCase(), ` ${text}`, `${text.toLowerCase()} `]);
    const side = (theme: Settings['theme']): BackupPayload => {
      const count = int(size + 1);
      const ids = new Set<string>();
      const accounts: StoredAccount[] = [];
      for (let i = 0; i < count; i++) {
        let id = idOf(int(pool));
        if (ids.has(id) && rand() < 0.9) continue; // mostly one id once per copy
        ids.add(id);
        if (rand() < 0.02) id = accounts[int(accounts.length)]?.id ?? id;
        const secret = pick(secrets);
        accounts.push(
          account(id, {
            issuer: spell(pick(['GitHub', 'Google', 'Microsoft'])),
            name: spell(pick(['me', 'alice@example.com'])),
            secret,
            deviceBound: secret === '',
            updatedAt: later(int(6)),
          }),
        );
      }
      const deleted = Array.from({ length: int(Math.ceil(size / 3) + 1) }, () => ({ id: idOf(int(pool)), at: later(int(6)) }));
      return payload(accounts, deleted, theme);
    };
    return { local: side('dark'), remote: side('light') };
  }

  it('gives exactly what the reference gives, over many random pairs', () => {
    const rand = seededRandom(0x3e79e);
    let merged = 0;
    for (let i = 0; i < 3000; i++) {
      const { local, remote } = randomPair(rand, i < 2500 ? 1 + (i % 12) : 40 + (i % 160));
      const expected = referenceMerge(local, remote);
      expect(mergePayloads(local, remote), `pair ${i}`).toStrictEqual(expected);
      merged += expected.accounts.length;
    }
    expect(merged).toBeGreaterThan(10_000); // the pairs were not all trivially empty
  });

  it('gives what the reference gives for two copies of the same long list, each with its own changes', () => {
    const rand = seededRandom(0x10ca1);
    const base = Array.from({ length: 600 }, (_, i) => account(`base${i}`, { secret: 'JBSWY3DPEHPK3PXP', name: `user${i}` }));
    const copy = (tag: string, minutes: number) => {
      const accounts = base
        .filter(() => rand() > 0.02)
        .map((a) => (rand() < 0.05 ? { ...a, issuer: `${a.issuer} ${tag}`, updatedAt: later(minutes + Math.floor(rand() * 5)) } : a));
      for (let i = 0; i < 30; i++) {
        const twin = base[Math.floor(rand() * base.length)]!;
        const added = rand() < 0.3 ? { ...twin, id: `${tag}${i}`, issuer: twin.issuer.toUpperCase() } : account(`${tag}${i}`);
        accounts.splice(Math.floor(rand() * (accounts.length + 1)), 0, added);
      }
      const deleted = base.filter(() => rand() < 0.02).map((a) => ({ id: a.id, at: later(minutes + 2) }));
      return payload(accounts, deleted);
    };
    const local = copy('here', 1);
    const remote = copy('there', 2);
    expect(mergePayloads(local, remote)).toStrictEqual(referenceMerge(local, remote));
    expect(mergePayloads(remote, local)).toStrictEqual(referenceMerge(remote, local));
  });
});
