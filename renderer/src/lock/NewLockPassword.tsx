import { useEffect, useId, useState } from 'react';
import type { PasswordStrength } from '../../../shared/password-strength.js';
import { lockPasswordStrength } from './lock-password-strength.js';

export interface NewPassword {
  password: string;
  confirmation: string;
}

/** What is wrong with a new lock password as typed (main checks the strength again), or null when it can be used. */
export function newLockPasswordProblem(value: NewPassword, strength: PasswordStrength | null): { field: 'password' | 'confirmation'; message: string } | null {
  if (value.password === '') return { field: 'password', message: 'Choose a lock password.' };
  if (!strength?.acceptable) {
    return { field: 'password', message: strength?.warning || 'This password is too easy to guess. Add another word or two.' };
  }
  if (value.confirmation !== value.password) return { field: 'confirmation', message: 'The two passwords are not the same.' };
  return null;
}

/** A new lock password typed twice, with the strength meter of the rule main applies. */
export function NewLockPassword({
  value,
  onChange,
  onStrength,
  showErrors,
  label,
}: {
  value: NewPassword;
  onChange(value: NewPassword): void;
  onStrength(strength: PasswordStrength | null): void;
  showErrors: boolean;
  label: string;
}) {
  const id = useId();
  const [strength, setStrength] = useState<PasswordStrength | null>(null);
  useEffect(() => {
    let live = true;
    if (value.password === '') setStrength(null);
    else void lockPasswordStrength(value.password).then((s) => live && setStrength(s));
    return () => {
      live = false;
    };
  }, [value.password]);
  useEffect(() => onStrength(strength), [strength, onStrength]);

  const problem = showErrors ? newLockPasswordProblem(value, strength) : null;
  return (
    <div className="password-fields">
      <label htmlFor={`${id}-password`}>
        <span>{label}</span>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          value={value.password}
          aria-invalid={problem?.field === 'password' || undefined}
          aria-describedby={`${id}-strength ${id}-password-error`}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
        />
      </label>
      <div className="strength" id={`${id}-strength`} aria-live="polite">
        <meter min={0} max={4} low={2} high={3} optimum={4} value={strength?.score ?? 0} aria-hidden="true" />
        <span>{strength ? `Strength: ${strength.label}` : 'A few unrelated words work well.'}</span>
      </div>
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
