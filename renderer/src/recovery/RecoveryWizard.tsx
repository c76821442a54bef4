import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/account.js';
import type { BackupSummary, RecoveryAccountView } from '../../../shared/backup.js';
import { AppError, type ErrorKind } from '../../../shared/app-error.js';
import type { RecoveryPreview, RecoverySummary, RestoreMode } from '../../../shared/recovery.js';
import { call } from '../api.js';
import { formatWhen } from '../backup/format-when.js';
import { accountLabel } from '../format.js';
import { useBackOnEscape } from '../sub-page.js';
import { ExistingAccounts } from './ExistingAccounts.js';
import { PreviewList } from './PreviewList.js';
import { SignInWaiting } from '../SignInWaiting.js';

type Step =
  | { name: 'existing' }
  | { name: 'signIn'; busy: boolean; failure: Failure | null }
  | { name: 'password'; account: RecoveryAccountView; backup: BackupSummary; busy: boolean; failure: Failure | null }
  | { name: 'preview'; account: RecoveryAccountView; preview: RecoveryPreview; busy: boolean; failure: Failure | null }
  | { name: 'done'; summary: RecoverySummary };

type Failure = { kind: ErrorKind; message: string };

const STEPS = ['Sign in', 'Backup password', 'Check', 'Done'] as const;

/**
 * Begin recovery: sign in to the recovery account -> the backup described -> backup password -> preview ->
 * restore (or merge) -> summary. Nothing on this PC changes before "Restore"; Cancel leaves the app as it was.
 */
export function RecoveryWizard({ accounts, onClose }: { accounts: readonly AccountView[]; onClose(): void }) {
  const [step, setStep] = useState<Step>(accounts.length > 0 ? { name: 'existing' } : { name: 'signIn', busy: false, failure: null });
  const [mode, setMode] = useState<RestoreMode>(accounts.length > 0 ? 'merge' : 'restore');
  const [password, setPassword] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [step.name]);

  const cancel = () => {
    void call('recoveryCancel').catch(() => undefined);
    onClose();
  };
  useBackOnEscape(cancel, step.name !== 'done');

  const signIn = async () => {
    setStep({ name: 'signIn', busy: true, failure: null });
    try {
      const found = await call('recoverySignIn');
      setPassword('');
      setStep({ name: 'password', ...found, busy: false, failure: null });
    } catch (e) {
      setStep({ name: 'signIn', busy: false, failure: failureOf(e) });
    }
  };

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (step.name !== 'password') return;
    if (password === '') return setStep({ ...step, failure: { kind: 'invalidInput', message: 'Enter the backup password.' } });
    setStep({ ...step, busy: true, failure: null });
    try {
      const preview = await call('recoveryUnlock', { password });
      setPassword('');
      setStep({ name: 'preview', account: step.account, preview, busy: false, failure: null });
    } catch (e) {
      setStep({ ...step, busy: false, failure: failureOf(e) });
    }
  };

  const restore = async () => {
    if (step.name !== 'preview') return;
    setStep({ ...step, busy: true, failure: null });
    try {
      setStep({ name: 'done', summary: await call('recoveryRestore', { mode }) });
    } catch (e) {
      setStep({ ...step, busy: false, failure: failureOf(e) });
    }
  };

  const index = step.name === 'existing' || step.name === 'signIn' ? 0 : step.name === 'password' ? 1 : step.name === 'preview' ? 2 : 3;
  return (
    <section className="recovery settings" aria-labelledby="recovery-title">
      <ol className="wizard-steps" aria-label="Recovery steps">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === index ? 'step' : undefined} className={i < index ? 'done' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      <h2 id="recovery-title" tabIndex={-1} ref={heading}>
        {title(step)}
      </h2>

      {step.name === 'existing' ? (
        <ExistingAccounts
          accounts={accounts}
          onMerge={() => {
            setMode('merge');
            setStep({ name: 'signIn', busy: false, failure: null });
          }}
          onRemoved={() => {
            setMode('restore');
            setStep({ name: 'signIn', busy: false, failure: null });
          }}
          onCancel={cancel}
        />
      ) : step.name === 'signIn' ? (
        <>
          <p>
            Sign in with the personal Microsoft account your backup is stored with (the recovery account you chose on your old PC). The sign-in page opens in
            your browser.
          </p>
          {step.busy ? (
            // Cancel ends the recovery, and main ends its sign-in with it.
            <SignInWaiting onCancel={cancel} />
          ) : (
            <>
              <FailureMessage failure={step.failure} />
              <div className="row">
                <button type="button" onClick={() => void signIn()}>
                  {signInLabel(step.failure)}
                </button>
                <button type="button" className="secondary" onClick={cancel}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </>
      ) : step.name === 'password' ? (
        <form className="form" onSubmit={(e) => void unlock(e)} noValidate>
          <p>
            Found a backup in <strong>{step.account.username}</strong>’s OneDrive: <strong>{step.backup.accountCount}</strong>{' '}
            {step.backup.accountCount === 1 ? 'account' : 'accounts'} from <strong>{step.backup.deviceName}</strong>, made {formatWhen(step.backup.createdAt)}.
          </p>
          <label>
            Backup password
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={step.failure?.kind === 'wrongPassword' || undefined}
              aria-describedby={step.failure ? 'recovery-failure' : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <p className="hint">The password you set when you turned backup on. It is checked on this PC; the backup in OneDrive is not changed.</p>
          {step.busy ? (
            <p className="form-status" role="status">
              Unlocking the backup…
            </p>
          ) : null}
          <FailureMessage failure={step.failure} />
          <div className="row">
            <button type="submit" disabled={step.busy}>
              Unlock backup
            </button>
            <button type="button" className="secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : step.name === 'preview' ? (
        <>
          <p>
            {mode === 'merge'
              ? `These accounts from ${step.preview.deviceName} are not on this PC yet and will be added after your ${step.preview.existingCount} existing ${step.preview.existingCount === 1 ? 'account' : 'accounts'}. Nothing is overwritten or removed.`
              : `Everything from ${step.preview.deviceName} comes back: the accounts in this order, and your settings.`}
          </p>
          {step.preview.unreadableVault ? (
            <p>
              The accounts file <span className="mono">{step.preview.unreadableVault}</span> cannot be opened on this PC: its key is missing. Restoring sets
              it aside under a new name in the same folder; it is not deleted.
            </p>
          ) : null}
          <PreviewList accounts={step.preview.accounts} mode={mode} />
          {step.busy ? (
            <p className="form-status" role="status">
              Restoring…
            </p>
          ) : null}
          <FailureMessage failure={step.failure} />
          <div className="row">
            <button type="button" disabled={step.busy || toRestore(step.preview, mode) === 0} onClick={() => void restore()}>
              {mode === 'merge' ? `Add ${toRestore(step.preview, mode)} accounts` : `Restore ${toRestore(step.preview, mode)} accounts`}
            </button>
            <button type="button" className="secondary" disabled={step.busy} onClick={cancel}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <>
          <p role="status">
            {step.summary.restored} {step.summary.restored === 1 ? 'account was' : 'accounts were'} {step.summary.mode === 'merge' ? 'added' : 'restored'}
            {step.summary.alreadyHere > 0 ? ` (${step.summary.alreadyHere} already on this PC)` : ''}. Backup stays on with the same recovery account.
          </p>
          {step.summary.setAside.length > 0 ? (
            <p>
              The accounts file that could not be opened was kept as <span className="mono">{step.summary.setAside[0]}</span>.
            </p>
          ) : null}
          {step.summary.needVerification.length > 0 ? (
            <div className="details-action">
              <p>
                <strong>Action required</strong> for {step.summary.needVerification.length}{' '}
                {step.summary.needVerification.length === 1 ? 'account' : 'accounts'}: they were tied to your old PC. Open each one to set it up again.
              </p>
              <ul>
                {step.summary.needVerification.map((a) => (
                  <li key={a.id}>{accountLabel(a)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="row">
            <button type="button" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function title(step: Step): string {
  switch (step.name) {
    case 'existing':
      return 'This PC already has accounts';
    case 'signIn':
      return 'Sign in to your recovery account';
    case 'password':
      return 'Enter your backup password';
    case 'preview':
      return 'Check what comes back';
    case 'done':
      return 'Recovery complete';
  }
}

function signInLabel(failure: Failure | null): string {
  if (failure?.kind === 'backupNotFound' || failure?.kind === 'wrongAccountType') return 'Sign in with a different account';
  if (failure?.kind === 'signInTimedOut') return 'Sign in again';
  return failure ? 'Try again' : 'Sign in';
}

function toRestore(preview: RecoveryPreview, mode: RestoreMode): number {
  return mode === 'merge' ? preview.accounts.filter((a) => !a.alreadyHere).length : preview.accounts.length;
}

function failureOf(error: unknown): Failure {
  return error instanceof AppError ? { kind: error.kind, message: error.message } : { kind: 'internal', message: 'Something went wrong; try again.' };
}

/** What to do next, where the message itself cannot know (it comes from the cloud or the file format). */
const WAY_OUT: Partial<Record<ErrorKind, string>> = {
  network: ' Nothing on this PC or in OneDrive was changed.',
  backupDamaged:
    ' If your old PC still has your accounts, make a new backup there: in Settings > Backup turn backup off, then on again. The damaged file in OneDrive was left as it is.',
};

function FailureMessage({ failure }: { failure: Failure | null }) {
  if (!failure) return null;
  return (
    <p id="recovery-failure" className="form-error" role="alert">
      {failure.message}
      {WAY_OUT[failure.kind] ?? ''}
    </p>
  );
}
