import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsService } from '../accounts/accounts-service.js';
import { decodeCanonicalKey } from '../otp/base32.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { appErrorOf } from '../testing/test-helpers.js';
import { VAULT_FILE, Vault } from '../vault/vault.js';
import { MigrationPayload } from './google-migration.js';

// AccountsService.addFromAnyUri: the path a scanned QR code takes. Key store in memory, vault files real.

const key = (seed: number) => Uint8Array.from({ length: 20 }, (_, i) => (seed * 31 + i * 7) & 0xff);

interface Entry {
  name: string;
  issuer?: string;
  secret?: Uint8Array;
  algorithm?: number;
  type?: number;
  counter?: number;
}

const exportLink = (entries: Entry[], batch = { batchSize: 1, batchIndex: 0 }) => {
  const bytes = MigrationPayload.encode(
    MigrationPayload.fromObject({
      otpParameters: entries.map((e, i) => ({ secret: key(i), issuer: 'Example', algorithm: 1, digits: 1, type: 2, ...e })),
      version: 1,
      ...batch,
      batchId: 1,
    }),
  ).finish();
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
};

let dataDir: string;
let service: AccountsService;
const vaultBytes = () => fs.readFile(path.join(dataDir, VAULT_FILE)).catch(() => null);
const labels = async () => (await service.list()).map((a) => `${a.issuer}:${a.name}`);

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'import-test-'));
  service = new AccountsService(new Vault(dataDir, memoryKeyStore()));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('addFromAnyUri', () => {
  it('adds one account from an otpauth:// link', async () => {
    const { accounts: added, batch } = await service.addFromAnyUri('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example');
    expect(batch).toBeNull();
    expect(added).toEqual([expect.objectContaining({ issuer: 'Example', name: 'alice', otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } })]);
    expect(added[0]).not.toHaveProperty('secret');
    expect(await labels()).toEqual(['Example:alice']);
  });

  it('adds every account of an export, in order, with their secrets', async () => {
    const { accounts: added, batch } = await service.addFromAnyUri(exportLink([{ name: 'Example:alice' }, { name: 'bob', issuer: 'GitHub', algorithm: 3 }, { name: 'carol', type: 1, counter: 5 }]));
    expect(batch).toEqual({ index: 0, size: 1, id: 1 });
    expect(added.map((a) => [a.issuer, a.name, a.otp.type, a.otp.algorithm, a.otp.counter])).toEqual([
      ['Example', 'alice', 'totp', 'SHA1', 0],
      ['GitHub', 'bob', 'totp', 'SHA512', 0],
      ['Example', 'carol', 'hotp', 'SHA1', 5],
    ]);
    const stored = await service.storedAccounts();
    expect(stored.map((a) => [...decodeCanonicalKey(a.secret)])).toEqual([[...key(0)], [...key(1)], [...key(2)]]);
  });

  it('says which QR code of a split export was added', async () => {
    const second = await service.addFromAnyUri(exportLink([{ name: 'alice' }, { name: 'bob' }], { batchSize: 3, batchIndex: 1 }));
    expect(second.batch).toEqual({ index: 1, size: 3, id: 1 });
    expect(second.accounts).toHaveLength(2);
    // An export written without batch fields (older versions) counts as a single QR code.
    const single = await service.addFromAnyUri(exportLink([{ name: 'carol', secret: key(7) }], { batchSize: 0, batchIndex: 0 }));
    expect(single.batch).toEqual({ index: 0, size: 1, id: 1 });
  });

  it('adds nothing when one entry is bad, and says which', async () => {
    await service.addFromAnyUri('otpauth://totp/First?secret=JBSWY3DPEHPK3PXP');
    const before = await vaultBytes();
    const error = await appErrorOf(service.addFromAnyUri(exportLink([{ name: 'a' }, { name: 'b' }, { name: 'c', algorithm: 4 }])));
    expect(error).toMatchObject({ kind: 'invalidInput', field: 'uri' });
    expect(error.message).toMatch(/^Account 3 of 3 \(Example, c\): It uses the MD5 algorithm/);
    expect(await vaultBytes()).toEqual(before);
    expect(await labels()).toEqual([':First']);
  });

  it('adds nothing when one entry is already there (same issuer, name and secret)', async () => {
    await service.addFromAnyUri(exportLink([{ name: 'alice' }]));
    const before = await vaultBytes();
    const error = await appErrorOf(service.addFromAnyUri(exportLink([{ name: 'alice' }, { name: 'bob' }])));
    expect(error.kind).toBe('duplicateAccount');
    expect(error.message).toContain('Example, alice is already in your accounts');
    expect(await vaultBytes()).toEqual(before);
    expect(await labels()).toEqual(['Example:alice']);
  });

  it('adds nothing when the export holds the same account twice', async () => {
    const error = await appErrorOf(service.addFromAnyUri(exportLink([{ name: 'alice', secret: key(9) }, { name: 'alice', secret: key(9) }])));
    expect(error.kind).toBe('duplicateAccount');
    expect(await labels()).toEqual([]);
  });

  it('refuses what is neither kind of link', async () => {
    const error = await appErrorOf(service.addFromAnyUri('https://example.com/'));
    expect(error).toMatchObject({ kind: 'invalidInput', field: 'uri' });
    expect(await labels()).toEqual([]);
  });
});
