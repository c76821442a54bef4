import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ResponseType, type GraphError } from '@microsoft/microsoft-graph-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appCloudSettings } from '../../../emulators/index.js';
import { useEmulators } from '../../../emulators/testing/vitest.js';
import { AppError } from '../../../shared/errors.js';
import { AccountsService } from '../accounts/accounts-service.js';
import { systemClock } from '../clock.js';
import { IdentityConfig } from '../identity/identity-config.js';
import { createMsalRecoveryIdentity } from '../identity/msal-recovery-identity.js';
import { scriptedBrowser } from '../identity/testing/scripted-browser.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { silentLogger } from '../logger.js';
import { appErrorOf } from '../testing/test-helpers.js';
import { Vault } from '../vault/vault.js';
import { openBackup } from './backup-envelope.js';
import { BACKUP_FILE_NAME, BackupService } from './backup-service.js';
import { appErrorFromGraph, createGraphClient, ResponseSizeLimit } from './graph-pipeline.js';
import { oneDriveStore } from './onedrive-store.js';

// What a cloud file may cost this PC: huge files are refused while (or before) downloading, with flat memory.
// Real MSAL, the real Graph client and the app's transport against the emulators (emulators/), in this process.

const CLIENT_ID = '3f6b2a1c-9d8e-4f7a-b6c5-1e2d3c4b5a69';
const ALICE = { username: 'alice@outlook.com', password: 'alice-password', displayName: 'Alice' };
const PASSWORD = 'correct horse battery staple';
const MIB = 2 ** 20;
/** Generous: the capped download itself may hold up to 16 MiB (and a copy or two while handing it on). */
const MEMORY_BOUND = 64 * MIB;

const { emulators, transport } = useEmulators({ users: [ALICE], transport: { timeoutMs: 20_000 } });
let keyStore: KeyStore;
const cleanup: string[] = [];

beforeEach(() => {
  keyStore = osKeychainKeyStore(`test-cloud-limits-${randomBytes(6).toString('hex')}`);
});
afterEach(async () => {
  for (const { account } of await keyStore.findCredentials()) await keyStore.deletePassword(account);
  for (const dir of cleanup.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function pc() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cloud-limits-'));
  cleanup.push(dataDir);
  const browser = scriptedBrowser(transport);
  const config = IdentityConfig.parse({ clientId: CLIENT_ID, ...appCloudSettings(emulators) });
  const clock = systemClock();
  const identity = createMsalRecoveryIdentity({ config, transport, keyStore, dataDir, openBrowser: browser.open, log: silentLogger, tokenCacheKeyAccount: 'token-cache-key:limits' });
  const client = createGraphClient({ identity, transport, clock, log: silentLogger, graphBaseUrl: config.graphBaseUrl });
  const store = oneDriveStore(client);
  const vault = new Vault(dataDir, keyStore);
  const backup = new BackupService({
    dataDir, keyStore, clock, log: silentLogger, cloud: { identity, store }, readVault: () => vault.read(),
    deviceName: 'PC-ONE', appVersion: '0.1.0', onStatus: () => undefined, debounceMs: 10,
  });
  const accounts = new AccountsService(vault, () => backup.vaultChanged());
  browser.signInAs(ALICE);
  await backup.signIn();
  await backup.turnOn(PASSWORD);
  return { client, store, backup, accounts };
}

/** The highest rss and arrayBuffers above what they were at the start, sampled every few milliseconds while `work` runs. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; arrayBuffers: number }> {
  globalThis.gc?.();
  const start = process.memoryUsage();
  let peak = { rss: 0, arrayBuffers: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, now.rss - start.rss), arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers - start.arrayBuffers) };
  };
  const timer = setInterval(sample, 2);
  try {
    const result = await work();
    sample();
    return { result, ...peak };
  } finally {
    clearInterval(timer);
  }
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

describe('what a cloud file may cost this PC', () => {
  it('a 256 MiB download through the Graph pipeline stops at the cap, typed, with memory flat', async () => {
    const { client } = await pc();
    await emulators.control.fillFile(ALICE.username, 'huge.bin', 256 * MIB);
    await emulators.control.clearRequests();
    const refused = new AppError('backupDamaged', 'too large');
    const { result, rss, arrayBuffers } = await peakGrowth(() =>
      client
        .api('/me/drive/special/approot:/huge.bin:/content')
        .middlewareOptions([new ResponseSizeLimit(16 * MIB, refused)])
        .responseType(ResponseType.ARRAYBUFFER)
        .get()
        .then(
          () => null,
          // The Graph client wraps what the pipeline threw; this is how the OneDrive store reads it back.
          (error: GraphError) => appErrorFromGraph(error),
        ),
    );
    console.info(`256 MiB download capped at 16 MiB: rss +${mib(rss)}, arrayBuffers +${mib(arrayBuffers)} at the peak`);
    expect(result).toMatchObject({ kind: 'backupDamaged', message: 'too large' });
    // It did follow the redirect to the pre-authenticated URL: the cap held there, not only on Graph's own answer.
    expect((await emulators.control.requests('graph')).some((r) => r.path.startsWith('/dl/'))).toBe(true);
    expect(arrayBuffers).toBeLessThan(MEMORY_BOUND);
    expect(rss).toBeLessThan(MEMORY_BOUND);
  }, 60_000);

  it.each([64, 256])('a %i MiB backup file: the backup says "damaged", writes nothing, and memory stays flat', async (size) => {
    const { backup, store } = await pc();
    const placed = await emulators.control.fillFile(ALICE.username, BACKUP_FILE_NAME, size * MIB);
    await emulators.control.clearRequests();

    const { result, rss, arrayBuffers } = await peakGrowth(() => appErrorOf(store.read(BACKUP_FILE_NAME)));
    console.info(`${size} MiB backup file read: rss +${mib(rss)}, arrayBuffers +${mib(arrayBuffers)} at the peak`);
    expect(result.kind).toBe('backupDamaged');
    expect(result.message).toMatch(/larger than any backup this app makes/);
    expect(arrayBuffers).toBeLessThan(MEMORY_BOUND);
    expect(rss).toBeLessThan(MEMORY_BOUND);

    const status = await backup.backUpNow();
    expect(status.state).toBe('outOfDate');
    expect(status.problem).toMatchObject({ kind: 'backupDamaged', fix: 'turnOnAgain', nextAttemptAt: null });
    expect(status.problem?.message).toMatch(/larger than any backup.*Nothing was written.*turn backup off here, deleting the copy in OneDrive/s);
    const requests = await emulators.control.requests('graph');
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect((await emulators.control.files(ALICE.username)).find((f) => f.name === BACKUP_FILE_NAME)?.eTag).toBe(placed.eTag);
  }, 60_000);

  it('a backup whose key derivation scrypt itself refuses ("r":1,"n":65536) is damaged, typed, on both paths', async () => {
    const { backup } = await pc();
    const file = (await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME))!;
    const tampered = file.bytes.toString('utf8').replace(/"n":\d+,"r":\d+,/, '"n":65536,"r":1,');
    expect(tampered).toContain('"n":65536,"r":1,');
    await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, tampered);
    await emulators.control.clearRequests();

    // This PC (the data key, no derivation) and a PC joining with the password (the derivation) both say damaged.
    expect((await backup.backUpNow()).problem).toMatchObject({ kind: 'backupDamaged', fix: 'turnOnAgain', nextAttemptAt: null });
    expect((await appErrorOf(openBackup(Buffer.from(tampered), { password: PASSWORD }))).kind).toBe('backupDamaged');
    expect((await emulators.control.requests('graph')).filter((r) => r.method !== 'GET')).toEqual([]);
  }, 60_000);
});
