import { useState } from 'react';
import { call } from '../../app-shell/api.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';

/** Turning backup off asks whether the copy in OneDrive should go too (by default it stays). */
export function TurnOffBackup({ account, onDone }: { account: string; onDone(): void }) {
  const [deleteCloudCopy, setDeleteCloudCopy] = useState(false);
  const { busy, error, run } = useAction();

  const turnOff = () =>
    run(async () => {
      await call('turnOffBackup', { deleteCloudCopy });
      onDone();
    });

  return (
    <div className="confirm" role="alertdialog" aria-labelledby="turn-off-title" aria-describedby="turn-off-text">
      <h3 id="turn-off-title">Turn off cloud backup?</h3>
      <p id="turn-off-text">
        This PC stops backing up and signs out of {account}. Accounts on this PC are not touched. Without a backup, a lost PC means setting up every account
        again.
      </p>
      <label className="setting checkbox">
        <input type="checkbox" checked={deleteCloudCopy} onChange={(e) => setDeleteCloudCopy(e.target.checked)} />
        <span>Also delete the backup from OneDrive (other PCs that restore from it will find nothing)</span>
      </label>
      <FormError message={error} />
      <div className="row">
        <button type="button" className="danger" disabled={busy} onClick={() => void turnOff()}>
          {busy ? 'Turning off…' : 'Turn off backup'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onDone}>
          Keep backup on
        </button>
      </div>
    </div>
  );
}
