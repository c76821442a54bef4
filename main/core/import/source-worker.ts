import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { sourceRoot } from '../source-root.js';

/**
 * The decryption worker for the hosts that run from source through tsx (the command-line tool, the browser harness)
 * and for tests. Node 20's worker threads do not take tsx's loader, so the worker is bundled with esbuild once per
 * process, as the Electron build does ahead of time, into a private temporary folder.
 */
let bundled: string | undefined;

export function sourceDecryptWorker(): string {
  if (bundled) return bundled;
  const entry = path.join(sourceRoot(), 'main/core/import/decrypt-worker.ts');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'authenticator-worker-')), 'decrypt-worker.cjs');
  const { outputFiles } = buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
  writeFileSync(file, outputFiles[0]!.contents, { mode: 0o600 });
  bundled = file;
  return file;
}
