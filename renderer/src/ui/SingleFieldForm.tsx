import { useState } from 'react';
import { useAction } from './use-action.js';

interface Props {
  /** The field's id; its hint and error are `${id}-hint` and `${id}-error`. */
  id: string;
  label: string;
  hint: string;
  placeholder?: string;
  submitLabel: string;
  /** Said when the failure is not an AppError (whose own message is shown). */
  fallbackError: string;
  /** Hands the text to main; an AppError it throws is shown under the field, and the text stays for correcting. */
  onSubmit(text: string): Promise<void>;
}

/** One text field and a button: a pasted setup link, a typed setup key. */
export function SingleFieldForm({ id, label, hint, placeholder, submitLabel, fallbackError, onSubmit }: Props) {
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction(fallbackError);
  const submit = () => run(() => onSubmit(text));
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        className="mono"
        placeholder={placeholder}
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy || text.trim() === ''}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
