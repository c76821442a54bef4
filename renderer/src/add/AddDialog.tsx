import { useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import type { ImportResult } from '../../../shared/contract.js';
import { call } from '../app-shell/api.js';
import { useModalDialog } from '../ui/modal-dialog.js';
import { BatchProgress } from './import-summary.js';
import { ImportSummary } from './ImportSummary.js';
import { SETUP_METHOD_TABS, SetupLinkForm, type SetupMethod } from './setup-methods.js';
import { ManualForm } from './ManualForm.js';
import type { ScanSource } from './qr/setup-text.js';
import { QrScan } from './qr/QrScan.js';
import { Tabs } from '../ui/Tabs.js';


/** After a Google Authenticator export: what was imported, and how many of its QR codes are in so far. */
interface Summary {
  result: ImportResult;
  importedCodes: number;
  source: ScanSource | 'link';
}

/**
 * The "Add account" dialog: a modal <dialog> (focus kept inside, Escape closes) with one tab per way to add. One
 * account closes it; a Google Authenticator export shows a summary first, and asks for its next QR code if any.
 */
export function AddDialog({ onClose, onAdded }: { onClose(): void; onAdded(added: AccountView[]): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [tab, setTab] = useState<SetupMethod>('qr');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [cameraNext, setCameraNext] = useState(false);
  const batches = useRef(new BatchProgress());

  useModalDialog(dialog);

  const added = (accounts: AccountView[]) => {
    onAdded(accounts);
    onClose();
  };
  const imported = (result: ImportResult, source: Summary['source']) => {
    if (result.batch === null) return added(result.accounts);
    onAdded(result.accounts);
    setCameraNext(false);
    setSummary({ result, importedCodes: batches.current.record(result.batch), source });
  };

  return (
    <dialog ref={dialog} className="add-dialog" aria-labelledby="add-title" onClose={onClose} onCancel={onClose}>
      <div className="dialog-head">
        <h2 id="add-title">Add account</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      {summary ? (
        <ImportSummary
          result={summary.result}
          importedCodes={summary.importedCodes}
          onScanNext={() => {
            setCameraNext(summary.source === 'camera');
            setSummary(null);
            setTab('qr');
          }}
          onDone={onClose}
        />
      ) : (
        <Tabs<SetupMethod> tabs={SETUP_METHOD_TABS} tab={tab} setTab={setTab} label="How to add">
          {tab === 'qr' ? (
            <QrScan onLink={async (uri, source) => imported(await addFromLink(uri), source)} startWithCamera={cameraNext} />
          ) : tab === 'link' ? (
            <SetupLinkForm
              hint="A link that starts with otpauth:// (or otpauth-migration:// from Google Authenticator's export)."
              submitLabel="Add account"
              onLink={async (uri) => imported(await addFromLink(uri), 'link')}
            />
          ) : (
            <ManualForm onAdded={(a) => added([a])} />
          )}
        </Tabs>
      )}
    </dialog>
  );
}

const addFromLink = (uri: string) => call('addAccountsFromUri', { uri });
