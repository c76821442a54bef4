import { useState, type FormEvent } from 'react';
import { AppError } from '../../shared/errors.js';
import { call } from './api.js';

/** Adds an account from an otpauth:// link. The field is cleared once added, so the secret does not linger in the page. */
export function AddByLink() {
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const added = await call('addAccountFromUri', { uri: link });
      setLink('');
      setError(null);
      setStatus(`Added ${[added.issuer, added.name].filter(Boolean).join(' – ')}.`);
    } catch (caught) {
      setError(caught instanceof AppError ? caught.message : 'The account could not be added.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-link" onSubmit={(e) => void submit(e)}>
      <label htmlFor="otpauth-link">Add an account from a setup link</label>
      <div className="add-link-row">
        <input
          id="otpauth-link"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="otpauth://totp/Example:alice@example.com?secret=…"
          value={link}
          aria-invalid={error !== null}
          aria-describedby={error ? 'otpauth-link-error' : undefined}
          onChange={(e) => {
            setLink(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" disabled={busy || link.trim() === ''}>
          Add account
        </button>
      </div>
      {error ? (
        <p id="otpauth-link-error" className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="form-status" role="status">
        {status}
      </p>
    </form>
  );
}
