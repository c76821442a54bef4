import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualAccountInput } from '../../../shared/account.js';
import { classifyEntries } from '../import/classify-entries.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { appErrorOf } from '../testing/test-helpers.js';
import { VAULT_FILE, Vault } from '../vault/vault.js';
import { AccountsService } from './accounts-service.js';
import { currentCode } from './current-code.js';

// The "same name, other key" rule (same-name.ts) through every way an account comes in. Key store in memory, vault
// files real; codes checked against oathtool.

const OLD_KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NEW_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const OTHER_KEY = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

const link = (issuer: string, name: string, secret: string) => `otpauth://totp/${issuer}:${name}?secret=${secret}&issuer=${issuer}`;
const oathtool = (secret: string, at: number) => execFileSync('oathtool', ['--totp', '-b', '-N', `@${at}`, secret], { encoding: 'utf8' }).trim();

let dataDir: string;
let service: AccountsService;
const vaultBytes = () => fs.readFile(path.join(dataDir, VAULT_FILE));

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'same-name-test-'));
  service = new AccountsService(new Vault(dataDir, memoryKeyStore()));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The code each stored account shows at `at`, by id. */
async function codesAt(at: number): Promise<Record<string, string>> {
  return Object.fromEntries((await service.storedAccounts()).map((a) => [a.id, currentCode(a, at * 1000).code]));
}

describe('a new account named like one here, with another key', () => {
  it('is refused without a choice, by link, QR code and the manual form, and nothing is written', async () => {
    const old = await service.addFromUri(link('GitHub', 'alice', OLD_KEY));
    const before = await vaultBytes();
    const manual: ManualAccountInput = { kind: 'other', issuer: ' github ', name: 'ALICE', secret: NEW_KEY, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
    // Each attempt starts only when the one before has been refused: started together, a refusal not yet awaited
    // would be an unhandled rejection.
    const attempts = [() => service.addFromUri(link('GitHub', 'alice', NEW_KEY)), () => service.addFromAnyUri(link('GitHub', 'alice', NEW_KEY)), () => service.addManually(manual)];
    for (const attempt of attempts) {
      const error = await appErrorOf(attempt());
      expect(error.kind).toBe('sameNameAccount');
      expect(error.message).toContain('You already have GitHub, alice. This is a different setup key');
    }
    expect(await vaultBytes()).toEqual(before);
    expect((await service.list()).map((a) => a.id)).toEqual([old.id]);
  });

  it('is refused for a batch of links as a whole, and for two such links within the batch', async () => {
    await service.addFromUri(link('GitHub', 'alice', OLD_KEY));
    const before = await vaultBytes();
    expect((await appErrorOf(service.addManyFromUris([link('Other', 'bob', OTHER_KEY), link('GitHub', 'alice', NEW_KEY)]))).kind).toBe('sameNameAccount');
    expect((await appErrorOf(service.addManyFromUris([link('Shop', 'bob', NEW_KEY), link('Shop', 'bob', OTHER_KEY)]))).kind).toBe('sameNameAccount');
    expect(await vaultBytes()).toEqual(before);
  });

  it('"add a second account" keeps both, each with its own codes', async () => {
    const old = await service.addFromUri(link('GitHub', 'alice', OLD_KEY));
    const second = await service.addFromUri(link('GitHub', 'alice', NEW_KEY), { ifSameName: 'addSecond' });
    expect(second.id).not.toBe(old.id);
    const codes = await codesAt(1_700_000_000);
    expect(codes[old.id]).toBe(oathtool(OLD_KEY, 1_700_000_000));
    expect(codes[second.id]).toBe(oathtool(NEW_KEY, 1_700_000_000));
  });

  it('"replace" puts the new key in the old account: same id, place and pin, its codes from the new key', async () => {
    await service.addFromUri(link('First', 'x', OTHER_KEY));
    const old = await service.addFromUri(link('GitHub', 'alice', OLD_KEY));
    await service.addFromUri(link('Last', 'y', OTHER_KEY));
    await service.setPinned(old.id, true);
    const manual: ManualAccountInput = { kind: 'other', issuer: 'GitHub', name: 'alice', secret: NEW_KEY, type: 'totp', algorithm: 'SHA256', digits: 8, period: 30, counter: 0, ifSameName: 'replace' };
    const replaced = await service.addManually(manual);
    expect(replaced).toMatchObject({ id: old.id, pinned: true, otp: { algorithm: 'SHA256', digits: 8 } });
    expect((await service.list()).map((a) => a.id)[1]).toBe(old.id);
    expect(await service.list()).toHaveLength(3);
    const at = 1_234_567_890;
    const expected = execFileSync('oathtool', ['--totp=sha256', '--digits=8', '-b', '-N', `@${at}`, NEW_KEY], { encoding: 'utf8' }).trim();
    expect((await codesAt(at))[old.id]).toBe(expected);
  });

  it('"replace" is refused when two accounts here have that name, and with none it just adds', async () => {
    await service.addFromUri(link('GitHub', 'alice', OLD_KEY));
    await service.addFromUri(link('GitHub', 'alice', OTHER_KEY), { ifSameName: 'addSecond' });
    const before = await vaultBytes();
    const error = await appErrorOf(service.addFromAnyUri(link('GitHub', 'alice', NEW_KEY), 'replace'));
    expect(error.kind).toBe('ambiguousAccount');
    expect(await vaultBytes()).toEqual(before);
    const added = await service.addFromAnyUri(link('Fresh', 'carol', NEW_KEY), 'replace');
    expect(added.accounts.map((a) => a.name)).toEqual(['carol']);
    expect(await service.list()).toHaveLength(3);
  });

  it('the same account (same key too) is still a duplicate, whatever the choice', async () => {
    await service.addFromUri(link('GitHub', 'alice', OLD_KEY));
    for (const ifSameName of ['addSecond', 'replace'] as const) {
      expect((await appErrorOf(service.addFromUri(link('GitHub', 'alice', OLD_KEY), { ifSameName }))).kind).toBe('duplicateAccount');
    }
  });

  it('an import shows such an entry as sameName with its reason, and imports it beside the old one only when ticked', async () => {
    await service.addFromUri(link('GitHub', 'alice', OLD_KEY));
    const entry = (issuer: string, name: string, secret: string) => ({ status: 'usable' as const, issuer, name, secret, otp: { type: 'totp' as const, algorithm: 'SHA1' as const, digits: 6, period: 30, counter: 0 } });
    const classified = classifyEntries(
      [entry('GitHub', 'alice', NEW_KEY), entry('GitHub', 'alice', OLD_KEY), entry('Shop', 'bob', NEW_KEY), entry('shop', 'BOB', OTHER_KEY)],
      await service.storedAccounts(),
    );
    expect(classified.map((c) => c.view.status)).toEqual(['sameName', 'duplicate', 'new', 'sameName']);
    expect(classified[0]!.view.reason).toMatch(/already have an account with this name and a different setup key/);
    expect(classified[3]!.view.reason).toMatch(/earlier entry of this file/);
    const { added } = await service.addImported([classified[0]!.draft!]);
    expect(added.map((a) => a.name)).toEqual(['alice']);
    expect(await service.list()).toHaveLength(2);
  });
});
