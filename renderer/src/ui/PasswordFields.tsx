import { useEffect, useId, useState } from 'react';
import { MIN_BACKUP_PASSWORD_LENGTH } from '../../../shared/backup-password.js';
import { estimateStrength, type Strength } from './password-strength.js';

export interface NewPassword {
  password: string;
  confirmation: string;
}

/** What is wrong with a new password, or null when it can be used: the rules main applies, in the same order. */
export function newPasswordProblem(value: NewPassword, strength: Strength | null): { field: 'password' | 'confirmation'; message: string } | null {
  if ([...value.password.normalize('NFC')].length < MIN_BACKUP_PASSWORD_LENGTH) {
    return { field: 'password', message: `Use at least ${MIN_BACKUP_PASSWORD_LENGTH} characters.` };
  }
  // Not estimated yet (the rule loads lazily): the submit goes on, and main, which judges every new password by the
  // same rule, refuses a weak one with the same words. Blocking here made an early click silently do nothing.
  if (strength && !strength.acceptable) return { field: 'password', message: strength.message };
  if (value.confirmation !== value.password) return { field: 'confirmation', message: 'The two passwords are not the same.' };
  return null;
}

/** A new password (backup, app lock, an encrypted export), typed twice, with its strength shown as it is typed. */
export function PasswordFields({
  value,
  onChange,
  onStrength,
  showErrors,
  label = 'Backup password',
  autoFocus = false,
}: {
  label?: string;
  /** The form opened on its own (app lock): the first field takes the focus, not the page. */
  autoFocus?: boolean;
  value: NewPassword;
  onChange(value: NewPassword): void;
  onStrength(strength: Strength | null): void;
  showErrors: boolean;
}) {
  const id = useId();
  const [strength, setStrength] = useState<Strength | null>(null);
  useEffect(() => {
    let live = true;
    if (value.password === '') setStrength(null);
    else void estimateStrength(value.password).then((s) => live && setStrength(s));
    return () => {
      live = false;
    };
  }, [value.password]);
  useEffect(() => onStrength(strength), [strength, onStrength]);

  const problem = showErrors ? newPasswordProblem(value, strength) : null;
  return (
    <div className="password-fields">
      <label htmlFor={`${id}-password`}>
        <span>{label}</span>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          autoFocus={autoFocus}
          value={value.password}
          aria-invalid={problem?.field === 'password' || undefined}
          aria-describedby={`${id}-strength ${id}-advice ${id}-password-error`}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
        />
      </label>
      <div className="strength" id={`${id}-strength`} aria-live="polite">
        <meter min={0} max={4} low={2} high={3} optimum={4} value={strength?.score ?? 0} aria-hidden="true" />
        <span>{strength ? `Strength: ${strength.label}` : `At least ${MIN_BACKUP_PASSWORD_LENGTH} characters; a few unrelated words work well.`}</span>
      </div>
      {/* Why it is weak and what helps, as it is typed; after a submit the same sentence is the field's error. */}
      {strength && !strength.acceptable && problem?.field !== 'password' ? <p className="hint strength-advice" id={`${id}-advice`}>{strength.message}</p> : null}
      <p className="field-error" id={`${id}-password-error`}>
        {problem?.field === 'password' ? problem.message : ''}
      </p>
      <label htmlFor={`${id}-confirmation`}>
        <span>Type it again</span>
        <input
          id={`${id}-confirmation`}
          type="password"
          autoComplete="new-password"
          value={value.confirmation}
          aria-invalid={problem?.field === 'confirmation' || undefined}
          aria-describedby={`${id}-confirmation-error`}
          onChange={(e) => onChange({ ...value, confirmation: e.target.value })}
        />
      </label>
      <p className="field-error" id={`${id}-confirmation-error`}>
        {problem?.field === 'confirmation' ? problem.message : ''}
      </p>
    </div>
  );
}
