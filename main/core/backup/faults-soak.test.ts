import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appCloudSettings, type FaultInput } from '../../../emulators/index.js';
import { useEmulators } from '../../../emulators/testing/vitest.js';
import { AccountsService } from '../accounts/accounts-service.js';
import type { Clock } from '../clock.js';
import { IdentityConfig } from '../identity/identity-config.js';
import { createMsalRecoveryIdentity } from '../identity/msal-recovery-identity.js';
import { scriptedBrowser } from '../identity/testing/scripted-browser.js';
import type { KeyStore } from '../keystore/key-store.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import type { Logger } from '../logger.js';
import { seededRandom } from '../testing/test-helpers.js';
import { Vault } from '../vault/vault.js';
import { openBackup } from './backup-envelope.js';
import { decodePayload } from './backup-payload.js';
import { BACKUP_FILE_NAME, BackupService } from './backup-service.js';
import { createGraphClient } from './graph-pipeline.js';
import { oneDriveStore } from './onedrive-store.js';

// The faults soak: two PCs on one backup make 1000 changes (add, rename, delete, reorder) while the emulated OneDrive
// answers with random 429, 503, dropped connections, timeouts, 401 and 412. Afterwards (faults off, both backed up)
// the cloud copy holds every surviving account of both PCs once, and no deleted one; each PC still holds exactly its
// own. Real MSAL, the real Graph client, the app's transport and the OS keychain; only time runs faster (below).

const SEED = Number(process.env.SOAK_SEED ?? 1414);
const CHANGES = Number(process.env.SOAK_CHANGES ?? 1000);
/** Changes per round (half on each PC); each round one fault is armed. */
const ROUND = 10;
const CLIENT_ID = '3f6b2a1c-9d8e-4f7a-b6c5-1e2d3c4b5a69';
const ALICE = { username: 'alice@outlook.com', password: 'alice-password', displayName: 'Alice' };
const PASSWORD = 'correct horse battery staple';
/** The transport gives up after this; a "timeout" fault holds the answer longer. */
const TIMEOUT_MS = 1500;
/**
 * Timers of the backup (its retries after 30 s to 15 min, Retry-After, the 5-minute check) and of the Graph pipeline
 * (1, 2, 4 s backoff) run this many times faster; the clock's time itself is real (tokens, dates).
 */
const TIME_SCALE = 100;
/** The backup's wait after a change, scaled to 50 ms: a round's changes on one PC make about one backup. */
const DEBOUNCE_MS = 5000;

const { emulators, transport } = useEmulators({ users: [ALICE], transport: { timeoutMs: TIMEOUT_MS } });
let keyStore: KeyStore;
const cleanup: string[] = [];

beforeEach(() => {
  keyStore = osKeychainKeyStore(`test-faults-soak-${randomBytes(6).toString('hex')}`);
});
afterEach(async () => {
  for (const { account } of await keyStore.findCredentials()) await keyStore.deletePassword(account);
  for (const dir of cleanup.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

function fastClock(scale: number): Clock {
  return {
    now: () => Date.now(),
    setTimer(delayMs, callback) {
      const handle = setTimeout(callback, Math.max(0, delayMs) / scale);
      return () => clearTimeout(handle);
    },
  };
}

const tally = { inRequestRetries: 0, failedAttempts: 0 };
const countingLog: Logger = {
  info: (message) => void (message.includes('retrying in') && tally.inRequestRetries++),
  error: (message) => void (message === 'backup failed' && tally.failedAttempts++),
};

async function pc(name: string) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `faults-soak-${name}-`));
  cleanup.push(dataDir);
  const browser = scriptedBrowser(transport);
  const config = IdentityConfig.parse({ clientId: CLIENT_ID, ...appCloudSettings(emulators) });
  const clock = fastClock(TIME_SCALE);
  const identity = createMsalRecoveryIdentity({ config, transport, keyStore, dataDir, openBrowser: browser.open, log: countingLog, tokenCacheKeyAccount: `token-cache-key:${name}` });
  const store = oneDriveStore(createGraphClient({ identity, transport, clock, log: countingLog, graphBaseUrl: config.graphBaseUrl }));
  // The vault's key in memory: 1000 changes each reading it from the keychain over D-Bus would be the soak's whole
  // run time, and the vault is not what it tests. The backup's data key and the sign-in stay in the OS keychain.
  const vault = new Vault(dataDir, memoryKeyStore());
  const backup = new BackupService({
    dataDir, keyStore, clock, log: countingLog, cloud: { identity, store }, readVault: () => vault.read(),
    deviceName: name, appVersion: '0.1.0', onStatus: () => undefined, debounceMs: DEBOUNCE_MS,
  });
  const accounts = new AccountsService(vault, () => backup.vaultChanged());
  browser.signInAs(ALICE);
  await backup.signIn();
  await backup.turnOn(PASSWORD);
  /** This PC's accounts as the test made them: id -> issuer. */
  const model = new Map<string, string>();
  return { name, accounts, backup, model, deleted: new Set<string>() };
}
type Pc = Awaited<ReturnType<typeof pc>>;

type FaultKind = '429' | '503' | 'reset' | 'timeout' | '401' | '412';
/** One fault of each kind, as the emulators' control API takes it; which request it hits is left to chance. */
function faultOf(kind: FaultKind, random: () => number): FaultInput {
  const method = random() < 0.5 ? 'GET' : 'PUT';
  switch (kind) {
    case '429':
      // Retry-After short (waited in the request), long (reported, retried by the backup) or absent (backoff).
      return { target: 'graph', method, status: 429, ...[{ retryAfterSeconds: 1 }, { retryAfterSeconds: 120 }, {}][Math.floor(random() * 3)] };
    case '503':
      return { target: 'graph', method, status: 503, ...(random() < 0.5 ? { retryAfterSeconds: 2 } : {}) };
    case 'reset':
      return { target: 'graph', method, reset: true };
    case 'timeout':
      return { target: 'graph', method, delayMs: TIMEOUT_MS + 500 };
    case '401':
      // Graph's own URLs: the pre-authenticated download URL takes no token, so a 401 there is not a token problem.
      return { target: 'graph', pathContains: '/v1.0/', status: 401 };
    case '412':
      return { target: 'graph', method: 'PUT', status: 412 };
  }
}
const FAULT_KINDS: FaultKind[] = ['429', '503', 'reset', 'timeout', '401', '412'];
/** Timeouts cost real seconds; the others are drawn more often. */
const FAULT_WEIGHTS: Record<FaultKind, number> = { 429: 3, 503: 3, reset: 3, timeout: 1, 401: 2, 412: 3 };

function secretOf(random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: 32 }, () => alphabet[Math.floor(random() * 32)]).join('');
}

async function change(machine: Pc, random: () => number, serial: number, counts: Record<string, number>): Promise<void> {
  const ids = [...machine.model.keys()];
  const roll = random();
  const kind = ids.length < 3 || roll < 0.4 ? 'add' : roll < 0.65 ? 'rename' : roll < 0.8 ? 'delete' : 'reorder';
  counts[kind] = (counts[kind] ?? 0) + 1;
  const someId = ids[Math.floor(random() * ids.length)]!;
  switch (kind) {
    case 'add': {
      const issuer = `${machine.name} ${serial}`;
      const added = await machine.accounts.addFromUri(`otpauth://totp/${encodeURIComponent(issuer)}:soak?secret=${secretOf(random)}&issuer=${encodeURIComponent(issuer)}`);
      machine.model.set(added.id, issuer);
      break;
    }
    case 'rename': {
      const issuer = `${machine.name} ${serial} renamed`;
      await machine.accounts.rename(someId, issuer, 'soak');
      machine.model.set(someId, issuer);
      break;
    }
    case 'delete':
      await machine.accounts.remove(someId);
      machine.model.delete(someId);
      machine.deleted.add(someId);
      break;
    case 'reorder':
      await machine.accounts.move(someId, Math.floor(random() * ids.length));
      break;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults soak', () => {
  it(`${CHANGES} changes on two PCs sharing one backup, with random OneDrive faults: nothing lost, nothing twice`, async () => {
    const started = performance.now();
    const random = seededRandom(SEED);
    const one = await pc('PC-ONE');
    const two = await pc('PC-TWO');
    await emulators.control.clearRequests();
    tally.inRequestRetries = 0;
    tally.failedAttempts = 0;
    const changes: Record<string, number> = {};
    const faults: Record<string, number> = {};
    const armed = new Map<string, FaultKind>();
    const statuses: Record<string, number> = {};
    const takeLog = async () => {
      for (const record of await emulators.control.requests('graph')) {
        const kind = record.fault ? armed.get(record.fault) : undefined;
        if (kind) faults[kind] = (faults[kind] ?? 0) + 1;
        else if (record.status === 412) statuses['412 (two PCs at once)'] = (statuses['412 (two PCs at once)'] ?? 0) + 1;
        statuses.requests = (statuses.requests ?? 0) + 1;
      }
      await emulators.control.clearRequests();
    };

    const weighted = FAULT_KINDS.flatMap((kind) => Array<FaultKind>(FAULT_WEIGHTS[kind]).fill(kind));
    for (let serial = 0; serial < CHANGES; serial += ROUND) {
      await emulators.control.clearFaults(); // one armed at a time: a fault never meets its own retry
      const kind = weighted[Math.floor(random() * weighted.length)]!;
      armed.set((await emulators.control.addFault(faultOf(kind, random))).id, kind);
      for (let i = 0; i < ROUND; i++) await change(i % 2 === 0 ? one : two, random, serial + i, changes);
      await pause(DEBOUNCE_MS / TIME_SCALE + 10); // past the debounce: both PCs back up, often at the same moment
      await Promise.all([one.backup.settled(), two.backup.settled()]);
      await takeLog();
    }

    // Faults off: whatever is still being retried finishes, then each PC backs up once more, in turn.
    await emulators.control.clearFaults();
    await Promise.all([one.backup.settled(), two.backup.settled()]);
    for (const machine of [one, two, one]) expect((await machine.backup.backUpNow()).state).toBe('upToDate');
    await takeLog();
    expect((await two.backup.status()).state).toBe('upToDate');

    const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
    const cloud = decodePayload((await openBackup(file!.bytes, { password: PASSWORD })).payload);
    const cloudById = new Map(cloud.accounts.map((account) => [account.id, account.issuer]));
    const expected = new Map([...one.model, ...two.model]);
    expect(cloud.accounts).toHaveLength(cloudById.size); // no id twice
    expect(new Set(cloud.accounts.map((a) => a.secret)).size).toBe(cloud.accounts.length); // no account twice under another id
    expect(Object.fromEntries(cloudById)).toEqual(Object.fromEntries(expected)); // every survivor, with its latest name
    for (const id of [...one.deleted, ...two.deleted]) expect(cloudById.has(id)).toBe(false);
    const deletedInCloud = new Set(cloud.deleted.map((d) => d.id));
    expect([...one.deleted, ...two.deleted].every((id) => deletedInCloud.has(id))).toBe(true);
    for (const machine of [one, two]) {
      const local = await machine.accounts.list();
      expect(Object.fromEntries(local.map((a) => [a.id, a.issuer]))).toEqual(Object.fromEntries(machine.model));
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      [
        `faults soak (seed ${SEED}, ${seconds} s):`,
        `  changes: ${CHANGES} ${JSON.stringify(changes)}`,
        `  faults that hit a request: ${Object.values(faults).reduce((a, b) => a + b, 0)} ${JSON.stringify(faults)} (armed ${armed.size})`,
        `  retries: ${tally.inRequestRetries} inside requests, ${tally.failedAttempts} failed attempts retried by the backup`,
        `  Graph requests: ${statuses.requests ?? 0}, of them 412 from the two PCs writing at once: ${statuses['412 (two PCs at once)'] ?? 0}`,
        `  at the end: ${cloud.accounts.length} accounts in the cloud (${one.model.size} + ${two.model.size}), ${one.deleted.size + two.deleted.size} deleted`,
      ].join('\n'),
    );
  }, 240_000);
});
