import { useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { AppError } from '../../../shared/app-error.js';
import { call } from '../api.js';
import { accountLabel } from '../format.js';
import { FormError } from '../FormError.js';

/**
 * Recovery never overwrites or erases by mistake: with accounts on this PC it explains that, lists them, and offers
 * a merge (adds only what is missing) or removing them first, behind a confirmation.
 */
export function ExistingAccounts({
  accounts,
  onMerge,
  onRemoved,
  onCancel,
}: {
  accounts: readonly AccountView[];
  onMerge(): void;
  onRemoved(): void;
  onCancel(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const removeAll = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const account of accounts) await call('removeAccount', { id: account.id });
      onRemoved();
    } catch (e) {
      setError(e instanceof AppError ? e.message : 'Some accounts could not be removed; try again.');
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        A full recovery puts back the accounts of your old PC exactly as they were, so it only runs on a PC without accounts. This PC has{' '}
        {accounts.length === 1 ? 'this account' : `these ${accounts.length} accounts`}:
      </p>
      <ul className="preview-list">
        {accounts.map((a) => (
          <li key={a.id}>{accountLabel(a)}</li>
        ))}
      </ul>
      <p>You can add only the backup’s accounts that are missing here (nothing is overwritten or removed), or remove these accounts first.</p>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="remove-all-title" aria-describedby="remove-all-text">
          <h3 id="remove-all-title">Remove {accounts.length === 1 ? 'this account' : `all ${accounts.length} accounts`} from this PC?</h3>
          <p id="remove-all-text">
            Their codes stop working on this PC. If they are not in your backup, you will need to set them up again with each provider.
          </p>
          <div className="row">
            <button type="button" className="danger" disabled={busy} onClick={() => void removeAll()}>
              {busy ? 'Removing…' : 'Remove and continue'}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" onClick={onMerge}>
            Add missing accounts (merge)
          </button>
          <button type="button" className="secondary danger-text" onClick={() => setConfirming(true)}>
            Remove these accounts…
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
      <FormError message={error} />
    </>
  );
}
