import { call } from '../../app-shell/api.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';

/**
 * The second way out of a backup made by a newer version of the app (the first is updating this one): this PC's
 * accounts replace it, after the person has read what that loses.
 */
export function ReplaceCloudCopy({ account, onDone }: { account: string; onDone(): void }) {
  const { busy, error, run } = useAction();

  const replace = () =>
    run(async () => {
      await call('replaceCloudBackup');
      onDone();
    });

  return (
    <div className="confirm" role="alertdialog" aria-labelledby="replace-cloud-title" aria-describedby="replace-cloud-text">
      <h3 id="replace-cloud-title">Replace the backup in OneDrive with this PC’s accounts?</h3>
      <div id="replace-cloud-text">
        <p>
          The backup in {account}’s OneDrive was made by a newer version of the app. This version cannot read it, so it cannot merge it with this PC’s
          accounts: it can only replace it.
        </p>
        <p>
          <strong>Accounts in that backup that are not on this PC are lost from the backup</strong> (they stay on the PCs that have them). Updating the app
          on this PC instead keeps them.
        </p>
      </div>
      <FormError message={error} />
      <div className="row">
        <button type="button" className="danger" disabled={busy} onClick={() => void replace()}>
          {busy ? 'Replacing…' : 'Replace the backup in OneDrive'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
