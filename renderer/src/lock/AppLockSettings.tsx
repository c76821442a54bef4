import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupStatus } from '../../../shared/backup.js';
import type { AutoLock } from '../../../shared/settings.js';
import { call } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { PasswordFields, newPasswordProblem, type NewPassword } from '../ui/PasswordFields.js';
import type { Strength } from '../ui/password-strength.js';
import { TOAST_MS, type ToastMessage } from '../app-shell/Toast.js';
import { useLockStatus } from './use-lock-status.js';

const MAC = navigator.userAgent.includes('Mac');

type Form = 'none' | 'warnNoBackup' | 'turnOn' | 'change' | 'turnOff';

/** Settings > Security > App lock: on with a password typed twice, off and change with the password. */
const AUTO_LOCK_CHOICES: { value: AutoLock; label: string }[] = [
  { value: 'onMinimise', label: 'When the window is minimised or hidden' },
  { value: '1m', label: 'After 1 minute without input' },
  { value: '5m', label: 'After 5 minutes without input' },
  { value: '15m', label: 'After 15 minutes without input' },
  { value: '60m', label: 'After 1 hour without input' },
  { value: 'never', label: 'Only when I lock it' },
];

export function AppLockSettings({
  backup,
  autoLock,
  onAutoLock,
  onSetUpBackup,
  onToast,
  focusRequest = null,
}: {
  backup: BackupStatus | null;
  autoLock: AutoLock;
  onAutoLock(value: AutoLock): void;
  onSetUpBackup(): void;
  /** The app's toast, for what a form did once it has closed. */
  onToast(message: ToastMessage): void;
  /** Each new object: bring this group into view with the focus on its first button (Turn on app lock…, or Lock now). */
  focusRequest?: object | null;
}) {
  const status = useLockStatus();
  const [form, setForm] = useState<Form>('none');
  const group = useRef<HTMLDivElement>(null);
  const loaded = status !== null;
  useEffect(() => {
    if (!focusRequest || !loaded) return;
    group.current?.scrollIntoView({ block: 'center' });
    group.current?.querySelector<HTMLButtonElement>('.row button')?.focus();
  }, [focusRequest, loaded]);
  const changeButton = useRef<HTMLButtonElement>(null);
  /** The change form closed (done or cancelled): the focus goes back to the button that opened it, not to the page. */
  const [backFromChange, setBackFromChange] = useState(0);
  useEffect(() => {
    if (backFromChange > 0) changeButton.current?.focus();
  }, [backFromChange]);
  const backupOn = backup !== null && backup.state !== 'off';
  if (!status) return null;
  const close = () => setForm('none');
  const closeChange = (changed: boolean) => {
    close();
    setBackFromChange((n) => n + 1);
    if (changed) onToast({ text: 'Lock password changed. Unlock with the new one from now on.', tone: 'success', showMs: TOAST_MS });
  };

  return (
    <div className="app-lock" role="group" aria-labelledby="app-lock-title" ref={group}>
      <h3 id="app-lock-title">App lock</h3>
      <p className="hint">
        Protects your codes from someone at this PC while the app is locked, and from anyone who copies your files and keychain: your accounts open only
        with the lock password. It does not protect against malicious software running as you while the app is unlocked.
      </p>
      {form === 'warnNoBackup' ? (
        <div className="confirm" role="alertdialog" aria-labelledby="no-backup-title" aria-describedby="no-backup-text">
          <h4 id="no-backup-title">{backup?.configured ? 'Cloud backup is off' : 'No cloud backup'}</h4>
          <p id="no-backup-text">
            If you forget the lock password, nothing can recover your accounts: without a backup you would set up each one again.{' '}
            {backup?.configured
              ? 'Turn on cloud backup first to keep a way back.'
              : 'Cloud backup is not available in this copy of the app: save a backup file first (Settings > Export > Backup file) and keep it somewhere safe.'}
          </p>
          <div className="row">
            {backup?.configured ? (
              <button
                type="button"
                autoFocus
                onClick={() => {
                  close();
                  onSetUpBackup();
                }}
              >
                Turn on backup first
              </button>
            ) : null}
            <button type="button" className="secondary" autoFocus={!backup?.configured} onClick={() => setForm('turnOn')}>
              Continue without backup
            </button>
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      ) : form === 'turnOn' ? (
        <TurnOnLock onDone={close} />
      ) : form === 'change' ? (
        <ChangeLockPassword onDone={closeChange} />
      ) : form === 'turnOff' ? (
        <TurnOffLock onDone={close} />
      ) : status.on ? (
        <>
          <p>
            App lock is on. {MAC ? 'Command+L' : 'Ctrl+L'} or the tray’s Lock locks the app at any time; it also locks when the screen locks or the computer
            sleeps.
          </p>
          {status.quickUnlock ? (
            <p className="hint">
              {status.quickUnlock.available
                ? `${status.quickUnlock.label}: after you unlock with the password, ${status.quickUnlock.label} can unlock again until the app quits. It protects against someone at the keyboard without your finger, not against software that reads this app's memory.`
                : `${status.quickUnlock.label}: not available on this system.`}
            </p>
          ) : null}
          <label className="setting">
            <span>Lock by itself</span>
            <select value={autoLock} onChange={(e) => onAutoLock(e.target.value as AutoLock)}>
              {AUTO_LOCK_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <div className="row">
            <button type="button" onClick={() => void call('lockApp').catch(() => undefined)}>
              Lock now
            </button>
            <button type="button" className="secondary" ref={changeButton} onClick={() => setForm('change')}>
              Change lock password…
            </button>
            <button type="button" className="secondary" onClick={() => setForm('turnOff')}>
              Turn off app lock…
            </button>
          </div>
        </>
      ) : (
        <div className="row">
          <button type="button" onClick={() => setForm(backupOn ? 'turnOn' : 'warnNoBackup')}>
            Turn on app lock…
          </button>
        </div>
      )}
    </div>
  );
}

function TurnOnLock({ onDone }: { onDone(): void }) {
  const [value, setValue] = useState<NewPassword>({ password: '', confirmation: '' });
  const [strength, setStrength] = useState<Strength | null>(null);
  const [tried, setTried] = useState(false);
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);
  const { busy, error, run } = useAction('The app lock could not be turned on; nothing was changed.');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (newPasswordProblem(value, strength)) return;
    if (await run(() => call('turnOnAppLock', { password: value.password }))) onDone();
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Turn on app lock">
      <PasswordFields label="Lock password" autoFocus value={value} onChange={setValue} onStrength={onStrength} showErrors={tried} />
      <FormError message={error} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Turning on…' : 'Turn on app lock'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ChangeLockPassword({ onDone }: { onDone(changed: boolean): void }) {
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPassword>({ password: '', confirmation: '' });
  const [strength, setStrength] = useState<Strength | null>(null);
  const [tried, setTried] = useState(false);
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);
  const { busy, error, setError, run } = useAction('The lock password could not be changed; nothing was changed.');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (current === '') return setError('Enter the current lock password.');
    if (newPasswordProblem(value, strength)) return;
    if (await run(() => call('changeAppLockPassword', { currentPassword: current, password: value.password }))) onDone(true);
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Change lock password">
      <label htmlFor="lock-current">Current lock password</label>
      <input id="lock-current" type="password" autoComplete="current-password" autoFocus value={current} onChange={(e) => setCurrent(e.target.value)} />
      <PasswordFields label="New lock password" value={value} onChange={setValue} onStrength={onStrength} showErrors={tried} />
      <FormError message={error} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change lock password'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TurnOffLock({ onDone }: { onDone(): void }) {
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction('The app lock could not be turned off; nothing was changed.');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return setError('Enter the lock password.');
    if (await run(() => call('turnOffAppLock', { password }))) onDone();
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Turn off app lock">
      <p>The key to your accounts goes back into the system keychain: anyone who can use your keychain can open them again.</p>
      <label htmlFor="lock-off-password">Lock password</label>
      <input id="lock-off-password" type="password" autoComplete="current-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
      <FormError message={error} />
      <div className="row">
        <button type="submit" className="danger" disabled={busy}>
          {busy ? 'Turning off…' : 'Turn off app lock'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
