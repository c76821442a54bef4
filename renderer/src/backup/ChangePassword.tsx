import { useCallback, useState, type FormEvent } from 'react';
import { AppError } from '../../../shared/app-error.js';
import { call } from '../api.js';
import { newPasswordProblem, PasswordFields, type NewPassword } from './PasswordFields.js';
import type { Strength } from './password-strength.js';
import { FormError } from '../FormError.js';

/** A new backup password; the next backup (made at once) carries it, and the old one stops working. */
export function ChangePassword({ onDone }: { onDone(): void }) {
  const [value, setValue] = useState<NewPassword>({ password: '', confirmation: '' });
  const [strength, setStrength] = useState<Strength | null>(null);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (newPasswordProblem(value, strength)) return;
    setSaving(true);
    setError(null);
    try {
      await call('changeBackupPassword', { password: value.password });
      onDone();
    } catch (e) {
      setError(e instanceof AppError ? e.message : 'Something went wrong; try again.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form change-password" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Change backup password</h3>
      <p className="hint">From now on the backup opens only with the new password. Keep it somewhere safe: it cannot be reset.</p>
      <PasswordFields value={value} onChange={setValue} onStrength={onStrength} showErrors={tried} />
      <FormError message={error} />
      <div className="row">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Change password'}
        </button>
        <button type="button" className="secondary" disabled={saving} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
