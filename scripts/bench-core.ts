// The core's own benchmark: `npm run bench:core`. Prints, for each figure, the median of several runs with its target
// beside it. Figures only: it never fails on slowness (a loaded machine is slow, not broken). It never touches the
// keychain: the vault's data key lives in the in-memory key store, and every file goes to a temporary folder.
//
//   P1       current and next codes of 1000 TOTP accounts (the code ticker's batch), against a bare node:crypto HMAC
//            loop over the same keys and time steps in the same process: a ratio, measured in adjacent pairs.
//   open     a 1000-account vault read by a new Vault (its key not yet cached): file, decryption, schema.
//   restore  1000 accounts from a backup file: the password's key derivation (scrypt), decryption, payload, and the
//            vault write a restore makes (what the recovery service's unlock and restore steps do, minus the network).
//   merge    two backup payloads of 5000 accounts each: this PC's and another PC's copy of the same accounts, each
//            with its own renames, deletions and additions (some of them the same account added on both).
//
// Environment: BENCH_RUNS (runs of each figure but restore, default 15), BENCH_RESTORE_RUNS (default 5),
// BENCH_MERGE_SIZES (accounts per side, default "5000,10000"), BENCH_MERGE_RUNS (default BENCH_RUNS).
import { createHmac } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base32nopad } from '@scure/base';
import { Settings } from '../shared/settings.js';
import { createBackupKey, openBackup, sealBackup } from '../main/core/backup/backup-envelope.js';
import { decodePayload, encodePayload, mergePayloads, payloadOf, type BackupPayload } from '../main/core/backup/backup-payload.js';
import { ManualClock } from '../main/core/clock.js';
import { memoryKeyStore } from '../main/core/keystore/memory-key-store.js';
import { decodeCanonicalKey } from '../main/core/otp/base32.js';
import { CodeTicker } from '../main/core/otp/code-ticker.js';
import { seededRandom } from '../main/core/testing/test-helpers.js';
import { Vault } from '../main/core/vault/vault.js';
import type { StoredAccount, VaultData } from '../main/core/vault/vault-data.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const RESTORE_RUNS = Number(process.env.BENCH_RESTORE_RUNS ?? 5);
const MERGE_RUNS = Number(process.env.BENCH_MERGE_RUNS ?? RUNS);
const MERGE_SIZES = (process.env.BENCH_MERGE_SIZES ?? '5000,10000').split(',').map(Number);
const ACCOUNTS = 1000;
/** Batches per P1 sample: one batch is a few milliseconds, so a sample of several is less at the mercy of the timer. */
const BATCHES_PER_SAMPLE = 10;
const NOW = Date.parse('2026-11-24T12:00:10.000Z');
const T0 = '2026-11-01T10:00:00.000Z';

const rand = seededRandom(0xbe7c4);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function spread(values: readonly number[]): string {
  return `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;
}

function line(label: string, value: string, target: string, detail = ''): void {
  console.log(`${label.padEnd(44)} ${value.padStart(12)}   target ${target.padEnd(10)}${detail ? `  ${detail}` : ''}`);
}

/** A canonical base32 secret of `bytes` bytes (what the vault stores). */
function secretOf(bytes: number): string {
  return base32nopad.encode(Uint8Array.from({ length: bytes }, () => Math.floor(rand() * 256)));
}

let nextId = 0;
const newId = () => `acct${(nextId++).toString(36).padStart(8, '0')}`;

/** A mix like a real list: mostly SHA-1, 6 digits, 30 s; some SHA-256/512, 8 digits, 60 s. */
function totpAccount(): StoredAccount {
  const r = rand();
  const algorithm = r < 0.8 ? 'SHA1' : r < 0.9 ? 'SHA256' : 'SHA512';
  const bytes = algorithm === 'SHA1' ? 20 : algorithm === 'SHA256' ? 32 : 64;
  const id = newId();
  return {
    id,
    issuer: `Issuer ${Math.floor(rand() * 500)}`,
    name: `user-${id}@example.com`,
    kind: 'other',
    otp: { type: 'totp', algorithm, digits: rand() < 0.85 ? 6 : 8, period: rand() < 0.9 ? 30 : 60, counter: 0 },
    secret: secretOf(bytes),
    deviceBound: false,
    needsVerification: false,
    pinned: false,
    createdAt: T0,
    updatedAt: T0,
  };
}

function vaultData(accounts: StoredAccount[]): VaultData {
  return { accounts, deleted: [], settings: Settings.parse({}) };
}

async function benchCodes(accounts: StoredAccount[]): Promise<void> {
  const clock = new ManualClock(NOW);
  const ticker = new CodeTicker(clock, () => {});
  ticker.setAccounts(accounts);
  ticker.stop();

  // The bare loop: the same keys, algorithms and two time steps per account, HMAC only (no truncation, no objects).
  const keys = accounts.map((a) => ({ key: decodeCanonicalKey(a.secret), algorithm: a.otp.algorithm.toLowerCase(), period: a.otp.period }));
  const counter = Buffer.alloc(8);
  let sink = 0;
  const bare = () => {
    for (const { key, algorithm, period } of keys) {
      const step = Math.floor(NOW / 1000 / period);
      for (const s of [step, step + 1]) {
        counter.writeUInt32BE(Math.floor(s / 2 ** 32), 0);
        counter.writeUInt32BE(s >>> 0, 4);
        sink ^= createHmac(algorithm, key).update(counter).digest()[0]!;
      }
    }
  };
  const engine = () => {
    sink ^= ticker.batch().codes.length;
  };
  const sample = (work: () => void) => {
    const start = performance.now();
    for (let i = 0; i < BATCHES_PER_SAMPLE; i++) work();
    return (performance.now() - start) / BATCHES_PER_SAMPLE;
  };
  for (let i = 0; i < 30; i++) {
    bare();
    engine();
  }
  const bares: number[] = [];
  const engines: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Adjacent, in alternating order, so both see the same load.
    let b: number;
    let e: number;
    if (run % 2) {
      b = sample(bare);
      e = sample(engine);
    } else {
      e = sample(engine);
      b = sample(bare);
    }
    bares.push(b);
    engines.push(e);
    ratios.push(e / b);
  }
  if (sink === 0.5) console.log(sink); // keeps the loops from being optimised away
  line('P1 codes, 1000 TOTP accounts (ratio)', `${median(ratios).toFixed(2)}x`, '<= 1.5x', `runs ${spread(ratios)}`);
  line('   the engine (code ticker batch)', `${median(engines).toFixed(2)} ms`, '', `runs ${spread(engines)}`);
  line('   bare createHmac loop, 2000 HMACs', `${median(bares).toFixed(2)} ms`, '', `runs ${spread(bares)}`);
}

async function benchOpen(dir: string, accounts: StoredAccount[]): Promise<void> {
  const keyStore = memoryKeyStore();
  await new Vault(dir, keyStore).update(() => ({ data: vaultData(accounts), result: null }));
  for (let i = 0; i < 3; i++) await new Vault(dir, keyStore).read();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const { data } = await new Vault(dir, keyStore).read();
    times.push(performance.now() - start);
    if (data.accounts.length !== accounts.length) throw new Error('the vault lost accounts');
  }
  line('Open a 1000-account vault', `${median(times).toFixed(1)} ms`, '< 50 ms', `runs ${spread(times)}`);
}

async function benchRestore(root: string, accounts: StoredAccount[]): Promise<void> {
  const password = 'correct horse battery staple';
  const key = await createBackupKey(password);
  const bytes = sealBackup(encodePayload(payloadOf(vaultData(accounts))), key, {
    createdAt: new Date(NOW).toISOString(),
    deviceName: 'bench PC',
    appVersion: '0.1.0',
    accountCount: accounts.length,
  });
  const totals: number[] = [];
  const unlocks: number[] = [];
  const writes: number[] = [];
  for (let run = 0; run < RESTORE_RUNS; run++) {
    const dir = await fs.mkdtemp(path.join(root, 'restore-'));
    const vault = new Vault(dir, memoryKeyStore());
    const start = performance.now();
    const opened = await openBackup(bytes, { password }); // scrypt, then AES-GCM
    const payload = decodePayload(opened.payload);
    await vault.read(); // the unlock step looks at what the PC has
    const unlocked = performance.now();
    await vault.update(() => ({ data: { accounts: payload.accounts, deleted: payload.deleted, settings: payload.settings }, result: null }));
    const end = performance.now();
    totals.push(end - start);
    unlocks.push(unlocked - start);
    writes.push(end - unlocked);
    if ((await vault.read()).data.accounts.length !== accounts.length) throw new Error('the restore lost accounts');
  }
  line('Restore 1000 accounts from a backup file', `${median(totals).toFixed(0)} ms`, '< 1000 ms', `runs ${spread(totals)}`);
  line('   open the file (scrypt N=2^17) and decode', `${median(unlocks).toFixed(0)} ms`, '');
  line('   write the vault', `${median(writes).toFixed(1)} ms`, '');
}

/**
 * Two PCs' copies of `size` accounts each, from a shared history: each renamed some accounts (the later rename
 * wins), deleted some (the other still has them, older), and added its own, some of which are the same account
 * the other added separately (same issuer, name and secret, another id; case and spaces differ).
 */
function twoCopies(size: number): { local: BackupPayload; remote: BackupPayload } {
  const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
  const perSide = Math.round(size * 0.04);
  const deletions = Math.round(size * 0.01);
  const common = Array.from({ length: size - perSide + deletions }, totpAccount);
  const shuffled = common.map((a) => ({ a, r: rand() })).sort((x, y) => x.r - y.r).map(({ a }) => a.id);
  const deletedHere = new Set(shuffled.slice(0, deletions));
  const deletedThere = new Set(shuffled.slice(deletions, 2 * deletions));
  const edit = (a: StoredAccount, minutes: number): StoredAccount => (rand() < 0.03 ? { ...a, issuer: `${a.issuer} (renamed)`, updatedAt: at(minutes + rand() * 60) } : a);
  const ownHere = Array.from({ length: perSide }, totpAccount);
  const ownThere = Array.from({ length: perSide }, totpAccount).map((a, i) =>
    i % 4 === 0 ? { ...a, issuer: ` ${ownHere[i]!.issuer.toUpperCase()}`, name: ownHere[i]!.name.toUpperCase(), secret: ownHere[i]!.secret } : a,
  );
  const interleave = (list: StoredAccount[], own: StoredAccount[]) => {
    const out = [...list];
    for (const a of own) out.splice(Math.floor(rand() * (out.length + 1)), 0, a);
    return out;
  };
  const localList = interleave(common.filter((a) => !deletedHere.has(a.id)).map((a) => edit(a, 10)), ownHere);
  const remoteList = interleave(common.filter((a) => !deletedThere.has(a.id)).map((a) => edit(a, 20)), ownThere);
  const settings = Settings.parse({});
  return {
    local: { accounts: localList, deleted: [...deletedHere].map((id) => ({ id, at: at(30) })), settings },
    remote: { accounts: remoteList, deleted: [...deletedThere].map((id) => ({ id, at: at(40) })), settings },
  };
}

function benchMerge(): void {
  for (const size of MERGE_SIZES) {
    const { local, remote } = twoCopies(size);
    const times: number[] = [];
    let count = 0;
    for (let run = 0; run < MERGE_RUNS; run++) {
      const start = performance.now();
      count = mergePayloads(local, remote).accounts.length;
      times.push(performance.now() - start);
    }
    const target = size === 5000 ? '< 200 ms' : '';
    line(`Merge ${size}+${size} backup payloads`, `${median(times).toFixed(1)} ms`, target, `runs ${spread(times)}; ${count} accounts`);
  }
}

async function main(): Promise<void> {
  console.log(`core benchmark: Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}; medians of ${RUNS} runs (restore ${RESTORE_RUNS}, merge ${MERGE_RUNS})`);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-core-'));
  try {
    const accounts = Array.from({ length: ACCOUNTS }, totpAccount);
    await benchCodes(accounts);
    await benchOpen(path.join(root, 'open'), accounts);
    await benchRestore(root, accounts);
    benchMerge();
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
