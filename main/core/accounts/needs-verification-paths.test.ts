import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeBatch } from '../../../shared/account.js';
import type { TrayMenu } from '../../../shared/tray.js';
import { createAppCore, type AppCore } from '../app-core.js';
import { memoryClipboard } from '../clipboard/clipboard-port.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';
import { VAULT_FILE, Vault } from '../vault/vault.js';

// The needs-verification guard on every path of the app core that computes a code, for an HOTP account restored
// from a backup without its device-bound secret. (AccountsService and the command-line tool have their own tests.)

const SECRET = 'JBSWY3DPEHPK3PXP';
let core: AppCore | undefined;
afterEach(() => core?.dispose());

async function restoredDeviceBoundHotp() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'needs-verification-'));
  const keyStore = memoryKeyStore();
  const clipboard = memoryClipboard('before');
  core = createAppCore({ dataDir, keyStore, clock: new ManualClock(1_700_000_000_000), log: silentLogger, clipboard });
  const call = async <T = never>(method: string, request: unknown): Promise<T> => {
    const result = await core!.dispatch(method, request);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
    return result.value as T;
  };
  const { id } = await call<{ id: string }>('addAccountManually', {
    kind: 'workOrSchool',
    deviceBound: true,
    issuer: 'Contoso',
    name: 'bob@contoso.com',
    secret: SECRET,
    type: 'hotp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 3,
  });
  // As a restore from a backup leaves it: the device-bound secret stayed on the other PC.
  await new Vault(dataDir, keyStore).update((data) => {
    Object.assign(data.accounts[0]!, { secret: '', needsVerification: true });
    return { data, result: null };
  });
  const vaultBytes = () => readFileSync(path.join(dataDir, VAULT_FILE));
  return { id, call, clipboard, vaultBytes };
}

describe('an account that needs verification has no code on any path', () => {
  it('nextHotpCode refuses with needsVerification, naming the account, and the counter does not move', async () => {
    const { id, call, vaultBytes } = await restoredDeviceBoundHotp();
    await call('listAccounts', {});
    const before = vaultBytes();
    await expect(call('nextHotpCode', { id })).rejects.toMatchObject({
      kind: 'needsVerification',
      message: 'Contoso, bob@contoso.com needs to be set up again on this device before it has codes (Action required). Its counter was not moved.',
    });
    expect(vaultBytes()).toEqual(before);
  });

  it('copyCode refuses, copying nothing; the tray lists it as Action required, without a copy action; no code is pushed', async () => {
    const { id, call, clipboard } = await restoredDeviceBoundHotp();
    await expect(call('copyCode', { id })).rejects.toMatchObject({ kind: 'needsVerification', message: expect.stringMatching(/needs to be set up again on this device.*\(Action required\)/) });
    expect(clipboard.readText()).toBe('before');
    const menu = await call<TrayMenu>('getTrayMenu', {});
    expect(menu.entries[0]).toMatchObject({ id: `account:${id}`, enabled: false, action: null });
    await expect(call('chooseTrayItem', { itemId: `account:${id}` })).rejects.toMatchObject({ kind: 'invalidRequest' });
    expect(clipboard.readText()).toBe('before');
    expect((await call<CodeBatch>('getCodes', {})).codes).toEqual([]);
  });
});
