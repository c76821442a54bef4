import type { ReactNode } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { accountLabel } from '../accounts/format.js';

/**
 * Recovery never overwrites or erases by mistake: with accounts on this PC it explains that, lists them, and offers
 * a merge (adds only what is missing) or removing them and restoring the backup. Choosing writes nothing: removal
 * happens only at Restore, after the preview has listed what goes and what comes back, in the same one write as
 * the restore. Shown before sign-in, and again in the preview when accounts appeared on this PC meanwhile.
 */
export function ExistingAccounts({
  accounts,
  intro,
  onMerge,
  onReplace,
  onCancel,
}: {
  accounts: readonly Pick<AccountView, 'id' | 'issuer' | 'name'>[];
  /** What led here, ending where the list of accounts follows. */
  intro: ReactNode;
  onMerge(): void;
  onReplace(): void;
  onCancel(): void;
}) {
  return (
    <>
      <p>{intro}</p>
      <ul className="preview-list" aria-label="Accounts on this PC">
        {accounts.map((a) => (
          <li key={a.id}>{accountLabel(a)}</li>
        ))}
      </ul>
      <p>
        You can keep {accounts.length === 1 ? 'it' : 'them'} and add only the backup’s accounts that are missing here (nothing is overwritten or removed), or
        remove {accounts.length === 1 ? 'it' : 'them'} and restore the backup as it was. Nothing changes on this PC until you have seen what the backup holds
        and pressed the button that restores it.
      </p>
      <div className="row">
        <button type="button" onClick={onMerge}>
          Add missing accounts (merge)
        </button>
        <button type="button" className="secondary danger-text" onClick={onReplace}>
          Remove these accounts…
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
