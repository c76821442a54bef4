import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createAppCore, type AppCore } from '../app-core.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';

let core: AppCore | undefined;
afterEach(() => core?.dispose());

function newCore(): AppCore {
  core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'dispatch-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger });
  return core;
}

describe('the contract dispatcher', () => {
  test('rejects an unknown method with a typed error', async () => {
    const result = await newCore().dispatch('deleteEverything', {});
    expect(result).toEqual({ ok: false, error: { kind: 'unknownMethod', message: expect.stringContaining('deleteEverything') } });
  });

  test.each([
    ['addAccountsFromUri', {}],
    ['addAccountsFromUri', { uri: 42 }],
    ['addAccountsFromUri', { uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', extra: true }],
    ['renameAccount', { id: '../etc', issuer: 'a', name: 'b' }],
    ['moveAccount', { id: 'abcdef0123', toIndex: -1 }],
    ['updateSettings', { clipboardClearSeconds: 1 }],
    ['listAccounts', 'not an object'],
  ])('rejects %s with request %j as invalidRequest, before any handler runs', async (method, request) => {
    const c = newCore();
    const result = await c.dispatch(method, request);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalidRequest');
    expect(await c.dispatch('listAccounts', {})).toEqual({ ok: true, value: [] });
  });

  test('a valid request reaches its handler and the reply carries no secret', async () => {
    const c = newCore();
    const added = await c.dispatch('addAccountsFromUri', { uri: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example' });
    expect(added.ok).toBe(true);
    expect(JSON.stringify(added)).not.toContain('JBSWY3DPEHPK3PXP');
    const list = await c.dispatch('listAccounts', {});
    expect(list).toMatchObject({ ok: true, value: [{ issuer: 'Example', name: 'alice' }] });
  });

  test('handler failures arrive as their own kind', async () => {
    const result = await newCore().dispatch('removeAccount', { id: 'abcdef0123' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'accountNotFound' } });
  });
});

describe('updateSettings', () => {
  test('changes only the settings it names', async () => {
    const c = newCore();
    await c.dispatch('updateSettings', { theme: 'dark', clipboardClearSeconds: 60 });
    const result = await c.dispatch('updateSettings', { hideCodes: true });
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark', clipboardClearSeconds: 60, hideCodes: true } });
  });
});
