import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ScannerSource } from '../../shared/contract.js';
import { createAppCore, type AppCore, type CoreDeps } from './app-core.js';
import { ManualClock } from './clock.js';
import { memoryKeyStore } from './keystore/memory-key-store.js';
import { silentLogger } from './logger.js';

// The contract's exportAccount (the one secret-carrying reply) and setScannerSource (the capture permission port).

let core: AppCore | undefined;
afterEach(() => core?.dispose());

function newCore(extra: Partial<CoreDeps> = {}): AppCore {
  core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'export-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger, ...extra });
  return core;
}

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('exportAccount', () => {
  test('gives the setup link and key of an account; no other reply carries the key', async () => {
    const c = newCore();
    const added = await c.dispatch('addAccountsFromUri', { uri: `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example&digits=8` });
    expect(JSON.stringify(added)).not.toContain(SECRET);
    if (!added.ok) throw new Error('adding failed');
    const id = (added.value as { accounts: { id: string }[] }).accounts[0]!.id;
    expect(JSON.stringify(await c.dispatch('listAccounts', {}))).not.toContain(SECRET);

    const exported = await c.dispatch('exportAccount', { id });
    expect(exported).toEqual({
      ok: true,
      value: { uri: `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example&algorithm=SHA1&digits=8&period=30`, secret: SECRET },
    });
  });

  test('an unknown account is accountNotFound; a malformed id never reaches the handler', async () => {
    const c = newCore();
    expect(await c.dispatch('exportAccount', { id: 'abcdef0123' })).toMatchObject({ ok: false, error: { kind: 'accountNotFound' } });
    expect(await c.dispatch('exportAccount', { id: '../vault' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
  });
});

describe('setScannerSource', () => {
  test('passes each source to the host capture port, and stops it when the core is disposed', async () => {
    const seen: ScannerSource[] = [];
    const c = newCore({ capture: { allow: (source) => seen.push(source) } });
    for (const source of ['camera', null, 'screen', null] as const) {
      expect(await c.dispatch('setScannerSource', { source })).toEqual({ ok: true, value: null });
    }
    expect(await c.dispatch('setScannerSource', { source: 'microphone' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect(await c.dispatch('setScannerSource', {})).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    c.dispose();
    core = undefined;
    expect(seen).toEqual(['camera', null, 'screen', null, null]);
  });

  test('is a no-op where the host has no capture port (the harness: the browser asks the person)', async () => {
    expect(await newCore().dispatch('setScannerSource', { source: 'camera' })).toEqual({ ok: true, value: null });
  });
});
