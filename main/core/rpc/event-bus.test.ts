import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { createAppCore, type AppCore } from '../app-core.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { EventBus } from './event-bus.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const view = { id: 'abcdef0123', issuer: 'GitHub', name: 'alice', kind: 'other', deviceBound: false, needsVerification: false, pinned: false,
  otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } } as const;

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { ...silentLogger, errors, error: (message: string) => errors.push(message) };
}

describe('the event bus', () => {
  it('strips a field the contract does not name before any subscriber sees the payload', () => {
    const bus = new EventBus(silentLogger);
    const seen: unknown[] = [];
    bus.subscribe((_event, payload) => seen.push(payload));
    bus.subscribe((_event, payload) => seen.push(payload)); // a second host sees the same
    const leaky = [{ ...view, secret: SECRET }];
    bus.emit('accountsChanged', leaky);
    expect(seen).toEqual([[view], [view]]);
    expect(JSON.stringify(seen)).not.toContain(SECRET);
  });

  it('drops a payload that does not match its schema, and says so in the log', () => {
    const log = recordingLogger();
    const bus = new EventBus(log);
    const seen: EventName[] = [];
    bus.subscribe((event) => seen.push(event));
    bus.emit('accountsChanged', [{ ...view, kind: 'unknown kind' }] as never);
    expect(seen).toEqual([]);
    expect(log.errors).toEqual([expect.stringContaining('accountsChanged')]);
  });

  it('on() hears only its event; unsubscribing stops it', () => {
    const bus = new EventBus(silentLogger);
    const menus: unknown[] = [];
    const off = bus.on('trayMenuChanged', (menu) => menus.push(menu));
    bus.emit('accountsChanged', []);
    bus.emit('trayMenuChanged', { tooltip: 'Authenticator', icon: 'plain', entries: [] });
    off();
    bus.emit('trayMenuChanged', { tooltip: 'Authenticator', icon: 'plain', entries: [] });
    expect(menus).toEqual([{ tooltip: 'Authenticator', icon: 'plain', entries: [] }]);
  });
});

describe('the core as the hosts see it', () => {
  let core: AppCore | undefined;
  afterEach(() => core?.dispose());

  it('every host gets its events through the bus: parsed payloads, no secret, the same for each', async () => {
    core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'bus-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger });
    const electron: [EventName, unknown][] = [];
    const harness: [EventName, unknown][] = [];
    core.subscribe((event, payload) => electron.push([event, payload]));
    core.subscribe((event, payload) => harness.push([event, payload]));
    await core.client.addAccountsFromUri({ uri: `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub` });
    expect(electron.map(([event]) => event)).toEqual(expect.arrayContaining(['accountsChanged', 'codes', 'trayMenuChanged']));
    expect(harness).toEqual(electron);
    expect(JSON.stringify(electron)).not.toContain(SECRET);
  });

  it('the in-process client returns typed replies and throws the AppError of a failure', async () => {
    core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'client-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger });
    const { accounts } = await core.client.addAccountsFromUri({ uri: `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub` });
    expect(accounts.map((a) => a.issuer)).toEqual(['GitHub']);
    const missing = await core.client.renameAccount({ id: 'abcdef0123', issuer: 'x', name: 'y' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ kind: 'accountNotFound' });
    // Requests are checked like the window's: the client is no way around the schemas.
    const invalid = await core.client.moveAccount({ id: accounts[0]!.id, toIndex: -1 }).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ kind: 'invalidRequest' });
  });
});
