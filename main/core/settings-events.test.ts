import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../shared/settings.js';
import { createAppCore, type AppCore } from './app-core.js';
import { ManualClock } from './clock.js';
import { memoryKeyStore } from './keystore/memory-key-store.js';
import { silentLogger } from './logger.js';
import { Vault } from './vault/vault.js';

let core: AppCore | undefined;
afterEach(() => core?.dispose());

async function setup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'settings-events-'));
  const keyStore = memoryKeyStore();
  const clock = new ManualClock(1_700_000_000_000);
  core = createAppCore({ dataDir, keyStore, clock, log: silentLogger });
  const pushed: Settings[] = [];
  core.subscribe((event, payload) => {
    if (event === 'settingsChanged') pushed.push(payload as Settings);
  });
  const call = async <T = unknown>(method: string, request: unknown = {}): Promise<T> => {
    const result = await core!.dispatch(method, request);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
    return result.value as T;
  };
  await call('listAccounts'); // the first snapshot is in
  pushed.length = 0;
  return { dataDir, keyStore, clock, call, pushed };
}

describe('settingsChanged', () => {
  it('is pushed with the saved settings when they change, and not for a change to accounts alone', async () => {
    const { call, pushed } = await setup();
    await call('updateSettings', { theme: 'dark', clipboardClearSeconds: 45 });
    expect(pushed).toEqual([{ theme: 'dark', clipboardClearSeconds: 45, hideCodes: false, trayMaxAccounts: 10, correctClockOffset: false, autoLock: '5m', quickPickerOn: true, quickPickerShortcut: 'CommandOrControl+Alt+A', trayClick: 'openWindow' }]);
    await call('addAccountsFromUri', { uri: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' });
    await call('updateSettings', { theme: 'dark' }); // saved again, but the same
    expect(pushed).toHaveLength(1);
    await call('updateSettings', { hideCodes: true });
    expect(pushed.at(-1)).toMatchObject({ theme: 'dark', hideCodes: true });
    expect(pushed).toHaveLength(2);
  });

  it('is pushed when another process (the command-line tool, another instance) changes them in the vault', async () => {
    const { dataDir, keyStore, clock, pushed } = await setup();
    await new Vault(dataDir, keyStore).update((data) => {
      data.settings = { ...data.settings, theme: 'light', clipboardClearSeconds: 90 };
      return { data, result: null };
    });
    // The core follows the vault file after a short debounce on its clock.
    await vi.waitFor(() => {
      clock.advance(50);
      expect(pushed.at(-1)).toMatchObject({ theme: 'light', clipboardClearSeconds: 90 });
    });
  });
});
