import { LockKeyhole } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupStatus } from '../../../shared/backup.js';
import type { LockStatus } from '../../../shared/lock.js';
import { AppError } from '../../../shared/app-error.js';
import { call } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { ForgotPassword, type StartedOver } from './ForgotPassword.js';
import './lock-screen.css';

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
    if (password === '' || wait > 0) return;
    // A try refused for the wait is said by the wait line (main sends the wait again with it), not as an error of its own.
    const done = await run(() => call('unlockApp', { password }).catch(unlessWaiting));
    if (!done) {
      setPassword('');
      field.current?.focus();
    }
  };

  return (
    <main className="lock-page">
      <section className="lock-screen" aria-labelledby="lock-title">
        <div className="lock-screen-head">
          <LockKeyhole aria-hidden="true" size={28} strokeWidth={2} />
          <h1 id="lock-title">Authenticator is locked</h1>
          <p>Enter your lock password to see your codes.</p>
        </div>
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
              // A timer: read when the field is focused (aria-describedby), not announced every second.
              <p className="hint" role="timer">
                {status.failedAttempts} wrong passwords. Try again in {wait} s.
              </p>
            ) : status.failedAttempts > 0 ? (
              <p className="hint">
                {status.failedAttempts} wrong password{status.failedAttempts === 1 ? '' : 's'}.{' '}
                {status.freeAttemptsLeft > 0
                  ? `After ${status.freeAttemptsLeft} more, each wrong one makes you wait longer`
                  : 'Each wrong one makes you wait longer'}
                ; nothing is ever deleted.
              </p>
            ) : null}
          </div>
          <div className="row centered">
            <button type="submit" disabled={busy || password === '' || wait > 0}>
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

/** Resolves instead of failing for main's "wait first": the wait line says it. */
function unlessWaiting(caught: unknown): void {
  if (!(caught instanceof AppError && caught.kind === 'tooManyAttempts')) throw caught;
}

/**
 * Whole seconds left of main's wait, counted down on the page from main's latest status (its retryInMs, so the page's
 * own clock only measures the time since then). 0 once it reaches zero, or at once when main says the wait is over.
 */
function useSecondsLeft(status: LockStatus): number {
  const [end, setEnd] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    setEnd(status.retryInMs === null ? null : Date.now() + status.retryInMs);
  }, [status]);
  const left = end === null ? 0 : Math.max(0, Math.ceil((end - now) / 1000));
  useEffect(() => {
    if (left === 0) return;
    // Wakes when the next whole second is reached, not on a fixed beat, so the line changes as the second does.
    const timer = setTimeout(() => setNow(Date.now()), Math.max(1, (end ?? 0) - (left - 1) * 1000 - Date.now()));
    return () => clearTimeout(timer);
  }, [left, end, now]);
  return left;
}
