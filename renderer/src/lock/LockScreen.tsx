import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupStatus } from '../../../shared/backup.js';
import type { LockStatus } from '../../../shared/lock.js';
import { call } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { ForgotPassword, type StartedOver } from './ForgotPassword.js';

/**
 * The only thing the window shows while the app is locked: the lock password, what a wrong one costs, and what a
 * forgotten one leaves. Main checks the password and keeps the count; this page never sees a key.
 */
export function LockScreen({ status, backup, onStartedOver }: { status: LockStatus; backup: BackupStatus | null; onStartedOver(startedOver: StartedOver): void }) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction('The app could not be unlocked; try again.');
  const [forgot, setForgot] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const wait = useSecondsLeft(status);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return;
    const done = await run(() => call('unlockApp', { password }));
    if (!done) {
      setPassword('');
      field.current?.focus();
    }
  };

  return (
    <main className="app-main">
      <section className="empty-state lock-screen" aria-labelledby="lock-title">
        <h1 id="lock-title">Authenticator is locked</h1>
        <p>Enter your lock password to see your codes.</p>
        <form className="form" onSubmit={(e) => void submit(e)}>
          <label htmlFor="lock-password">Lock password</label>
          <input
            id="lock-password"
            ref={field}
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            aria-invalid={error !== null || undefined}
            aria-describedby="lock-status"
            onChange={(e) => setPassword(e.target.value)}
          />
          <div id="lock-status">
            <FormError message={error} />
            {wait > 0 ? (
              <p className="hint" role="status">
                {status.failedAttempts} wrong passwords. The next one is tried in {wait} second{wait === 1 ? '' : 's'}.
              </p>
            ) : status.failedAttempts > 0 ? (
              <p className="hint">
                {status.failedAttempts} wrong password{status.failedAttempts === 1 ? '' : 's'}. After 5, each wrong one makes you wait longer; nothing is
                ever deleted.
              </p>
            ) : null}
          </div>
          <div className="row centered">
            <button type="submit" disabled={busy || password === ''}>
              {busy ? 'Unlocking…' : 'Unlock'}
            </button>
            {status.quickUnlock?.available && status.quickUnlock.ready ? (
              <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => call('quickUnlockApp'))}>
                Unlock with {status.quickUnlock.label}
              </button>
            ) : null}
            <button type="button" className="secondary" aria-expanded={forgot} onClick={() => setForgot(!forgot)}>
              Forgot the password?
            </button>
          </div>
        </form>
        {forgot ? <ForgotPassword backup={backup} onStartedOver={onStartedOver} /> : null}
      </section>
    </main>
  );
}

/** Whole seconds left of the wait main stated (counted on the page's clock from when the status arrived). */
function useSecondsLeft(status: LockStatus): number {
  const [end, setEnd] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    setEnd(status.retryInMs === null ? null : Date.now() + status.retryInMs);
  }, [status]);
  useEffect(() => {
    if (end === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [end]);
  return end === null ? 0 : Math.max(0, Math.ceil((end - now) / 1000));
}
