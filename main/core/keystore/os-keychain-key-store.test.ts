import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyStore } from './key-store.js';
import { osKeychainKeyStore } from './os-keychain-key-store.js';

// Against the real OS keychain: run under scripts/with-keyring.sh (a private D-Bus session with an unlocked GNOME
// Keyring). Every test uses a service name of its own and removes what it stored.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const probeScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'keychain-probe.ts');
const hasSecretTool = (() => {
  try {
    execFileSync('secret-tool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // secret-tool without arguments exits non-zero but exists; only ENOENT means it is not installed.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
})();

const used: KeyStore[] = [];
function freshStore(): { store: KeyStore; service: string } {
  const service = `test-${randomBytes(8).toString('hex')}`;
  const store = osKeychainKeyStore(service);
  used.push(store);
  return { store, service };
}

afterEach(async () => {
  for (const store of used.splice(0)) {
    for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  }
});

describe('osKeychainKeyStore (real Secret Service)', () => {
  it('names itself os-keychain', () => {
    expect(freshStore().store.id).toBe('os-keychain');
  });

  it('sets, gets, finds and deletes an entry', async () => {
    const { store } = freshStore();
    expect(await store.getPassword('vault-key:abc')).toBeNull();
    expect(await store.findCredentials()).toEqual([]);

    await store.setPassword('vault-key:abc', 'c2VjcmV0LWtleS1ieXRlcw==');
    expect(await store.getPassword('vault-key:abc')).toBe('c2VjcmV0LWtleS1ieXRlcw==');
    expect(await store.findCredentials()).toEqual([{ account: 'vault-key:abc', password: 'c2VjcmV0LWtleS1ieXRlcw==' }]);

    expect(await store.deletePassword('vault-key:abc')).toBe(true);
    expect(await store.getPassword('vault-key:abc')).toBeNull();
    expect(await store.findCredentials()).toEqual([]);
  });

  it('replaces the value of an existing entry rather than adding a second one', async () => {
    const { store } = freshStore();
    await store.setPassword('token', 'first');
    await store.setPassword('token', 'second');
    expect(await store.getPassword('token')).toBe('second');
    expect(await store.findCredentials()).toEqual([{ account: 'token', password: 'second' }]);
  });

  it('keeps several accounts apart', async () => {
    const { store } = freshStore();
    await store.setPassword('a', 'value a');
    await store.setPassword('b', 'value b');
    expect(await store.getPassword('a')).toBe('value a');
    expect(await store.getPassword('b')).toBe('value b');
    const found = await store.findCredentials();
    expect(found.sort((x, y) => x.account.localeCompare(y.account))).toEqual([
      { account: 'a', password: 'value a' },
      { account: 'b', password: 'value b' },
    ]);
    expect(await store.deletePassword('a')).toBe(true);
    expect(await store.findCredentials()).toEqual([{ account: 'b', password: 'value b' }]);
  });

  it('round-trips unicode values and account names exactly', async () => {
    const { store } = freshStore();
    const values = {
      'ключ-1': 'pässwörd 🔑 你好 — ñ',
      'emoji-👩‍💻': '\u{1F600}\u{1F1EB}\u{1F1F7} combining: e\u0301',
      'spaces and : colons': '  leading and trailing spaces  ',
      long: 'x'.repeat(4000) + '✓',
    };
    for (const [account, value] of Object.entries(values)) await store.setPassword(account, value);
    for (const [account, value] of Object.entries(values)) expect(await store.getPassword(account)).toBe(value);
    const found = Object.fromEntries((await store.findCredentials()).map(({ account, password }) => [account, password]));
    expect(found).toEqual(values);
  });

  it('returns false when deleting an entry that does not exist', async () => {
    const { store } = freshStore();
    expect(await store.deletePassword('never-stored')).toBe(false);
    await store.setPassword('once', 'v');
    expect(await store.deletePassword('once')).toBe(true);
    expect(await store.deletePassword('once')).toBe(false);
  });

  it('lets two store instances on the same service see the same entries', async () => {
    const { store: first, service } = freshStore();
    const second = osKeychainKeyStore(service);
    await first.setPassword('shared', 'written by the first');
    expect(await second.getPassword('shared')).toBe('written by the first');
    await second.setPassword('shared', 'changed by the second');
    expect(await first.getPassword('shared')).toBe('changed by the second');
    expect(await first.findCredentials()).toEqual([{ account: 'shared', password: 'changed by the second' }]);
    expect(await second.deletePassword('shared')).toBe(true);
    expect(await first.getPassword('shared')).toBeNull();
  });

  it('keeps services apart', async () => {
    const { store: one } = freshStore();
    const { store: other } = freshStore();
    await one.setPassword('same-account', 'in one');
    expect(await other.getPassword('same-account')).toBeNull();
    expect(await other.findCredentials()).toEqual([]);
    expect(await other.deletePassword('same-account')).toBe(false);
    expect(await one.getPassword('same-account')).toBe('in one');
  });

  it.skipIf(!hasSecretTool)('stores in the Secret Service itself (checked independently with secret-tool)', async () => {
    const { store, service } = freshStore();
    await store.setPassword('checked', 'välue ✓');
    const looked = execFileSync('secret-tool', ['lookup', 'service', service, 'username', 'checked'], { encoding: 'utf8' });
    expect(looked).toBe('välue ✓');
    // And the other way round: what another Secret Service client stores, we read.
    execFileSync('secret-tool', ['store', '--label=test', 'service', service, 'username', 'from-secret-tool'], { input: 'stored outside' });
    expect(await store.getPassword('from-secret-tool')).toBe('stored outside');
  });
});

describe('osKeychainKeyStore without a reachable keychain', () => {
  let scratch: string | undefined;
  afterEach(async () => {
    if (scratch) await fs.rm(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  it('throws keychainUnavailable from every operation and writes nothing to disk', async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'keychain-unavailable-'));
    const dirs = Object.fromEntries(['data', 'home', 'xdg-data', 'xdg-config', 'xdg-cache', 'xdg-runtime'].map((name) => [name, path.join(scratch!, name)]));
    for (const dir of Object.values(dirs)) await fs.mkdir(dir, { mode: 0o700 });
    const service = `test-${randomBytes(8).toString('hex')}`;

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probeScript, service, dirs.data!], {
      cwd: repoRoot,
      timeout: 20_000,
      env: {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
        HOME: dirs.home,
        XDG_DATA_HOME: dirs['xdg-data'],
        XDG_CONFIG_HOME: dirs['xdg-config'],
        XDG_CACHE_HOME: dirs['xdg-cache'],
        XDG_RUNTIME_DIR: dirs['xdg-runtime'],
      },
    });
    const outcomes = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, { ok: boolean; kind?: string; message?: string; value?: unknown }>;

    for (const operation of ['setPassword', 'getPassword', 'findCredentials', 'deletePassword', 'vaultUpdate']) {
      expect(outcomes[operation], operation).toMatchObject({ ok: false, kind: 'keychainUnavailable' });
      expect(outcomes[operation]!.message).toMatch(/system keychain cannot be used/);
      expect(outcomes[operation]!.message).not.toContain('secret value');
      // It was the Secret Service that failed: no fallback store was tried instead (the kernel keyring, which forgets
      // everything at reboot, would either have worked silently or failed with a different cause).
      expect(outcomes[operation]!.message).toMatch(/dbus|unix:path=\/nonexistent/i);
    }
    // Reading a vault that was never written needs no key, so it still works (and finds nothing).
    expect(outcomes.vaultRead).toMatchObject({ ok: true, value: { generation: 0, data: { accounts: [] } } });

    // Nothing was written anywhere it could have gone: no vault, no key file, no fallback store.
    for (const [name, dir] of Object.entries(dirs)) expect(await listTree(dir), name).toEqual([]);

    // Nor did the value reach the real keychain by some other route.
    const reachable = osKeychainKeyStore(service);
    expect(await reachable.findCredentials()).toEqual([]);
  });

});

async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    out.push(full);
    if (entry.isDirectory()) out.push(...(await listTree(full)));
  }
  return out;
}
