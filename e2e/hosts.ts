import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/**
 * The browser harness and the command-line tool as the e2e tests start them: bundled from main/ by esbuild once per
 * test process (as scripts/build-electron.mjs bundles the desktop app), so each of the several hundred starts in a run
 * is plain node loading one file (about 0.3 s) instead of tsx compiling the same modules again (about 1 s). Built
 * afresh by every process that uses them, so never stale; into a folder of its own inside the repository (where
 * node_modules resolves), removed when the process exits.
 */
let built: Promise<{ harness: string; cli: string }> | undefined;

export function hostScripts(): Promise<{ harness: string; cli: string }> {
  built ??= (async () => {
    mkdirSync(path.join(root, '.test-output'), { recursive: true });
    const outdir = mkdtempSync(path.join(root, '.test-output/hosts-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await build({
      absWorkingDir: root,
      entryPoints: { harness: 'main/harness/main.ts', cli: 'main/cli/main.ts' },
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    return { harness: path.join(outdir, 'harness.mjs'), cli: path.join(outdir, 'cli.mjs') };
  })();
  return built;
}
