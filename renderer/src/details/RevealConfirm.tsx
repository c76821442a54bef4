import { useEffect, useId, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { accountLabel } from '../accounts/format.js';
import { useLockStatus } from '../lock/use-lock-status.js';

/**
 * The warning before the QR code and setup key are shown (SetupReveal); Cancel (or Escape) has the focus. With the app
 * lock on, the lock password too: main checks it (and then asks its own question) before the key leaves.
 */
export function RevealConfirm({ account, onShow, onCancel }: { account: AccountView; onShow(lockPassword?: string): void; onCancel(): void }) {
  const lock = useLockStatus();
  const [lockPassword, setLockPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const id = useId();
  const show = () => {
    if (!lock?.on) return onShow();
    if (lockPassword === '') return setMissing(true);
    onShow(lockPassword);
  };
  // Escape cancels the warning (the shown key hides itself on Escape).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="reveal-confirm-title" aria-describedby="reveal-confirm-text">
      <h3 id="reveal-confirm-title">Show the QR code and setup key?</h3>
      <p id="reveal-confirm-text">
        Anyone who sees them can make your codes for {accountLabel(account)}, now and later, without your PC. Show them only to move this account to
        another authenticator app, with nobody watching and your screen not being shared or recorded.
      </p>
      {lock?.on ? (
        <div className="field">
          <label htmlFor={`${id}-lock`}>Lock password</label>
          <input
            id={`${id}-lock`}
            type="password"
            autoComplete="current-password"
            value={lockPassword}
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${id}-lock-error` : undefined}
            onChange={(e) => setLockPassword(e.target.value)}
          />
          {missing ? (
            <p className="field-error" id={`${id}-lock-error`}>
              Enter the lock password to show the setup key.
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="row">
        <button type="button" className="danger" onClick={show}>
          Show QR code and setup key
        </button>
        <button type="button" className="secondary" autoFocus onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
