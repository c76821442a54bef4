import { appErrorOf } from '../testing/test-helpers.js';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base32nopad } from '@scure/base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { AccountsService } from '../accounts/accounts-service.js';
import { ManualClock } from '../clock.js';
import type { KeyStore } from '../keystore/key-store.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { PREVIOUS_VAULT_FILE, VAULT_FILE, Vault, supersedes } from './vault.js';

// Runs against the real OS keychain (run under scripts/with-keyring.sh). Every test files its keys under a
// service name of its own and removes them afterwards.

let dataDir: string;
let service: string;
let store: KeyStore;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vault-test-'));
  service = `test-${randomBytes(8).toString('hex')}`;
  store = osKeychainKeyStore(service);
});

afterEach(async () => {
  for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A fresh Vault on the same folder and keychain service, as after a restart (no key cached in memory). */
const openVault = () => new Vault(dataDir, osKeychainKeyStore(service));
const vaultFile = () => path.join(dataDir, VAULT_FILE);
const previousFile = () => path.join(dataDir, PREVIOUS_VAULT_FILE);


/** Adds TOTP accounts named `names` one write each, through the accounts service. */
async function addAccounts(vault: Vault, ...names: string[]): Promise<void> {
  const accounts = new AccountsService(vault);
  for (const name of names) await accounts.addFromUri(`otpauth://totp/Example:${name}?secret=${randomBase32()}&issuer=Example`);
}

const names = async (vault: Vault) => (await vault.read()).data.accounts.map((a) => a.name);
const header = async (file: string) => (JSON.parse(await fs.readFile(file, 'utf8')) as { header: { generation: number; savedAt: string; vaultId: string } }).header;

/** The canonical base32 (upper case, unpadded) of `bytes` random bytes, as the app stores setup keys. */
const randomBase32 = (bytes = 20) => base32nopad.encode(randomBytes(bytes));

describe('Vault round trip', () => {
  it('reads an empty vault from an empty folder, without creating a key or a file', async () => {
    const snapshot = await openVault().read();
    expect(snapshot).toEqual({ data: { accounts: [], deleted: [], settings: { clipboardClearSeconds: 30, hideCodes: false, theme: 'system', trayMaxAccounts: 10, correctClockOffset: false, autoLock: '5m', quickPickerOn: true, quickPickerShortcut: 'CommandOrControl+Alt+A', trayClick: 'openWindow' } }, generation: 0, vaultId: null });
    expect(await fs.readdir(dataDir)).toEqual([]);
    expect(await store.findCredentials()).toEqual([]);
    expect(await openVault().previousGeneration()).toBeNull();
  });

  it('saves accounts and settings that a new Vault instance reads back', async () => {
    const vault = openVault();
    await addAccounts(vault, 'alice@example.com', 'bob@example.com');
    await vault.update((data) => ({ data: { ...data, settings: { ...data.settings, theme: 'dark', clipboardClearSeconds: 45 } }, result: undefined }));
    const written = await vault.read();

    const reread = await openVault().read();
    expect(reread).toEqual(written);
    expect(reread.data.accounts.map((a) => a.name)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(reread.data.settings.theme).toBe('dark');
    expect(reread.data.settings.clipboardClearSeconds).toBe(45);
    // Exactly one data key, in the OS keychain, named after the vault.
    const credentials = await store.findCredentials();
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.account).toBe(`vault-key:${(await header(vaultFile())).vaultId}`);
    expect(Buffer.from(credentials[0]!.password, 'base64')).toHaveLength(32);
  });

  it('returns what the change computed, and the saved snapshot', async () => {
    const { snapshot, result } = await openVault().update((data) => ({ data: { ...data, settings: { ...data.settings, hideCodes: true } }, result: 'done' }));
    expect(result).toBe('done');
    expect(snapshot.generation).toBe(1);
    expect(snapshot.data.settings.hideCodes).toBe(true);
  });

  it('saves nothing when the change throws', async () => {
    const vault = openVault();
    await addAccounts(vault, 'one');
    const before = await fs.readFile(vaultFile());
    await expect(vault.update(() => { throw new AppError('invalidRequest', 'no'); })).rejects.toMatchObject({ kind: 'invalidRequest' });
    expect(await fs.readFile(vaultFile())).toEqual(before);
  });

  it('increments the generation with every write, in memory and in the file header', async () => {
    const vault = openVault();
    const generations: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const { snapshot } = await vault.update((data) => ({ data: { ...data, settings: { ...data.settings, clipboardClearSeconds: 10 + i } }, result: undefined }));
      generations.push(snapshot.generation);
      expect((await header(vaultFile())).generation).toBe(i);
      expect((await openVault().read()).generation).toBe(i);
    }
    expect(generations).toEqual([1, 2, 3, 4]);
  });

  it('names its vault in every snapshot, so a read that finished late is told from news', async () => {
    const empty = await openVault().read();
    await addAccounts(openVault(), 'first');
    const older = await openVault().read();
    await addAccounts(openVault(), 'second');
    const newer = await openVault().read();
    expect(older.vaultId).toBe((await header(vaultFile())).vaultId);
    expect(newer.vaultId).toBe(older.vaultId);

    expect(supersedes(older, undefined)).toBe(true);
    expect(supersedes(newer, older)).toBe(true);
    // The read that began before the second write and finished after it changes nothing, nor does the same one again.
    expect(supersedes(older, newer)).toBe(false);
    expect(supersedes(newer, newer)).toBe(false);

    // Another vault in its place (the folder emptied, then a new vault started) is news at any generation.
    await fs.rm(vaultFile());
    await fs.rm(previousFile());
    const gone = await openVault().read();
    expect(gone).toEqual(empty);
    expect(supersedes(gone, newer)).toBe(true);
    await addAccounts(openVault(), 'again');
    const replaced = await openVault().read();
    expect(replaced.vaultId).not.toBe(newer.vaultId);
    expect(replaced.generation).toBeLessThan(newer.generation);
    expect(supersedes(replaced, newer)).toBe(true);
  });

  it('keeps the previous generation beside the current one', async () => {
    const vault = openVault();
    await addAccounts(vault, 'one');
    await expect(fs.access(previousFile())).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await vault.previousGeneration()).toBeNull();

    await addAccounts(vault, 'two', 'three');
    const previous = await header(previousFile());
    const current = await header(vaultFile());
    expect(current.generation).toBe(3);
    expect(previous.generation).toBe(2);
    expect(previous.vaultId).toBe(current.vaultId);
    expect(await openVault().previousGeneration()).toEqual({ savedAt: previous.savedAt });
    // No temporary files are left behind by successful writes.
    expect((await fs.readdir(dataDir)).sort()).toEqual([PREVIOUS_VAULT_FILE, VAULT_FILE].sort());
  });

  it('keeps its files private to the user', async () => {
    const nested = path.join(dataDir, 'nested', 'data');
    const vault = new Vault(nested, osKeychainKeyStore(service));
    await addAccounts(vault, 'one', 'two');
    expect((await fs.stat(nested)).mode & 0o777).toBe(0o700);
    for (const name of await fs.readdir(nested)) expect((await fs.stat(path.join(nested, name))).mode & 0o077).toBe(0);
  });
});

type Damage = (bytes: Buffer) => Buffer;

const flipAt = (bytes: Buffer, index: number, mask = 0x01): Buffer => {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ mask;
  return copy;
};

/** Re-encodes one base64 member of the sealed file with one bit of its decoded bytes flipped (so only the crypto can notice). */
const flipDecoded = (member: 'ciphertext' | 'tag' | 'nonce'): Damage => (bytes) => {
  const file = JSON.parse(bytes.toString('utf8')) as Record<string, string>;
  const raw = Buffer.from(file[member]!, 'base64');
  const middle = Math.floor(raw.length / 2);
  raw[middle] = raw[middle]! ^ 0x04;
  return Buffer.from(`${JSON.stringify({ ...file, [member]: raw.toString('base64') })}\n`);
};

const damages: Record<string, Damage> = {
  'truncated to half': (b) => b.subarray(0, Math.floor(b.length / 2)),
  'truncated by its last 8 bytes': (b) => b.subarray(0, b.length - 8),
  'a byte flipped in the ciphertext (as stored)': (b) => flipAt(b, b.indexOf('"ciphertext":"') + 20),
  'a bit flipped in the ciphertext (valid base64)': flipDecoded('ciphertext'),
  'a bit flipped in the tag': flipDecoded('tag'),
  'a bit flipped in the nonce': flipDecoded('nonce'),
  'a byte flipped in the header (generation)': (b) => flipAt(b, b.indexOf('"generation":') + '"generation":'.length),
  'a byte flipped in the header (savedAt)': (b) => flipAt(b, b.indexOf('"savedAt":"') + 16),
  'a character changed in the header (vaultId, still valid hex)': (b) => {
    const at = b.indexOf('"vaultId":"') + '"vaultId":"'.length;
    const copy = Buffer.from(b);
    copy[at] = b[at] === 0x30 ? 0x31 : 0x30; // another hex digit: the header still parses and names another key
    return copy;
  },
  'a character changed in the header (keyStore)': (b) => {
    const at = b.indexOf('"keyStore":"') + '"keyStore":"'.length;
    return flipAt(b, at);
  },
  'replaced with garbage': (b) => randomBytes(b.length),
  'emptied': () => Buffer.alloc(0),
};

describe('Vault with a damaged current file', () => {
  for (const [what, damage] of Object.entries(damages)) {
    it(`${what}: reports vaultDamaged naming the previous version, and restorePrevious brings it back`, async () => {
      const writer = openVault();
      await addAccounts(writer, 'one', 'two');
      await addAccounts(writer, 'three');
      const previous = await header(previousFile());
      expect(previous.generation).toBe(2);
      const readBeforeTheDamage = await openVault().read();

      const damaged = damage(await fs.readFile(vaultFile()));
      await fs.writeFile(vaultFile(), damaged);

      const vault = openVault();
      const error = await appErrorOf(vault.read());
      expect(error.kind).toBe('vaultDamaged');
      expect(error.message).toContain(`The previous version, saved ${previous.savedAt}, is intact and can be restored`);
      expect(await vault.previousGeneration()).toEqual({ savedAt: previous.savedAt });

      // A change on top of a damaged file is refused and leaves it as it is (it may still be worth something).
      expect((await appErrorOf(addAccounts(vault, 'four'))).kind).toBe('vaultDamaged');
      expect(await fs.readFile(vaultFile())).toEqual(damaged);

      const restored = await vault.restorePrevious();
      expect(restored.data.accounts.map((a) => a.name)).toEqual(['one', 'two']);
      expect(restored.generation).toBe(4);
      expect(supersedes(restored, readBeforeTheDamage)).toBe(true);
      expect(await names(openVault())).toEqual(['one', 'two']);
      expect((await openVault().read()).generation).toBe(4);

      // The damaged file is set aside, byte for byte.
      const asides = (await fs.readdir(dataDir)).filter((n) => n.startsWith('vault.damaged-'));
      expect(asides).toHaveLength(1);
      expect(await fs.readFile(path.join(dataDir, asides[0]!))).toEqual(damaged);

      // And the vault works again.
      await addAccounts(openVault(), 'four');
      expect(await names(openVault())).toEqual(['one', 'two', 'four']);
    });
  }

  it('reports vaultDamaged, not anything else, for a flip of any single byte of the header', async () => {
    const writer = openVault();
    await addAccounts(writer, 'one');
    await addAccounts(writer, 'two');
    const intact = await fs.readFile(vaultFile());
    const headerEnd = intact.indexOf(',"nonce":');
    expect(headerEnd).toBeGreaterThan(50);

    const wrong: string[] = [];
    for (let i = 0; i < headerEnd; i++) {
      await fs.writeFile(vaultFile(), flipAt(intact, i));
      const error = await appErrorOf(openVault().read()).catch((e: unknown) => e as Error);
      const kind = error instanceof AppError ? error.kind : String(error);
      if (kind !== 'vaultDamaged' || !(error as Error).message.includes('The previous version')) {
        wrong.push(`byte ${i} ('${String.fromCharCode(intact[i]!)}' -> '${String.fromCharCode(intact[i]! ^ 1)}'): ${kind}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says so when there is no previous version to go back to', async () => {
    await addAccounts(openVault(), 'one');
    await fs.writeFile(vaultFile(), 'garbage');
    const error = await appErrorOf(openVault().read());
    expect(error.kind).toBe('vaultDamaged');
    expect(error.message).toContain('No intact previous version exists');
    expect((await appErrorOf(openVault().restorePrevious())).kind).toBe('vaultDamaged');
    expect(await fs.readFile(vaultFile(), 'utf8')).toBe('garbage');
  });

  it('treats a missing current file beside a previous one as damage, and does not start a new vault over it', async () => {
    const writer = openVault();
    await addAccounts(writer, 'one');
    await addAccounts(writer, 'two');
    await fs.rm(vaultFile());

    const error = await appErrorOf(openVault().read());
    expect(error.kind).toBe('vaultDamaged');
    expect(error.message).toMatch(/missing.*The previous version, saved .*, is intact/);
    expect((await appErrorOf(addAccounts(openVault(), 'three'))).kind).toBe('vaultDamaged');
    expect((await appErrorOf(addAccounts(openVault(), 'four'))).kind).toBe('vaultDamaged');
    expect((await header(previousFile())).generation).toBe(1);

    await openVault().restorePrevious();
    expect(await names(openVault())).toEqual(['one']);
  });

  it('refuses restorePrevious with invalidRequest when the current file is fine', async () => {
    const vault = openVault();
    await addAccounts(vault, 'one');
    await addAccounts(vault, 'two');
    const before = await fs.readFile(vaultFile());
    const error = await appErrorOf(openVault().restorePrevious());
    expect(error.kind).toBe('invalidRequest');
    expect(await fs.readFile(vaultFile())).toEqual(before);
    expect(await names(openVault())).toEqual(['one', 'two']);
  });

  it('refuses restorePrevious with invalidRequest when the current file is fine, even with no previous version', async () => {
    await addAccounts(openVault(), 'one');
    expect((await appErrorOf(openVault().restorePrevious())).kind).toBe('invalidRequest');
  });
});

describe('Vault with a file that is not a vault of this app', () => {
  for (const [what, content] of [
    ['another program’s JSON', '{"accounts":[{"name":"x"}],"version":1}\n'],
    ['JSON with a header of another format', '{"header":{"format":"some-other-app","version":1}}'],
    ['a JSON array', '[1,2,3]'],
  ] as const) {
    it(`${what}: vaultForeign, and the file is left alone`, async () => {
      await fs.writeFile(vaultFile(), content);
      const error = await appErrorOf(openVault().read());
      expect(error.kind).toBe('vaultForeign');
      expect(error.message).toContain(vaultFile());
      expect((await appErrorOf(addAccounts(openVault(), 'one'))).kind).toBe('vaultForeign');
      expect(await fs.readFile(vaultFile(), 'utf8')).toBe(content);
      expect(await store.findCredentials()).toEqual([]);
    });
  }
});

describe('Vault whose key is not in the key store', () => {
  it('reports vaultKeyMissing when the keychain lost the key, and neither makes a new key nor touches the file', async () => {
    await addAccounts(openVault(), 'one', 'two');
    const before = await fs.readFile(vaultFile());
    const otherInstance = osKeychainKeyStore(service);
    for (const { account } of await otherInstance.findCredentials()) expect(await otherInstance.deletePassword(account)).toBe(true);

    const vault = openVault();
    const error = await appErrorOf(vault.read());
    expect(error.kind).toBe('vaultKeyMissing');
    expect(error.message).toMatch(/missing from the system keychain/);
    expect((await appErrorOf(addAccounts(vault, 'three'))).kind).toBe('vaultKeyMissing');
    expect(await fs.readFile(vaultFile())).toEqual(before);
    expect(await store.findCredentials()).toEqual([]);
  });

  it('names the file whose key is missing, so the person knows what "Start over" sets aside', async () => {
    await addAccounts(openVault(), 'one');
    for (const { account } of await store.findCredentials()) await store.deletePassword(account);
    expect((await appErrorOf(openVault().read())).message).toContain(vaultFile());
  });

  it('reports vaultKeyMissing when the stored key has the wrong length', async () => {
    await addAccounts(openVault(), 'one');
    const [credential] = await store.findCredentials();
    await store.setPassword(credential!.account, randomBytes(16).toString('base64'));
    expect((await appErrorOf(openVault().read())).kind).toBe('vaultKeyMissing');
  });

  it('reports vaultKeyMissing, naming the other store, for a vault whose key lives in another key store', async () => {
    await addAccounts(new Vault(dataDir, memoryKeyStore()), 'one');
    const error = await appErrorOf(openVault().read());
    expect(error.kind).toBe('vaultKeyMissing');
    expect(error.message).toContain('"memory"');
  });
});

describe('Vault files hold no secret in the clear', () => {
  it('contains none of the setup keys, their bytes, the data key, or even the account names', async () => {
    const secrets = ['JBSWY3DPEHPK3PXP', randomBase32(20), randomBase32(32), randomBase32(64)];
    const vault = openVault();
    const accounts = new AccountsService(vault);
    for (const [i, secret] of secrets.entries()) {
      await accounts.addFromUri(`otpauth://totp/Plainbank${i}:holder${i}@example.com?secret=${secret}&issuer=Plainbank${i}`);
    }
    await accounts.addManually({ kind: 'other', issuer: 'Manualco', name: 'manual-holder', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', type: 'hotp', algorithm: 'SHA256', digits: 8, period: 30, counter: 7 });
    secrets.push('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    // Several generations, and a restore, so every kind of file is present.
    await accounts.rename((await accounts.list())[0]!.id, 'Plainbank0', 'renamed-holder');
    const stored = (await vault.read()).data.accounts;
    expect(stored.map((a) => a.secret).sort()).toEqual([...secrets].sort());

    const needles: { what: string; bytes: Buffer }[] = [];
    for (const secret of secrets) {
      const raw = base32Decode(secret);
      needles.push(
        { what: `${secret} (base32)`, bytes: Buffer.from(secret) },
        { what: `${secret} (base32, lower case)`, bytes: Buffer.from(secret.toLowerCase()) },
        { what: `${secret} (raw bytes)`, bytes: raw },
        { what: `${secret} (hex)`, bytes: Buffer.from(raw.toString('hex')) },
        { what: `${secret} (HEX)`, bytes: Buffer.from(raw.toString('hex').toUpperCase()) },
        { what: `${secret} (base64)`, bytes: Buffer.from(raw.toString('base64').replace(/=+$/, '')) },
        { what: `${secret} (base64url)`, bytes: Buffer.from(raw.toString('base64url')) },
      );
    }
    const [dataKey] = await store.findCredentials();
    const keyBytes = Buffer.from(dataKey!.password, 'base64');
    expect(keyBytes).toHaveLength(32);
    needles.push(
      { what: 'data key (base64)', bytes: Buffer.from(dataKey!.password) },
      { what: 'data key (raw)', bytes: keyBytes },
      { what: 'data key (hex)', bytes: Buffer.from(keyBytes.toString('hex')) },
    );
    for (const label of ['holder1@example.com', 'Plainbank2', 'Manualco', 'manual-holder', 'renamed-holder']) {
      needles.push({ what: `label ${label}`, bytes: Buffer.from(label) });
    }

    // Make the damaged-copy and previous files exist too.
    await fs.writeFile(vaultFile(), (await fs.readFile(vaultFile())).subarray(0, 100));
    await vault.restorePrevious();

    const files = await listFiles(dataDir);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(expect.arrayContaining([VAULT_FILE, PREVIOUS_VAULT_FILE]));
    expect(files.some((f) => path.basename(f).startsWith('vault.damaged-'))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const bytes = await fs.readFile(file);
      expect(bytes.length).toBeGreaterThan(0);
      for (const needle of needles) if (bytes.includes(needle.bytes)) found.push(`${path.basename(file)}: ${needle.what}`);
    }
    expect(found).toEqual([]);
    // The check itself can see a secret when one is there.
    expect(Buffer.from(JSON.stringify(stored)).includes(needles[0]!.bytes)).toBe(true);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

const base32Decode = (text: string) => Buffer.from(base32nopad.decode(text));

describe('Starting over after the vault key was lost', () => {
  const SET_ASIDE = /^vault\.unreadable-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?\.json$/;
  const PREVIOUS_SET_ASIDE = /^vault\.previous\.unreadable-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?\.json$/;
  const loseKeys = async () => {
    for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  };

  it('sets the unreadable vault and its previous version aside under dated names, byte for byte, and a new vault starts', async () => {
    await addAccounts(openVault(), 'one', 'two');
    const current = await fs.readFile(vaultFile());
    const previous = await fs.readFile(previousFile());
    await loseKeys();

    const vault = openVault();
    expect((await appErrorOf(vault.read())).kind).toBe('vaultKeyMissing');
    const setAside = await vault.startOver();
    expect(setAside.map((file) => path.dirname(file))).toEqual([dataDir, dataDir]);
    expect(path.basename(setAside[0]!)).toMatch(SET_ASIDE);
    expect(path.basename(setAside[1]!)).toMatch(PREVIOUS_SET_ASIDE);
    expect(await fs.readFile(setAside[0]!)).toEqual(current);
    expect(await fs.readFile(setAside[1]!)).toEqual(previous);
    expect(await vault.read()).toMatchObject({ data: { accounts: [] }, generation: 0, vaultId: null });

    await addAccounts(vault, 'three');
    expect(await names(openVault())).toEqual(['three']);
    expect((await header(vaultFile())).vaultId).not.toBe(JSON.parse(current.toString('utf8')).header.vaultId);
    // The set-aside files stay, untouched, next to the new vault.
    expect(await fs.readFile(setAside[0]!)).toEqual(current);
    expect(await fs.readFile(setAside[1]!)).toEqual(previous);
  });

  it('never overwrites a file set aside before: a second start over gets names of its own', async () => {
    await addAccounts(openVault(), 'one');
    await loseKeys();
    const first = await openVault().startOver();
    await addAccounts(openVault(), 'two');
    await loseKeys();
    const second = await openVault().startOver();
    expect(second).toHaveLength(1); // 'two' was the new vault's first write: no previous version
    expect(first).not.toContain(second[0]);
    expect(new Set((await fs.readdir(dataDir)).filter((name) => SET_ASIDE.test(name)))).toEqual(new Set([...first, ...second].map((f) => path.basename(f))));
  });

  it('refuses to set aside a vault that opens, or one that is damaged rather than locked out, and leaves it as it was', async () => {
    await addAccounts(openVault(), 'one', 'two');
    const before = await fs.readFile(vaultFile());
    expect((await appErrorOf(openVault().startOver())).kind).toBe('invalidRequest');
    expect(await fs.readFile(vaultFile())).toEqual(before);

    await fs.writeFile(vaultFile(), 'garbage');
    expect((await appErrorOf(openVault().startOver())).kind).toBe('vaultDamaged');
    expect(await fs.readFile(vaultFile(), 'utf8')).toBe('garbage');
    expect((await fs.readdir(dataDir)).sort()).toEqual([PREVIOUS_VAULT_FILE, VAULT_FILE].sort());
  });
});

describe('time', () => {
  it('stamps savedAt with the app clock, like everything else (a corrected clock is the one files carry)', async () => {
    const clock = new ManualClock(Date.parse('2031-02-03T04:05:06.789Z'));
    const vault = new Vault(dataDir, memoryKeyStore(), { clock });
    await vault.update((data) => ({ data, result: undefined }));
    const file = JSON.parse(await fs.readFile(path.join(dataDir, VAULT_FILE), 'utf8')) as { header: { savedAt: string } };
    expect(file.header.savedAt).toBe('2031-02-03T04:05:06.789Z');
  });
});

describe('files in the data folder', () => {
  it('a write removes only the temporary files the vault itself leaves, never a person’s own *.tmp or another writer’s', async () => {
    const vault = new Vault(dataDir, memoryKeyStore());
    await vault.update((data) => ({ data, result: undefined }));
    const mine = ['notes.tmp', 'vault.json.tmp', '.backup-state.json.4242.0badc0de.tmp'];
    const stale = ['.vault.json.4242.0badc0de.tmp', 'vault.previous.json.4242.tmp'];
    for (const name of [...mine, ...stale]) await fs.writeFile(path.join(dataDir, name), 'left here');
    await vault.update((data) => ({ data, result: undefined }));
    const left = await fs.readdir(dataDir);
    for (const name of mine) expect(left).toContain(name);
    for (const name of stale) expect(left).not.toContain(name);
  });

  it.skipIf(process.platform === 'win32')('tightens an existing data folder to its owner alone (0700)', async () => {
    await fs.chmod(dataDir, 0o755);
    await new Vault(dataDir, memoryKeyStore()).update((data) => ({ data, result: undefined }));
    expect((await fs.stat(dataDir)).mode & 0o777).toBe(0o700);
  });
});
