import { useId, useState, type FormEvent } from 'react';
import { call } from '../../app-shell/api.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';

/**
 * The way out of "the backup password was changed on another PC": the new password opens the backup in OneDrive,
 * this PC keeps its key and backs up at once. Until then this PC writes nothing there.
 */
export function EnterNewPassword() {
  const id = useId();
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return setError('Enter the new backup password.');
    await run(async () => {
      await call('enterNewBackupPassword', { password });
      setPassword('');
    });
  };

  return (
    <form className="form enter-new-password" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>
        <span>Backup password set on the other PC</span>
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
