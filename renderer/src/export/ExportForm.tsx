import { Fragment, useCallback, useEffect, useId, useState } from 'react';
import { accountLabel } from '../../../shared/account-label.js';
import type { AccountView } from '../../../shared/account.js';
import type { ExportFormat, ExportReply } from '../../../shared/export.js';
import { call } from '../app-shell/api.js';
import { useLockStatus } from '../lock/use-lock-status.js';
import { newPasswordProblem, PasswordFields, type NewPassword } from '../ui/PasswordFields.js';
import type { Strength } from '../ui/password-strength.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { FORMAT_CHOICES, isPlain } from './export-formats.js';
import { WAITING_FOR_MAIN_QUESTION } from '../ui/main-question.js';

/**
 * What to export and how: the format, all accounts or a selection, the file's password (encrypted formats), and for a
 * plain export the warning and, with the app lock on, the lock password. The rules are checked again in main, which
 * also asks the person itself before a plain export (WAITING_FOR_MAIN_QUESTION meanwhile).
 */
export function ExportForm({ onDone }: { onDone(reply: Exclude<ExportReply, { outcome: 'cancelled' }>): void }) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('aegis');
  const [everything, setEverything] = useState(true);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [password, setPassword] = useState<NewPassword>({ password: '', confirmation: '' });
  const [strength, setStrength] = useState<Strength | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [lockPassword, setLockPassword] = useState('');
  const [cancelled, setCancelled] = useState(false);
  const lock = useLockStatus();
  const action = useAction('The export failed; try again.');
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);
  const plain = isPlain(format);
  const needsLockPassword = plain && lock?.on === true;

  useEffect(() => {
    let live = true;
    call('listAccounts').then((list) => live && setAccounts(list), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  const submit = async () => {
    setCancelled(false);
    if (!everything && chosen.size === 0) return action.setError('Choose at least one account to export.');
    if (!plain) {
      setShowErrors(true);
      if (newPasswordProblem(password, strength)) return;
    }
    if (needsLockPassword && lockPassword === '') return action.setError('Enter the lock password to export without encryption.');
    const ids = everything ? undefined : accounts.filter((a) => chosen.has(a.id)).map((a) => a.id);
    const done = await action.run(() =>
      call('exportAccounts', {
        format,
        ...(ids ? { ids } : {}),
        ...(plain ? {} : { password: password.password }),
        ...(needsLockPassword ? { lockPassword } : {}),
      }),
    );
    if (!done) return;
    if (done.value.outcome === 'cancelled') return setCancelled(true);
    onDone(done.value);
  };

  const toggle = (accountId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(accountId);
    else next.delete(accountId);
    setChosen(next);
  };

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset className="form">
        <legend>Format</legend>
        {FORMAT_CHOICES.map((choice) => (
          <Fragment key={choice.format}>
            <label className="checkbox">
              <input type="radio" name={`${id}-format`} value={choice.format} checked={format === choice.format} aria-describedby={`${id}-${choice.format}`} onChange={() => setFormat(choice.format)} />
              <span>{choice.name}</span>
            </label>
            <p className="hint" id={`${id}-${choice.format}`}>
              {choice.about}
            </p>
          </Fragment>
        ))}
      </fieldset>

      <fieldset className="form">
        <legend>Accounts</legend>
        <label className="checkbox">
          <input type="radio" name={`${id}-which`} checked={everything} onChange={() => setEverything(true)} />
          <span>All accounts</span>
        </label>
        <label className="checkbox">
          <input type="radio" name={`${id}-which`} checked={!everything} onChange={() => setEverything(false)} />
          <span>Choose accounts</span>
        </label>
        {!everything && (
          <ul className="preview-list" aria-label="Accounts to export">
            {accounts.map((account) => (
              <li key={account.id}>
                <label className="checkbox">
                  <input type="checkbox" checked={chosen.has(account.id)} onChange={(e) => toggle(account.id, e.target.checked)} />
                  <span>
                    {accountLabel(account)}
                    {account.deviceBound || account.needsVerification ? <small className="hint"> (tied to this PC, or to be set up again: never exported with its secret)</small> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      {!plain && <PasswordFields label="File password" value={password} onChange={setPassword} onStrength={onStrength} showErrors={showErrors} />}
      {plain && (
        <div className="callout warning" role="note">
          <p className="callout-title">Not encrypted</p>
          <p>
            Anyone who gets {format === 'google' ? 'a photo of these QR codes' : 'this file'} can make the codes of every account in it. {format === 'google' ? 'Show them with nobody watching your screen.' : 'Delete the file once the accounts are moved.'} This app will ask you to confirm.
          </p>
        </div>
      )}
      {needsLockPassword && (
        <label htmlFor={`${id}-lock`}>
          <span>Lock password</span>
          <input id={`${id}-lock`} type="password" autoComplete="current-password" value={lockPassword} aria-invalid={action.errorField === 'lockPassword' || undefined} onChange={(e) => setLockPassword(e.target.value)} />
        </label>
      )}

      <FormError message={action.error} />
      {/* Kept in view at the dialog's foot while the form scrolls: the one action of the form, with what it is doing. */}
      <div className="row dialog-actions">
        <button type="submit" disabled={action.busy}>
          {format === 'google' ? 'Show QR codes' : 'Export'}
        </button>
        <p className="form-status" role="status">
          {action.busy ? (plain ? WAITING_FOR_MAIN_QUESTION : 'Encrypting and saving…') : cancelled ? 'Not saved: the save was cancelled. Nothing was written.' : ''}
        </p>
      </div>
    </form>
  );
}
