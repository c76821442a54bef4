import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView, ManualAccountInput } from '../../../shared/account.js';
import type { InputField } from '../../../shared/app-error.js';
import { call } from '../app-shell/api.js';
import { useAction } from '../ui/use-action.js';
import { addAskingOnSameName, type AskSameName } from './SameNameQuestion.js';
import { algorithmLabel } from '../accounts/format.js';

const INITIAL: ManualAccountInput = { kind: 'other', issuer: '', name: '', secret: '', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

/** Typing issuer, account name and setup key by hand; the advanced settings are folded away. Errors point at their field. */
export function ManualForm({ onAdded, askSameName }: { onAdded(added: AccountView): void; askSameName: AskSameName }) {
  const [form, setForm] = useState(INITIAL);
  const action = useAction('The account could not be added.');
  const set = <K extends keyof ManualAccountInput>(key: K, value: ManualAccountInput[K]) => {
    // Only Microsoft and work or school accounts can be tied to the PC.
    if (key === 'kind' && value === 'other') setForm((f) => ({ ...f, deviceBound: false }));
    setForm((f) => ({ ...f, ...(key === 'type' && value === 'steam' ? { digits: 5, algorithm: 'SHA1' } : key === 'type' && f.type === 'steam' ? { digits: 6 } : {}), [key]: value }));
    action.setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A blank or fractional number goes to main as -1, so its check names the field that is wrong.
    const whole = (n: number) => (Number.isInteger(n) ? n : -1);
    const input = { ...form, digits: whole(form.digits), period: whole(form.period), counter: whole(form.counter) };
    await action.run(async () => {
      const added = await addAskingOnSameName((ifSameName) => call('addAccountManually', { ...input, ifSameName }), askSameName);
      if (added) onAdded(added);
    });
  };
  // "An account name or an issuer": with both blank, both fields are the ones to fill.
  const bothNamesBlank = action.errorField === 'name' && form.issuer.trim() === '' && form.name.trim() === '';
  const invalid = (field: InputField) => action.errorField === field || (field === 'issuer' && bothNamesBlank);
  // A refused submit puts the focus on the first field in error (opening Advanced if it is there), not on the button.
  const formElement = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const field = formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    const folded = field.closest('details');
    if (folded) folded.open = true;
    field.focus();
  }, [action.errorField, action.error]);
  const describedBy = (field: InputField) => (invalid(field) ? 'manual-error' : undefined);
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

  return (
    <form className="form" ref={formElement} onSubmit={(e) => void submit(e)} noValidate>
      <label>
        Kind of account
        <select value={form.kind} onChange={(e) => set('kind', e.target.value as ManualAccountInput['kind'])}>
          <option value="other">Other (Google, GitHub, Facebook…)</option>
          <option value="microsoftPersonal">Personal Microsoft account</option>
          <option value="workOrSchool">Work or school account</option>
        </select>
      </label>
      {form.kind !== 'other' ? (
        <label className="checkbox">
          <input type="checkbox" checked={form.deviceBound ?? false} onChange={(e) => set('deviceBound', e.target.checked)} aria-describedby="device-bound-hint" />
          Tied to this PC (sign-in approvals)
        </label>
      ) : null}
      {form.kind !== 'other' ? (
        <p id="device-bound-hint" className="hint">
          Its setup key never leaves this PC, not even in the backup. On a new PC you sign in or scan a new QR code to use it again.
        </p>
      ) : null}
      <label>
        Issuer
        <input value={form.issuer} placeholder="e.g. GitHub" onChange={(e) => set('issuer', e.target.value)} aria-invalid={invalid('issuer')} aria-describedby={describedBy('issuer')} maxLength={256} />
      </label>
      <label>
        Account name
        <input value={form.name} placeholder="e.g. alice@example.com" onChange={(e) => set('name', e.target.value)} aria-invalid={invalid('name')} aria-describedby={describedBy('name')} maxLength={256} />
      </label>
      <label>
        Setup key
        <input
          className="mono"
          value={form.secret}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. JBSW Y3DP EHPK 3PXP"
          onChange={(e) => set('secret', e.target.value)}
          aria-invalid={invalid('secret')}
          aria-describedby={describedBy('secret')}
          maxLength={1024}
        />
      </label>
      <details className="advanced">
        <summary>Advanced</summary>
        <div className="advanced-grid">
          <label>
            Type
            <select value={form.type} onChange={(e) => set('type', e.target.value)} aria-invalid={invalid('type')}>
              <option value="totp">Time-based (TOTP)</option>
              <option value="hotp">Counter-based (HOTP)</option>
              <option value="steam">Steam Guard</option>
            </select>
          </label>
          <label>
            Algorithm
            <select value={form.algorithm} onChange={(e) => set('algorithm', e.target.value)} disabled={form.type === 'steam'} aria-invalid={invalid('algorithm')}>
              {(['SHA1', 'SHA256', 'SHA512'] as const).map((algorithm) => (
                <option key={algorithm} value={algorithm}>
                  {algorithmLabel(algorithm)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Digits
            <input type="number" min={6} max={8} value={Number.isNaN(form.digits) ? '' : form.digits} disabled={form.type === 'steam'} onChange={(e) => set('digits', number(e.target.value))} aria-invalid={invalid('digits')} aria-describedby={describedBy('digits')} />
          </label>
          {form.type === 'hotp' ? (
            <label>
              Counter
              <input type="number" min={0} value={Number.isNaN(form.counter) ? '' : form.counter} onChange={(e) => set('counter', number(e.target.value))} aria-invalid={invalid('counter')} aria-describedby={describedBy('counter')} />
            </label>
          ) : (
            <label>
              Period (seconds)
              <input type="number" min={5} max={3600} value={Number.isNaN(form.period) ? '' : form.period} onChange={(e) => set('period', number(e.target.value))} aria-invalid={invalid('period')} aria-describedby={describedBy('period')} />
            </label>
          )}
        </div>
      </details>
      {action.error ? (
        <p id="manual-error" className="form-error" role="alert">
          {action.error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit">Add account</button>
      </div>
    </form>
  );
}
