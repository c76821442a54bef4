import type { RecoveryExistingAccount, RecoveryPreviewAccount, RestoreMode } from '../../../shared/recovery.js';
import { accountLabel } from '../accounts/format.js';

/** The backup's accounts in their order, marked when they will need verification or are already here. */
export function PreviewList({ accounts, mode }: { accounts: readonly RecoveryPreviewAccount[]; mode: RestoreMode }) {
  return (
    <ol className="preview-list" aria-label="Accounts in the backup">
      {accounts.map((account, index) => (
        <li key={index} className={mode === 'merge' && account.alreadyHere ? 'skipped' : undefined}>
          <span>{accountLabel(account)}</span>
          {mode === 'merge' && account.alreadyHere ? <span className="badge">Already on this PC</span> : null}
          {account.needsVerification ? <span className="badge warn">Action required after restore</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** "Remove and restore": this PC's accounts that go, each saying whether the backup brings its copy back. */
export function RemovedList({ accounts }: { accounts: readonly RecoveryExistingAccount[] }) {
  return (
    <ul className="preview-list" aria-label="Removed from this PC">
      {accounts.map((account) => (
        <li key={account.id}>
          <span>{accountLabel(account)}</span>
          {account.inBackup ? (
            <span className="badge">The backup’s copy replaces it</span>
          ) : (
            <span className="badge warn">Not in the backup: its codes stop working here</span>
          )}
        </li>
      ))}
    </ul>
  );
}
