import { AppError } from '../../../shared/errors.js';
import { NOT_CONFIGURED, type BackupService } from '../backup/backup-service.js';
import type { CloudStore } from '../backup/cloud-store.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import type { RecoveryIdentity } from '../identity/recovery-identity.js';
import { RecoveryService } from './recovery-service.js';

type Methods =
  | 'recoverySignIn'
  | 'recoveryFindBackup'
  | 'recoveryUnlock'
  | 'recoveryPreview'
  | 'recoveryRestore'
  | 'recoveryCancel'
  | 'recoveryOpenFile'
  | 'verifyAccountOwner'
  | 'reenrollAccount';

/** Recovery on a new PC (sign in, find, unlock, preview, restore) and the re-enrolment of accounts that need it. */
export function recoveryHandlers(
  { vault, follower, clock, log }: CoreContext,
  backup: BackupService,
  cloud: { identity: RecoveryIdentity; store: CloudStore } | null,
): FeatureHandlers<Methods> {
  const recovery = new RecoveryService({ vault, cloud, backup, clock, log, onSaved: follower.apply });
  const configured = (): RecoveryService => {
    if (!cloud) throw new AppError('notConfigured', NOT_CONFIGURED);
    return recovery;
  };
  const vaultKeyLost = () =>
    vault.read().then(
      () => false,
      (error: unknown) => error instanceof AppError && error.kind === 'vaultKeyMissing',
    );
  // Recovery is offered only while backup is off: it signs in to (and then backs up to) the account it restores from.
  // A PC whose vault key was lost backs nothing up any more, whatever the backup settings say: recovering is its way
  // back (the restore sets the unreadable vault aside and takes the backup over).
  const whileBackupIsOff = async (): Promise<RecoveryService> => {
    const service = configured();
    const status = await backup.status();
    if (status.state !== 'off' && status.account && !(await vaultKeyLost())) {
      throw new AppError(
        'invalidRequest',
        `This PC already backs up to ${status.account.username}. To restore from another backup, turn backup off first (Settings > Backup).`,
      );
    }
    return service;
  };

  return {
    recoverySignIn: async () => (await whileBackupIsOff()).signIn(),
    recoveryFindBackup: async () => (await whileBackupIsOff()).findBackup(),
    // A backup file needs no recovery account, and its restore leaves backup as it is, whatever that is.
    recoveryOpenFile: async ({ contentBase64 }) => recovery.openFile(Buffer.from(contentBase64, 'base64')),
    recoveryUnlock: async ({ password }) => (recovery.isFromFile() ? recovery : await whileBackupIsOff()).unlock(password),
    recoveryPreview: async () => (recovery.isFromFile() ? recovery : await whileBackupIsOff()).preview(),
    // Restore ends with backup on (adopted), so it must not be refused by the "backup is off" rule.
    recoveryRestore: async ({ mode }) => (recovery.isFromFile() ? recovery : configured()).restore(mode),
    recoveryCancel: async () => {
      await recovery.cancel();
      return null;
    },
    verifyAccountOwner: async ({ id }) => configured().verifyOwner(id),
    reenrollAccount: async ({ id, uri, providerChanged }) => configured().reenroll(id, uri, { providerChanged: providerChanged === true }),
  };
}
