import type { RecoverySummary } from '../../../shared/recovery.js';
import { accountLabel } from '../accounts/format.js';
import { useLockStatus } from '../lock/use-lock-status.js';
import { useBackupStatus } from '../settings/backup/use-backup-status.js';
import type { BackupStatus } from '../../../shared/backup.js';

/**
 * What the restore did, where an unreadable accounts file went, which accounts need setting up again, and, since the
 * app lock is set per PC and no backup carries it, that it is off here, with the way to turn it on.
 */
export function DoneStep({ summary, onClose, onOpenAppLock }: { summary: RecoverySummary; onClose(): void; onOpenAppLock(): void }) {
  const lock = useLockStatus();
  const backup = useBackupStatus();
  return (
    <>
      <p role="status">
        {summary.removed > 0 ? `${summary.removed} ${summary.removed === 1 ? 'account was' : 'accounts were'} removed and ` : ''}
        {summary.restored} {summary.restored === 1 ? 'account was' : 'accounts were'} {summary.mode === 'merge' ? 'added' : 'restored'}
        {summary.alreadyHere > 0 ? ` (${summary.alreadyHere} already on this PC)` : ''}.
        {backupSentence(backup)}
      </p>
      {summary.setAside.length > 0 ? (
        <p>
          The accounts file that could not be opened was kept as <span className="mono">{summary.setAside[0]}</span>.
        </p>
      ) : null}
      {summary.needVerification.length > 0 ? (
        <div className="details-action">
          <p>
            <strong>Action required</strong> for {summary.needVerification.length} {summary.needVerification.length === 1 ? 'account' : 'accounts'}: they were
            tied to your old PC. Open each one to set it up again.
          </p>
          <ul>
            {summary.needVerification.map((a) => (
              <li key={a.id}>{accountLabel(a)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {lock?.on === false ? (
        <div className="notice" role="region" aria-label="App lock">
          <p>
            The app lock is off on this PC. It is set on each PC, so no backup brings it back: turn it on so that your codes open only with a lock
            password here.
          </p>
          <button type="button" className="secondary" onClick={onOpenAppLock}>
            Turn on app lock…
          </button>
        </div>
      ) : null}
      <div className="row">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}

/**
 * What backup does now, read from main: a cloud restore turns it on to the recovery account it came from, a restore
 * from a file leaves it as it was, which may be off.
 */
function backupSentence(backup: BackupStatus | null): string {
  if (backup === null || !backup.configured) return '';
  if (backup.state !== 'off' && backup.account) return ` Backup is on, to ${backup.account.username}.`;
  return ' Backup is off on this PC: turn it on in Settings > Backup to keep these accounts safe if this PC is lost.';
}
