import { useEffect, useRef, useState } from 'react';
import { call } from '../app-shell/api.js';
import { FormError } from './FormError.js';
import { useAction } from './use-action.js';

/**
 * What every interactive sign-in shows while main waits for the browser: turning backup on, signing in again,
 * recovery and "Sign in to recover" alike. The app cannot see the sign-in tab, so the way back to a tab closed by
 * mistake is always there: main opens the same sign-in page again (main chooses the page; this only asks). Cancel is
 * the flow's own and ends the sign-in in main. Main also stops a sign-in nobody finishes, after a few minutes, and the
 * flow then says so and offers to sign in again.
 */
export function SignInWaiting({ status, onCancel }: { status?: string; onCancel(): void }) {
  const reopenButton = useRef<HTMLButtonElement>(null);
  const [reopened, setReopened] = useState(false);
  const reopening = useAction('The sign-in page could not be opened again.');
  // The button that started the sign-in is gone; its successor takes the focus, not the page.
  useEffect(() => reopenButton.current?.focus(), []);

  const reopen = () =>
    reopening.run(async () => {
      await call('reopenSignInPage');
      setReopened(true);
    });

  return (
    <div className="sign-in-waiting">
      <p className="form-status" role="status">
        {status ?? 'Waiting for you to finish signing in in your browser…'}
      </p>
      <p className="hint">
        {reopened ? 'The sign-in page was opened again.' : 'Closed the sign-in page, or cannot find it? Open it again.'} A sign-in nobody finishes stops by
        itself after a few minutes.
      </p>
      <div className="row">
        <button ref={reopenButton} type="button" onClick={() => void reopen()}>
          Open the sign-in page again
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FormError message={reopening.error} />
    </div>
  );
}
