import type { RefObject } from 'react';
import type { AccountView } from '../../../shared/account.js';

interface Props {
  account: AccountView;
  /** "Show QR code and setup key…", which the focus goes back to when the key is hidden again. */
  revealButton: RefObject<HTMLButtonElement | null>;
  onTogglePin(): void;
  onRename(): void;
  onReveal(): void;
  onDelete(): void;
}

/** The full-screen view's buttons: pin to tray, rename, show the setup (when it can be), delete. */
export function AccountActions({ account, revealButton, onTogglePin, onRename, onReveal, onDelete }: Props) {
  return (
    <>
      <div className="row">
        <button type="button" className="secondary" aria-pressed={account.pinned} onClick={onTogglePin}>
          {account.pinned ? 'Unpin from tray' : 'Pin to tray'}
        </button>
        <button type="button" className="secondary" onClick={onRename}>
          Rename
        </button>
        {exportable(account) ? (
          <button type="button" className="secondary" ref={revealButton} onClick={onReveal}>
            Show QR code and setup key…
          </button>
        ) : null}
        <button type="button" className="secondary danger-text" onClick={onDelete}>
          Delete…
        </button>
      </div>
      {!exportable(account) ? <p className="hint">{whyNotExportable(account)}</p> : null}
    </>
  );
}

/** Device-bound accounts and accounts restored without their secret have no setup key to show (main refuses too). */
function exportable(account: AccountView): boolean {
  return !account.deviceBound && !account.needsVerification;
}

function whyNotExportable(account: AccountView): string {
  return account.needsVerification
    ? 'Its QR code and setup key cannot be shown: this device does not have them yet (Action required).'
    : 'Its QR code and setup key cannot be shown: this account is tied to this device (sign-in approvals), so it cannot be moved to another app.';
}
