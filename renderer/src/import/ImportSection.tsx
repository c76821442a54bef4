import { useEffect, useState } from 'react';
import type { ImportPreview, ImportProgress, ImportReport } from '../../../shared/import.js';
import { call, on } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { ImportPicker } from './ImportPicker.js';
import { ImportPreviewList } from './ImportPreviewList.js';
import { ImportReportView } from './ImportReportView.js';
import { toImportFiles } from './read-files.js';

type Step =
  | { kind: 'pick' }
  | { kind: 'password'; session: string; app: string; kdf: string }
  | { kind: 'preview'; preview: ImportPreview; ticked: Set<string> }
  | { kind: 'report'; report: ImportReport };

const newOnes = (preview: ImportPreview) => new Set(preview.entries.filter((e) => e.status === 'new').map((e) => e.id));

/**
 * Settings > Import: pick or drop a file, give its password when it has one (the key is derived in main, off its main
 * thread, with progress here), look at what it holds, tick what to import, and read the report. No secret comes here.
 */
export function ImportSection({ onRecoverFromFile }: { onRecoverFromFile(): void }) {
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const action = useAction('The file could not be imported; try again.');
  const session = step.kind === 'password' ? step.session : step.kind === 'preview' ? step.preview.session : null;

  const cancel = () => {
    action.cancel();
    action.setError(null);
    if (session) void call('importCancel', { session }).catch(() => undefined);
    setStep({ kind: 'pick' });
  };

  const open = async (files: File[]) => {
    const done = await action.run(async () => call('importOpen', { files: await toImportFiles(files) }));
    if (!done) return;
    const opened = done.value;
    if (opened.stage === 'password') setStep({ kind: 'password', session: opened.session, app: opened.format.name, kdf: opened.kdf });
    else setStep({ kind: 'preview', preview: opened.preview, ticked: newOnes(opened.preview) });
  };

  return (
    <section className="settings-section import" aria-labelledby="import-title">
      <h3 id="import-title">Import</h3>
      {step.kind === 'pick' && (
        <>
          <p className="hint">Bring your accounts from another authenticator. You see what the file holds before anything is added.</p>
          <ImportPicker busy={action.busy} onFiles={(files) => void open(files)} />
        </>
      )}
      {step.kind === 'password' && (
        <PasswordStep
          app={step.app}
          kdf={step.kdf}
          session={step.session}
          busy={action.busy}
          onUnlock={async (password) => {
            const done = await action.run(() => call('importUnlock', { session: step.session, password }));
            if (done) setStep({ kind: 'preview', preview: done.value, ticked: newOnes(done.value) });
          }}
          onCancel={cancel}
        />
      )}
      {step.kind === 'preview' && (
        <>
          <FormatLine name={step.preview.format.name} />
          <p>
            The file holds {step.preview.entries.length} account{step.preview.entries.length === 1 ? '' : 's'}. Tick the ones to import; they are added after
            your existing accounts, in the file’s order.
          </p>
          {step.preview.notices.map((notice) => (
            <p key={notice} className="notice" role="alert">
              {notice}
            </p>
          ))}
          <ImportPreviewList
            preview={step.preview}
            ticked={step.ticked}
            onToggle={(id) => {
              const ticked = new Set(step.ticked);
              if (!ticked.delete(id)) ticked.add(id);
              setStep({ ...step, ticked });
            }}
          />
          <div className="row">
            <button
              type="button"
              disabled={action.busy || step.ticked.size === 0}
              onClick={async () => {
                const order = step.preview.entries.filter((e) => step.ticked.has(e.id)).map((e) => e.id);
                const done = await action.run(() => call('importCommit', { session: step.preview.session, entries: order }));
                if (done) setStep({ kind: 'report', report: done.value });
              }}
            >
              Import {step.ticked.size} account{step.ticked.size === 1 ? '' : 's'}
            </button>
            <button type="button" className="secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </>
      )}
      {step.kind === 'report' && <ImportReportView report={step.report} onDone={() => setStep({ kind: 'pick' })} />}
      <FormError message={action.error} />
      {/* This app's own backup file is restored, not imported: the way there, from where the person is. */}
      {step.kind === 'pick' && action.errorKind === 'ownBackupFile' ? (
        <div className="row">
          <button type="button" onClick={onRecoverFromFile}>
            Recover from a backup file…
          </button>
        </div>
      ) : null}
    </section>
  );
}

function PasswordStep({
  app,
  kdf,
  session,
  busy,
  onUnlock,
  onCancel,
}: {
  app: string;
  kdf: string;
  session: string;
  busy: boolean;
  onUnlock(password: string): Promise<void>;
  onCancel(): void;
}) {
  const [password, setPassword] = useState('');
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (password) void onUnlock(password);
      }}
    >
      <FormatLine name={app} />
      <p>The file is encrypted. Enter the password it was exported with.</p>
      <label>
        <span>Password of the export file</span>
        <input type="password" autoComplete="off" autoFocus value={password} disabled={busy} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {busy && <DeriveProgress session={session} kdf={kdf} />}
      <div className="row">
        <button type="submit" disabled={busy || password === ''}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The format's name on a line of its own: names like "List of otpauth:// links" or "Bitwarden (CSV)" do not fit mid-sentence. */
function FormatLine({ name }: { name: string }) {
  return <p className="hint">Format: {name}</p>;
}

/** The key derivation's progress: main's events, and the seconds since it started (most KDFs cannot say how far they are). */
function DeriveProgress({ session, kdf }: { session: string; kdf: string }) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [seconds, setSeconds] = useState(0);
  useEffect(() => on('importProgress', (p) => p.session === session && setProgress(p)), [session]);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, []);
  const fraction = progress?.fraction ?? null;
  return (
    <div className="import-progress" role="status">
      <progress aria-label="Unlocking the file" {...(fraction === null ? {} : { value: fraction, max: 1 })} />
      <p className="form-status">
        Deriving the key with {progress?.kdf ?? kdf}… {seconds > 0 ? `${seconds} s` : ''} This can take a while for strongly protected files.
      </p>
    </div>
  );
}
