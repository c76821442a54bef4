import { useId, useState, type FormEvent } from 'react';
import { AppError } from '../../../../shared/app-error.js';
import { call } from '../../app-shell/api.js';
import { FormError } from '../../ui/FormError.js';

/**
 * The way out of "the backup password was changed on another PC": the new password opens the backup in OneDrive,
 * this PC keeps its key and backs up at once. Until then this PC writes nothing there.
 */
export function EnterNewPassword() {
  const id = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return setError('Enter the new backup password.');
    setBusy(true);
    setError(null);
    try {
      await call('enterNewBackupPassword', { password });
      setPassword('');
    } catch (e) {
      setError(e instanceof AppError ? e.message : 'Something went wrong; try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form enter-new-password" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>
        <span>New backup password</span>
        <input id={id} type="password" autoComplete="current-password" value={password} disabled={busy} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <FormError message={error} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Opening the backup…' : 'Continue backing up'}
        </button>
      </div>
    </form>
  );
}
