import type { RecoveryPreview, RestoreMode } from '../../../shared/recovery.js';
import { ExistingAccounts } from './ExistingAccounts.js';
import { FailureMessage } from './FailureMessage.js';
import { PreviewList, RemovedList } from './PreviewList.js';
import { count, type StepOf } from './steps.js';

interface Props {
  step: StepOf<'preview'>;
  mode: RestoreMode;
  onRestore(): void;
  /** Merge, or remove this PC's accounts and restore: when accounts appeared here since recovery began. */
  onChoose(mode: RestoreMode): void;
  onCancel(): void;
}

/** What comes back (and, removing this PC's accounts, what goes), and the one button that changes this PC. */
export function PreviewStep({ step, mode, onRestore, onChoose, onCancel }: Props) {
  const { preview } = step;
  if (mode === 'restore' && preview.existing.length > 0) {
    // A full restore needs a PC without accounts, and some appeared since recovery began: choose here.
    return (
      <>
        <FailureMessage failure={step.failure} />
        <ExistingAccounts
          accounts={preview.existing}
          intro={
            <>
              Your backup from {preview.deviceName} holds {count(preview.accounts.length)}, but this PC now has{' '}
              {preview.existing.length === 1 ? 'an account' : `${preview.existing.length} accounts`} too, so it cannot be restored exactly as it was:
            </>
          }
          onMerge={() => onChoose('merge')}
          onReplace={() => onChoose('replace')}
          onCancel={onCancel}
        />
      </>
    );
  }
  return (
    <>
      <PreviewIntro preview={preview} mode={mode} />
      {preview.unreadableVault ? (
        <p>
          The accounts file <span className="mono">{preview.unreadableVault}</span> cannot be opened on this PC: its key is missing. Restoring sets it aside
          under a new name in the same folder; it is not deleted.
        </p>
      ) : null}
      {mode === 'replace' && preview.existing.length > 0 ? (
        <>
          <h3 className="preview-heading">Removed from this PC ({preview.existing.length})</h3>
          <RemovedList accounts={preview.existing} />
          <h3 className="preview-heading">Restored from the backup ({preview.accounts.length})</h3>
        </>
      ) : null}
      <PreviewList accounts={preview.accounts} mode={mode} />
      {step.busy ? (
        <p className="form-status" role="status">
          Restoring…
        </p>
      ) : null}
      <FailureMessage failure={step.failure} />
      <div className="row">
        <button
          type="button"
          className={mode === 'replace' && preview.existing.length > 0 ? 'danger' : undefined}
          disabled={step.busy || toRestore(preview, mode) === 0}
          onClick={onRestore}
        >
          {restoreLabel(preview, mode)}
        </button>
        <button type="button" className="secondary" disabled={step.busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

function toRestore(preview: RecoveryPreview, mode: RestoreMode): number {
  return mode === 'merge' ? preview.accounts.filter((a) => !a.alreadyHere).length : preview.accounts.length;
}

function restoreLabel(preview: RecoveryPreview, mode: RestoreMode): string {
  const n = toRestore(preview, mode);
  if (mode === 'merge') return `Add ${count(n)}`;
  if (mode === 'replace' && preview.existing.length > 0) return `Remove ${preview.existing.length} and restore ${count(n)}`;
  return `Restore ${count(n)}`;
}

function PreviewIntro({ preview, mode }: { preview: RecoveryPreview; mode: RestoreMode }) {
  const here = preview.existing.length;
  switch (mode) {
    case 'merge':
      return (
        <p>
          These accounts from {preview.deviceName} are not on this PC yet and will be added after your {here} existing {here === 1 ? 'account' : 'accounts'}.
          Nothing is overwritten or removed.
        </p>
      );
    case 'replace':
      return here > 0 ? (
        <p>
          The {here === 1 ? 'account' : `${here} accounts`} on this PC {here === 1 ? 'is' : 'are'} removed and everything from {preview.deviceName} comes back:
          the accounts in this order, and your settings. Both happen together when you press the button below; until then nothing on this PC changes.
        </p>
      ) : (
        <p>This PC has no accounts any more. Everything from {preview.deviceName} comes back: the accounts in this order, and your settings.</p>
      );
    case 'restore':
      return <p>Everything from {preview.deviceName} comes back: the accounts in this order, and your settings.</p>;
  }
}
