import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountsService } from '../accounts/accounts-service.js';
import { openBackup, sealBackup } from '../backup/backup-envelope.js';
import { readByHand, wrapByHand } from '../backup/testing/backup-by-hand.js';
import { decodePayload } from '../backup/backup-payload.js';
import { BACKUP_FILE_NAME, BackupService } from '../backup/backup-service.js';
import type { CloudFile, CloudStore } from '../backup/cloud-store.js';
import { FakeIdentity } from '../backup/testing/fake-identity.js';
import { MemoryCloudStore } from '../backup/testing/memory-cloud-store.js';
import { ManualClock } from '../clock.js';
import type { RecoveryAccount } from '../identity/recovery-identity.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';
import { decodeCanonicalKey } from '../otp/base32.js';
import { codeAt } from '../otp/otp-engine.js';
import { appErrorOf } from '../testing/test-helpers.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { Vault, type VaultSnapshot } from '../vault/vault.js';
import { RecoveryService } from './recovery-service.js';
import { AppError } from '../../../shared/errors.js';
import { RecoveryPreview, RecoverySummary } from '../../../shared/recovery.js';

const PASSWORD = 'correct horse battery staple';
const ALICE: RecoveryAccount = { id: 'uid-alice.tid', username: 'alice@outlook.com', displayName: 'Alice' };
const BOB: RecoveryAccount = { id: 'uid-bob.tid', username: 'bob@outlook.com', displayName: 'Bob' };
const GITHUB_SECRET = 'JBSWY3DPEHPK3PXP';
const DEVICE_SECRET = 'KRUGS4ZANFZSAYJAONSWG4TFOQ';

/** One PC: its own data folder, keychain, vault, clock, identity and backup engine. */
interface Pc {
  dir: string;
  vault: Vault;
  accounts: AccountsService;
  identity: FakeIdentity;
  clock: ManualClock;
  backup: BackupService;
  saved: VaultSnapshot[];
}

/**
 * The app folders of several Microsoft accounts: each account sees only its own (as in OneDrive), so signing in
 * with the wrong account finds no backup.
 */
class AppFolders implements CloudStore {
  readonly folders = new Map<string, MemoryCloudStore>();
  constructor(private readonly identity: FakeIdentity) {}
  folder(username: string): MemoryCloudStore {
    let folder = this.folders.get(username);
    if (!folder) this.folders.set(username, (folder = new MemoryCloudStore()));
    return folder;
  }
  private async current(): Promise<MemoryCloudStore> {
    const account = await this.identity.currentAccount();
    if (!account) throw new Error('not signed in');
    return this.folder(account.username);
  }
  async read(name: string): Promise<CloudFile | null> {
    return (await this.current()).read(name);
  }
  async version(name: string): Promise<string | null> {
    return (await this.current()).version(name);
  }
  async write(name: string, bytes: Buffer, ifMatch: string | null): Promise<{ eTag: string }> {
    return (await this.current()).write(name, bytes, ifMatch);
  }
  async remove(name: string): Promise<void> {
    return (await this.current()).remove(name);
  }
}

/** A browser sign-in that completes only when the test says so. */
class SlowIdentity extends FakeIdentity {
  private release: () => void = () => undefined;
  private gate = new Promise<void>((resolve) => (this.release = resolve));
  finish(): void {
    this.release();
  }
  override async signIn(): Promise<RecoveryAccount> {
    await this.gate;
    return super.signIn();
  }
}

/** A browser sign-in that waits until it is cancelled in main, as MSAL's does. */
class WaitingIdentity extends FakeIdentity {
  cancels = 0;
  private cancel: () => void = () => undefined;
  override async signIn(): Promise<RecoveryAccount> {
    await new Promise<void>((_resolve, reject) => (this.cancel = () => reject(new AppError('signInCancelled', 'You cancelled the sign-in.'))));
    return super.signIn();
  }
  override async cancelSignIn(): Promise<void> {
    this.cancels++;
    this.cancel();
  }
}

const dirs: string[] = [];
const services: BackupService[] = [];
let alice: MemoryCloudStore; // Alice's OneDrive app folder, shared by both PCs
let oldPc: Pc;
let newPc: Pc;
let recovery: RecoveryService;

async function makePc(deviceName: string, identity = new FakeIdentity()): Promise<Pc> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'recovery-test-'));
  dirs.push(dir);
  const keyStore = memoryKeyStore();
  const vault = new Vault(dir, keyStore);
  const clock = new ManualClock(Date.parse('2026-11-23T10:00:00.000Z'));
  const saved: VaultSnapshot[] = [];
  const store = new AppFolders(identity);
  store.folders.set(ALICE.username, alice);
  const backup = new BackupService({
    dataDir: dir,
    keyStore,
    clock,
    log: silentLogger,
    cloud: { identity, store },
    readVault: () => vault.read(),
    deviceName,
    appVersion: '0.1.0',
    onStatus: () => undefined,
    debounceMs: 2000,
  });
  services.push(backup);
  // As the app core does: every saved change refreshes the UI and schedules a backup.
  const onSaved = (snapshot: VaultSnapshot) => {
    saved.push(snapshot);
    backup.vaultChanged();
  };
  return { dir, vault, accounts: new AccountsService(vault, onSaved), identity, clock, backup, saved };
}

function recoveryFor(pc: Pc): RecoveryService {
  const folders = new AppFolders(pc.identity);
  folders.folders.set(ALICE.username, alice);
  return new RecoveryService({
    vault: pc.vault,
    cloud: { identity: pc.identity, store: folders },
    backup: pc.backup,
    clock: pc.clock,
    log: silentLogger,
    onSaved: (snapshot) => {
      pc.saved.push(snapshot);
      pc.backup.vaultChanged();
    },
  });
}

/** A device-bound account (push sign-in): only the vault can hold one; no link creates it. */
async function addDeviceBound(pc: Pc, id: string, issuer: string, kind: StoredAccount['kind']): Promise<void> {
  const at = new Date().toISOString();
  await pc.vault.update((data) => {
    data.accounts.push({
      id,
      issuer,
      name: 'alice@outlook.com',
      kind,
      otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      secret: DEVICE_SECRET,
      deviceBound: true,
      needsVerification: false,
      pinned: false,
      createdAt: at,
      updatedAt: at,
    });
    return { data, result: undefined };
  });
}

/** The old PC: a varied set of accounts in a custom order, custom settings, one deletion, backed up to Alice's OneDrive. */
async function backUpOldPc(): Promise<void> {
  const { accounts } = oldPc;
  const github = await accounts.addFromUri(`otpauth://totp/GitHub:me@example.com?secret=${GITHUB_SECRET}&issuer=GitHub`);
  await accounts.addFromUri('otpauth://totp/Google:me@gmail.com?secret=GEZDGNBVGY3TQOJQ&issuer=Google&algorithm=SHA256&digits=8&period=60');
  await accounts.addFromUri('otpauth://hotp/Bank:me?secret=MFRGGZDFMZTWQ2LK&issuer=Bank&counter=5');
  const steam = await accounts.addFromUri('otpauth://steam/Steam:gamer?secret=NBSWY3DPO5XXE3DE');
  await addDeviceBound(oldPc, 'ms0personal', 'Microsoft', 'microsoftPersonal');
  await addDeviceBound(oldPc, 'ms0work', 'Contoso', 'workOrSchool');
  const removed = await accounts.addFromUri('otpauth://totp/Gone:me?secret=ONSWG4TFOQ2TEMZU&issuer=Gone');
  await accounts.remove(removed.id);
  await accounts.move(steam.id, 0);
  await accounts.setPinned(github.id, true);
  await accounts.updateSettings({ theme: 'dark', clipboardClearSeconds: 45 });
  oldPc.identity.nextSignIn = ALICE;
  await oldPc.backup.signIn();
  await oldPc.backup.turnOn(PASSWORD);
  expect((await oldPc.backup.status()).state).toBe('upToDate');
}

/** What the new PC must hold after a full restore: the old PC's accounts, device-bound ones without their secret. */
async function expectedAccounts(): Promise<StoredAccount[]> {
  return (await oldPc.vault.read()).data.accounts.map((a) => (a.deviceBound ? { ...a, secret: '', needsVerification: true } : a));
}

async function cloudAccounts(): Promise<StoredAccount[]> {
  const file = alice.files.get(BACKUP_FILE_NAME)!;
  return decodePayload((await openBackup(file.bytes, { password: PASSWORD })).payload).accounts;
}

/** Signs in to the recovery account, then finds and describes the backup there. */
async function signInAndFind(r = recovery): ReturnType<RecoveryService['findBackup']> {
  await r.signIn();
  return r.findBackup();
}

/** Runs due timers and waits for the backup they started. */
async function advance(pc: Pc, ms: number): Promise<void> {
  pc.clock.advance(ms);
  await new Promise((resolve) => setImmediate(resolve));
  await pc.backup.settled();
}

beforeEach(async () => {
  alice = new MemoryCloudStore();
  oldPc = await makePc('OLD-PC');
  newPc = await makePc('NEW-PC');
  newPc.identity.nextSignIn = ALICE;
  recovery = recoveryFor(newPc);
});

afterEach(async () => {
  for (const service of services.splice(0)) {
    await service.settled();
    service.dispose();
  }
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe('a full restore on a new PC', () => {
  it('brings back the accounts in order with their secrets, the settings and the deletions; device-bound ones marked', async () => {
    await backUpOldPc();
    const { account, backup } = await signInAndFind();
    expect(account).toEqual({ username: 'alice@outlook.com', displayName: 'Alice' });
    expect(backup).toMatchObject({ deviceName: 'OLD-PC', accountCount: 6 });

    const preview = RecoveryPreview.parse(await recovery.unlock(PASSWORD));
    expect(preview.deviceName).toBe('OLD-PC');
    expect(preview.existing).toEqual([]);
    expect(preview.accounts.map((a) => [a.issuer, a.kind, a.needsVerification, a.alreadyHere])).toEqual([
      ['Steam', 'other', false, false],
      ['GitHub', 'other', false, false],
      ['Google', 'other', false, false],
      ['Bank', 'other', false, false],
      ['Microsoft', 'microsoftPersonal', true, false],
      ['Contoso', 'workOrSchool', true, false],
    ]);
    expect(JSON.stringify(preview)).not.toContain(GITHUB_SECRET);
    expect(newPc.saved).toEqual([]); // nothing written before restore

    const summary = RecoverySummary.parse(await recovery.restore('restore'));
    const restored = (await newPc.vault.read()).data;
    const old = (await oldPc.vault.read()).data;
    expect(restored.accounts).toEqual(await expectedAccounts());
    expect(restored.settings).toEqual(old.settings);
    expect(restored.settings.theme).toBe('dark');
    expect(restored.deleted).toEqual(old.deleted);
    expect(restored.deleted).toHaveLength(1);
    expect(summary).toMatchObject({ mode: 'restore', restored: 6, alreadyHere: 0 });
    expect(summary.added.map((a) => a.issuer)).toEqual(['Steam', 'GitHub', 'Google', 'Bank', 'Microsoft', 'Contoso']);
    expect(summary.needVerification).toEqual([
      { id: 'ms0personal', issuer: 'Microsoft', name: 'alice@outlook.com', kind: 'microsoftPersonal' },
      { id: 'ms0work', issuer: 'Contoso', name: 'alice@outlook.com', kind: 'workOrSchool' },
    ]);
    expect(newPc.saved.at(-1)?.data).toEqual(restored); // tiles refreshed from the new snapshot
  });

  it('shows the same codes as the old PC at the same instant', async () => {
    await backUpOldPc();
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    const instant = Date.parse('2026-11-23T10:00:17.000Z');
    const code = (a: StoredAccount) => codeAt(a.id, a.otp, decodeCanonicalKey(a.secret), instant).code;
    const oldAccounts = (await oldPc.vault.read()).data.accounts.filter((a) => !a.deviceBound);
    const newAccounts = (await newPc.vault.read()).data.accounts.filter((a) => !a.deviceBound);
    expect(newAccounts.map(code)).toEqual(oldAccounts.map(code));
    expect(newAccounts.map(code)).toHaveLength(4);
  });

  it('keeps backup on with the same recovery account, and the next backup merges with the old PC’s', async () => {
    await backUpOldPc();
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    await advance(newPc, 2000);
    const status = await newPc.backup.status();
    expect(status.state).toBe('upToDate');
    expect(status.account).toEqual({ username: 'alice@outlook.com', displayName: 'Alice' });
    expect(await newPc.identity.currentAccount()).toEqual(ALICE);

    // Both PCs go on: each adds an account; neither backup overwrites the other's.
    await oldPc.accounts.addFromUri('otpauth://totp/OldLater:me?secret=GEZDGNBVGY3TQOJR&issuer=OldLater');
    await oldPc.backup.backUpNow();
    await newPc.accounts.addFromUri('otpauth://totp/NewLater:me?secret=MFRGGZDFMZTWQ2LL&issuer=NewLater');
    await advance(newPc, 2000);
    expect((await newPc.backup.status()).state).toBe('upToDate');
    expect((await cloudAccounts()).map((a) => a.issuer)).toEqual(['Steam', 'GitHub', 'Google', 'Bank', 'Microsoft', 'Contoso', 'OldLater', 'NewLater']);
  });
});

describe('a backup key wrapped below today\'s scrypt cost', () => {
  it('is wrapped again with the default by the recovery (the password is at hand): one If-Match write, same key, same accounts', async () => {
    await backUpOldPc();
    // As an older version would have written it: the same backup, its data key wrapped with N=2^14 (by hand, from the format's description).
    const made = alice.files.get(BACKUP_FILE_NAME)!;
    const { payload, key, header } = await openBackup(made.bytes, { password: PASSWORD });
    const { createdAt, deviceName, appVersion, accountCount } = header;
    const wrapped = wrapByHand(key.dataKey, PASSWORD, { n: 2 ** 14, r: 8, p: 1 });
    const weak = sealBackup(payload, { dataKey: key.dataKey, wrapped }, { createdAt, deviceName, appVersion, accountCount });
    const weakETag = alice.put(BACKUP_FILE_NAME, weak);
    const old = readByHand(weak, PASSWORD);
    const writes = alice.writes;
    let ifMatch: string | null | undefined;
    const write = alice.write.bind(alice);
    alice.write = async (name, bytes, match) => ((ifMatch = match), write(name, bytes, match));

    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    await advance(newPc, 2000);
    expect((await newPc.backup.status()).state).toBe('upToDate');

    expect(alice.writes).toBe(writes + 1);
    expect(ifMatch).toBe(weakETag);
    const read = readByHand(alice.files.get(BACKUP_FILE_NAME)!.bytes, PASSWORD);
    expect(read.header.key.kdf).toMatchObject({ name: 'scrypt', n: 2 ** 17, r: 8, p: 1 });
    expect(read.header.key.keyId).toBe(old.header.key.keyId);
    expect(read.dataKey.equals(old.dataKey)).toBe(true);
    // The same accounts and secrets; only the restore's own mark differs (device-bound ones now need verification).
    const accountsOf = (bytes: Buffer) =>
      JSON.stringify((JSON.parse(bytes.toString('utf8')) as { accounts: Record<string, unknown>[] }).accounts.map(({ needsVerification: _, ...rest }) => rest));
    expect(accountsOf(read.payload)).toBe(accountsOf(old.payload));
  });
});

describe('when things go wrong', () => {
  it('says the backup is not stored with the account used, writes nothing, and then another account works', async () => {
    await backUpOldPc();
    const cloudBefore = alice.files.get(BACKUP_FILE_NAME);
    newPc.identity.nextSignIn = BOB;
    const error = await appErrorOf(signInAndFind());
    expect(error.kind).toBe('backupNotFound');
    expect(error.message).toContain('Your backup is not stored with bob@outlook.com');
    expect(error.message).toContain('different Microsoft account');
    // The app folder cannot tell a backup made with another account from one deleted in OneDrive: both are said.
    expect(error.message).toMatch(/deleted/);
    expect(error.message).toMatch(/recycle bin/i);
    expect(await newPc.vault.read()).toMatchObject({ generation: 0, data: { accounts: [] } });
    expect(await appErrorOf(recovery.unlock(PASSWORD))).toMatchObject({ kind: 'invalidRequest' });

    newPc.identity.nextSignIn = ALICE;
    expect((await signInAndFind()).backup.accountCount).toBe(6);
    expect(alice.files.get(BACKUP_FILE_NAME)).toEqual(cloudBefore);
  });

  it('refuses a wrong password without changing anything, then accepts the right one', async () => {
    await backUpOldPc();
    await signInAndFind();
    const writes = alice.writes;
    expect(await appErrorOf(recovery.unlock('not the password'))).toMatchObject({ kind: 'wrongPassword' });
    expect(await appErrorOf(recovery.unlock('still not the password'))).toMatchObject({ kind: 'wrongPassword' });
    expect(await appErrorOf(recovery.restore('restore'))).toMatchObject({ kind: 'invalidRequest' });
    expect(alice.writes).toBe(writes);
    expect((await recovery.unlock(PASSWORD)).accounts).toHaveLength(6);
    await recovery.restore('restore');
    expect((await newPc.vault.read()).data.accounts).toEqual(await expectedAccounts());
  });

  it('rejects a damaged backup (payload or header byte changed) and restores nothing', async () => {
    await backUpOldPc();
    const original = alice.files.get(BACKUP_FILE_NAME)!.bytes;
    const text = original.toString('utf8');
    const inPayload = text.lastIndexOf('"ciphertext":"') + 40;
    const inHeader = text.indexOf('OLD-PC') + 5;
    for (const at of [inPayload, inHeader]) {
      const bytes = Buffer.from(original);
      bytes[at] = bytes[at] === 0x43 ? 0x44 : 0x43; // one character for another, still valid base64 / JSON
      alice.put(BACKUP_FILE_NAME, bytes);
      await signInAndFind(); // the header still reads: the damage shows when the backup is opened
      expect(await appErrorOf(recovery.unlock(PASSWORD))).toMatchObject({ kind: 'backupDamaged' });
      expect(await appErrorOf(recovery.restore('restore'))).toMatchObject({ kind: 'invalidRequest' });
    }
    expect(await newPc.vault.read()).toMatchObject({ generation: 0, data: { accounts: [] } });
    expect((await newPc.backup.status()).state).toBe('off');
  });

  it('asks to update the app for a backup made by a newer version', async () => {
    await backUpOldPc();
    const file = JSON.parse(alice.files.get(BACKUP_FILE_NAME)!.bytes.toString('utf8')) as { header: { version: number } };
    file.header.version = 2;
    alice.put(BACKUP_FILE_NAME, Buffer.from(JSON.stringify(file)));
    const error = await appErrorOf(signInAndFind());
    expect(error.kind).toBe('backupTooNew');
    expect(error.message).toContain('Update the app');
  });

  it('refuses a full restore over existing accounts and leaves the vault as it was', async () => {
    await backUpOldPc();
    await newPc.accounts.addFromUri('otpauth://totp/Local:me?secret=GEZDGNBVGY3TQOJQ&issuer=Local');
    const before = await newPc.vault.read();
    await signInAndFind();
    expect((await recovery.unlock(PASSWORD)).existing.map((a) => a.issuer)).toEqual(['Local']);
    const error = await appErrorOf(recovery.restore('restore'));
    expect(error.kind).toBe('conflictExistingAccounts');
    expect(error.message).toContain('1 account (Local, me)');
    expect(error.message).toContain('merge');
    expect(await newPc.vault.read()).toEqual(before);
    expect((await newPc.backup.status()).state).toBe('off');
  });
});

describe('merge', () => {
  it('adds only the missing accounts after the existing ones and changes nothing else', async () => {
    await backUpOldPc();
    // The same GitHub account added here separately (another id, another case), plus one only this PC has.
    await newPc.accounts.addFromUri(`otpauth://totp/github:ME@example.com?secret=${GITHUB_SECRET}&issuer=github`);
    await newPc.accounts.addFromUri('otpauth://totp/Local:me?secret=GEZDGNBVGY3TQOJQ&issuer=Local');
    const removed = await newPc.accounts.addFromUri('otpauth://totp/Temp:me?secret=ONSWG4TFOQ2TEMZV&issuer=Temp');
    await newPc.accounts.remove(removed.id);
    await newPc.accounts.updateSettings({ theme: 'light' });
    const before = (await newPc.vault.read()).data;

    await signInAndFind();
    const preview = await recovery.unlock(PASSWORD);
    expect(preview.existing.map((a) => [a.issuer, a.inBackup])).toEqual([['github', true], ['Local', false]]);
    expect(preview.accounts.filter((a) => a.alreadyHere).map((a) => a.issuer)).toEqual(['GitHub']);
    const summary = await recovery.restore('merge');
    expect(summary).toMatchObject({ mode: 'merge', restored: 5, alreadyHere: 1 });
    expect(summary.needVerification.map((a) => a.id)).toEqual(['ms0personal', 'ms0work']);

    const after = (await newPc.vault.read()).data;
    expect(after.accounts.slice(0, 2)).toEqual(before.accounts);
    expect(after.accounts.slice(2)).toEqual((await expectedAccounts()).filter((a) => a.issuer !== 'GitHub'));
    expect(after.settings).toEqual(before.settings);
    expect(after.deleted).toEqual(before.deleted);
    await advance(newPc, 2000);
    expect((await newPc.backup.status()).state).toBe('upToDate');
  });
});

describe('remove and restore (replace)', () => {
  it('removes the accounts on this PC and restores the backup in one vault write; deletions only for removed accounts the backup does not bring back', async () => {
    await backUpOldPc();
    const old = (await oldPc.vault.read()).data;
    const local = await newPc.accounts.addFromUri('otpauth://totp/Local:me?secret=GEZDGNBVGY3TQOJQ&issuer=Local');
    // The same GitHub account added here separately (another id) ...
    const githubHere = await newPc.accounts.addFromUri(`otpauth://totp/GitHub:me@example.com?secret=${GITHUB_SECRET}&issuer=GitHub`);
    // ... and a copy of one of the backup's accounts under its own id (from an earlier merge), renamed here.
    const shared = old.accounts.find((a) => a.issuer === 'Google')!;
    await newPc.vault.update((data) => {
      data.accounts.push({ ...shared, name: 'renamed here' });
      return { data, result: undefined };
    });
    await newPc.accounts.updateSettings({ theme: 'light' });
    const before = await newPc.vault.read();
    const savedBefore = newPc.saved.length;

    await signInAndFind();
    const preview = RecoveryPreview.parse(await recovery.unlock(PASSWORD));
    expect(preview.existing.map((a) => [a.issuer, a.name, a.inBackup])).toEqual([
      ['Local', 'me', false],
      ['GitHub', 'me@example.com', true],
      ['Google', 'renamed here', true],
    ]);
    expect(await newPc.vault.read()).toEqual(before); // nothing written before restore

    const summary = RecoverySummary.parse(await recovery.restore('replace'));
    expect(summary).toMatchObject({ mode: 'replace', restored: 6, removed: 3, alreadyHere: 0 });
    const after = await newPc.vault.read();
    expect(after.generation).toBe(before.generation + 1); // one write: removal and restore together
    expect(newPc.saved.length).toBe(savedBefore + 1);
    expect(after.data.accounts).toEqual(await expectedAccounts());
    expect(after.data.settings).toEqual(old.settings);
    const removedAt = new Date(newPc.clock.now()).toISOString();
    expect(after.data.deleted).toEqual(
      expect.arrayContaining([...old.deleted, { id: local.id, at: removedAt }, { id: githubHere.id, at: removedAt }]),
    );
    expect(after.data.deleted).toHaveLength(old.deleted.length + 2); // none for Google: the backup brings it back

    // Backup stays on; the next backup carries the removals and the restored accounts, not the removed ones.
    await advance(newPc, 2000);
    expect((await newPc.backup.status()).state).toBe('upToDate');
    expect((await cloudAccounts()).map((a) => a.issuer)).toEqual(['Steam', 'GitHub', 'Google', 'Bank', 'Microsoft', 'Contoso']);
    expect((await cloudAccounts()).find((a) => a.id === shared.id)?.name).toBe(shared.name);
  });

  it('does not remove an account added after the preview: refuses, names it, and removes it once a fresh preview lists it', async () => {
    await backUpOldPc();
    await newPc.accounts.addFromUri('otpauth://totp/Local:me?secret=GEZDGNBVGY3TQOJQ&issuer=Local');
    await signInAndFind();
    expect((await recovery.unlock(PASSWORD)).existing.map((a) => a.issuer)).toEqual(['Local']);
    await newPc.accounts.addFromUri('otpauth://totp/Later:me?secret=ONSWG4TFOQ2TEMZV&issuer=Later');
    const before = await newPc.vault.read();

    const error = await appErrorOf(recovery.restore('replace'));
    expect(error.kind).toBe('conflictExistingAccounts');
    expect(error.message).toContain('Later, me');
    expect(await newPc.vault.read()).toEqual(before);
    expect((await newPc.backup.status()).state).toBe('off');

    // The opened backup is still there: a fresh preview against this PC, then the restore, without signing in again.
    expect((await recovery.preview()).existing.map((a) => a.issuer)).toEqual(['Local', 'Later']);
    await recovery.restore('replace');
    expect((await newPc.vault.read()).data.accounts).toEqual(await expectedAccounts());
  });
});

describe('a refused restore offers a way out', () => {
  for (const mode of ['merge', 'replace'] as const) {
    it(`an account added during a recovery on an empty PC: refused, then ${mode} without signing in again`, async () => {
      await backUpOldPc();
      const signIns = vi.spyOn(newPc.identity, 'signIn');
      await signInAndFind();
      expect((await recovery.unlock(PASSWORD)).existing).toEqual([]);
      await newPc.accounts.addFromUri('otpauth://totp/Local:me?secret=GEZDGNBVGY3TQOJQ&issuer=Local');
      const before = await newPc.vault.read();

      const error = await appErrorOf(recovery.restore('restore'));
      expect(error.kind).toBe('conflictExistingAccounts');
      expect(error.message).toContain('1 account (Local, me)');
      expect(error.message).toMatch(/merge/);
      expect(error.message).toMatch(/remove it and restore/);
      expect(await newPc.vault.read()).toEqual(before);

      const preview = await recovery.preview();
      expect(preview.existing.map((a) => [a.issuer, a.inBackup])).toEqual([['Local', false]]);
      const summary = await recovery.restore(mode);
      expect(summary.mode).toBe(mode);
      const issuers = (await newPc.vault.read()).data.accounts.map((a) => a.issuer);
      expect(issuers).toEqual(mode === 'merge' ? ['Local', 'Steam', 'GitHub', 'Google', 'Bank', 'Microsoft', 'Contoso'] : ['Steam', 'GitHub', 'Google', 'Bank', 'Microsoft', 'Contoso']);
      expect(signIns).toHaveBeenCalledTimes(1);
    });
  }

  it('after a OneDrive error, looking for the backup again needs no new sign-in', async () => {
    await backUpOldPc();
    const signIns = vi.spyOn(newPc.identity, 'signIn');
    alice.failNext(new AppError('network', 'OneDrive could not be reached. Check the internet connection.'));
    await recovery.signIn();
    expect(await appErrorOf(recovery.findBackup())).toMatchObject({ kind: 'network' });
    const { account, backup } = await recovery.findBackup();
    expect(account.username).toBe('alice@outlook.com');
    expect(backup.accountCount).toBe(6);
    expect(signIns).toHaveBeenCalledTimes(1);
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    expect((await newPc.vault.read()).data.accounts).toEqual(await expectedAccounts());
  });

  it('looking again is refused before a sign-in and after cancel', async () => {
    expect(await appErrorOf(recovery.findBackup())).toMatchObject({ kind: 'invalidRequest' });
    await backUpOldPc();
    await signInAndFind();
    await recovery.cancel();
    expect(await appErrorOf(recovery.findBackup())).toMatchObject({ kind: 'invalidRequest' });
    expect(await appErrorOf(recovery.preview())).toMatchObject({ kind: 'invalidRequest' });
  });
});

describe('a PC whose vault key was lost (the keychain was reset)', () => {
  it('restores the backup: the unreadable vault is set aside byte for byte, and the restored accounts are written', async () => {
    await backUpOldPc();
    // This PC had accounts of its own, but the key that opens them is gone: another key store holds it.
    const lost = new AccountsService(new Vault(newPc.dir, memoryKeyStore()));
    await lost.addFromUri('otpauth://totp/Lost:me?secret=ONSWG4TFOQ2TEMZU&issuer=Lost');
    await lost.addFromUri('otpauth://totp/AlsoLost:me?secret=GEZDGNBVGY3TQOJR&issuer=AlsoLost');
    const unreadable = await fs.readFile(path.join(newPc.dir, 'vault.json'));
    const unreadablePrevious = await fs.readFile(path.join(newPc.dir, 'vault.previous.json'));
    expect(await appErrorOf(newPc.vault.read())).toMatchObject({ kind: 'vaultKeyMissing' });

    await signInAndFind();
    const preview = RecoveryPreview.parse(await recovery.unlock(PASSWORD));
    expect(preview.existing).toEqual([]);
    expect(preview.unreadableVault).toBe(path.join(newPc.dir, 'vault.json'));
    expect(await fs.readFile(path.join(newPc.dir, 'vault.json'))).toEqual(unreadable); // nothing written before restore

    const summary = RecoverySummary.parse(await recovery.restore('restore'));
    expect(summary).toMatchObject({ mode: 'restore', restored: 6 });
    expect(summary.setAside.map((file) => path.basename(file))).toEqual([
      expect.stringMatching(/^vault\.unreadable-.*\.json$/),
      expect.stringMatching(/^vault\.previous\.unreadable-.*\.json$/),
    ]);
    expect(await fs.readFile(summary.setAside[0]!)).toEqual(unreadable);
    expect(await fs.readFile(summary.setAside[1]!)).toEqual(unreadablePrevious);
    expect((await newPc.vault.read()).data.accounts).toEqual(await expectedAccounts());
    expect(newPc.saved.at(-1)?.data.accounts).toHaveLength(6);
  });

  it('a merge into a vault it cannot open is refused, and nothing is set aside', async () => {
    await backUpOldPc();
    await new AccountsService(new Vault(newPc.dir, memoryKeyStore())).addFromUri('otpauth://totp/Lost:me?secret=ONSWG4TFOQ2TEMZU&issuer=Lost');
    const unreadable = await fs.readFile(path.join(newPc.dir, 'vault.json'));
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    expect(await appErrorOf(recovery.restore('merge'))).toMatchObject({ kind: 'vaultKeyMissing' });
    expect(await fs.readdir(newPc.dir)).not.toContainEqual(expect.stringMatching(/unreadable/));
    expect(await fs.readFile(path.join(newPc.dir, 'vault.json'))).toEqual(unreadable);
  });
});

describe('cancel', () => {
  it('signs out of the recovery account when backup was off, with vault and cloud unchanged', async () => {
    await backUpOldPc();
    const cloudBefore = alice.files.get(BACKUP_FILE_NAME);
    const writes = alice.writes;
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.cancel();
    expect(await newPc.identity.currentAccount()).toBeNull();
    expect(await newPc.vault.read()).toMatchObject({ generation: 0, data: { accounts: [] } });
    expect(alice.files.get(BACKUP_FILE_NAME)).toEqual(cloudBefore);
    expect(alice.writes).toBe(writes);
    expect((await newPc.backup.status()).state).toBe('off');
    expect(await appErrorOf(recovery.restore('restore'))).toMatchObject({ kind: 'invalidRequest' });
  });

  it('stays signed in when backup was already on', async () => {
    await backUpOldPc();
    await newPc.backup.signIn();
    await newPc.backup.turnOn(PASSWORD);
    const before = await newPc.vault.read();
    await signInAndFind();
    await recovery.cancel();
    expect(await newPc.identity.currentAccount()).toEqual(ALICE);
    expect((await newPc.backup.status()).state).toBe('upToDate');
    expect(await newPc.vault.read()).toEqual(before);
  });

  it('ends the sign-in still waiting in the browser, and nothing changes', async () => {
    await backUpOldPc();
    const identity = new WaitingIdentity();
    const pc = await makePc('WAITING-PC', identity);
    const waitingRecovery = recoveryFor(pc);
    const signingIn = appErrorOf(waitingRecovery.signIn());
    await waitingRecovery.cancel();
    expect(identity.cancels).toBe(1);
    expect(await signingIn).toMatchObject({ kind: 'signInCancelled' });
    expect(await pc.identity.currentAccount()).toBeNull();
    expect(await pc.vault.read()).toMatchObject({ generation: 0, data: { accounts: [] } });
    // A cancel with no sign-in waiting leaves other sign-ins alone (one for "Sign in to recover", say).
    await waitingRecovery.cancel();
    expect(identity.cancels).toBe(1);
  });

  it('signs out a sign-in that completes after recovery was cancelled', async () => {
    await backUpOldPc();
    const slow = await makePc('SLOW-PC', new SlowIdentity());
    slow.identity.nextSignIn = ALICE;
    const slowRecovery = recoveryFor(slow);
    const signingIn = slowRecovery.signIn();
    await slowRecovery.cancel();
    (slow.identity as SlowIdentity).finish();
    expect(await appErrorOf(signingIn)).toMatchObject({ kind: 'invalidRequest', message: 'Recovery was cancelled.' });
    expect(await slow.identity.currentAccount()).toBeNull();
  });
});

describe('re-enrolling an account that needs verification', () => {
  it('takes the new secret, keeps the account’s identity and place, and backs it up with its secret', async () => {
    await backUpOldPc();
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    await advance(newPc, 2000);
    const before = (await newPc.vault.read()).data.accounts;

    expect(await recovery.verifyOwner('ms0personal')).toEqual({ username: 'alice@outlook.com' });
    const view = await recovery.reenroll('ms0personal', 'otpauth://totp/Microsoft:alice@outlook.com?secret=MZXW6YTBOI2TEMZU&issuer=Microsoft&digits=8');
    expect(view).toMatchObject({ id: 'ms0personal', issuer: 'Microsoft', name: 'alice@outlook.com', kind: 'microsoftPersonal', needsVerification: false, deviceBound: false });
    expect(view.otp.digits).toBe(8);
    const after = (await newPc.vault.read()).data.accounts;
    const index = before.findIndex((a) => a.id === 'ms0personal');
    expect(after.findIndex((a) => a.id === 'ms0personal')).toBe(index);
    expect(after[index]).toMatchObject({ secret: 'MZXW6YTBOI2TEMZU', needsVerification: false, deviceBound: false });
    expect(after.filter((a) => a.id !== 'ms0personal')).toEqual(before.filter((a) => a.id !== 'ms0personal'));

    // This PC's clock (10:00) is behind the times the old PC stamped (the real time): the re-enrolled copy still wins the merge.
    expect(newPc.clock.now()).toBeLessThan(Date.parse(before[index]!.updatedAt));
    await advance(newPc, 2000);
    expect((await cloudAccounts()).find((a) => a.id === 'ms0personal')).toMatchObject({ secret: 'MZXW6YTBOI2TEMZU', deviceBound: false });
  });

  it('refuses a bad link, an account that needs nothing, and an unknown account', async () => {
    await backUpOldPc();
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    const before = await newPc.vault.read();
    expect(await appErrorOf(recovery.reenroll('ms0work', 'otpauth://totp/Contoso:me?issuer=Contoso'))).toMatchObject({ kind: 'invalidInput', field: 'secret' });
    expect(await appErrorOf(recovery.reenroll('ms0work', 'https://example.com'))).toMatchObject({ kind: 'invalidInput', field: 'uri' });
    const github = before.data.accounts.find((a) => a.issuer === 'GitHub')!;
    expect(await appErrorOf(recovery.reenroll(github.id, `otpauth://totp/GitHub:me?secret=${GITHUB_SECRET}`))).toMatchObject({ kind: 'invalidRequest' });
    expect(await appErrorOf(recovery.reenroll('feed0000', `otpauth://totp/X:me?secret=${GITHUB_SECRET}`))).toMatchObject({ kind: 'accountNotFound' });
    expect(await newPc.vault.read()).toEqual(before);
  });
});

describe('"Sign in to recover" a personal Microsoft account', () => {
  async function restored(): Promise<VaultSnapshot> {
    await backUpOldPc();
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    return newPc.vault.read();
  }
  const NEW_KEY = 'otpauth://totp/Microsoft:alice@outlook.com?secret=MZXW6YTBOI2TEMZU&issuer=Microsoft';

  it('takes no new key before the owner signed in, nor after a sign-in as someone else', async () => {
    const before = await restored();
    expect(await appErrorOf(recovery.reenroll('ms0personal', NEW_KEY))).toMatchObject({ kind: 'invalidRequest', message: expect.stringContaining('Sign in as alice@outlook.com first') });

    newPc.identity.nextVerification = BOB;
    const error = await appErrorOf(recovery.verifyOwner('ms0personal'));
    expect(error).toMatchObject({ kind: 'wrongAccount' });
    expect(error.message).toContain('You signed in as bob@outlook.com, but this account is alice@outlook.com');
    expect(await appErrorOf(recovery.reenroll('ms0personal', NEW_KEY))).toMatchObject({ kind: 'invalidRequest' });

    // The same address in other letters is the same account.
    newPc.identity.nextVerification = { ...ALICE, username: 'Alice@Outlook.com' };
    await recovery.verifyOwner('ms0personal');
    expect((await recovery.reenroll('ms0personal', NEW_KEY)).needsVerification).toBe(false);
    const after = await newPc.vault.read();
    expect(after.data.accounts.filter((a) => a.id !== 'ms0personal')).toEqual(before.data.accounts.filter((a) => a.id !== 'ms0personal'));
    // Verified once is used once: the account needs nothing any more.
    expect(await appErrorOf(recovery.verifyOwner('ms0personal'))).toMatchObject({ kind: 'invalidRequest', message: expect.stringContaining('does not need verification') });
  });

  it('a work or school account needs no sign-in; its QR code is enough', async () => {
    await restored();
    expect(await appErrorOf(recovery.verifyOwner('ms0work'))).toMatchObject({ kind: 'invalidRequest', message: expect.stringContaining('scanning the QR code') });
    const view = await recovery.reenroll('ms0work', `otpauth://totp/Contoso:alice@outlook.com?secret=${GITHUB_SECRET}&issuer=Contoso`);
    expect(view).toMatchObject({ id: 'ms0work', needsVerification: false });
  });

  it('a failed sign-in (cancelled in the browser) proves nothing and changes nothing', async () => {
    const before = await restored();
    newPc.identity.verifyAccount = async () => {
      throw new AppError('signInCancelled', 'The sign-in was cancelled.');
    };
    expect(await appErrorOf(recovery.verifyOwner('ms0personal'))).toMatchObject({ kind: 'signInCancelled' });
    expect(await appErrorOf(recovery.reenroll('ms0personal', NEW_KEY))).toMatchObject({ kind: 'invalidRequest' });
    expect(await newPc.vault.read()).toEqual(before);
  });
});

describe('re-enrolling with another account’s setup code', () => {
  const OTHERS = 'otpauth://totp/Microsoft:someone@else.com?secret=MZXW6YTBOI2TEMZU&issuer=Microsoft';
  async function restored(): Promise<VaultSnapshot> {
    await backUpOldPc();
    await signInAndFind();
    await recovery.unlock(PASSWORD);
    await recovery.restore('restore');
    return newPc.vault.read();
  }

  it('refuses a link for another account name or another issuer, naming both, and changes nothing', async () => {
    const before = await restored();
    await recovery.verifyOwner('ms0personal');
    const error = await appErrorOf(recovery.reenroll('ms0personal', OTHERS));
    expect(error).toMatchObject({ kind: 'accountMismatch' });
    expect(error.message).toContain('someone@else.com');
    expect(error.message).toContain('alice@outlook.com');
    const otherIssuer = await appErrorOf(recovery.reenroll('ms0personal', 'otpauth://totp/Fabrikam:alice@outlook.com?secret=MZXW6YTBOI2TEMZU&issuer=Fabrikam'));
    expect(otherIssuer).toMatchObject({ kind: 'accountMismatch' });
    expect(otherIssuer.message).toContain('Fabrikam');
    expect(otherIssuer.message).toContain('Microsoft');
    const work = await appErrorOf(recovery.reenroll('ms0work', `otpauth://totp/Contoso:someone@else.com?secret=${GITHUB_SECRET}&issuer=Contoso`));
    expect(work).toMatchObject({ kind: 'accountMismatch' });
    expect(await newPc.vault.read()).toEqual(before);

    // The sign-in still counts: the right QR code is taken next. Case and surrounding spaces do not matter.
    const view = await recovery.reenroll('ms0personal', 'otpauth://totp/%20MICROSOFT:Alice@Outlook.COM%20?secret=MZXW6YTBOI2TEMZU&issuer=%20MICROSOFT');
    expect(view).toMatchObject({ issuer: 'Microsoft', name: 'alice@outlook.com', needsVerification: false });
  });

  it('takes the link when the person confirms that the provider changed the name, keeping the account’s own name', async () => {
    const before = await restored();
    await recovery.verifyOwner('ms0personal');
    const view = await recovery.reenroll('ms0personal', OTHERS, { providerChanged: true });
    expect(view).toMatchObject({ id: 'ms0personal', issuer: 'Microsoft', name: 'alice@outlook.com', needsVerification: false });
    const after = (await newPc.vault.read()).data.accounts;
    expect(after.find((a) => a.id === 'ms0personal')).toMatchObject({ secret: 'MZXW6YTBOI2TEMZU' });
    expect(after.filter((a) => a.id !== 'ms0personal')).toEqual(before.data.accounts.filter((a) => a.id !== 'ms0personal'));
  });

  it('an account stored without a name or issuer matches any; a link without an issuer (a typed key) matches the account’s', async () => {
    await restored();
    await newPc.vault.update((data) => {
      Object.assign(data.accounts.find((a) => a.id === 'ms0work')!, { name: '' });
      return { data, result: null };
    });
    expect(await recovery.reenroll('ms0work', `otpauth://totp/Contoso:whoever@contoso.com?secret=${GITHUB_SECRET}&issuer=Contoso`)).toMatchObject({ needsVerification: false });
    await recovery.verifyOwner('ms0personal');
    expect(await recovery.reenroll('ms0personal', 'otpauth://totp/alice@outlook.com?secret=MZXW6YTBOI2TEMZU')).toMatchObject({ needsVerification: false });
  });
});

describe('the order of the steps', () => {
  it('refuses steps out of order and a second step while one runs', async () => {
    expect(await appErrorOf(recovery.unlock(PASSWORD))).toMatchObject({ kind: 'invalidRequest' });
    expect(await appErrorOf(recovery.restore('restore'))).toMatchObject({ kind: 'invalidRequest' });
    await backUpOldPc();
    await signInAndFind();
    const error = await appErrorOf(recovery.restore('merge'));
    expect(error).toMatchObject({ kind: 'invalidRequest' });
    expect(error.message).toContain('backup password first');

    const unlocking = recovery.unlock(PASSWORD);
    expect(await appErrorOf(signInAndFind())).toMatchObject({ kind: 'invalidRequest', message: expect.stringContaining('busy') });
    await unlocking;
    await recovery.restore('restore');
    // The recovery is over: restoring again needs a new one.
    expect(await appErrorOf(recovery.restore('merge'))).toMatchObject({ kind: 'invalidRequest' });
    expect(await appErrorOf(recovery.unlock(PASSWORD))).toMatchObject({ kind: 'invalidRequest' });
  });
});
