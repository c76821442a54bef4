import { useRef } from 'react';
import type { RecoveryAccountView } from '../../../shared/backup.js';
import type { RestoreMode } from '../../../shared/recovery.js';
import { HelpLinkButton } from '../ui/HelpLinkButton.js';
import { SignInWaiting } from '../ui/SignInWaiting.js';
import { FailureMessage } from './FailureMessage.js';
import type { StepOf } from './steps.js';

interface Props {
  step: StepOf<'signIn'>;
  mode: RestoreMode;
  /** Opened to recover from a backup file: the file is the way on, no sign-in offered. */
  fromFile: boolean;
  onSignIn(): void;
  onFindBackup(account: RecoveryAccountView): void;
  /** "Recover from a backup file": a file saved with Settings > Export, no Microsoft account needed. */
  onOpenFile(file: File): void;
  onCancel(): void;
}

/**
 * Sign in to the recovery account in the browser, then the backup is looked for in its OneDrive; or, beside it, pick a
 * backup file saved with Settings > Export (read here, its bytes sent to main, which checks and opens it).
 */
export function SignInStep({ step, mode, fromFile, onSignIn, onFindBackup, onOpenFile, onCancel }: Props) {
  const filePicker = useRef<HTMLInputElement>(null);
  return (
    <>
      {fromFile ? (
        <p>
          Choose the backup file saved with Settings &gt; Export (“Backup file (this app)”). No Microsoft account is needed; you enter the file’s backup
          password next.
        </p>
      ) : (
        <p>
          Sign in with the personal Microsoft account your backup is stored with (the recovery account you chose on your old PC). The sign-in page opens in
          your browser. Or recover from a backup file saved with Settings &gt; Export: no Microsoft account is needed.
        </p>
      )}
      {mode === 'replace' ? <p className="hint">The accounts on this PC stay as they are until you have checked what comes back and confirmed it (step 3).</p> : null}
      {step.account && !step.busy ? (
        <p>
          Signed in as <strong>{step.account.username}</strong>.
        </p>
      ) : null}
      {step.busy ? (
        step.busy === 'signingIn' ? (
          // Cancel ends the recovery, and main ends its sign-in with it.
          <SignInWaiting onCancel={onCancel} />
        ) : (
          <p className="form-status" role="status">
            {step.account ? `Looking for your backup in ${step.account.username}’s OneDrive…` : 'Opening the backup file…'}
          </p>
        )
      ) : null}
      {step.busy === 'signingIn' ? null : (
        <>
          <FailureMessage failure={step.failure} />
          <div className="row">
            {fromFile ? null : <SignInActions step={step} onSignIn={onSignIn} onFindBackup={onFindBackup} />}
            <button type="button" className={fromFile ? undefined : 'secondary'} disabled={step.busy !== null} onClick={() => filePicker.current?.click()}>
              {fromFile ? 'Choose the backup file…' : 'Recover from a backup file…'}
            </button>
            <input
              ref={filePicker}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              tabIndex={-1}
              aria-label="Backup file to recover from"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) onOpenFile(file);
              }}
            />
            <button type="button" className="secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      )}
    </>
  );
}

/** The way on after a failure at the sign-in step: a new sign-in, or (signed in already) looking for the backup again. */
function SignInActions({ step, onSignIn, onFindBackup }: { step: StepOf<'signIn'>; onSignIn(): void; onFindBackup(account: RecoveryAccountView): void }) {
  const busy = step.busy !== null;
  const { account, failure } = step;
  if (account && failure && failure.kind !== 'signInRequired') {
    // Signed in; the backup could not be read (OneDrive unreachable or busy, not there, ...): read it again.
    return (
      <>
        <button type="button" disabled={busy} onClick={() => onFindBackup(account)}>
          {failure.kind === 'backupNotFound' ? 'Look again' : 'Try again'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onSignIn}>
          Sign in with a different account
        </button>
        {failure.kind === 'backupNotFound' ? <HelpLinkButton topic="oneDrive">Open OneDrive (recycle bin)</HelpLinkButton> : null}
      </>
    );
  }
  const label =
    failure?.kind === 'wrongAccountType'
      ? 'Sign in with a different account'
      : failure?.kind === 'signInRequired' || failure?.kind === 'signInTimedOut'
        ? 'Sign in again'
        : failure
          ? 'Try again'
          : 'Sign in';
  return (
    <button type="button" disabled={busy} onClick={onSignIn}>
      {label}
    </button>
  );
}
