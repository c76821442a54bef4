import { seededRandom } from '../testing/test-helpers.js';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { keychainSecrets, opensAnyVaultFile } from './testing/lock-probe.js';
import { Vault } from './vault.js';

// Lock on, change and off under SIGKILL at random instants: a writer process (testing/lock-writer.ts) alternates
// adding accounts with lock changes on the real OS keychain; run under scripts/with-keyring.sh.

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const writerScript = path.join(here, 'testing', 'lock-writer.ts');
const SEED = Number(process.env.CRASH_TEST_SEED ?? 0x10c4_5eed);

let dataDir: string;
let service: string;
let store: KeyStore;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vault-lock-crash-'));
  service = `test-${randomBytes(8).toString('hex')}`;
  store = osKeychainKeyStore(service);
});

afterEach(async () => {
  for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  await fs.rm(dataDir, { recursive: true, force: true });
});

interface Run {
  acked: string[];
  /** The last setting acknowledged, and the one whose change began after it (if any). */
  setting: string;
  inFlight: string | null;
  changes: number;
}

async function runAndKill(prefix: string, setting: string, killAfterMs: number): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRITER_DATA_DIR: dataDir, WRITER_SERVICE: service, WRITER_PREFIX: prefix, WRITER_SETTING: setting },
  });
  const run: Run = { acked: [], setting, inFlight: null, changes: 0 };
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') ready();
    else if (line.startsWith('ack-setting ')) {
      run.setting = line.slice('ack-setting '.length);
      run.inFlight = null;
      run.changes++;
    } else if (line.startsWith('begin ')) run.inFlight = line.slice('begin '.length);
    else if (line.startsWith('ack ')) run.acked.push(line.slice(4));
  });
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  await Promise.race([isReady, closed]);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  child.kill('SIGKILL');
  const signal = await closed;
  if (signal !== 'SIGKILL') throw new Error(`the writer ended by itself: ${stderr}`);
  return run;
}

/** Opens the vault with `setting` ("off" or a password) in a new process-like Vault; the account names, or the error kind. */
async function openWith(setting: string): Promise<string[] | string> {
  const vault = new Vault(dataDir, osKeychainKeyStore(service));
  try {
    if (setting !== 'off') {
      if (!(await vault.lockIsOn())) return 'notLocked';
      await vault.unlock(setting);
    } else if (await vault.lockIsOn()) return 'locked';
    return (await vault.read()).data.accounts.map((a) => a.name);
  } catch (error) {
    if (error instanceof AppError) return error.kind;
    throw error;
  }
}

describe('app lock changes are crash-safe (real processes, real keychain)', () => {
  it(`opens with exactly the old or the new setting after SIGKILL at random instants, every acknowledged account there (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const acked: string[] = [];
    let setting = 'off';
    let changes = 0;
    let killsMidChange = 0;

    for (let iteration = 1; iteration <= 14; iteration++) {
      const run = await runAndKill(`k${iteration}`, setting, 200 + Math.floor(random() * 1800));
      acked.push(...run.acked);
      changes += run.changes;
      if (run.inFlight !== null) killsMidChange++;

      const candidates = run.inFlight === null ? [run.setting] : [run.setting, run.inFlight];
      const opened = await Promise.all(candidates.map(async (candidate) => ({ candidate, result: await openWith(candidate) })));
      const opening = opened.filter((o) => Array.isArray(o.result));
      // Exactly one of the two settings opens it: never both (a half-made change), never neither.
      expect(opening.map((o) => o.candidate), JSON.stringify(opened)).toHaveLength(1);
      const names = opening[0]!.result as string[];
      expect(names).toEqual(expect.arrayContaining(acked));
      expect(new Set(names).size).toBe(names.length);
      setting = opening[0]!.candidate;

      // With the lock on, nothing in the keychain opens the vault (read back with secret-tool), even before any tidying.
      if (setting !== 'off') for (const secret of keychainSecrets(service)) expect(await opensAnyVaultFile(dataDir, secret)).toBe(false);
    }

    // The test did what it claims: many changes of each kind, and kills in the middle of some.
    expect(changes).toBeGreaterThanOrEqual(14);
    expect(killsMidChange).toBeGreaterThanOrEqual(3);
    expect(acked.length).toBeGreaterThanOrEqual(14);
  }, 120_000);
});
