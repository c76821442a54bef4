import { useState } from 'react';
import { AppError } from '../../shared/app-error.js';

interface Props {
  /** Hands the link to main; an AppError it throws is shown under the field. */
  onLink(uri: string): Promise<void>;
  submitLabel: string;
  hint: string;
}

/** A setup link pasted by hand: an otpauth:// link, or (when adding) a Google Authenticator export link. */
export function LinkForm({ onLink, submitLabel, hint }: Props) {
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await onLink(link);
    } catch (caught) {
      setError(caught instanceof AppError ? caught.message : 'The link could not be used.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="otpauth-link">Setup link</label>
      <input
        id="otpauth-link"
        type="text"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        className="mono"
        placeholder="otpauth://totp/Example:alice@example.com?secret=…"
        value={link}
        aria-invalid={error !== null}
        aria-describedby={error ? 'otpauth-link-error' : 'otpauth-link-hint'}
        onChange={(e) => {
          setLink(e.target.value);
          setError(null);
        }}
      />
      <p id="otpauth-link-hint" className="hint">
        {hint}
      </p>
      {error ? (
        <p id="otpauth-link-error" className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy || link.trim() === ''}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
