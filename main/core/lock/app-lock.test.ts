import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeBatch } from '../../../shared/account.js';
import type { LockStatus } from '../../../shared/lock.js';
import type { TrayMenu } from '../../../shared/tray.js';
import { createAppCore, type AppCore } from '../app-core.js';
import { memoryClipboard } from '../clipboard/clipboard-port.js';
import { ManualClock } from '../clock.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { silentLogger } from '../logger.js';
import type { QuickUnlockPort } from './quick-unlock.js';
import { keychainSecrets, opensAnyVaultFile } from '../vault/testing/lock-probe.js';
import { Vault } from '../vault/vault.js';

// The app lock in the whole core, on the real OS keychain (run under scripts/with-keyring.sh), at the lock's real
// scrypt cost: every password given costs about half a second.

const PASSWORD = 'correct horse battery staple';
let dataDir: string;
let service: string;
let store: KeyStore;
let core: AppCore | undefined;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'app-lock-'));
  service = `test-${randomBytes(8).toString('hex')}`;
  store = osKeychainKeyStore(service);
});

afterEach(async () => {
  core?.dispose();
  core = undefined;
  for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  await fs.rm(dataDir, { recursive: true, force: true });
});

function start(quickUnlock?: QuickUnlockPort) {
  const clock = new ManualClock(1_700_000_000_000);
  const clipboard = memoryClipboard();
  core = createAppCore({ dataDir, keyStore: osKeychainKeyStore(service), clock, log: silentLogger, clipboard, ...(quickUnlock ? { quickUnlock } : {}) });
  const seen = { codes: [] as CodeBatch[], lock: [] as LockStatus[], tray: [] as TrayMenu[] };
  core.subscribe((event, payload) => {
    if (event === 'codes') seen.codes.push(payload as CodeBatch);
    if (event === 'lockChanged') seen.lock.push(payload as LockStatus);
    if (event === 'trayMenuChanged') seen.tray.push(payload as TrayMenu);
  });
  const c = core;
  const call = async <T = unknown>(method: string, request: unknown = {}): Promise<T> => {
    const result = await c.dispatch(method, request);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
    return result.value as T;
  };
  const kindOf = async (method: string, request: unknown = {}): Promise<string | null> => {
    const result = await c.dispatch(method, request);
    return result.ok ? null : result.error.kind;
  };
  return { clock, clipboard, call, kindOf, seen };
}

async function withAccounts() {
  const app = start();
  await app.call('addAccountsFromUri', { uri: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' });
  await app.call('addAccountsFromUri', { uri: 'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Bank&counter=3' });
  return app;
}

/** Lets the promises the clock's timers started run to their end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const trayLabels = (menu: TrayMenu) => menu.entries.flatMap((entry) => (entry.type === 'item' ? [entry.label] : []));

describe('app lock in the core', () => {
  it('refuses a weak lock password in main, whatever the window showed', async () => {
    const app = await withAccounts();
    expect(await app.kindOf('turnOnAppLock', { password: 'password123' })).toBe('weakPassword');
    expect((await app.call<LockStatus>('getLockStatus')).on).toBe(false);
  });

  it('locked means locked: no key in the keychain, every code, copy, tray and export request answers "locked", the clipboard cleared', async () => {
    const app = await withAccounts();
    const [github] = await app.call<{ id: string }[]>('listAccounts');
    await app.call('turnOnAppLock', { password: PASSWORD });
    await app.call('copyCode', { id: github!.id });
    const copied = app.clipboard.readText();
    expect(copied).toMatch(/^\d{6}$/);

    const status = await app.call<LockStatus>('lockApp');
    expect(status).toMatchObject({ on: true, locked: true });
    expect(app.seen.lock.at(-1)).toMatchObject({ locked: true });
    // Nothing that secret-tool reads from the keychain opens any vault file.
    for (const secret of keychainSecrets(service)) expect(await opensAnyVaultFile(dataDir, secret)).toBe(false);
    // The code we put on the clipboard is gone.
    expect(app.clipboard.readText()).toBe('');
    // The window's last batch is empty, and the ticker stopped: time passing brings no new codes.
    expect(app.seen.codes.at(-1)!.codes).toEqual([]);
    const batches = app.seen.codes.length;
    app.clock.advance(120_000);
    expect(app.seen.codes.length).toBe(batches);

    for (const [method, request] of [
      ['getCodes', {}],
      ['listAccounts', {}],
      ['copyCode', { id: github!.id }],
      ['exportAccount', { id: github!.id }],
      ['nextHotpCode', { id: github!.id }],
      ['chooseTrayItem', { itemId: `account:${github!.id}` }],
      ['addAccountsFromUri', { uri: 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP' }],
    ] as const) {
      expect(await app.kindOf(method, request), method).toBe('locked');
    }
    // The tray shows "Locked" and "Unlock…", no account and no code.
    const menu = await app.call<TrayMenu>('getTrayMenu');
    expect(trayLabels(menu)).toEqual(['Locked', 'Unlock…', 'Quit']);
    expect(JSON.stringify(menu)).not.toMatch(/GitHub|Bank|\d{6}/);
  }, 30_000);

  it('unlocks with the password, brings codes back, and reads a change the command-line tool made while locked only then', async () => {
    const app = await withAccounts();
    await app.call('turnOnAppLock', { password: PASSWORD });
    await app.call('lockApp');
    // Another process (the command-line tool, given the password) adds an account while the app is locked.
    const cli = new Vault(dataDir, osKeychainKeyStore(service));
    await cli.unlock(PASSWORD);
    await cli.update((data) => {
      data.settings = { ...data.settings, theme: 'dark' };
      return { data, result: null };
    });
    app.clock.advance(1000); // the follower's debounce, were it listening
    expect(await app.kindOf('getSettings')).toBe('locked');

    expect(await app.kindOf('unlockApp', { password: 'wrong horse battery staple' })).toBe('wrongPassword');
    expect(await app.call<LockStatus>('unlockApp', { password: PASSWORD })).toMatchObject({ locked: false, failedAttempts: 0 });
    expect((await app.call<{ theme: string }>('getSettings')).theme).toBe('dark');
    const batch = await app.call<CodeBatch>('getCodes');
    expect(batch.codes.map((c) => c.code)).toHaveLength(2);
    expect(trayLabels(await app.call<TrayMenu>('getTrayMenu'))).toContain('Lock');
  }, 30_000);

  it('a restarted app starts locked, and the lock can be changed and turned off with the password only', async () => {
    let app = await withAccounts();
    await app.call('turnOnAppLock', { password: PASSWORD });
    core!.dispose();
    app = start();
    expect(await app.call<LockStatus>('getLockStatus')).toMatchObject({ on: true, locked: true });
    expect(await app.kindOf('listAccounts')).toBe('locked');
    await app.call('unlockApp', { password: PASSWORD });
    expect(await app.call<unknown[]>('listAccounts')).toHaveLength(2);
    expect(await app.kindOf('changeAppLockPassword', { currentPassword: 'nope', password: 'another horse battery staple' })).toBe('wrongPassword');
    expect(await app.kindOf('changeAppLockPassword', { currentPassword: PASSWORD, password: 'abc' })).toBe('weakPassword');
    await app.call('changeAppLockPassword', { currentPassword: PASSWORD, password: 'another horse battery staple' });
    expect(await app.kindOf('turnOffAppLock', { password: PASSWORD })).toBe('wrongPassword');
    expect(await app.call<LockStatus>('turnOffAppLock', { password: 'another horse battery staple' })).toMatchObject({ on: false, locked: false });
    // Lock now with the lock off: a kind of its own, whose message names the setting that turns it on.
    expect(await core!.dispatch('lockApp', {})).toEqual({
      ok: false,
      error: { kind: 'appLockOff', message: 'App lock is off: turn it on in Settings > Security.' },
    });
    expect(await app.kindOf('changeAppLockPassword', { currentPassword: PASSWORD, password: 'a third horse battery staple' })).toBe('appLockOff');
    core!.dispose();
    app = start();
    expect(await app.call<unknown[]>('listAccounts')).toHaveLength(2);
  }, 40_000);

  it('rate-limits wrong passwords after five, with a growing delay measured on the clock, and never wipes anything', async () => {
    const app = await withAccounts();
    await app.call('turnOnAppLock', { password: PASSWORD });
    await app.call('lockApp');
    for (let i = 1; i <= 5; i++) expect(await app.kindOf('unlockApp', { password: `wrong ${i}` })).toBe('wrongPassword');
    const after5 = await app.call<LockStatus>('getLockStatus');
    expect(after5.failedAttempts).toBe(5);
    expect(after5.retryAt).toBe(app.clock.now() + 5_000);
    // Even the right password is not tried before the delay is over.
    expect(await app.kindOf('unlockApp', { password: PASSWORD })).toBe('tooManyAttempts');
    app.clock.advance(5_000);
    expect(await app.kindOf('unlockApp', { password: 'wrong 6' })).toBe('wrongPassword');
    expect((await app.call<LockStatus>('getLockStatus')).retryAt).toBe(app.clock.now() + 10_000);
    app.clock.advance(9_999);
    expect(await app.kindOf('unlockApp', { password: PASSWORD })).toBe('tooManyAttempts');
    app.clock.advance(1);
    expect(await app.call<LockStatus>('unlockApp', { password: PASSWORD })).toMatchObject({ locked: false, failedAttempts: 0, retryAt: null });
    expect(await app.call<unknown[]>('listAccounts')).toHaveLength(2);
  }, 40_000);

  it('the wait is main’s: every window hears when it starts, again when a password is refused for it, and at the instant it is over', async () => {
    const app = await withAccounts();
    await app.call('turnOnAppLock', { password: PASSWORD });
    await app.call('lockApp');
    for (let i = 1; i <= 5; i++) await app.kindOf('unlockApp', { password: `wrong ${i}` });
    const start = app.clock.now();
    expect(app.seen.lock.at(-1)).toMatchObject({ failedAttempts: 5, freeAttemptsLeft: 0, retryAt: start + 5_000, retryInMs: 5_000 });

    // A try during the wait is refused, and the status is said again, with what is left of the wait.
    app.clock.advance(2_000);
    const heard = app.seen.lock.length;
    expect(await app.kindOf('unlockApp', { password: PASSWORD })).toBe('tooManyAttempts');
    expect(app.seen.lock.slice(heard)).toEqual([expect.objectContaining({ retryAt: start + 5_000, retryInMs: 3_000 })]);

    // Nothing more until the wait is over; then, at that instant, a status with no wait (the count stays).
    app.clock.advance(2_999);
    await settle();
    expect(app.seen.lock).toHaveLength(heard + 1);
    app.clock.advance(1);
    await vi.waitFor(() => expect(app.seen.lock).toHaveLength(heard + 2));
    expect(app.seen.lock.at(-1)).toMatchObject({ locked: true, failedAttempts: 5, retryAt: null, retryInMs: null });

    // A success forgets the count, and no timer of an old wait says anything later.
    await app.kindOf('unlockApp', { password: 'wrong 6' });
    expect(app.seen.lock.at(-1)).toMatchObject({ failedAttempts: 6, retryInMs: 10_000 });
    app.clock.advance(10_000);
    await vi.waitFor(() => expect(app.seen.lock.at(-1)).toMatchObject({ failedAttempts: 6, retryAt: null }));
    await app.call('unlockApp', { password: PASSWORD });
    const afterUnlock = app.seen.lock.length;
    app.clock.advance(60_000);
    await settle();
    expect(app.seen.lock).toHaveLength(afterUnlock);
  }, 40_000);

  it('the tray offers Lock once the lock is on, and choosing it locks', async () => {
    const app = await withAccounts();
    expect(trayLabels(await app.call<TrayMenu>('getTrayMenu'))).not.toContain('Lock');
    await app.call('turnOnAppLock', { password: PASSWORD });
    await vi.waitFor(() => expect(trayLabels(app.seen.tray.at(-1)!)).toContain('Lock'));
    await app.call('chooseTrayItem', { itemId: 'lock' });
    expect((await app.call<LockStatus>('getLockStatus')).locked).toBe(true);
    expect(trayLabels(app.seen.tray.at(-1)!)).toEqual(['Locked', 'Unlock…', 'Quit']);
  }, 30_000);

  it('a forgotten password: the locked vault is set aside (kept, renamed, byte for byte) only on request, and the app starts empty with the lock off', async () => {
    const app = await withAccounts();
    await app.call('turnOnAppLock', { password: PASSWORD });
    // One more write under the lock, so that there is a previous generation to set aside too.
    await app.call('addAccountsFromUri', { uri: 'otpauth://totp/Shop:dave?secret=GEZDGNBVGY3TQOJQ&issuer=Shop' });
    core!.dispose();
    const fresh = start();
    // Someone tried and failed, up to the wait: starting over is still possible, and forgets the count.
    for (let i = 1; i <= 6; i++) await fresh.kindOf('unlockApp', { password: `wrong ${i}` });
    expect((await fresh.call<LockStatus>('getLockStatus')).retryAt).not.toBeNull();
    const before = await Promise.all(['vault.json', 'vault.previous.json'].map((name) => fs.readFile(path.join(dataDir, name))));
    const { setAside } = await fresh.call<{ setAside: string[] }>('startOverVault');
    expect(setAside.map((file) => path.basename(file))).toEqual([expect.stringMatching(/^vault\.unreadable-.*\.json$/), expect.stringMatching(/^vault\.previous\.unreadable-.*\.json$/)]);
    expect(await Promise.all(setAside.map((file) => fs.readFile(file)))).toEqual(before);
    expect(await fresh.call<LockStatus>('getLockStatus')).toMatchObject({ on: false, locked: false, failedAttempts: 0, retryAt: null });
    expect(fresh.seen.lock.at(-1)).toMatchObject({ on: false, locked: false });
    expect(await fresh.call<unknown[]>('listAccounts')).toEqual([]);
    // The new vault works at once, without a lock.
    await fresh.call('addAccountsFromUri', { uri: 'otpauth://totp/Mail:carol?secret=GEZDGNBVGY3TQOJQ&issuer=Mail' });
    expect(await fresh.call<unknown[]>('listAccounts')).toHaveLength(1);
    // The set-aside file still opens with the password, should it come back.
    await fs.rename(setAside[0]!, path.join(dataDir, 'vault.json'));
    const vault = new Vault(dataDir, osKeychainKeyStore(service));
    await vault.unlock(PASSWORD);
    expect((await vault.read()).data.accounts).toHaveLength(3);
  }, 30_000);

  it('an unlocked vault is never set aside by "start over"', async () => {
    const app = await withAccounts();
    await app.call('turnOnAppLock', { password: PASSWORD });
    expect(await app.kindOf('startOverVault')).toBe('invalidRequest');
    expect(await app.call<unknown[]>('listAccounts')).toHaveLength(2);
  }, 30_000);

  it('quick unlock (a fake Touch ID): only after a password unlock in this run, only when the OS says yes, never after a restart', async () => {
    let answer = true;
    const touchId: QuickUnlockPort = {
      label: 'Touch ID',
      available: () => true,
      confirm: async () => {
        if (!answer) throw new Error('cancelled');
      },
    };
    await withAccounts();
    core!.dispose();
    let app = start(touchId);
    await app.call('turnOnAppLock', { password: PASSWORD });
    core!.dispose();
    // A restart: no copy is held, so the password is needed.
    app = start(touchId);
    expect(await app.call<LockStatus>('getLockStatus')).toMatchObject({ locked: true, quickUnlock: { label: 'Touch ID', available: true, ready: false } });
    expect(await app.kindOf('quickUnlockApp')).toBe('invalidRequest');
    await app.call('unlockApp', { password: PASSWORD });
    await app.call('lockApp');
    expect((await app.call<LockStatus>('getLockStatus')).quickUnlock).toMatchObject({ ready: true });
    answer = false;
    expect(await app.kindOf('quickUnlockApp')).toBe('notConfirmed');
    expect(await app.kindOf('listAccounts')).toBe('locked');
    answer = true;
    expect(await app.call<LockStatus>('quickUnlockApp')).toMatchObject({ locked: false });
    expect(await app.call<unknown[]>('listAccounts')).toHaveLength(2);
  }, 40_000);

  it('quick unlock where the system has none says "not available on this system"', async () => {
    const app = start({ label: 'polkit', available: () => false, confirm: () => Promise.reject(new Error('no')) });
    await app.call('addAccountsFromUri', { uri: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' });
    await app.call('turnOnAppLock', { password: PASSWORD });
    await app.call('lockApp');
    const result = await core!.dispatch('quickUnlockApp', {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: 'polkit is not available on this system.' } });
  }, 30_000);
});
