import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AccountView } from '../../shared/account.js';
import type { ImportResult } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { call } from './api.js';
import { BatchProgress } from './import-summary.js';
import { ImportSummary } from './ImportSummary.js';
import { ManualForm } from './ManualForm.js';
import type { ScanSource } from './qr/setup-text.js';
import { QrScan } from './QrScan.js';

type Tab = 'qr' | 'link' | 'manual';
const TABS: { id: Tab; label: string }[] = [
  { id: 'qr', label: 'Scan QR code' },
  { id: 'link', label: 'Paste link' },
  { id: 'manual', label: 'Enter setup key' },
];

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
  const [tab, setTab] = useState<Tab>('qr');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [cameraNext, setCameraNext] = useState(false);
  const batches = useRef(new BatchProgress());

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

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
        <AddTabs tab={tab} setTab={setTab}>
          {tab === 'qr' ? (
            <QrScan onAdded={imported} startWithCamera={cameraNext} />
          ) : tab === 'link' ? (
            <LinkForm onAdded={(result) => imported(result, 'link')} />
          ) : (
            <ManualForm onAdded={(a) => added([a])} />
          )}
        </AddTabs>
      )}
    </dialog>
  );
}

/** The tabs (arrow keys move between them, as the ARIA tabs pattern asks) and the selected one's panel. */
function AddTabs({ tab, setTab, children }: { tab: Tab; setTab(tab: Tab): void; children: ReactNode }) {
  return (
    <>
      <div role="tablist" aria-label="How to add" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(event) => {
              const i = TABS.findIndex((x) => x.id === tab);
              const next = event.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : event.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
              if (next) {
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {children}
      </div>
    </>
  );
}

/** Adds from an otpauth:// link, or every account of a Google Authenticator export link. */
function LinkForm({ onAdded }: { onAdded(result: ImportResult): void }) {
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      onAdded(await call('addAccountsFromUri', { uri: link }));
    } catch (caught) {
      setError(caught instanceof AppError ? caught.message : 'The account could not be added.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="otpauth-link">Setup link</label>
      <input
        id="otpauth-link"
        type="text"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        className="mono"
        placeholder="otpauth://totp/Example:alice@example.com?secret=…"
        value={link}
        aria-invalid={error !== null}
        aria-describedby={error ? 'otpauth-link-error' : 'otpauth-link-hint'}
        onChange={(e) => {
          setLink(e.target.value);
          setError(null);
        }}
      />
      <p id="otpauth-link-hint" className="hint">
        A link that starts with otpauth:// (or otpauth-migration:// from Google Authenticator&apos;s export).
      </p>
      {error ? (
        <p id="otpauth-link-error" className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy || link.trim() === ''}>
          Add account
        </button>
      </div>
    </form>
  );
}
