import { useState } from 'react';
import type { BackupStatus } from '../../../shared/backup.js';
import { call } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';

/**
 * What a forgotten lock password leaves. Nobody, this app included, can open the accounts without it. With cloud
 * backup on, this PC's data can be removed (set aside, after a confirmation naming what goes) and the accounts
 * restored with the backup password; without backup, there is nothing to restore from.
 */
export function ForgotPassword({ backup, onRemoved }: { backup: BackupStatus | null; onRemoved(): void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction('This PC’s data could not be removed; nothing was changed.');
  const backedUp = backup !== null && backup.state !== 'off' && backup.account !== null;

  if (!backedUp) {
    return (
      <div className="notice" role="region" aria-label="Forgot the password">
        <p>
          Without the lock password nobody can open your accounts, not even this app, and cloud backup is off, so there is no copy to recover them from. If
          you remember the password later, it still works. Otherwise, set up each account again with its provider.
        </p>
      </div>
    );
  }
  const remove = () =>
    run(async () => {
      await call('startOverVault');
      // This PC's link to the backup goes too (the copy in OneDrive stays): recovery signs in to it again.
      await call('turnOffBackup', { deleteCloudCopy: false });
      onRemoved();
    });
  return (
    <div role="region" aria-label="Forgot the password">
      <p>
        Your accounts are backed up to {backup.account!.username}
        {backup.lastBackupAt ? ` (last backup ${new Date(backup.lastBackupAt).toLocaleString()})` : ''}. You can remove this PC’s data and restore them with
        Begin recovery and your backup password.
      </p>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="forgot-title" aria-describedby="forgot-text">
          <h3 id="forgot-title">Remove this PC’s accounts and settings?</h3>
          <p id="forgot-text">
            Every account and setting on this PC goes, including anything changed since the last backup; you get back what the backup holds. This PC
            signs out of {backup.account!.username} until recovery signs in again (the backup in OneDrive stays). Accounts tied to this PC (sign-in
            approvals) need to be set up again. The locked file is not deleted: it is set aside under a new name in the same folder and
            opens again only with this lock password.
          </p>
          <FormError message={error} />
          <div className="row">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
              {busy ? 'Removing…' : 'Remove and begin recovery'}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Remove this PC’s data…
        </button>
      )}
    </div>
  );
}
