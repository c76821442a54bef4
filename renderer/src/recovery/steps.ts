import type { BackupSummary, RecoveryAccountView } from '../../../shared/backup.js';
import type { RecoveryPreview, RecoverySummary } from '../../../shared/recovery.js';
import type { Failure } from './FailureMessage.js';

/** Where the recovery wizard is, with what it has learnt so far. */
export type Step =
  | { name: 'existing' }
  /** `account`: signed in, and looking for the backup failed (it is looked for again without a new sign-in). */
  | { name: 'signIn'; account: RecoveryAccountView | null; busy: 'signingIn' | 'finding' | null; failure: Failure | null }
  /** `account`: null when recovering from a backup file (no recovery account involved). */
  | { name: 'password'; account: RecoveryAccountView | null; backup: BackupSummary; busy: boolean; failure: Failure | null }
  | { name: 'preview'; account: RecoveryAccountView | null; preview: RecoveryPreview; busy: boolean; failure: Failure | null }
  | { name: 'done'; summary: RecoverySummary };

export type StepOf<N extends Step['name']> = Extract<Step, { name: N }>;

export function count(n: number): string {
  return `${n} ${n === 1 ? 'account' : 'accounts'}`;
}
