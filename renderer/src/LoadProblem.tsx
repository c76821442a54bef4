import { useEffect, useState } from 'react';
import { AppError } from '../../shared/app-error.js';
import { call } from './api.js';

/** Shown when the accounts cannot be loaded at all: says why, and offers the way out when there is one. */
export function LoadProblem({ error, onResolved }: { error: AppError; onResolved: () => void }) {
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [canRestore, setCanRestore] = useState(false);
  useEffect(() => {
    if (error.kind !== 'vaultDamaged') return;
    call('previousVaultVersion').then((previous) => setCanRestore(previous !== null), () => setCanRestore(false));
  }, [error]);
  const restore = async () => {
    try {
      await call('restorePreviousVault');
      onResolved();
    } catch (caught) {
      setRestoreError(caught instanceof AppError ? caught.message : 'The previous version could not be restored.');
    }
  };
  return (
    <section className="problem" role="alert" aria-labelledby="problem-title">
      <h2 id="problem-title">{TITLES[error.kind] ?? 'Your accounts cannot be shown'}</h2>
      <p>{error.message}</p>
      <div className="problem-actions">
        {canRestore ? (
          <button type="button" onClick={() => void restore()}>
            Restore previous version
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onResolved}>
          Try again
        </button>
      </div>
      {restoreError ? <p className="form-error">{restoreError}</p> : null}
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
