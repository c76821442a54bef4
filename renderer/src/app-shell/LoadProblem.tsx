import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/app-error.js';
import { useAction } from '../ui/use-action.js';
import { call } from './api.js';

interface Props {
  error: AppError;
  onResolved: () => void;
  /** Present when cloud backup is configured: recovery restores the accounts from the backup. */
  onBeginRecovery?: (() => void) | undefined;
  /** The unreadable vault was set aside (these are its new paths) and the app starts with no accounts. */
  onStartedOver: (setAside: string[]) => void;
}

/** Shown when the accounts cannot be loaded at all: says why, and offers the way out when there is one. */
export function LoadProblem({ error, onResolved, onBeginRecovery, onStartedOver }: Props) {
  const action = useAction();
  const [canRestore, setCanRestore] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const keyLost = error.kind === 'vaultKeyMissing';
  useEffect(() => {
    if (error.kind !== 'vaultDamaged') return;
    call('previousVaultVersion').then((previous) => setCanRestore(previous !== null), () => setCanRestore(false));
  }, [error]);
  const restore = () =>
    action.run(async () => {
      await call('restorePreviousVault');
      onResolved();
    }, 'The previous version could not be restored.');
  const startOver = async () => {
    const done = await action.run(async () => {
      const { setAside } = await call('startOverVault');
      onStartedOver(setAside);
      onResolved();
    }, 'The accounts file could not be set aside; nothing was changed.');
    if (!done) setConfirming(false);
  };
  return (
    <section className="problem" role="alert" aria-labelledby="problem-title">
      <h2 id="problem-title">{TITLES[error.kind] ?? 'Your accounts cannot be shown'}</h2>
      <p>{error.message}</p>
      {keyLost ? (
        <p className="hint">
          {onBeginRecovery ? 'Begin recovery to get your accounts back from your cloud backup, or start over with no accounts. ' : 'You can start over with no accounts. '}
          The file is not deleted: it is set aside under a new name, and opens again if its key turns up.
        </p>
      ) : null}
      {confirming ? (
        <div className="confirm">
          <h3>Start over with no accounts?</h3>
          <p>
            Your accounts file is set aside under a new name in the same folder (it is not deleted), and a new, empty one is started. Accounts you add from
            now on go into the new file.
          </p>
          <div className="row">
            <button type="button" className="danger" disabled={action.busy} onClick={() => void startOver()}>
              Set it aside and start over
            </button>
            <button type="button" className="secondary" disabled={action.busy} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="problem-actions">
          {canRestore ? (
            <button type="button" onClick={() => void restore()}>
              Restore previous version
            </button>
          ) : null}
          {keyLost && onBeginRecovery ? (
            <button type="button" onClick={onBeginRecovery}>
              Begin recovery
            </button>
          ) : null}
          {keyLost ? (
            <button type="button" className="secondary" onClick={() => setConfirming(true)}>
              Start over…
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={onResolved}>
            Try again
          </button>
        </div>
      )}
      {action.error ? <p className="form-error">{action.error}</p> : null}
    </section>
  );
}

const TITLES: Partial<Record<AppError['kind'], string>> = {
  vaultDamaged: 'Your accounts file is damaged',
  vaultForeign: 'This is not an accounts file of this app',
  vaultKeyMissing: 'The key to your accounts is missing',
  keychainUnavailable: 'The system keychain is not available',
  vaultBusy: 'Your accounts are busy',
};
