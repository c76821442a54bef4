import { useEffect } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { accountLabel } from '../accounts/format.js';

/** The warning before the QR code and setup key are shown (SetupReveal); Cancel (or Escape) has the focus. */
export function RevealConfirm({ account, onShow, onCancel }: { account: AccountView; onShow(): void; onCancel(): void }) {
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
      <div className="row">
        <button type="button" className="danger" onClick={onShow}>
          Show QR code and setup key
        </button>
        <button type="button" className="secondary" autoFocus onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
