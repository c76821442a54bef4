import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/account.js';
import type { BackupSummary, RecoveryAccountView } from '../../../shared/backup.js';
import { AppError, type ErrorKind } from '../../../shared/app-error.js';
import type { RecoveryPreview, RecoverySummary, RestoreMode } from '../../../shared/recovery.js';
import { call } from '../app-shell/api.js';
import { formatWhen } from '../settings/backup/format-when.js';
import { accountLabel } from '../accounts/format.js';
import { useBackOnEscape } from '../app-shell/sub-page.js';
import { ExistingAccounts } from './ExistingAccounts.js';
import { PreviewList, RemovedList } from './PreviewList.js';
import { SignInWaiting } from '../ui/SignInWaiting.js';

type Step =
  | { name: 'existing' }
  /** `account`: signed in, and looking for the backup failed (it is looked for again without a new sign-in). */
  | { name: 'signIn'; account: RecoveryAccountView | null; busy: 'signingIn' | 'finding' | null; failure: Failure | null }
  | { name: 'password'; account: RecoveryAccountView; backup: BackupSummary; busy: boolean; failure: Failure | null }
  | { name: 'preview'; account: RecoveryAccountView; preview: RecoveryPreview; busy: boolean; failure: Failure | null }
  | { name: 'done'; summary: RecoverySummary };

type Failure = { kind: ErrorKind; message: string };

const STEPS = ['Sign in', 'Backup password', 'Check', 'Done'] as const;

/**
 * Begin recovery: sign in to the recovery account -> the backup described -> backup password -> preview ->
 * restore (or merge, or remove this PC's accounts and restore) -> summary. Nothing on this PC changes before the
 * preview's button; Cancel, a failed sign-in or a wrong password leave the app as it was.
 */
export function RecoveryWizard({ accounts, onClose }: { accounts: readonly AccountView[]; onClose(): void }) {
  const [step, setStep] = useState<Step>(accounts.length > 0 ? { name: 'existing' } : { name: 'signIn', account: null, busy: null, failure: null });
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
    setStep({ name: 'signIn', account: null, busy: 'signingIn', failure: null });
    let account: RecoveryAccountView;
    try {
      ({ account } = await call('recoverySignIn'));
    } catch (e) {
      return setStep({ name: 'signIn', account: null, busy: null, failure: failureOf(e) });
    }
    await findBackup(account);
  };

  /** Downloads the backup with the account signed in; after a OneDrive error "Try again" comes back here, not to the browser. */
  const findBackup = async (account: RecoveryAccountView) => {
    setStep({ name: 'signIn', account, busy: 'finding', failure: null });
    try {
      const found = await call('recoveryFindBackup');
      setPassword('');
      setStep({ name: 'password', ...found, busy: false, failure: null });
    } catch (e) {
      setStep({ name: 'signIn', account, busy: null, failure: failureOf(e) });
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
      const failure = failureOf(e);
      // Accounts appeared on this PC meanwhile: describe the backup again against them (the opened backup is kept,
      // no new sign-in or password), so merge or remove-and-restore can be chosen right here.
      const preview = failure.kind === 'conflictExistingAccounts' ? await call('recoveryPreview').catch(() => step.preview) : step.preview;
      setStep({ ...step, preview, busy: false, failure });
    }
  };

  const choose = (next: RestoreMode) => {
    setMode(next);
    if (step.name === 'preview') setStep({ ...step, failure: null });
    else setStep({ name: 'signIn', account: null, busy: null, failure: null });
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
          intro={
            <>
              A full recovery puts back the accounts of your old PC exactly as they were, so it only runs on a PC without accounts. This PC has{' '}
              {accounts.length === 1 ? 'this account' : `these ${accounts.length} accounts`}:
            </>
          }
          onMerge={() => choose('merge')}
          onReplace={() => choose('replace')}
          onCancel={cancel}
        />
      ) : step.name === 'signIn' ? (
        <>
          <p>
            Sign in with the personal Microsoft account your backup is stored with (the recovery account you chose on your old PC). The sign-in page opens in
            your browser.
          </p>
          {mode === 'replace' ? (
            <p className="hint">The accounts on this PC stay as they are until you have checked what comes back and confirmed it (step 3).</p>
          ) : null}
          {step.account && !step.busy ? (
            <p>
              Signed in as <strong>{step.account.username}</strong>.
            </p>
          ) : null}
          {step.busy ? (
            step.busy === 'signingIn' ? (
              // Cancel ends the recovery, and main ends its sign-in with it.
              <SignInWaiting onCancel={cancel} />
            ) : (
              <p className="form-status" role="status">
                {`Looking for your backup in ${step.account?.username ?? 'your'}’s OneDrive…`}
              </p>
            )
          ) : null}
          {step.busy === 'signingIn' ? null : (
            <>
              <FailureMessage failure={step.failure} />
              <div className="row">
                <SignInActions step={step} onSignIn={() => void signIn()} onFindBackup={(account) => void findBackup(account)} />
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
        mode === 'restore' && step.preview.existing.length > 0 ? (
          // A full restore needs a PC without accounts, and some appeared since recovery began: choose here.
          <>
            <FailureMessage failure={step.failure} />
            <ExistingAccounts
              accounts={step.preview.existing}
              intro={
                <>
                  Your backup from {step.preview.deviceName} holds {count(step.preview.accounts.length)}, but this PC now has{' '}
                  {step.preview.existing.length === 1 ? 'an account' : `${step.preview.existing.length} accounts`} too, so it cannot be restored exactly as it
                  was:
                </>
              }
              onMerge={() => choose('merge')}
              onReplace={() => choose('replace')}
              onCancel={cancel}
            />
          </>
        ) : (
          <>
            <PreviewIntro preview={step.preview} mode={mode} />
            {step.preview.unreadableVault ? (
              <p>
                The accounts file <span className="mono">{step.preview.unreadableVault}</span> cannot be opened on this PC: its key is missing. Restoring sets
                it aside under a new name in the same folder; it is not deleted.
              </p>
            ) : null}
            {mode === 'replace' && step.preview.existing.length > 0 ? (
              <>
                <h3 className="preview-heading">Removed from this PC ({step.preview.existing.length})</h3>
                <RemovedList accounts={step.preview.existing} />
                <h3 className="preview-heading">Restored from the backup ({step.preview.accounts.length})</h3>
              </>
            ) : null}
            <PreviewList accounts={step.preview.accounts} mode={mode} />
            {step.busy ? (
              <p className="form-status" role="status">
                Restoring…
              </p>
            ) : null}
            <FailureMessage failure={step.failure} />
            <div className="row">
              <button
                type="button"
                className={mode === 'replace' && step.preview.existing.length > 0 ? 'danger' : undefined}
                disabled={step.busy || toRestore(step.preview, mode) === 0}
                onClick={() => void restore()}
              >
                {restoreLabel(step.preview, mode)}
              </button>
              <button type="button" className="secondary" disabled={step.busy} onClick={cancel}>
                Cancel
              </button>
            </div>
          </>
        )
      ) : (
        <>
          <p role="status">
            {step.summary.removed > 0 ? `${step.summary.removed} ${step.summary.removed === 1 ? 'account was' : 'accounts were'} removed and ` : ''}
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


function toRestore(preview: RecoveryPreview, mode: RestoreMode): number {
  return mode === 'merge' ? preview.accounts.filter((a) => !a.alreadyHere).length : preview.accounts.length;
}

function count(n: number): string {
  return `${n} ${n === 1 ? 'account' : 'accounts'}`;
}

function restoreLabel(preview: RecoveryPreview, mode: RestoreMode): string {
  const n = toRestore(preview, mode);
  if (mode === 'merge') return `Add ${count(n)}`;
  if (mode === 'replace' && preview.existing.length > 0) return `Remove ${preview.existing.length} and restore ${count(n)}`;
  return `Restore ${count(n)}`;
}

function PreviewIntro({ preview, mode }: { preview: RecoveryPreview; mode: RestoreMode }) {
  const here = preview.existing.length;
  switch (mode) {
    case 'merge':
      return (
        <p>
          These accounts from {preview.deviceName} are not on this PC yet and will be added after your {here} existing {here === 1 ? 'account' : 'accounts'}.
          Nothing is overwritten or removed.
        </p>
      );
    case 'replace':
      return here > 0 ? (
        <p>
          The {here === 1 ? 'account' : `${here} accounts`} on this PC {here === 1 ? 'is' : 'are'} removed and everything from {preview.deviceName} comes back:
          the accounts in this order, and your settings. Both happen together when you press the button below; until then nothing on this PC changes.
        </p>
      ) : (
        <p>This PC has no accounts any more. Everything from {preview.deviceName} comes back: the accounts in this order, and your settings.</p>
      );
    case 'restore':
      return <p>Everything from {preview.deviceName} comes back: the accounts in this order, and your settings.</p>;
  }
}

/** The way on after a failure at the sign-in step: a new sign-in, or (signed in already) looking for the backup again. */
function SignInActions({
  step,
  onSignIn,
  onFindBackup,
}: {
  step: Extract<Step, { name: 'signIn' }>;
  onSignIn(): void;
  onFindBackup(account: RecoveryAccountView): void;
}) {
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
