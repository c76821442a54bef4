import type { RecoverySummary } from '../../../shared/recovery.js';
import { accountLabel } from '../accounts/format.js';

/** What the restore did, where an unreadable accounts file went, and which accounts need setting up again. */
export function DoneStep({ summary, onClose }: { summary: RecoverySummary; onClose(): void }) {
  return (
    <>
      <p role="status">
        {summary.removed > 0 ? `${summary.removed} ${summary.removed === 1 ? 'account was' : 'accounts were'} removed and ` : ''}
        {summary.restored} {summary.restored === 1 ? 'account was' : 'accounts were'} {summary.mode === 'merge' ? 'added' : 'restored'}
        {summary.alreadyHere > 0 ? ` (${summary.alreadyHere} already on this PC)` : ''}. Backup is on, to the same recovery account.
      </p>
      {summary.setAside.length > 0 ? (
        <p>
          The accounts file that could not be opened was kept as <span className="mono">{summary.setAside[0]}</span>.
        </p>
      ) : null}
      {summary.needVerification.length > 0 ? (
        <div className="details-action">
          <p>
            <strong>Action required</strong> for {summary.needVerification.length} {summary.needVerification.length === 1 ? 'account' : 'accounts'}: they were
            tied to your old PC. Open each one to set it up again.
          </p>
          <ul>
            {summary.needVerification.map((a) => (
              <li key={a.id}>{accountLabel(a)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="row">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}
