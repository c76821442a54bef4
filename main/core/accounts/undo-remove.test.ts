import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { AccountView } from '../../../shared/account.js';
import { createAppCore, type AppCore } from '../app-core.js';
import { mergePayloads, payloadOf } from '../backup/backup-payload.js';
import { ManualClock } from '../clock.js';
import type { KeyStore } from '../keystore/key-store.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';
import { Vault } from '../vault/vault.js';

// Undo of a delete, through the contract as the window uses it: main keeps the removed account for a short time and
// puts it back whole (id, secret, place) in one vault write; the page only ever holds a token.

const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK'];
const LINKS = ['GitHub', 'Google', 'Dropbox'].map((issuer, i) => `otpauth://totp/${issuer}:alice?secret=${SECRETS[i]}&issuer=${issuer}`);

let core: AppCore | undefined;
afterEach(() => core?.dispose());

interface Setup {
  core: AppCore;
  clock: ManualClock;
  dataDir: string;
  keys: KeyStore;
  accounts: AccountView[];
}

async function threeAccounts(): Promise<Setup> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'undo-remove-'));
  const keys = memoryKeyStore();
  const clock = new ManualClock(1_700_000_000_000);
  core = createAppCore({ dataDir, keyStore: keys, clock, log: silentLogger });
  const accounts: AccountView[] = [];
  for (const uri of LINKS) accounts.push((await core.client.addAccountsFromUri({ uri })).accounts[0]!);
  return { core, clock, dataDir, keys, accounts };
}

function ok(result: { ok: true; value: unknown } | { ok: false; error: unknown }): unknown {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const onDisk = async ({ dataDir, keys }: Setup) => (await new Vault(dataDir, keys).read()).data;

describe('undoRemoveAccount', () => {
  test('puts the account back with its id, secret and place in one write, and drops its deletion record', async () => {
    const setup = await threeAccounts();
    const [, google] = setup.accounts;
    const before = await onDisk(setup);

    const removed = await setup.core.dispatch('removeAccount', { id: google!.id });
    const { undoToken, undoUntil } = ok(removed) as { undoToken: string; undoUntil: number };
    expect(undoToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(undoUntil).toBe(1_700_000_000_000 + 10_000);
    expect(JSON.stringify(removed)).not.toContain(SECRETS[1]); // the page holds a token, never the secret
    const during = await onDisk(setup);
    expect(during.accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Dropbox']);
    expect(during.deleted).toEqual([{ id: google!.id, at: expect.any(String) }]);

    setup.clock.advance(9_000);
    const generation = (await new Vault(setup.dataDir, setup.keys).read()).generation;
    const undone = await setup.core.dispatch('undoRemoveAccount', { token: undoToken });
    expect(ok(undone)).toEqual(google);
    expect(JSON.stringify(undone)).not.toContain(SECRETS[1]);

    const after = await new Vault(setup.dataDir, setup.keys).read();
    expect(after.generation).toBe(generation + 1); // one write
    expect(after.data.accounts.map((a) => a.id)).toEqual(before.accounts.map((a) => a.id));
    const restored = after.data.accounts[1]!;
    const original = before.accounts[1]!;
    expect({ ...restored, updatedAt: original.updatedAt }).toEqual(original);
    expect(restored.secret).toBe(SECRETS[1]);
    expect(after.data.deleted).toEqual([]);
    // The undo is the latest change to the account, later than the deletion another PC may already have merged.
    expect(restored.updatedAt > during.deleted[0]!.at).toBe(true);
    expect(ok(await setup.core.dispatch('listAccounts', {}))).toEqual(setup.accounts);
  });

  test('the backup after an undo keeps the account, even merged with a backup made while it was deleted', async () => {
    const setup = await threeAccounts();
    const google = setup.accounts[1]!;
    const { undoToken } = ok(await setup.core.dispatch('removeAccount', { id: google.id })) as { undoToken: string };
    const uploadedMeanwhile = payloadOf(await onDisk(setup)); // a backup made within the undo window
    setup.clock.advance(1_000);
    ok(await setup.core.dispatch('undoRemoveAccount', { token: undoToken }));

    const payload = payloadOf(await onDisk(setup));
    expect(payload.accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google', 'Dropbox']);
    expect(payload.deleted).toEqual([]);
    // Another PC that took the deletion merges this PC's payload (and this PC merges the cloud copy): it stays.
    expect(mergePayloads(payload, uploadedMeanwhile).accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google', 'Dropbox']);
    expect(mergePayloads(uploadedMeanwhile, payload).accounts.map((a) => a.id)).toContain(google.id);
  });

  test('after the undo window it is too late: refused with its kind, the vault unchanged', async () => {
    const setup = await threeAccounts();
    const { undoToken } = ok(await setup.core.dispatch('removeAccount', { id: setup.accounts[0]!.id })) as { undoToken: string };
    setup.clock.advance(10_000);
    const vault = await new Vault(setup.dataDir, setup.keys).read();
    const late = await setup.core.dispatch('undoRemoveAccount', { token: undoToken });
    expect(late).toMatchObject({ ok: false, error: { kind: 'undoExpired', message: expect.stringMatching(/too late/i) } });
    const after = await new Vault(setup.dataDir, setup.keys).read();
    expect(after.generation).toBe(vault.generation);
    expect(after.data.accounts.map((a) => a.issuer)).toEqual(['Google', 'Dropbox']);
  });

  test('a token works once; an unknown token is too late; a malformed one never reaches the handler', async () => {
    const setup = await threeAccounts();
    const { undoToken } = ok(await setup.core.dispatch('removeAccount', { id: setup.accounts[2]!.id })) as { undoToken: string };
    ok(await setup.core.dispatch('undoRemoveAccount', { token: undoToken }));
    expect(await setup.core.dispatch('undoRemoveAccount', { token: undoToken })).toMatchObject({ ok: false, error: { kind: 'undoExpired' } });
    expect(await setup.core.dispatch('undoRemoveAccount', { token: 'A'.repeat(22) })).toMatchObject({ ok: false, error: { kind: 'undoExpired' } });
    expect(await setup.core.dispatch('undoRemoveAccount', { token: '../x' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect((ok(await setup.core.dispatch('listAccounts', {})) as AccountView[]).map((a) => a.issuer)).toEqual(['GitHub', 'Google', 'Dropbox']);
  });

  test('two deletes undone in reverse order come back in their places', async () => {
    const setup = await threeAccounts();
    const [github, google] = setup.accounts;
    const first = ok(await setup.core.dispatch('removeAccount', { id: github!.id })) as { undoToken: string };
    const second = ok(await setup.core.dispatch('removeAccount', { id: google!.id })) as { undoToken: string };
    ok(await setup.core.dispatch('undoRemoveAccount', { token: second.undoToken }));
    ok(await setup.core.dispatch('undoRemoveAccount', { token: first.undoToken }));
    expect((ok(await setup.core.dispatch('listAccounts', {})) as AccountView[]).map((a) => a.issuer)).toEqual(['GitHub', 'Google', 'Dropbox']);
  });

  test('an account added again meanwhile (same issuer, name and key) is not duplicated by the undo', async () => {
    const setup = await threeAccounts();
    const { undoToken } = ok(await setup.core.dispatch('removeAccount', { id: setup.accounts[0]!.id })) as { undoToken: string };
    await setup.core.client.addAccountsFromUri({ uri: LINKS[0]! });
    expect(await setup.core.dispatch('undoRemoveAccount', { token: undoToken })).toMatchObject({ ok: false, error: { kind: 'duplicateAccount' } });
    expect((ok(await setup.core.dispatch('listAccounts', {})) as AccountView[]).map((a) => a.issuer)).toEqual(['Google', 'Dropbox', 'GitHub']);
  });
});
