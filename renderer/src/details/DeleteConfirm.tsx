import type { AccountView } from '../../../shared/account.js';
import { accountLabel, accountTitle } from '../accounts/format.js';

/** Asks before a delete (which the toast then offers to undo); Cancel has the focus. */
export function DeleteConfirm({ account, onDelete, onCancel }: { account: AccountView; onDelete(): void; onCancel(): void }) {
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <h3 id="confirm-title">Delete {accountTitle(account)}?</h3>
      <p id="confirm-text">
        You will no longer get codes for {accountLabel(account)} here. Make sure you can still sign in to it another way (or have turned two-step
        verification off there) before you delete it.
      </p>
      <div className="row">
        <button type="button" className="danger" onClick={onDelete}>
          Delete account
        </button>
        <button type="button" className="secondary" autoFocus onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
