import { seededRandom } from '../testing/test-helpers.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { Vault } from './vault.js';

// Writers are separate processes (testing/writer.ts) using the real OS keychain; run under scripts/with-keyring.sh.

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const writerScript = path.join(here, 'testing', 'writer.ts');
const SEED = Number(process.env.CRASH_TEST_SEED ?? 0x5eed_c0de);

let dataDir: string;
let service: string;
let store: KeyStore;
const children = new Set<ChildProcess>();

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vault-crash-'));
  service = `test-${randomBytes(8).toString('hex')}`;
  store = osKeychainKeyStore(service);
});

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const { account } of await store.findCredentials()) await store.deletePassword(account);
  await fs.rm(dataDir, { recursive: true, force: true });
});

interface Writer {
  child: ChildProcess;
  /** Names whose add resolved in the writer before it died. */
  acked: string[];
  ready: Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWriter(env: { prefix: string; count?: number; lockStaleMs?: number }): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WRITER_DATA_DIR: dataDir,
      WRITER_SERVICE: service,
      WRITER_PREFIX: env.prefix,
      ...(env.count === undefined ? {} : { WRITER_COUNT: String(env.count) }),
      ...(env.lockStaleMs === undefined ? {} : { WRITER_LOCK_STALE_MS: String(env.lockStaleMs) }),
    },
  });
  children.add(child);
  const acked: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (line === 'ready') onReady();
    else if (line.startsWith('ack ')) acked.push(line.slice(4));
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    // 'close' waits for stdout to be drained, so every ack the writer printed has been seen.
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stderr });
    });
  });
  return { child, acked, ready, exit };
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const openVault = () => new Vault(dataDir, osKeychainKeyStore(service));

describe('vault crash safety (real processes, real keychain)', () => {
  it(`keeps every acknowledged account when writers are killed with SIGKILL at random moments (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const acked: string[] = [];
    let lastGeneration = 0;
    let killsWithLockHeld = 0;
    let iterationsWithWrites = 0;

    for (let iteration = 1; iteration <= 12; iteration++) {
      const writer = startWriter({ prefix: `k${iteration}`, lockStaleMs: 2000 });
      await writer.ready;
      // Spread over the writer's start-up, its wait for a stale lock (up to ~2 s) and its busy writing.
      await sleep(150 + Math.floor(random() * 2600));
      writer.child.kill('SIGKILL');
      const { signal } = await writer.exit;
      expect(signal).toBe('SIGKILL');
      acked.push(...writer.acked);
      if (writer.acked.length > 0) iterationsWithWrites++;
      if (await exists(path.join(dataDir, 'vault.json.lock'))) killsWithLockHeld++;

      // The vault opens (never vaultDamaged) and holds everything that was acknowledged, each once.
      const { data, generation } = await openVault().read();
      const names = data.accounts.map((a) => a.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toEqual(expect.arrayContaining(acked));
      // At most the one add in flight when the writer died may be there unacknowledged.
      expect(names.length - acked.length).toBeLessThanOrEqual(iteration);
      expect(generation).toBeGreaterThanOrEqual(lastGeneration);
      expect(generation).toBe(names.length);
      lastGeneration = generation;
      // The previous generation survives crashes too.
      if (generation >= 2) expect(await openVault().previousGeneration()).not.toBeNull();
    }

    // A last writer takes over whatever lock the last kill left and finishes normally.
    const last = startWriter({ prefix: 'final', count: 2, lockStaleMs: 2000 });
    const { code, stderr } = await last.exit;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(last.acked).toEqual(['final-1', 'final-2']);
    const names = (await openVault().read()).data.accounts.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining([...acked, 'final-1', 'final-2']));
    expect(new Set(names).size).toBe(names.length);
    // Leftover temporary files from killed writers were swept up by the writers that followed.
    expect((await fs.readdir(dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // The test exercised what it claims to: kills mid-writing, and stale locks taken over.
    expect(acked.length).toBeGreaterThanOrEqual(12);
    expect(iterationsWithWrites).toBeGreaterThanOrEqual(4);
    expect(killsWithLockHeld).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('loses nothing when two processes add accounts at the same time', async () => {
    // Both start on an empty folder, so they also race to create the vault and its key.
    const writers = [startWriter({ prefix: 'left', count: 25 }), startWriter({ prefix: 'right', count: 25 })];
    const results = await Promise.all(writers.map((w) => w.exit));
    for (const { code, stderr } of results) {
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
    const { data, generation } = await openVault().read();
    const names = data.accounts.map((a) => a.name).sort();
    const expected = ['left', 'right'].flatMap((p) => Array.from({ length: 25 }, (_, i) => `${p}-${i + 1}`)).sort();
    expect(names).toEqual(expected);
    // Fifty writes, none of them overwriting another.
    expect(generation).toBe(50);
    // One vault, one key.
    expect(await store.findCredentials()).toHaveLength(1);
    // Each writer's own accounts stay in the order it added them.
    for (const prefix of ['left', 'right']) {
      const own = data.accounts.map((a) => a.name).filter((n) => n.startsWith(`${prefix}-`));
      expect(own).toEqual(Array.from({ length: 25 }, (_, i) => `${prefix}-${i + 1}`));
    }
  }, 60_000);
});

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
