import { createBackupKey, sealBackup } from '../backup/backup-envelope.js';
import { encodePayload, payloadOf } from '../backup/backup-payload.js';
import type { VaultData } from '../vault/vault-data.js';

export interface BackupFileMeta {
  deviceName: string;
  appVersion: string;
  /** Epoch milliseconds: when it was made. */
  now: number;
}

/**
 * This app's own backup file (docs/backup-format.md), saved locally: the cloud backup's format, sealed under a new
 * data key wrapped by this file's own password, so it opens without any Microsoft account ("Recover from a backup
 * file"). Like the cloud copy it keeps the order, the settings and the deletion records, and device-bound accounts
 * travel without their secret, marked, to be set up again after a restore. `ids` narrows it to chosen accounts.
 */
export async function writeBackupFile(data: VaultData, password: string, meta: BackupFileMeta, ids?: readonly string[]): Promise<Buffer> {
  const wanted = ids === undefined ? null : new Set(ids);
  const chosen: VaultData = wanted ? { ...data, accounts: data.accounts.filter((account) => wanted.has(account.id)) } : data;
  const key = await createBackupKey(password);
  try {
    const payload = encodePayload(payloadOf(chosen));
    return sealBackup(payload, key, {
      createdAt: new Date(meta.now).toISOString(),
      deviceName: meta.deviceName,
      appVersion: meta.appVersion,
      accountCount: chosen.accounts.length,
    });
  } finally {
    key.dataKey.fill(0);
  }
}
