// The app lock's unlock time: `npm run bench:unlock`. A figure, not a test (a loaded machine is slow, not broken).
// Unlock = what the lock screen's password costs: scrypt at the lock's stated cost (LOCK_SCRYPT), unwrapping the data
// key, and opening a 100-account vault with it. Uses the in-memory key store and a temporary folder only.
// Environment: BENCH_RUNS (default 7).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base32nopad } from '@scure/base';
import { randomBytes } from 'node:crypto';
import { AccountsService } from '../main/core/accounts/accounts-service.js';
import { memoryKeyStore } from '../main/core/keystore/memory-key-store.js';
import { LOCK_SCRYPT } from '../main/core/vault/lock-key.js';
import { Vault } from '../main/core/vault/vault.js';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const password = 'correct horse battery staple';
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-unlock-'));
try {
  const keys = memoryKeyStore();
  const vault = new Vault(dir, keys);
  const links = Array.from({ length: 100 }, (_, i) => `otpauth://totp/Bench:user${i}?secret=${base32nopad.encode(randomBytes(20))}&issuer=Bench`);
  await new AccountsService(vault).addManyFromUris(links);
  await vault.changeLock(null, { on: true, password });
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const fresh = new Vault(dir, keys);
    const start = performance.now();
    await fresh.unlock(password);
    await fresh.read();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`unlock (scrypt N=2^${Math.log2(LOCK_SCRYPT.n)}, r=${LOCK_SCRYPT.r}, p=${LOCK_SCRYPT.p}; ${(128 * LOCK_SCRYPT.n * LOCK_SCRYPT.r) / 2 ** 20} MiB), 100 accounts:`);
  console.log(`  median ${median.toFixed(0)} ms, range ${times[0]!.toFixed(0)}-${times.at(-1)!.toFixed(0)} ms over ${runs} runs   target: well under 1000 ms`);
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
