import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrayMenu } from '../../../shared/tray.js';
import { createAppCore, type AppCore } from '../app-core.js';
import { memoryClipboard } from '../clipboard/clipboard-port.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';
import { codeAt } from '../otp/otp-engine.js';
import { decodeCanonicalKey } from '../otp/base32.js';
import { Vault } from '../vault/vault.js';

const T0 = 1_700_000_000_000;
const SECRET = 'JBSWY3DPEHPK3PXP';
let core: AppCore | undefined;
afterEach(() => core?.dispose());

async function setup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tray-core-'));
  const keyStore = memoryKeyStore();
  const clock = new ManualClock(T0);
  const clipboard = memoryClipboard('before');
  core = createAppCore({ dataDir, keyStore, clock, log: silentLogger, clipboard });
  const menus: TrayMenu[] = [];
  core.subscribe((event, payload) => {
    if (event === 'trayMenuChanged') menus.push(payload as TrayMenu);
  });
  const call = async <T = never>(method: string, request: unknown): Promise<T> => {
    const result = await core!.dispatch(method, request);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
    return result.value as T;
  };
  /** Adds one account from its link; its view. */
  const add = async (uri: string) => (await core!.client.addAccountsFromUri({ uri })).accounts[0]!;
  return { dataDir, keyStore, clock, clipboard, call, add, menus, c: core };
}

const expected = (at: number) => codeAt('x', { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }, decodeCanonicalKey(SECRET), at).code;
const labels = (menu: TrayMenu) => menu.entries.flatMap((e) => (e.type === 'item' ? [e.label] : []));

describe('copyCode, setPinned and the tray through the core', () => {
  it('copies the current code computed in main and clears it on the clock', async () => {
    const { call, add, clipboard, clock } = await setup();
    const { id } = await add(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`);
    expect(await call('copyCode', { id })).toEqual({ clearsAt: T0 + 30_000 });
    expect(clipboard.readText()).toBe(expected(T0));
    clock.advance(30_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(clipboard.readText()).toBe('');
  });

  it('refuses to copy for an account needing verification, and copies nothing', async () => {
    const { call, add, clipboard, dataDir, keyStore } = await setup();
    const { id } = await add(`otpauth://totp/Bank:me?secret=${SECRET}&issuer=Bank`);
    await new Vault(dataDir, keyStore).update((data) => {
      const account = data.accounts.find((a) => a.id === id)!;
      Object.assign(account, { needsVerification: true, secret: '' });
      return { data, result: null };
    });
    await expect(call('copyCode', { id })).rejects.toMatchObject({ kind: 'needsVerification', message: expect.stringMatching(/Bank, me needs to be set up again.*Nothing was copied/) });
    expect(clipboard.readText()).toBe('before');
    expect(labels(await call('getTrayMenu', {}))[0]).toBe('Bank, me – Action required');
    await expect(call('chooseTrayItem', { itemId: `account:${id}` })).rejects.toMatchObject({ kind: 'invalidRequest' });
  });

  it('setPinned persists; the tray menu is pushed only when it changes, and choosing an item copies', async () => {
    const { call, add, clipboard, clock, menus } = await setup();
    const a = await add(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`);
    await add('otpauth://totp/Google:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google');
    expect(await call('setPinned', { id: a.id, pinned: true })).toMatchObject({ id: a.id, pinned: true });
    expect((await call<{ pinned: boolean }[]>('listAccounts', {}))[0]!.pinned).toBe(true);
    await call('updateSettings', { trayMaxAccounts: 1 });
    const menu = menus.at(-1)!;
    expect(labels(menu)).toEqual([`GitHub, alice ${expected(T0).slice(0, 3)} ${expected(T0).slice(3)}`, 'All accounts…', 'Open Authenticator', 'Quit']);

    // No new menu within a period; one at the rollover.
    const count = menus.length;
    clock.advance(5_000);
    expect(menus.length).toBe(count);
    clock.advance(30_000 - ((T0 + 5_000) % 30_000));
    expect(menus.length).toBe(count + 1);
    const now = clock.now();
    expect(labels(menus.at(-1)!)[0]).toBe(`GitHub, alice ${expected(now).slice(0, 3)} ${expected(now).slice(3)}`);

    const choice = await call('chooseTrayItem', { itemId: `account:${a.id}` });
    expect(choice).toEqual({ action: { type: 'copyCode', accountId: a.id }, copied: { notification: 'Code for GitHub, alice copied; clears in 30 s', clearsAt: now + 30_000 } });
    expect(clipboard.readText()).toBe(expected(now));
    expect(await call('chooseTrayItem', { itemId: 'all-accounts' })).toEqual({ action: { type: 'showAllAccounts' }, copied: null });
    await expect(call('chooseTrayItem', { itemId: 'no-such-item' })).rejects.toMatchObject({ kind: 'invalidRequest' });
  });

  it('the tray item and its copy notification shorten a 200-character issuer and name', async () => {
    const { call, add } = await setup();
    const issuer = 'Very long provider name '.repeat(9).trim();
    const { id } = await add(`otpauth://totp/${encodeURIComponent(issuer)}:${'a'.repeat(200)}?secret=${SECRET}&issuer=${encodeURIComponent(issuer)}`);
    const label = labels(await call('getTrayMenu', {}))[0]!;
    expect(label).toBe(`Very long provider name…, ${'a'.repeat(31)}… ${expected(T0).slice(0, 3)} ${expected(T0).slice(3)}`);
    const choice = await call<{ copied: { notification: string } }>('chooseTrayItem', { itemId: `account:${id}` });
    expect(choice.copied.notification).toBe(`Code for Very long provider name…, ${'a'.repeat(31)}… copied; clears in 30 s`);
    // The window still gets the full text.
    expect((await call<{ issuer: string; name: string }[]>('listAccounts', {}))[0]).toMatchObject({ issuer, name: 'a'.repeat(200) });
  });
});
