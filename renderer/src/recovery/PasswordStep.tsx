import { useState } from 'react';
import { formatWhen } from '../settings/backup/format-when.js';
import { FailureMessage } from './FailureMessage.js';
import type { StepOf } from './steps.js';

/**
 * The backup found, described, and its password asked for. The password is held here only while this step is shown;
 * a wrong one keeps it for correcting.
 */
export function PasswordStep({ step, onUnlock, onCancel }: { step: StepOf<'password'>; onUnlock(password: string): void; onCancel(): void }) {
  const [password, setPassword] = useState('');
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        onUnlock(password);
      }}
      noValidate
    >
      <p>
        {step.account ? (
          <>
            Found a backup in <strong>{step.account.username}</strong>’s OneDrive:{' '}
          </>
        ) : (
          'This backup file holds '
        )}
        <strong>{step.backup.accountCount}</strong>{' '}
        {step.backup.accountCount === 1 ? 'account' : 'accounts'} from <strong>{step.backup.deviceName}</strong>, made {formatWhen(step.backup.createdAt)}.
      </p>
      <label>
        Backup password
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          aria-invalid={step.failure?.kind === 'wrongPassword' || undefined}
          aria-describedby={step.failure ? 'recovery-failure' : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <p className="hint">
        {step.account
          ? 'The password you set when you turned backup on, or the newer one if it was changed since (on any PC). It is checked on this PC; the backup in OneDrive is not changed.'
          : 'The password you chose when you exported this file. It is checked on this PC; the file is not changed.'}
      </p>
      {step.busy ? (
        <p className="form-status" role="status">
          Unlocking the backup…
        </p>
      ) : null}
      <FailureMessage failure={step.failure} />
      <div className="row">
        <button type="submit" disabled={step.busy}>
          Unlock backup
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
