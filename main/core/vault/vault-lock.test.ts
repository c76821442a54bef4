import { appErrorOf } from '../testing/test-helpers.js';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base32nopad } from '@scure/base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsService } from '../accounts/accounts-service.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { LOCK_SCRYPT } from './lock-key.js';
import { keychainSecrets, opensAnyVaultFile } from './testing/lock-probe.js';
import { PREVIOUS_VAULT_FILE, VAULT_FILE, Vault } from './vault.js';

// The app lock's key wrapping, against the real OS keychain (run under scripts/with-keyring.sh). The lock's
// scrypt cost is lowered here (2^12) except where the stated cost itself is checked: these tests count rewrites.

const FAST = { n: 2 ** 12, r: 8, p: 1 };
let dataDir: string;
let service: string;
let store: KeyStore;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vault-lock-'));
  service = `test-${randomBytes(8).toString('hex')}`;
  store = osKeychainKeyStore(service);
});

afterEach(async () => {
  for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  await fs.rm(dataDir, { recursive: true, force: true });
});

const openVault = () => new Vault(dataDir, osKeychainKeyStore(service), { lockKdfCost: FAST });
const names = async (vault: Vault) => (await vault.read()).data.accounts.map((a) => a.name);

async function addAccounts(vault: Vault, ...accountNames: string[]): Promise<void> {
  const accounts = new AccountsService(vault);
  for (const name of accountNames) await accounts.addFromUri(`otpauth://totp/Example:${name}?secret=${base32nopad.encode(randomBytes(20))}&issuer=Example`);
}

describe('app lock: the data key wrapped by the lock password', () => {
  it('turning the lock on leaves nothing in the keychain that opens the vault; the password opens it, after a restart too', async () => {
    const vault = openVault();
    await addAccounts(vault, 'alice', 'bob');
    expect(keychainSecrets(service)).toHaveLength(1);
    expect(await opensAnyVaultFile(dataDir, keychainSecrets(service)[0]!)).toBe(true);

    await vault.changeLock(null, { on: true, password: 'correct horse battery staple' });
    expect(await vault.lockIsOn()).toBe(true);
    for (const secret of keychainSecrets(service)) expect(await opensAnyVaultFile(dataDir, secret)).toBe(false);
    expect(keychainSecrets(service)).toEqual([]);
    // This process keeps the key it just made until it forgets it.
    expect(await names(vault)).toEqual(['alice', 'bob']);

    const restarted = openVault();
    expect((await appErrorOf(restarted.read()))?.kind).toBe('locked');
    expect((await appErrorOf(restarted.unlock('wrong horse battery staple')))?.kind).toBe('wrongPassword');
    expect((await appErrorOf(restarted.read()))?.kind).toBe('locked');
    await restarted.unlock('correct horse battery staple');
    expect(await names(restarted)).toEqual(['alice', 'bob']);
    // Writes under the lock keep it on, and keep a previous generation that the same password opens.
    await addAccounts(restarted, 'carol');
    expect(await openVault().lockIsOn()).toBe(true);
    expect(keychainSecrets(service)).toEqual([]);
    const third = openVault();
    await third.unlock('correct horse battery staple');
    expect(await names(third)).toEqual(['alice', 'bob', 'carol']);
    expect(await third.previousGeneration()).not.toBeNull();
  });

  it('forgetKeys locks this process again, and the buffers it held are zeroed', async () => {
    const vault = openVault();
    await addAccounts(vault, 'alice');
    await vault.changeLock(null, { on: true, password: 'correct horse battery staple' });
    const held = [...(vault as unknown as { keys: Map<string, Buffer> }).keys.values()];
    expect(held.length).toBeGreaterThan(0);
    vault.forgetKeys();
    for (const key of held) expect(key.equals(Buffer.alloc(32))).toBe(true);
    expect((await appErrorOf(vault.read()))?.kind).toBe('locked');
    expect((await appErrorOf(addAccounts(vault, 'bob')))?.kind).toBe('locked');
  });

  it('changing the password re-keys: the old password no longer opens anything, the new one does', async () => {
    const vault = openVault();
    await addAccounts(vault, 'alice');
    await vault.changeLock(null, { on: true, password: 'old horse battery staple' });
    const lockedBefore = await fs.readFile(path.join(dataDir, VAULT_FILE));
    expect((await appErrorOf(vault.changeLock('not the password at all', { on: true, password: 'x' })))?.kind).toBe('wrongPassword');
    expect(await fs.readFile(path.join(dataDir, VAULT_FILE))).toEqual(lockedBefore);

    await vault.changeLock('old horse battery staple', { on: true, password: 'new horse battery staple' });
    const fresh = openVault();
    expect((await appErrorOf(fresh.unlock('old horse battery staple')))?.kind).toBe('wrongPassword');
    await fresh.unlock('new horse battery staple');
    expect(await names(fresh)).toEqual(['alice']);
    // The old generation (sealed under the old key) went with the change.
    expect(await fs.readdir(dataDir)).not.toContain(PREVIOUS_VAULT_FILE);
  });

  it('turning the lock off needs the password and puts a new key back in the keychain', async () => {
    const vault = openVault();
    await addAccounts(vault, 'alice');
    await vault.changeLock(null, { on: true, password: 'correct horse battery staple' });
    expect((await appErrorOf(vault.changeLock(null, { on: false })))?.kind).toBe('invalidRequest');
    expect((await appErrorOf(vault.changeLock('wrong', { on: false })))?.kind).toBe('wrongPassword');
    await vault.changeLock('correct horse battery staple', { on: false });
    expect(await openVault().lockIsOn()).toBe(false);
    expect(await names(openVault())).toEqual(['alice']);
    const secrets = keychainSecrets(service);
    expect(secrets).toHaveLength(1);
    expect(await opensAnyVaultFile(dataDir, secrets[0]!)).toBe(true);
  });

  it('refuses to turn on a lock that is on, or to change one that is off', async () => {
    const vault = openVault();
    await addAccounts(vault, 'alice');
    expect((await appErrorOf(vault.changeLock('anything', { on: true, password: 'x' })))?.kind).toBe('invalidRequest');
    await vault.changeLock(null, { on: true, password: 'correct horse battery staple' });
    expect((await appErrorOf(vault.changeLock(null, { on: true, password: 'y' })))?.kind).toBe('invalidRequest');
  });

  it('a changed byte in the wrapped key makes the password fail, never open something else', async () => {
    const vault = openVault();
    await addAccounts(vault, 'alice');
    await vault.changeLock(null, { on: true, password: 'correct horse battery staple' });
    const file = path.join(dataDir, VAULT_FILE);
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as { header: { lock: { wrappedKey: string } } };
    const wrapped = Buffer.from(json.header.lock.wrappedKey, 'base64');
    wrapped[0]! ^= 1;
    json.header.lock.wrappedKey = wrapped.toString('base64');
    await fs.writeFile(file, JSON.stringify(json));
    expect((await appErrorOf(openVault().unlock('correct horse battery staple')))?.kind).toBe('wrongPassword');
  });

  it('records the stated scrypt cost (N=2^17, r=8, p=1) in the file by default', async () => {
    const vault = new Vault(dataDir, osKeychainKeyStore(service));
    await addAccounts(vault, 'alice');
    await vault.changeLock(null, { on: true, password: 'correct horse battery staple' });
    const { header } = JSON.parse(await fs.readFile(path.join(dataDir, VAULT_FILE), 'utf8')) as { header: { lock: { kdf: string; n: number; r: number; p: number } } };
    expect(header.lock).toMatchObject({ kdf: 'scrypt', n: 2 ** 17, r: 8, p: 1 });
    expect(LOCK_SCRYPT).toEqual({ n: 2 ** 17, r: 8, p: 1 });
    const fresh = new Vault(dataDir, osKeychainKeyStore(service));
    await fresh.unlock('correct horse battery staple');
    expect(await names(fresh)).toEqual(['alice']);
  }, 20_000);
});
