import { promises as fs } from 'node:fs';
import type { RecoverySummary } from '../../shared/recovery.js';
import { AppError } from '../../shared/errors.js';
import { MAX_BACKUP_BYTES } from '../../shared/backup-limits.js';
import { openBackup, readBackupHeader } from '../core/backup/backup-envelope.js';
import { decodePayload } from '../core/backup/backup-payload.js';
import { restorePayload } from '../core/recovery/recovery-service.js';
import type { Vault } from '../core/vault/vault.js';

/**
 * `recover --from-file FILE --password-stdin [--merge]`: a PC restored from a backup file without any Microsoft
 * account, with the recovery's own rules: a full restore only onto a PC without accounts (else nothing changes and
 * --merge is suggested), device-bound accounts marked to be set up again. One vault write, or none.
 */
export async function recoverFromFile(vault: Vault, file: string, password: string, merge: boolean): Promise<RecoverySummary> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_BACKUP_BYTES) throw new AppError('backupDamaged', `${file} is far larger than any backup; it is not a backup file.`);
    bytes = await fs.readFile(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalidRequest', `${file} could not be read.`);
  }
  readBackupHeader(bytes); // backupDamaged, backupTooNew
  const opened = await openBackup(bytes, { password }); // wrongPassword, backupDamaged
  try {
    let payload;
    try {
      payload = decodePayload(opened.payload);
    } catch {
      throw new AppError('backupDamaged', 'The backup file is damaged; nothing was restored.');
    }
    const { result } = await vault.update((data) => restorePayload(merge ? 'merge' : 'restore', data, payload));
    return result;
  } finally {
    opened.key.dataKey.fill(0);
  }
}

export function describeRecovery(summary: RecoverySummary): string {
  const lines = [
    summary.mode === 'merge'
      ? `Added ${summary.restored} account(s) from the backup file; ${summary.alreadyHere} were already here.`
      : `Restored ${summary.restored} account(s) from the backup file.`,
  ];
  for (const account of summary.needVerification) lines.push(`  Action required: ${[account.issuer, account.name].filter(Boolean).join(', ')} must be set up again (its secret stayed on the old PC).`);
  return `${lines.join('\n')}\n`;
}
