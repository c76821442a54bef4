import { useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import type { ImportResult } from '../../../shared/contract.js';
import { call } from '../app-shell/api.js';
import { ModalDialog } from '../ui/ModalDialog.js';
import { BatchProgress } from './import-summary.js';
import { ImportSummary } from './ImportSummary.js';
import { SETUP_METHOD_TABS, SetupLinkForm, type SetupMethod } from './setup-methods.js';
import { ManualForm } from './ManualForm.js';
import type { ScanSource } from './qr/setup-text.js';
import { QrScan } from './qr/QrScan.js';
import { addAskingOnSameName, SameNameQuestion, useSameNameQuestion } from './SameNameQuestion.js';
import { Tabs } from '../ui/Tabs.js';

/** After a Google Authenticator export: what was imported, and how many of its QR codes are in so far. */
interface Summary {
  result: ImportResult;
  importedCodes: number;
  source: ScanSource | 'link';
}

/**
 * The "Add account" dialog: a modal dialog (focus kept inside, Escape closes) with one tab per way to add. One
 * account closes it; a Google Authenticator export shows a summary first, and asks for its next QR code if any. An
 * account named like one here with another key asks first (SameNameQuestion), over the tab, which keeps its input.
 */
export function AddDialog({ onClose, onAdded }: { onClose(): void; onAdded(added: AccountView[]): void }) {
  const [tab, setTab] = useState<SetupMethod>('qr');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [cameraNext, setCameraNext] = useState(false);
  const batches = useRef(new BatchProgress());
  const sameName = useSameNameQuestion();

  const added = (accounts: AccountView[]) => {
    onAdded(accounts);
    onClose();
  };
  const addFromLink = (uri: string) => addAskingOnSameName((ifSameName) => call('addAccountsFromUri', { uri, ifSameName }), sameName.ask);
  const imported = (result: ImportResult | null, source: Summary['source']) => {
    if (result === null) return;
    if (result.batch === null) return added(result.accounts);
    onAdded(result.accounts);
    setCameraNext(false);
    setSummary({ result, importedCodes: batches.current.record(result.batch), source });
  };

  return (
    <ModalDialog title="Add account" onClose={onClose}>
      {sameName.pending ? <SameNameQuestion pending={sameName.pending} /> : null}
      <div hidden={sameName.pending !== null}>
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
              <ManualForm onAdded={(a) => added([a])} askSameName={sameName.ask} />
            )}
          </Tabs>
        )}
      </div>
    </ModalDialog>
  );
}


