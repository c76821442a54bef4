import { z } from 'zod';
import { ErrorKind } from './errors.js';

export const BackupPassword = z.string().max(1024);

/** What a person can do about a backup problem; the backup page shows it as the one button beside the message. */
/** `updateOrReplace`: the cloud copy is a newer format; update the app, or replace the copy (replaceCloudBackup). */
export const BackupFix = z.enum(['signIn', 'backUpNow', 'retry', 'turnOnAgain', 'enterPassword', 'updateOrReplace', 'none']);
export type BackupFix = z.infer<typeof BackupFix>;

export const BackupProblem = z.object({
  kind: ErrorKind,
  message: z.string(),
  fix: BackupFix,
  /** When the failed attempt happened. */
  at: z.string(),
  /** When the app tries again by itself; null when only the person can fix it. (Absent in files of older versions.) */
  nextAttemptAt: z.string().nullable().default(null),
});
export type BackupProblem = z.infer<typeof BackupProblem>;

export const RecoveryAccountView = z.object({ username: z.string(), displayName: z.string() });
export type RecoveryAccountView = z.infer<typeof RecoveryAccountView>;

/**
 * Honest backup status: "up to date" only when the last attempt succeeded.
 * - off: backup is not turned on (or not configured in this build: `configured` false).
 * - upToDate: the last attempt succeeded at `lastBackupAt`.
 * - backingUp: an attempt is running.
 * - outOfDate: the last attempt failed; `problem` says why and how to fix it.
 */
export const BackupStatus = z.object({
  configured: z.boolean(),
  state: z.enum(['off', 'upToDate', 'backingUp', 'outOfDate']),
  account: RecoveryAccountView.nullable(),
  lastBackupAt: z.string().nullable(),
  problem: BackupProblem.nullable(),
  /** This PC's name as written into backups. */
  deviceName: z.string(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/** A backup described before it is unlocked (from its authenticated-on-open header). */
export const BackupSummary = z.object({
  deviceName: z.string(),
  createdAt: z.string(),
  accountCount: z.number().int().min(0),
});
export type BackupSummary = z.infer<typeof BackupSummary>;
