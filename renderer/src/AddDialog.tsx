import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../shared/account.js';
import { AppError } from '../../shared/errors.js';
import { call } from './api.js';
import { ManualForm } from './ManualForm.js';
import { QrScan } from './QrScan.js';

type Tab = 'qr' | 'link' | 'manual';
const TABS: { id: Tab; label: string }[] = [
  { id: 'qr', label: 'Scan QR code' },
  { id: 'link', label: 'Paste link' },
  { id: 'manual', label: 'Enter setup key' },
];

/** The "Add account" dialog: a modal <dialog> (focus kept inside, Escape closes) with one tab per way to add. */
export function AddDialog({ onClose, onAdded }: { onClose(): void; onAdded(added: AccountView[]): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [tab, setTab] = useState<Tab>('qr');

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const added = (accounts: AccountView[]) => {
    onAdded(accounts);
    onClose();
  };

  return (
    <dialog ref={dialog} className="add-dialog" aria-labelledby="add-title" onClose={onClose} onCancel={onClose}>
      <div className="dialog-head">
        <h2 id="add-title">Add account</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
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
        {tab === 'qr' ? <QrScan onAdded={added} /> : tab === 'link' ? <LinkForm onAdded={added} /> : <ManualForm onAdded={(a) => added([a])} />}
      </div>
    </dialog>
  );
}

/** Adds from an otpauth:// link, or every account of a Google Authenticator export link. */
function LinkForm({ onAdded }: { onAdded(added: AccountView[]): void }) {
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
