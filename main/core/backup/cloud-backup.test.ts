import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appCloudSettings } from '../../../emulators/index.js';
import { useEmulators } from '../../../emulators/testing/vitest.js';
import { AccountsService } from '../accounts/accounts-service.js';
import { systemClock } from '../clock.js';
import { appErrorOf } from '../testing/test-helpers.js';
import { IdentityConfig } from '../identity/identity-config.js';
import { createMsalRecoveryIdentity } from '../identity/msal-recovery-identity.js';
import { scriptedBrowser, type ScriptedBrowser } from '../identity/testing/scripted-browser.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { silentLogger } from '../logger.js';
import { Vault } from '../vault/vault.js';
import { sealBackup, openBackup, readBackupHeader } from './backup-envelope.js';
import { decodePayload, encodePayload, payloadOf } from './backup-payload.js';
import { readByHand, wrapByHand } from './testing/backup-by-hand.js';
import { BACKUP_FILE_NAME, BackupService } from './backup-service.js';
import { createGraphClient } from './graph-pipeline.js';
import { oneDriveStore } from './onedrive-store.js';

// The backup engine with real MSAL, the real Graph client, the real OS keychain (scripts/with-keyring.sh) and the
// local emulators of the Microsoft identity platform and OneDrive (emulators/), faults injected there.

const CLIENT_ID = '3f6b2a1c-9d8e-4f7a-b6c5-1e2d3c4b5a69';
const ALICE = { username: 'alice@outlook.com', password: 'alice-password', displayName: 'Alice' };
const PASSWORD = 'correct horse battery staple';
const link = (issuer: string, secret: string) => `otpauth://totp/${encodeURIComponent(issuer)}:me@example.com?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK', 'KRUGS4ZANFZSAYJA', 'ONSWG4TFOQFA2ZLT', 'NBSWY3DPO5XXE3DE'];

// The transport's timeout is short enough that a "timeout" fault is quick; the pipeline retries it like a dropped connection.
const { emulators, transport } = useEmulators({ users: [ALICE], transport: { timeoutMs: 2000 } });
let keyStore: KeyStore;
const cleanup: string[] = [];

beforeEach(async () => {
  keyStore = osKeychainKeyStore(`test-cloud-backup-${randomBytes(6).toString('hex')}`);
});
afterEach(async () => {
  for (const { account } of await keyStore.findCredentials()) await keyStore.deletePassword(account);
  for (const dir of cleanup.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

interface Pc {
  vault: Vault;
  accounts: AccountsService;
  backup: BackupService;
  browser: ScriptedBrowser;
}

/** One PC: its own data folder and vault, real MSAL and Graph against the emulators. */
async function pc(name: string, storeOptions: Parameters<typeof oneDriveStore>[1] = {}): Promise<Pc> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `cloud-backup-${name}-`));
  cleanup.push(dataDir);
  const browser = scriptedBrowser(transport);
  const config = IdentityConfig.parse({ clientId: CLIENT_ID, ...appCloudSettings(emulators) });
  const clock = systemClock();
  const identity = createMsalRecoveryIdentity({ config, transport, keyStore, dataDir, openBrowser: browser.open, log: silentLogger, tokenCacheKeyAccount: `token-cache-key:${name}` });
  const store = oneDriveStore(createGraphClient({ identity, transport, clock, log: silentLogger, graphBaseUrl: config.graphBaseUrl }), storeOptions);
  const vault = new Vault(dataDir, keyStore);
  const backup = new BackupService({
    dataDir,
    keyStore,
    clock,
    log: silentLogger,
    cloud: { identity, store },
    readVault: () => vault.read(),
    deviceName: name,
    appVersion: '0.1.0',
    onStatus: () => undefined,
    debounceMs: 10,
  });
  return { vault, accounts: new AccountsService(vault, () => backup.vaultChanged()), backup, browser };
}

async function turnOn(machine: Pc): Promise<void> {
  machine.browser.signInAs(ALICE);
  await machine.backup.signIn();
  await machine.backup.turnOn(PASSWORD);
}

async function cloudIssuers(): Promise<string[]> {
  const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
  if (!file) throw new Error('no backup in the emulated OneDrive');
  return decodePayload((await openBackup(file.bytes, { password: PASSWORD })).payload).accounts.map((a) => a.issuer);
}

async function changedAndBackedUp(machine: Pc, issuer: string, secret: string): Promise<void> {
  await machine.accounts.addFromUri(link(issuer, secret));
  await new Promise((resolve) => setTimeout(resolve, 50)); // past the debounce
  await machine.backup.settled();
}

describe('backup to the emulated OneDrive', () => {
  it('signs in, uploads ciphertext only, follows changes with If-Match, and opens with the password alone', async () => {
    const one = await pc('PC-ONE');
    await one.accounts.addFromUri(link('GitHub', SECRETS[0]!));
    await turnOn(one);
    expect(await one.backup.status()).toMatchObject({ state: 'upToDate', account: { username: ALICE.username } });
    await emulators.control.clearRequests();
    await changedAndBackedUp(one, 'Fabrikam Bank', SECRETS[1]!);

    const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
    const text = file!.bytes.toString('latin1');
    for (const clear of ['GitHub', 'Fabrikam', 'me@example.com', SECRETS[0]!, SECRETS[1]!]) expect(text).not.toContain(clear);
    expect(await cloudIssuers()).toEqual(['GitHub', 'Fabrikam Bank']);
    const upload = (await emulators.control.requests('graph')).find((r) => r.method === 'PUT');
    expect(upload?.ifMatch).toBeTruthy();
    // The pre-authenticated download URL never receives the access token.
    const downloads = (await emulators.control.requests('graph')).filter((r) => !r.path.startsWith('/v1.0/'));
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((r) => !r.authorization)).toBe(true);
  });

  it('expired sign-in: out of date with "sign in required", then signing in again backs up and clears it', async () => {
    const one = await pc('PC-ONE');
    await turnOn(one);
    await emulators.control.expireAccessTokens(ALICE.username);
    await emulators.control.revokeRefreshTokens(ALICE.username);
    await changedAndBackedUp(one, 'After expiry', SECRETS[2]!);
    expect((await one.backup.status()).problem, JSON.stringify((await one.backup.status()).problem)).toMatchObject({ kind: 'signInRequired', fix: 'signIn' });
    expect((await one.backup.status()).state).toBe('outOfDate');

    one.browser.signInAs(ALICE);
    const status = await one.backup.signInAgain();
    expect(status.state).toBe('upToDate');
    expect(status.problem).toBeNull();
    expect(await cloudIssuers()).toEqual(['After expiry']);
  });

  it('rides out throttling (429/503 with Retry-After), dropped connections, timeouts and a revoked token', async () => {
    const one = await pc('PC-ONE');
    await turnOn(one);
    await emulators.control.clearRequests();
    await emulators.control.addFault({ target: 'graph', method: 'PUT', status: 429, retryAfterSeconds: 1, count: 1 });
    await emulators.control.addFault({ target: 'graph', method: 'GET', status: 503, retryAfterSeconds: 1, count: 1 });
    await changedAndBackedUp(one, 'Throttled', SECRETS[0]!);
    expect((await one.backup.status()).state).toBe('upToDate');
    const statuses = (await emulators.control.requests('graph')).map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(503);

    await emulators.control.addFault({ target: 'graph', method: 'PUT', reset: true, count: 1 });
    await emulators.control.addFault({ target: 'graph', method: 'GET', delayMs: 3000, count: 1 });
    await changedAndBackedUp(one, 'Reset and slow', SECRETS[1]!);
    expect((await one.backup.status()).state).toBe('upToDate');

    await emulators.control.expireAccessTokens(ALICE.username); // a 401: one forced refresh, then it works
    await changedAndBackedUp(one, 'Refreshed', SECRETS[2]!);
    expect((await one.backup.status()).state).toBe('upToDate');
    expect(await cloudIssuers()).toEqual(['Throttled', 'Reset and slow', 'Refreshed']);
  });

  it('network down: out of date with the reason, nothing local lost; network back: it recovers', async () => {
    const one = await pc('PC-ONE');
    await turnOn(one);
    await emulators.control.addFault({ target: 'all', reset: true, count: -1 });
    await changedAndBackedUp(one, 'Offline', SECRETS[3]!);
    expect((await one.backup.status()).problem).toMatchObject({ kind: 'network', fix: 'retry' });
    expect((await one.accounts.list()).map((a) => a.issuer)).toEqual(['Offline']);
    await emulators.control.clearFaults();
    expect((await one.backup.backUpNow()).state).toBe('upToDate');
    expect(await cloudIssuers()).toEqual(['Offline']);
  });

  it('two PCs writing at once: the 412 loser merges, and the cloud holds every account of both once', async () => {
    const one = await pc('PC-ONE');
    const two = await pc('PC-TWO');
    await one.accounts.addFromUri(link('One A', SECRETS[0]!));
    await turnOn(one);
    await two.accounts.addFromUri(link('Two A', SECRETS[1]!));
    await two.accounts.addFromUri(link('One A', SECRETS[0]!)); // the same account added on both PCs
    await turnOn(two); // joins the existing backup with its password, merging
    expect((await cloudIssuers()).sort()).toEqual(['One A', 'Two A']);

    await one.accounts.addFromUri(link('One B', SECRETS[2]!));
    await two.accounts.addFromUri(link('Two B', SECRETS[3]!));
    // Both read the same version before either writes: one of the two uploads must get 412.
    await emulators.control.clearRequests();
    await emulators.control.addFault({ target: 'graph', method: 'PUT', delayMs: 700, count: 2 });
    await Promise.all([one.backup.backUpNow(), two.backup.backUpNow()]);
    expect((await emulators.control.requests('graph')).some((r) => r.status === 412)).toBe(true);
    expect((await cloudIssuers()).sort()).toEqual(['One A', 'One B', 'Two A', 'Two B']);
    expect((await one.backup.status()).state).toBe('upToDate');
    expect((await two.backup.status()).state).toBe('upToDate');
  });

  it('large backups go up through an upload session; a full OneDrive is reported as such', async () => {
    const one = await pc('PC-ONE', { simpleUploadLimit: 512, fragmentSize: 320 * 1024 });
    for (const [i, secret] of SECRETS.entries()) await one.accounts.addFromUri(link(`Account ${i}`, secret));
    await emulators.control.clearRequests();
    await turnOn(one);
    expect((await emulators.control.requests('graph')).some((r) => r.path.includes('createUploadSession'))).toBe(true);
    expect(await cloudIssuers()).toHaveLength(SECRETS.length);

    await emulators.control.setQuota(ALICE.username, 100);
    await changedAndBackedUp(one, 'No room', 'GEZDGNBVGY3TQOJRGEZDGNBVGY3TQOJR');
    expect((await one.backup.status()).problem).toMatchObject({ kind: 'cloudStorageFull' });
  });
});

const NEW_PASSWORD = 'a brand new backup passphrase';

async function cloudBytes(): Promise<Buffer> {
  const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
  if (!file) throw new Error('no backup in the emulated OneDrive');
  return file.bytes;
}

async function issuersWith(password: string): Promise<string[]> {
  return decodePayload((await openBackup(await cloudBytes(), { password })).payload).accounts.map((a) => a.issuer);
}

/** Two PCs backing up to Alice's OneDrive with PASSWORD, PC 1 with one account, PC 2 with another. */
async function twoPcs(): Promise<{ one: Pc; two: Pc }> {
  const one = await pc('PC-ONE');
  const two = await pc('PC-TWO');
  await one.accounts.addFromUri(link('One', SECRETS[0]!));
  await turnOn(one);
  await two.accounts.addFromUri(link('Two', SECRETS[1]!));
  await turnOn(two);
  return { one, two };
}

describe('a backup password change, with two PCs on one backup', () => {
  it('holds on the other PC: it never writes under the old password, says why, and continues once given the new one', async () => {
    const { one, two } = await twoPcs();
    await one.backup.changePassword(PASSWORD, NEW_PASSWORD);
    expect((await one.backup.status()).state).toBe('upToDate');
    const afterChange = await cloudBytes();

    const renamed = (await two.accounts.list()).find((a) => a.issuer === 'Two')!;
    await two.accounts.rename(renamed.id, 'Two renamed', renamed.name);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await two.backup.settled();
    expect((await two.backup.status()).problem).toMatchObject({ kind: 'backupPasswordChanged', fix: 'enterPassword' });
    expect((await two.backup.status()).state).toBe('outOfDate');
    expect((await cloudBytes()).equals(afterChange)).toBe(true); // PC 2 wrote nothing
    await two.backup.backUpNow(); // nor when asked to
    expect((await cloudBytes()).equals(afterChange)).toBe(true);

    expect(await appErrorOf(two.backup.enterNewPassword(PASSWORD))).toMatchObject({ kind: 'wrongPassword' });
    expect((await cloudBytes()).equals(afterChange)).toBe(true);
    const status = await two.backup.enterNewPassword(NEW_PASSWORD);
    expect(status).toMatchObject({ state: 'upToDate', problem: null });
    expect((await issuersWith(NEW_PASSWORD)).sort()).toEqual(['One', 'Two renamed']);
    expect(await appErrorOf(issuersWith(PASSWORD))).toMatchObject({ kind: 'wrongPassword' });

    // Both PCs go on writing under the new password, whoever writes last.
    await one.backup.backUpNow();
    expect((await issuersWith(NEW_PASSWORD)).sort()).toEqual(['One', 'Two renamed']);
    await changedAndBackedUp(two, 'Two later', SECRETS[2]!);
    expect((await issuersWith(NEW_PASSWORD)).sort()).toEqual(['One', 'Two later', 'Two renamed']);
    // A third PC joins with the new password only.
    const three = await pc('PC-THREE');
    three.browser.signInAs(ALICE);
    await three.backup.signIn();
    expect(await appErrorOf(three.backup.turnOn(PASSWORD))).toMatchObject({ kind: 'wrongPassword' });
    expect((await three.backup.turnOn(NEW_PASSWORD)).state).toBe('upToDate');
  });

  it('rotates the data key: the old password, and the old key, open nothing written after the change', async () => {
    const { one } = await twoPcs();
    const before = await cloudBytes();
    const oldKey = (await openBackup(before, { password: PASSWORD })).key;
    await one.backup.changePassword(PASSWORD, NEW_PASSWORD);
    const after = await cloudBytes();
    expect(readBackupHeader(after).keyId).not.toBe(readBackupHeader(before).keyId);
    expect(await appErrorOf(openBackup(after, { password: PASSWORD }))).toMatchObject({ kind: 'wrongPassword' });
    expect(await appErrorOf(openBackup(after, { dataKey: oldKey.dataKey }))).toBeTruthy();
    expect((await issuersWith(NEW_PASSWORD)).sort()).toEqual(['One', 'Two']);
  });

  it('asks for the current password first: a wrong one changes nothing, here or in OneDrive', async () => {
    const { one } = await twoPcs();
    const before = await cloudBytes();
    expect(await appErrorOf(one.backup.changePassword('not the current password', NEW_PASSWORD))).toMatchObject({ kind: 'wrongPassword' });
    expect((await cloudBytes()).equals(before)).toBe(true);
    await changedAndBackedUp(one, 'Later', SECRETS[2]!);
    expect((await issuersWith(PASSWORD)).sort()).toEqual(['Later', 'One', 'Two']);
  });

  it('with the network down the change fails and nothing changes; the old password still holds everywhere', async () => {
    const { one } = await twoPcs();
    const before = await cloudBytes();
    await emulators.control.addFault({ target: 'all', reset: true, count: -1 });
    expect(await appErrorOf(one.backup.changePassword(PASSWORD, NEW_PASSWORD))).toMatchObject({ kind: 'network' });
    await emulators.control.clearFaults();
    expect((await cloudBytes()).equals(before)).toBe(true);
    expect((await one.backup.backUpNow()).state).toBe('upToDate');
    expect((await issuersWith(PASSWORD)).sort()).toEqual(['One', 'Two']);
  });

  it('two PCs changing the password at once: one change wins, the other is refused and changes nothing', async () => {
    const { one, two } = await twoPcs();
    await emulators.control.addFault({ target: 'graph', method: 'PUT', delayMs: 700, count: 2 });
    const results = await Promise.allSettled([one.backup.changePassword(PASSWORD, NEW_PASSWORD), two.backup.changePassword(PASSWORD, 'the other new passphrase')]);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results[1 - won]!;
    expect(lost.status === 'rejected' && (lost.reason as { kind?: string }).kind).toBe('backupPasswordChanged');
    const winner = won === 0 ? NEW_PASSWORD : 'the other new passphrase';
    expect((await issuersWith(winner)).sort()).toEqual(['One', 'Two']);
    const loser = won === 0 ? two : one;
    await loser.backup.backUpNow();
    expect((await loser.backup.status()).problem).toMatchObject({ kind: 'backupPasswordChanged' });
    expect((await loser.backup.enterNewPassword(winner)).state).toBe('upToDate');
  });

  it('OneDrive asking to wait (429, Retry-After 120 s) is reported at once with the next try, not waited out in silence', async () => {
    const one = await pc('PC-ONE');
    await turnOn(one);
    await emulators.control.clearRequests();
    await emulators.control.addFault({ target: 'graph', method: 'PUT', status: 429, retryAfterSeconds: 120, count: 1 });
    const started = Date.now();
    await changedAndBackedUp(one, 'Throttled', SECRETS[0]!);
    expect(Date.now() - started).toBeLessThan(10_000);
    const status = await one.backup.status();
    expect(status.state).toBe('outOfDate');
    expect(status.problem).toMatchObject({ kind: 'cloudBusy', fix: 'retry' });
    const next = Date.parse(status.problem!.nextAttemptAt!);
    expect(next - Date.now()).toBeGreaterThan(100_000);
    expect(next - Date.now()).toBeLessThan(125_000);
    expect((await emulators.control.requests('graph')).filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});

describe('a backup key wrapped below today\'s scrypt cost by another PC', () => {
  const WEAK = { n: 2 ** 14, r: 8, p: 1 };

  /** An older PC's backup of two accounts, its data key wrapped with WEAK (made by hand from the format's description). */
  async function olderPcBackup(): Promise<{ bytes: Buffer; dataKey: Buffer; eTag: string }> {
    const older = await pc('PC-OLDER');
    await older.accounts.addFromUri(link('Older one', SECRETS[2]!));
    await older.accounts.addFromUri(link('Older two', SECRETS[3]!));
    const dataKey = randomBytes(32);
    const payload = encodePayload(payloadOf((await older.vault.read()).data));
    const bytes = sealBackup(payload, { dataKey, wrapped: wrapByHand(dataKey, PASSWORD, WEAK) }, { createdAt: '2026-10-01T08:00:00.000Z', deviceName: 'PC-OLDER', appVersion: '0.0.9', accountCount: 2 });
    const { eTag } = await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, bytes);
    return { bytes, dataKey, eTag };
  }

  /** The requests that changed the file: anything but a read. */
  async function writes() {
    return (await emulators.control.requests('graph')).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  it('is wrapped again with the default when a PC joins with the password: one If-Match write, same data key, same accounts', async () => {
    const before = await olderPcBackup();
    const old = readByHand(before.bytes, PASSWORD);
    expect(old.header.key.kdf).toMatchObject(WEAK);
    await emulators.control.clearRequests();

    const joining = await pc('PC-NEW');
    await turnOn(joining);
    expect((await joining.backup.status()).state).toBe('upToDate');

    const written = await writes();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ status: expect.any(Number), ifMatch: before.eTag });
    expect(written[0]!.status).toBeLessThan(300);

    const after = await cloudBytes();
    const read = readByHand(after, PASSWORD); // an independent reader, from docs/backup-format.md
    expect(read.header.key.kdf).toEqual({ name: 'scrypt', n: 2 ** 17, r: 8, p: 1, salt: expect.any(String) });
    expect(read.header.key.kdf.salt).not.toBe(old.header.key.kdf.salt);
    expect(read.header.key.keyId).toBe(old.header.key.keyId);
    expect(read.dataKey.equals(before.dataKey)).toBe(true);
    // No data change: the same accounts and deletions, byte for byte as JSON.
    const oldData = JSON.parse(old.payload.toString('utf8')) as { accounts: unknown[]; deleted: unknown[] };
    const newData = JSON.parse(read.payload.toString('utf8')) as { accounts: unknown[]; deleted: unknown[] };
    expect(JSON.stringify(newData.accounts)).toBe(JSON.stringify(oldData.accounts));
    expect(newData.deleted).toEqual(oldData.deleted);

    // This PC keeps the stronger wrap: its next backup carries it too, and the older PC's password still opens it.
    await changedAndBackedUp(joining, 'Later', SECRETS[4]!);
    expect(readByHand(await cloudBytes(), PASSWORD).header.key.kdf).toMatchObject({ n: 2 ** 17, r: 8, p: 1 });
    expect(await cloudIssuers()).toEqual(['Older one', 'Older two', 'Later']);
  });

  it('is not wrapped again with a wrong password, and a key at the default cost is left as it is', async () => {
    const before = await olderPcBackup();
    await emulators.control.clearRequests();
    const joining = await pc('PC-NEW');
    joining.browser.signInAs(ALICE);
    await joining.backup.signIn();
    expect(await appErrorOf(joining.backup.turnOn('not the backup password'))).toMatchObject({ kind: 'wrongPassword' });
    expect(await writes()).toEqual([]);
    expect((await cloudBytes()).equals(before.bytes)).toBe(true);

    // A second PC joining a backup already at the default: its write keeps the wrapped key byte for byte.
    await joining.backup.turnOn(PASSWORD);
    const strong = readByHand(await cloudBytes(), PASSWORD).header.key;
    const second = await pc('PC-THIRD');
    await turnOn(second);
    expect(readByHand(await cloudBytes(), PASSWORD).header.key).toEqual(strong);
  });
});
