import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockStatus } from '../../../shared/lock.js';
import { createAppCore, type AppCore, type CoreDeps } from '../app-core.js';
import { ManualClock } from '../clock.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { silentLogger } from '../logger.js';
import type { LockTrigger } from './auto-lock.js';

// Auto-lock through the whole core on the real keychain (scripts/with-keyring.sh), time moved with a ManualClock.

const PASSWORD = 'correct horse battery staple';
let dataDir: string;
let service: string;
let store: KeyStore;
let core: AppCore | undefined;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'auto-lock-'));
  service = `test-${randomBytes(8).toString('hex')}`;
  store = osKeychainKeyStore(service);
});

afterEach(async () => {
  core?.dispose();
  core = undefined;
  for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function startLocked(deps: Partial<CoreDeps> = {}, autoLock?: string) {
  const clock = new ManualClock(1_700_000_000_000);
  core = createAppCore({ dataDir, keyStore: osKeychainKeyStore(service), clock, log: silentLogger, ...deps });
  const c = core;
  const call = async <T = unknown>(method: string, request: unknown = {}): Promise<T> => {
    const result = await c.dispatch(method, request);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
    return result.value as T;
  };
  await call('addAccountsFromUri', { uri: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub' });
  if (autoLock) await call('updateSettings', { autoLock });
  await call('turnOnAppLock', { password: PASSWORD });
  const locked = async () => (await call<LockStatus>('getLockStatus')).locked;
  return { clock, call, locked };
}

describe('auto-lock', () => {
  it('locks after the chosen minutes without input in the page (the harness: no system idle time)', async () => {
    const { clock, call, locked } = await startLocked({}, '5m');
    clock.advance(4 * 60_000);
    await call('noteActivity');
    clock.advance(4 * 60_000 + 50_000); // 8 min 50 s in, 4 min 50 s since the input
    expect(await locked()).toBe(false);
    clock.advance(20_000);
    await vi.waitFor(async () => expect(await locked()).toBe(true));
    // Unlocking counts as input: it does not lock again at once.
    await call('unlockApp', { password: PASSWORD });
    clock.advance(60_000);
    expect(await locked()).toBe(false);
  }, 30_000);

  it('uses the system idle time where the host has it, and "never" never locks by idle time', async () => {
    let idle = 0;
    const { clock, call, locked } = await startLocked({ idleTime: () => idle }, '1m');
    clock.advance(10 * 60_000); // the page saw nothing, but the system had input all along
    expect(await locked()).toBe(false);
    idle = 61_000;
    clock.advance(10_000);
    await vi.waitFor(async () => expect(await locked()).toBe(true));
    await call('unlockApp', { password: PASSWORD });
    await call('updateSettings', { autoLock: 'never' });
    clock.advance(120 * 60_000);
    expect(await locked()).toBe(false);
  }, 30_000);

  it('locks when the screen locks and on suspend, whatever the idle setting; on minimise only when so chosen', async () => {
    let fire: (trigger: LockTrigger) => void = () => undefined;
    const { call, locked } = await startLocked({ lockTriggers: (listener) => ((fire = listener), () => undefined) }, 'never');
    fire('windowHidden');
    expect(await locked()).toBe(false);
    fire('screenLocked');
    await vi.waitFor(async () => expect(await locked()).toBe(true));
    await call('unlockApp', { password: PASSWORD });
    fire('suspend');
    await vi.waitFor(async () => expect(await locked()).toBe(true));
    await call('unlockApp', { password: PASSWORD });
    await call('updateSettings', { autoLock: 'onMinimise' });
    fire('windowHidden');
    await vi.waitFor(async () => expect(await locked()).toBe(true));
  }, 40_000);

  it('does nothing while the lock is off', async () => {
    let fire: (trigger: LockTrigger) => void = () => undefined;
    const { clock, call, locked } = await startLocked({ lockTriggers: (listener) => ((fire = listener), () => undefined) }, '1m');
    await call('turnOffAppLock', { password: PASSWORD });
    fire('screenLocked');
    clock.advance(60 * 60_000);
    expect(await locked()).toBe(false);
    expect((await call<LockStatus>('getLockStatus')).on).toBe(false);
  }, 30_000);
});
