import { useState } from 'react';
import type { BackupStatus } from '../../../shared/backup.js';
import { call } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';

/** The locked vault was set aside (these are its new paths); with a backup, recovery comes next. */
export interface StartedOver {
  setAside: string[];
  thenRecovery: boolean;
}

/** What a person types to confirm starting over without a backup: nothing comes back from it, so a click is not enough. */
const START_OVER_WORDS = 'start over';

/**
 * What a forgotten lock password leaves. Nobody, this app included, can open the accounts without it. With cloud
 * backup on, this PC's data can be removed (set aside, after a confirmation naming what goes) and the accounts
 * restored with the backup password. Without backup there is nothing to restore from, but the person is never stuck
 * on the lock screen: "Start over on this PC" sets the locked file aside (the same main path as a lost key's "Start
 * over") after a typed confirmation, and the app opens empty.
 */
export function ForgotPassword({ backup, onStartedOver }: { backup: BackupStatus | null; onStartedOver(startedOver: StartedOver): void }) {
  const backedUp = backup !== null && backup.state !== 'off' && backup.account !== null;
  return backedUp ? (
    <RemoveAndRecover username={backup.account!.username} lastBackupAt={backup.lastBackupAt} onStartedOver={onStartedOver} />
  ) : (
    <StartOver onStartedOver={onStartedOver} />
  );
}

function RemoveAndRecover({ username, lastBackupAt, onStartedOver }: { username: string; lastBackupAt: string | null; onStartedOver(startedOver: StartedOver): void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction('This PC’s data could not be removed; nothing was changed.');
  const remove = () =>
    run(async () => {
      const { setAside } = await call('startOverVault');
      // This PC's link to the backup goes too (the copy in OneDrive stays): recovery signs in to it again.
      await call('turnOffBackup', { deleteCloudCopy: false });
      onStartedOver({ setAside, thenRecovery: true });
    });
  return (
    <div className="lock-forgot" role="region" aria-label="Forgot the password">
      <p>
        Your accounts are backed up to {username}
        {lastBackupAt ? ` (last backup ${new Date(lastBackupAt).toLocaleString()})` : ''}. You can remove this PC’s data and restore them with Begin
        recovery and your backup password.
      </p>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="forgot-title" aria-describedby="forgot-text">
          <h3 id="forgot-title">Remove this PC’s accounts and settings?</h3>
          <p id="forgot-text">
            Every account and setting on this PC goes, including anything changed since the last backup; you get back what the backup holds. This PC
            signs out of {username} until recovery signs in again (the backup in OneDrive stays). Accounts tied to this PC (sign-in approvals) need to be
            set up again. The locked file is not deleted: it is set aside under a new name in the same folder and opens again only with this lock password.
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

function StartOver({ onStartedOver }: { onStartedOver(startedOver: StartedOver): void }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useAction('The locked accounts file could not be set aside; nothing was changed.');
  const confirmed = typed.trim().toLowerCase() === START_OVER_WORDS;
  const startOver = () =>
    run(async () => {
      const { setAside } = await call('startOverVault');
      onStartedOver({ setAside, thenRecovery: false });
    });
  return (
    <div className="lock-forgot" role="region" aria-label="Forgot the password">
      <p>
        Without the lock password nobody can open your accounts, not even this app, and cloud backup is off, so there is no copy to recover them from. If
        you remember the password later, it still works.
      </p>
      {confirming ? (
        <form
          className="confirm form"
          role="alertdialog"
          aria-labelledby="start-over-title"
          aria-describedby="start-over-text"
          onSubmit={(event) => {
            event.preventDefault();
            if (confirmed) void startOver();
          }}
        >
          <h3 id="start-over-title">Start over on this PC?</h3>
          <p id="start-over-text">
            Your accounts here stay locked: they cannot be opened without the lock password. Their file is set aside under a new name in the same folder,
            not deleted, and opens again with this lock password if you remember it. The app then opens with no accounts and the app lock off, and you set
            up each account again with its provider (its two-step verification settings).
          </p>
          <label htmlFor="start-over-words">Type “{START_OVER_WORDS}” to confirm</label>
          <input id="start-over-words" type="text" autoComplete="off" spellCheck={false} autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} />
          <FormError message={error} />
          <div className="row">
            <button type="submit" className="danger" disabled={busy || !confirmed}>
              {busy ? 'Starting over…' : 'Start over'}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            Start over on this PC…
          </button>
        </div>
      )}
    </div>
  );
}
