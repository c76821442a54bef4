import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ScannerSource } from '../../shared/contract.js';
import { createAppCore, type AppCore, type CoreDeps } from './app-core.js';
import { ManualClock } from './clock.js';
import { memoryKeyStore } from './keystore/memory-key-store.js';
import { silentLogger } from './logger.js';
import { promptLabel, type SecretReleaseConfirmation, type SecretReleaseRequest } from './accounts/secret-release-confirmation.js';

// The contract's exportAccount (the one secret-carrying reply) and setScannerSource (the capture permission port).

let core: AppCore | undefined;
afterEach(() => core?.dispose());

function newCore(extra: Partial<CoreDeps> = {}): AppCore {
  core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'export-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger, ...extra });
  return core;
}

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** A person at main's own prompt: answers each question as told, and remembers what it was asked. */
function person(answer: (asked: SecretReleaseRequest) => boolean | Promise<boolean>) {
  const asked: string[] = [];
  const confirmation: SecretReleaseConfirmation = {
    confirmSecretRelease: async (request) => {
      asked.push(promptLabel(request));
      return answer(request);
    },
    confirmExport: async () => false,
  };
  return { asked, confirmation };
}

async function addExample(c: AppCore, extra = ''): Promise<string> {
  const added = await c.dispatch('addAccountsFromUri', { uri: `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example&digits=8${extra}` });
  expect(JSON.stringify(added)).not.toContain(SECRET);
  if (!added.ok) throw new Error('adding failed');
  return (added.value as { accounts: { id: string }[] }).accounts[0]!.id;
}

describe('exportAccount', () => {
  test('gives the setup link and key once the person said yes at main’s own prompt; no other reply carries the key', async () => {
    const { asked, confirmation } = person(() => true);
    const c = newCore({ secretRelease: confirmation });
    const id = await addExample(c);
    expect(JSON.stringify(await c.dispatch('listAccounts', {}))).not.toContain(SECRET);

    const exported = await c.dispatch('exportAccount', { id });
    expect(exported).toEqual({
      ok: true,
      value: { uri: `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example&algorithm=SHA1&digits=8&period=30`, secret: SECRET },
    });
    expect(asked).toEqual(['Example, alice']);
  });

  test('declined (or nobody to ask): notConfirmed, and the reply holds no secret', async () => {
    const { asked, confirmation } = person(() => false);
    const c = newCore({ secretRelease: confirmation });
    const id = await addExample(c);
    const declined = await c.dispatch('exportAccount', { id });
    expect(declined).toEqual({ ok: false, error: { kind: 'notConfirmed', message: 'The setup key of Example, alice was not shown: it was not confirmed.' } });
    expect(asked).toEqual(['Example, alice']);
    c.dispose();

    const unasked = newCore(); // a core built without a confirmation (the command-line tool has no export)
    const other = await addExample(unasked);
    const reply = await unasked.dispatch('exportAccount', { id: other });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'notConfirmed' } });
    expect(JSON.stringify(reply)).not.toContain(SECRET);
  });

  test('a locked app refuses before asking, and a lock that comes while the question is open refuses the answer', async () => {
    const LOCK_PASSWORD = 'lantern orchard drifting quietly';
    let lockWhileAsking = false;
    const { asked, confirmation } = person(async () => {
      if (lockWhileAsking) expect((await core!.dispatch('lockApp', {})).ok).toBe(true); // idle, the tray: while the person answered
      return true;
    });
    const c = newCore({ secretRelease: confirmation });
    const id = await addExample(c);
    expect((await c.dispatch('turnOnAppLock', { password: LOCK_PASSWORD })).ok).toBe(true);
    expect((await c.dispatch('lockApp', {})).ok).toBe(true);
    expect(await c.dispatch('exportAccount', { id })).toMatchObject({ ok: false, error: { kind: 'locked' } });
    expect(asked).toEqual([]);

    expect((await c.dispatch('unlockApp', { password: LOCK_PASSWORD })).ok).toBe(true);
    lockWhileAsking = true;
    const reply = await c.dispatch('exportAccount', { id, lockPassword: LOCK_PASSWORD });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'locked' } });
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    expect(asked).toEqual(['Example, alice']);
  });

  test('with the app lock on, the lock password is asked and checked by main before its question; a wrong one asks nothing', async () => {
    const LOCK_PASSWORD = 'lantern orchard drifting quietly';
    const { asked, confirmation } = person(() => true);
    const c = newCore({ secretRelease: confirmation });
    const id = await addExample(c);
    expect((await c.dispatch('turnOnAppLock', { password: LOCK_PASSWORD })).ok).toBe(true);

    expect(await c.dispatch('exportAccount', { id })).toMatchObject({ ok: false, error: { kind: 'invalidInput', field: 'lockPassword' } });
    const wrong = await c.dispatch('exportAccount', { id, lockPassword: 'not the lock password' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'wrongPassword', field: 'lockPassword' } });
    expect(JSON.stringify(wrong)).not.toContain(SECRET);
    expect(asked).toEqual([]);
    // A wrong guess here counts with the unlock attempts.
    expect(await c.dispatch('getLockStatus', {})).toMatchObject({ ok: true, value: { failedAttempts: 1 } });

    const released = await c.dispatch('exportAccount', { id, lockPassword: LOCK_PASSWORD });
    expect(released).toMatchObject({ ok: true, value: { secret: SECRET } });
    expect(asked).toEqual(['Example, alice']);
  });

  test('an account removed while the question was open releases nothing', async () => {
    let id = '';
    const { confirmation } = person(async () => {
      expect((await core!.dispatch('removeAccount', { id })).ok).toBe(true); // in another window, meanwhile
      return true;
    });
    const c = newCore({ secretRelease: confirmation });
    id = await addExample(c);
    expect(await c.dispatch('exportAccount', { id })).toMatchObject({ ok: false, error: { kind: 'accountNotFound' } });
  });

  test('what needs no question is refused without one: a device-bound account, an unknown one, a malformed id', async () => {
    const { asked, confirmation } = person(() => true);
    const c = newCore({ secretRelease: confirmation });
    const added = await c.dispatch('addAccountManually', {
      kind: 'microsoftPersonal',
      issuer: 'Microsoft',
      name: 'bob@outlook.com',
      secret: SECRET,
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      deviceBound: true,
    });
    if (!added.ok) throw new Error('adding failed');
    expect(await c.dispatch('exportAccount', { id: (added.value as { id: string }).id })).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: expect.stringMatching(/tied to this device/) } });
    expect(await c.dispatch('exportAccount', { id: 'abcdef0123' })).toMatchObject({ ok: false, error: { kind: 'accountNotFound' } });
    expect(await c.dispatch('exportAccount', { id: '../vault' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect(asked).toEqual([]);
  });
});

describe('promptLabel', () => {
  test('writes hidden and control characters out, so a name cannot rewrite the question it is in', () => {
    expect(promptLabel({ issuer: 'GitHub', name: 'alice' })).toBe('GitHub, alice');
    expect(promptLabel({ issuer: 'Bank\u001b[2K\rOK', name: 'moc.\u202eelgoog' })).toBe('Bank<U+001B>[2K<U+000D>OK, moc.<U+202E>elgoog');
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
