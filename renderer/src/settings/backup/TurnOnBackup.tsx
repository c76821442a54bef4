import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupSummary, RecoveryAccountView } from '../../../../shared/backup.js';
import { call } from '../../app-shell/api.js';
import { formatWhen } from './format-when.js';
import { newPasswordProblem, PasswordFields, type NewPassword } from '../../ui/PasswordFields.js';
import type { Strength } from '../../ui/password-strength.js';
import { FormError } from '../../ui/FormError.js';
import { SignInWaiting } from '../../ui/SignInWaiting.js';
import { useAction } from '../../ui/use-action.js';

type Step =
  | { name: 'start' }
  | { name: 'signingIn' }
  | { name: 'password'; account: RecoveryAccountView; existing: BackupSummary | null }
  | { name: 'saving'; account: RecoveryAccountView; existing: BackupSummary | null };

/** Turning backup on: sign in to the recovery account in the browser, then set (or enter) the backup password. */
export function TurnOnBackup({ onDone, onCancel }: { onDone(): void; onCancel(): void }) {
  const [step, setStep] = useState<Step>({ name: 'start' });
  const { error, setError, run } = useAction();
  const [fresh, setFresh] = useState<NewPassword>({ password: '', confirmation: '' });
  const [existingPassword, setExistingPassword] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const [tried, setTried] = useState(false);
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);
  // Left before backup is on (Cancel, Back, Escape) once a sign-in began, turning on is ended in main too: the sign-in
  // still waiting is ended, and the recovery account is not kept signed in for a backup that is off. Not while the
  // first backup is being uploaded, nor after it.
  const signInBegun = useRef(false);
  const finished = useRef(false);
  const current = useRef(step.name);
  current.current = step.name;
  useEffect(
    () => () => {
      if (signInBegun.current && !finished.current && current.current !== 'saving') void call('cancelTurnOnBackup').catch(() => undefined);
    },
    [],
  );

  const signIn = async () => {
    signInBegun.current = true;
    setStep({ name: 'signingIn' });
    const done = await run(() => call('signInRecoveryAccount'));
    setStep(done ? { name: 'password', ...done.value } : { name: 'start' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (step.name !== 'password') return;
    setTried(true);
    if (!step.existing && newPasswordProblem(fresh, strength)) return;
    const password = step.existing ? existingPassword : fresh.password;
    if (password === '') return setError('Enter the backup password.');
    setStep({ ...step, name: 'saving' });
    const done = await run(async () => {
      await call('turnOnBackup', { password });
      finished.current = true;
      onDone();
    });
    if (!done) setStep({ ...step, name: 'password' });
  };

  if (step.name === 'start' || step.name === 'signingIn') {
    return (
      <div className="turn-on">
        <h3>Sign in to your recovery account</h3>
        <p>
          Use a personal Microsoft account (Outlook.com, Hotmail, Live, Xbox…). The sign-in page opens in your browser; this app never sees your Microsoft
          password. Backups go to this account’s OneDrive, in a folder only this app can use.
        </p>
        {step.name === 'signingIn' ? (
          <SignInWaiting
            onCancel={() => {
              void call('cancelSignIn').catch(() => undefined); // ends the sign-in in main: its listener closes
              onCancel();
            }}
          />
        ) : (
          <>
            <FormError message={error} />
            <div className="row">
              <button type="button" onClick={() => void signIn()}>
                {error ? 'Sign in again' : 'Sign in'}
              </button>
              <button type="button" className="secondary" onClick={onCancel}>
                Cancel
              </button>
            </div>
          </>
        )}
      </div>
    );
  }

  const saving = step.name === 'saving';
  return (
    <form className="form turn-on" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{step.existing ? 'Unlock your existing backup' : 'Set a backup password'}</h3>
      <p>
        Signed in as <strong>{step.account.username}</strong>.
      </p>
      {step.existing ? (
        <>
          <p>
            This account already holds a backup from <strong>{step.existing.deviceName}</strong> ({step.existing.accountCount}{' '}
            {step.existing.accountCount === 1 ? 'account' : 'accounts'}, {formatWhen(step.existing.createdAt)}). Enter its backup password: this PC’s
            accounts are added to it, and nothing in it is removed.
          </p>
          <label>
            Backup password
            <input type="password" autoComplete="current-password" value={existingPassword} onChange={(e) => setExistingPassword(e.target.value)} />
          </label>
        </>
      ) : (
        <>
          <p className="hint">
            The backup is encrypted with this password before it leaves this PC. You will need it to restore on a new PC. Nobody, not even Microsoft, can
            reset it for you: keep it somewhere safe.
          </p>
          <PasswordFields value={fresh} onChange={setFresh} onStrength={onStrength} showErrors={tried} />
        </>
      )}
      {saving ? (
        <p className="form-status" role="status">
          Encrypting and uploading the first backup…
        </p>
      ) : null}
      <FormError message={error} />
      <div className="row">
        <button type="submit" disabled={saving}>
          Turn on backup
        </button>
        <button type="button" className="secondary" disabled={saving} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
