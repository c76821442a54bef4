import { useState } from 'react';
import type { BackupStatus } from '../../../../shared/backup.js';
import { call } from '../../app-shell/api.js';
import { ChangePassword } from './ChangePassword.js';
import { ReplaceCloudCopy } from './ReplaceCloudCopy.js';
import { EnterNewPassword } from './EnterNewPassword.js';
import { TurnOnBackup } from './TurnOnBackup.js';
import { TurnOffBackup } from './TurnOffBackup.js';
import { formatWhen } from './format-when.js';
import { FormError } from '../../ui/FormError.js';
import { SignInWaiting } from '../../ui/SignInWaiting.js';
import { useAction } from '../../ui/use-action.js';
import { HelpLinkButton } from '../../ui/HelpLinkButton.js';

/** Settings > Backup: turn on, the recovery account, last backup, back up now, change password, turn off, the problem. */
export function BackupSection({ status, onBeginRecovery, onRecoverFromFile }: { status: BackupStatus | null; onBeginRecovery(): void; onRecoverFromFile(): void }) {
  const [mode, setMode] = useState<'idle' | 'turningOn' | 'changingPassword' | 'turningOff' | 'replacingCloudCopy'>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const { busy } = action;
  const signIn = useAction(); // a cancelled sign-in's outcome (signInCancelled) is not news
  const signingIn = signIn.busy;

  const signInAgain = () => signIn.run(() => call('signInAgain'));
  const cancelSignIn = () => {
    signIn.cancel();
    void call('cancelSignIn').catch(() => undefined); // ends the sign-in in main: its listener closes
  };

  if (!status) return <Frame>{null}</Frame>;
  // A backup file restores whether or not cloud backup is configured or on (main needs no recovery account for it).
  const fromFile = mode === 'idle' ? onRecoverFromFile : undefined;
  if (!status.configured) {
    return (
      <Frame onRecoverFromFile={fromFile}>
        <p>Cloud backup is not configured in this copy of the app.</p>
        <p className="hint">
          It needs an Azure app registration for personal Microsoft accounts. Set AUTHENTICATOR_CLIENT_ID (see “Registering the app with Microsoft” in
          the README) and start the app again.
        </p>
        <div className="row">
          <HelpLinkButton topic="registerApp">How to register an app with Microsoft</HelpLinkButton>
        </div>
      </Frame>
    );
  }
  if (status.state === 'off' || mode === 'turningOn') {
    return (
      <Frame onRecoverFromFile={fromFile}>
        {mode === 'turningOn' ? (
          <TurnOnBackup onDone={() => setMode('idle')} onCancel={() => setMode('idle')} />
        ) : (
          <>
            <p>
              Back up your accounts, their order and your settings to your own OneDrive, encrypted on this PC with a password only you know. If this PC is
              lost, you can restore everything on a new one.
            </p>
            <div className="row">
              <button type="button" onClick={() => setMode('turningOn')}>
                Turn on cloud backup
              </button>
              <button type="button" className="secondary" onClick={onBeginRecovery}>
                Restore from a backup
              </button>
            </div>
          </>
        )}
      </Frame>
    );
  }

  const problem = status.state === 'outOfDate' ? status.problem : null;
  const fix = problem ? fixButton(problem.fix) : null;
  // While another PC's new password is missing here, nothing can be backed up or changed: the one way on is to enter it.
  const waitingForPassword = problem?.fix === 'enterPassword';
  return (
    <Frame onRecoverFromFile={fromFile}>
      <dl className="details-facts backup-facts">
        <dt>Recovery account</dt>
        <dd>{status.account ? `${status.account.displayName ? `${status.account.displayName} · ` : ''}${status.account.username}` : '—'}</dd>
        <dt>Status</dt>
        <dd>
          {/* A live region inside the <dd>: a <dd> with a role of its own is no longer a definition, and the list breaks. */}
          <span role="status" aria-live="polite" className={`backup-state ${status.state}`}>
            {status.state === 'backingUp' ? 'Backing up…' : status.state === 'upToDate' ? `Up to date · last backup ${formatWhen(status.lastBackupAt)}` : 'Out of date'}
          </span>
        </dd>
        {status.state === 'outOfDate' && status.lastBackupAt ? (
          <>
            <dt>Last backup</dt>
            <dd>{formatWhen(status.lastBackupAt)}</dd>
          </>
        ) : null}
      </dl>
      {problem ? (
        <div className="backup-problem" role="alert">
          <p>{problem.message}</p>
          {problem.nextAttemptAt ? <p className="hint">The app tries again by itself {formatWhen(problem.nextAttemptAt)}.</p> : null}
          {problem.fix === 'enterPassword' ? <EnterNewPassword /> : null}
          {signingIn ? (
            <SignInWaiting onCancel={cancelSignIn} />
          ) : fix ? (
            <button type="button" disabled={busy} onClick={() => {
                const { method } = fix;
                if (method === 'turnOnAgain') setMode('turningOff');
                else if (method === 'replaceCloudBackup') setMode('replacingCloudCopy');
                else if (method === 'signInAgain') void signInAgain();
                else void action.run(() => call(method));
              }}>
              {fix.label}
            </button>
          ) : null}
          {/* Inside the problem's own alert, which announces it: no second alert role. */}
          {signIn.error && !signingIn ? <p className="form-error">{signIn.error}</p> : null}
        </div>
      ) : null}
      {notice ? (
        <p className="form-status" role="status">
          {notice}
        </p>
      ) : null}
      {mode === 'changingPassword' && !waitingForPassword ? (
        <ChangePassword
          onDone={(changed) => {
            setMode('idle');
            if (changed) setNotice('Backup password changed. Your other PCs ask for the new one before they back up again.');
          }}
        />
      ) : mode === 'replacingCloudCopy' && problem?.fix === 'updateOrReplace' ? (
        <ReplaceCloudCopy account={status.account?.username ?? 'the recovery account'} onDone={() => setMode('idle')} />
      ) : mode === 'turningOff' ? (
        <TurnOffBackup account={status.account?.username ?? 'the recovery account'} onDone={() => setMode('idle')} />
      ) : (
        <div className="row">
          {/* The problem's own button already backs up (Try again now, Make a new backup now); nothing can while a password is missing. */}
          {fix?.method === 'backUpNow' || waitingForPassword ? null : (
            <button type="button" disabled={busy || status.state === 'backingUp'} onClick={() => void action.run(() => call('backUpNow'))}>
              Back up now
            </button>
          )}
          {waitingForPassword ? null : (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setNotice(null);
                setMode('changingPassword');
              }}
            >
              Change backup password
            </button>
          )}
          <button type="button" className="secondary danger-text" onClick={() => setMode('turningOff')}>
            Turn off backup
          </button>
        </div>
      )}
      <FormError message={action.error} />
    </Frame>
  );
}

function Frame({ children, onRecoverFromFile }: { children: React.ReactNode; onRecoverFromFile?: (() => void) | undefined }) {
  return (
    <section className="backup settings-section" aria-labelledby="backup-title">
      <h3 id="backup-title" className="settings-section-title">Backup</h3>
      {children}
      {onRecoverFromFile ? (
        <div className="setting-row backup-file">
          <span className="setting-label">
            Restore a backup file saved with Settings &gt; Export. If this PC has accounts, you choose to merge or replace them first.
          </span>
          <button type="button" className="secondary" onClick={onRecoverFromFile}>
            Recover from a backup file…
          </button>
        </div>
      ) : null}
    </section>
  );
}

function fixButton(
  fix: NonNullable<BackupStatus['problem']>['fix'],
): { label: string; method: 'signInAgain' | 'backUpNow' | 'turnOnAgain' | 'replaceCloudBackup' } | null {
  switch (fix) {
    case 'signIn':
      return { label: 'Sign in to the recovery account', method: 'signInAgain' };
    case 'backUpNow':
      return { label: 'Make a new backup now', method: 'backUpNow' };
    case 'retry':
      return { label: 'Try again now', method: 'backUpNow' };
    case 'turnOnAgain':
      return { label: 'Turn backup off…', method: 'turnOnAgain' };
    case 'updateOrReplace': // updating the app needs no button here; replacing asks first (ReplaceCloudCopy)
      return { label: 'Replace the backup in OneDrive…', method: 'replaceCloudBackup' };
    case 'enterPassword': // a form of its own (EnterNewPassword)
    case 'none':
      return null;
  }
}
