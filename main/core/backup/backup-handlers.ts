import { AppError } from '../../../shared/errors.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import type { RecoveryIdentity } from '../identity/recovery-identity.js';
import { NOT_CONFIGURED, type BackupService } from './backup-service.js';

type Methods =
  | 'getBackupStatus'
  | 'signInRecoveryAccount'
  | 'turnOnBackup'
  | 'cancelTurnOnBackup'
  | 'changeBackupPassword'
  | 'enterNewBackupPassword'
  | 'backUpNow'
  | 'replaceCloudBackup'
  | 'signInAgain'
  | 'reopenSignInPage'
  | 'cancelSignIn'
  | 'turnOffBackup';

/** Cloud backup to the recovery account's OneDrive app folder, and the interactive sign-ins it (and recovery) waits on. */
export function backupHandlers({ follower }: CoreContext, backup: BackupService, identity: RecoveryIdentity | null): FeatureHandlers<Methods> {
  // Every change is backed up by itself (debounced by the service).
  follower.onChange(() => backup.vaultChanged());
  const signIns = () => {
    if (!identity) throw new AppError('notConfigured', NOT_CONFIGURED);
    return identity;
  };
  return {
    getBackupStatus: async () => backup.status(),
    signInRecoveryAccount: async () => {
      const { account, existing } = await backup.signIn();
      return { account: { username: account.username, displayName: account.displayName }, existing };
    },
    turnOnBackup: async ({ password }) => backup.turnOn(password),
    cancelTurnOnBackup: async () => {
      await backup.cancelTurnOn();
      return null;
    },
    changeBackupPassword: async ({ currentPassword, password }) => backup.changePassword(currentPassword, password),
    enterNewBackupPassword: async ({ password }) => backup.enterNewPassword(password),
    backUpNow: async () => backup.backUpNow(),
    replaceCloudBackup: async () => backup.replaceCloudCopy(),
    signInAgain: async () => backup.signInAgain(),
    reopenSignInPage: async () => {
      await signIns().reopenSignIn();
      return null;
    },
    cancelSignIn: async () => {
      await identity?.cancelSignIn();
      return null;
    },
    turnOffBackup: async ({ deleteCloudCopy }) => backup.turnOff(deleteCloudCopy),
  };
}
