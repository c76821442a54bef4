import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import type { RecoveryAccountView } from '../../../shared/backup.js';
import type { RestoreMode } from '../../../shared/recovery.js';
import { call } from '../app-shell/api.js';
import { toImportFiles } from '../import/read-files.js';
import { useBackOnEscape } from '../app-shell/sub-page.js';
import { DoneStep } from './DoneStep.js';
import { ExistingAccountsStep } from './ExistingAccountsStep.js';
import { failureOf } from './FailureMessage.js';
import { PasswordStep } from './PasswordStep.js';
import { PreviewStep } from './PreviewStep.js';
import { SignInStep } from './SignInStep.js';
import type { Step } from './steps.js';

const STEPS = ['Sign in', 'Backup password', 'Check', 'Done'] as const;
const FILE_STEPS = ['Backup file', 'Backup password', 'Check', 'Done'] as const;

/**
 * Begin recovery: sign in to the recovery account -> the backup described -> backup password -> preview ->
 * restore (or merge, or remove this PC's accounts and restore) -> summary. Nothing on this PC changes before the
 * preview's button; Cancel, a failed sign-in or a wrong password leave the app as it was.
 * `fromFile`: opened to recover from a backup file (Settings > Backup or Import): its first step picks the file.
 */
export function RecoveryWizard({
  accounts,
  fromFile = false,
  onClose,
  onOpenAppLock,
}: {
  accounts: readonly AccountView[];
  fromFile?: boolean;
  onClose(): void;
  onOpenAppLock(): void;
}) {
  const [step, setStep] = useState<Step>(accounts.length > 0 ? { name: 'existing' } : { name: 'signIn', account: null, busy: null, failure: null });
  const [mode, setMode] = useState<RestoreMode>(accounts.length > 0 ? 'merge' : 'restore');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [step.name]);

  const cancel = () => {
    void call('recoveryCancel').catch(() => undefined);
    onClose();
  };
  useBackOnEscape(cancel, step.name !== 'done');

  const signIn = async () => {
    setStep({ name: 'signIn', account: null, busy: 'signingIn', failure: null });
    let account: RecoveryAccountView;
    try {
      ({ account } = await call('recoverySignIn'));
    } catch (e) {
      return setStep({ name: 'signIn', account: null, busy: null, failure: failureOf(e) });
    }
    await findBackup(account);
  };

  /** Downloads the backup with the account signed in; after a OneDrive error "Try again" comes back here, not to the browser. */
  const findBackup = async (account: RecoveryAccountView) => {
    setStep({ name: 'signIn', account, busy: 'finding', failure: null });
    try {
      const found = await call('recoveryFindBackup');
      setStep({ name: 'password', ...found, busy: false, failure: null });
    } catch (e) {
      setStep({ name: 'signIn', account, busy: null, failure: failureOf(e) });
    }
  };

  /** A backup file picked on this PC: main checks and opens it; then the same password, preview and restore steps. */
  const openFile = async (file: File) => {
    setStep({ name: 'signIn', account: null, busy: 'finding', failure: null });
    try {
      const [read] = await toImportFiles([file]);
      const { backup } = await call('recoveryOpenFile', { contentBase64: read!.data });
      setStep({ name: 'password', account: null, backup, busy: false, failure: null });
    } catch (e) {
      setStep({ name: 'signIn', account: null, busy: null, failure: failureOf(e) });
    }
  };

  /** The password stays in its step's form; it is not kept here. */
  const unlock = async (password: string) => {
    if (step.name !== 'password') return;
    if (password === '') return setStep({ ...step, failure: { kind: 'invalidInput', message: 'Enter the backup password.' } });
    setStep({ ...step, busy: true, failure: null });
    try {
      const preview = await call('recoveryUnlock', { password });
      setStep({ name: 'preview', account: step.account, preview, busy: false, failure: null });
    } catch (e) {
      setStep({ ...step, busy: false, failure: failureOf(e) });
    }
  };

  const restore = async () => {
    if (step.name !== 'preview') return;
    setStep({ ...step, busy: true, failure: null });
    try {
      setStep({ name: 'done', summary: await call('recoveryRestore', { mode }) });
    } catch (e) {
      const failure = failureOf(e);
      // Accounts appeared on this PC meanwhile: describe the backup again against them (the opened backup is kept,
      // no new sign-in or password), so merge or remove-and-restore can be chosen right here.
      const preview = failure.kind === 'conflictExistingAccounts' ? await call('recoveryPreview').catch(() => step.preview) : step.preview;
      setStep({ ...step, preview, busy: false, failure });
    }
  };

  const choose = (next: RestoreMode) => {
    setMode(next);
    if (step.name === 'preview') setStep({ ...step, failure: null });
    else setStep({ name: 'signIn', account: null, busy: null, failure: null });
  };

  const index = step.name === 'existing' || step.name === 'signIn' ? 0 : step.name === 'password' ? 1 : step.name === 'preview' ? 2 : 3;
  return (
    <section className="recovery settings" aria-labelledby="recovery-title">
      <ol className="wizard-steps" aria-label="Recovery steps">
        {(fromFile ? FILE_STEPS : STEPS).map((label, i) => (
          <li key={label} aria-current={i === index ? 'step' : undefined} className={i < index ? 'done' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      <h2 id="recovery-title" tabIndex={-1} ref={heading}>
        {title(step, fromFile)}
      </h2>

      {step.name === 'existing' ? (
        <ExistingAccountsStep accounts={accounts} onMerge={() => choose('merge')} onReplace={() => choose('replace')} onCancel={cancel} />
      ) : step.name === 'signIn' ? (
        <SignInStep step={step} mode={mode} fromFile={fromFile} onSignIn={() => void signIn()} onFindBackup={(account) => void findBackup(account)} onOpenFile={(file) => void openFile(file)} onCancel={cancel} />
      ) : step.name === 'password' ? (
        <PasswordStep step={step} onUnlock={(password) => void unlock(password)} onCancel={cancel} />
      ) : step.name === 'preview' ? (
        <PreviewStep step={step} mode={mode} onRestore={() => void restore()} onChoose={choose} onCancel={cancel} />
      ) : (
        <DoneStep summary={step.summary} onClose={onClose} onOpenAppLock={onOpenAppLock} />
      )}
    </section>
  );
}

function title(step: Step, fromFile: boolean): string {
  switch (step.name) {
    case 'existing':
      return 'This PC already has accounts';
    case 'signIn':
      return fromFile ? 'Recover from a backup file' : 'Sign in to your recovery account';
    case 'password':
      return 'Enter your backup password';
    case 'preview':
      return 'Check what comes back';
    case 'done':
      return 'Recovery complete';
  }
}
