import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { accountLabel } from '../../shared/account-label.js';
import { AppError } from '../../shared/errors.js';
import type { ImportReport } from '../../shared/import.js';
import type { AccountsService } from '../core/accounts/accounts-service.js';
import { workerDecrypt } from '../core/import/decrypt-off-thread.js';
import { namedFile } from '../core/import/detect-format.js';
import { ImportService } from '../core/import/import-service.js';
import type { CliIo } from './run-cli.js';

/**
 * `import <file>...`: the same pipeline as Settings > Import, with every new account ticked (and, `withSameName`, those
 * named like an account here with another key: the window's unticked 'sameName' entries). Errors (a wrong password,
 * an unknown or damaged file, a KDF over the cap) are thrown before anything is written.
 */
export async function importFiles(accounts: AccountsService, paths: readonly string[], password: string | null, { dryRun, withSameName }: { dryRun: boolean; withSameName: boolean }, io: CliIo): Promise<ImportReport> {
  const files = await Promise.all(
    paths.map(async (file) => {
      try {
        return namedFile(path.basename(file), new Uint8Array(await readFile(file)));
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('invalidRequest', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
      }
    }),
  );
  // Loaded only here: bundling the worker from source takes esbuild, which no other command needs.
  const { sourceDecryptWorker } = await import('../core/import/source-worker.js');
  const importer = new ImportService({
    accounts,
    decrypt: workerDecrypt(sourceDecryptWorker()),
    onProgress: (p) => {
      if (!p.done && p.fraction === null) io.stderr(`Deriving the file's key with ${p.kdf}...\n`);
    },
  });
  const opened = await importer.open(files);
  let preview;
  if (opened.stage === 'password') {
    if (password === null) throw new AppError('wrongPassword', `This ${opened.format.name} file is encrypted: give its password on standard input with --password-stdin.`);
    preview = await importer.unlock(opened.session, password);
  } else {
    preview = opened.preview;
  }
  for (const notice of preview.notices) io.stderr(`authenticator: ${notice}\n`);
  const ticked = preview.entries.filter((e) => e.status === 'new' || (withSameName && e.status === 'sameName')).map((e) => e.id);
  return importer.commit(preview.session, ticked, { dryRun });
}

export function describeReport(report: ImportReport, dryRun: boolean): string {
  const lines = [
    ...report.imported.map(({ id, issuer, name, pinned }) => `${dryRun ? `Would import ${accountLabel({ issuer, name })}` : `Imported ${accountLabel({ issuer, name })} as ${id}`}${pinned ? ' (pinned: a favourite there)' : ''}`),
    ...report.duplicates.map((a) => `Already here: ${accountLabel(a)}`),
    ...report.skipped.map((a) => `Not imported: ${accountLabel(a)}: ${a.reason}`),
  ];
  const n = report.imported.length;
  lines.push(`${dryRun ? 'Would import' : 'Imported'} ${n} account${n === 1 ? '' : 's'}; ${report.duplicates.length} already here; ${report.skipped.length} not imported.${dryRun ? ' Nothing was changed (--dry-run).' : ''}`);
  return lines.join('\n') + '\n';
}
