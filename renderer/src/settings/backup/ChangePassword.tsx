import { useCallback, useId, useState, type FormEvent } from 'react';
import { call } from '../../app-shell/api.js';
import { newPasswordProblem, PasswordFields, type NewPassword } from '../../ui/PasswordFields.js';
import type { Strength } from '../../ui/password-strength.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';

/**
 * A new backup password, after the current one. Main re-seals the backup under a new key at once, so the old password
 * opens nothing written from now on, and the other PCs ask for the new one.
 */
export function ChangePassword({ onDone }: { onDone(changed: boolean): void }) {
  const currentId = useId();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPassword>({ password: '', confirmation: '' });
  const [strength, setStrength] = useState<Strength | null>(null);
  const [tried, setTried] = useState(false);
  const change = useAction('Something went wrong.');
  const saving = change.busy;
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (current === '' || newPasswordProblem(value, strength)) return;
    await change.run(async () => {
      await call('changeBackupPassword', { currentPassword: current, password: value.password });
      onDone(true);
    });
  };

  return (
    <form className="form change-password" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Change backup password</h3>
      <p className="hint">
        From now on the backup opens only with the new password, on every PC: your other PCs ask for it before they back up again. Keep it somewhere safe: it
        cannot be reset. This needs a connection to OneDrive.
      </p>
      <label htmlFor={currentId}>
        <span>Current backup password</span>
        <input
          id={currentId}
          type="password"
          autoComplete="current-password"
          value={current}
          aria-invalid={tried && current === '' ? true : undefined}
          aria-describedby={`${currentId}-error`}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <p className="field-error" id={`${currentId}-error`}>
        {tried && current === '' ? 'Enter the current backup password.' : ''}
      </p>
      <PasswordFields label="New backup password" value={value} onChange={setValue} onStrength={onStrength} showErrors={tried} />
      {/* Main changes nothing unless the whole change went through: say so beside the reason. */}
      <FormError message={change.error && `${change.error} The backup password was not changed.`} />
      <div className="row">
        <button type="submit" disabled={saving}>
          {saving ? 'Changing…' : 'Change password'}
        </button>
        <button type="button" className="secondary" disabled={saving} onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
