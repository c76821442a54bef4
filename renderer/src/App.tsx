import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../shared/account.js';
import { AppError } from '../../shared/app-error.js';
import { AccountDetails } from './AccountDetails.js';
import { AddDialog } from './AddDialog.js';
import { call } from './api.js';
import { accountLabel } from './format.js';
import { LoadProblem } from './LoadProblem.js';
import { RecoveryWizard } from './recovery/RecoveryWizard.js';
import { SettingsPage } from './SettingsPage.js';
import { TileList } from './TileList.js';
import { useGridLayout } from './use-grid-layout.js';
import { useAccounts } from './use-accounts.js';
import { useSettings } from './use-settings.js';
import { useBackupStatus } from './backup/use-backup-status.js';

type View = { name: 'tiles' } | { name: 'account'; id: string } | { name: 'settings' } | { name: 'recovery' };

export function App() {
  const state = useAccounts();
  const { codes } = state;
  const [settings, updateSettings] = useSettings();
  const backup = useBackupStatus();
  const backupOutOfDate = backup?.state === 'outOfDate';
  const [view, setView] = useState<View>({ name: 'tiles' });
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const [announcement, setAnnouncement] = useState('');
  /** After "Start over": where the unreadable accounts file was set aside, said until dismissed. */
  const [setAside, setSetAside] = useState<string[] | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [observeMain, gridLayout] = useGridLayout();

  // Ctrl/Cmd+F focuses the search box.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && view.name === 'tiles') {
        event.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.name]);

  const announce = useCallback((text: string) => {
    // Re-set even when the text repeats, so screen readers speak it again.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  }, []);

  const copy = useCallback(
    async (account: AccountView) => {
      try {
        const { clearsAt } = await call('copyCode', { id: account.id });
        const seconds = clearsAt === null ? null : Math.round((clearsAt - Date.now() - codes.clockOffsetMs) / 1000);
        announce(`Code for ${accountLabel(account)} copied${seconds !== null ? `; the clipboard clears in ${seconds} seconds` : ''}.`);
      } catch (caught) {
        announce(caught instanceof AppError ? caught.message : 'The code could not be copied.');
      }
    },
    [announce, codes],
  );
  const move = useCallback((account: AccountView, toIndex: number) => {
    call('moveAccount', { id: account.id, toIndex }).then(
      () => announce(`${accountLabel(account)} moved to position ${toIndex + 1}.`),
      (caught: unknown) => announce(caught instanceof AppError ? caught.message : 'The account could not be moved.'),
    );
  }, [announce]);
  const open = useCallback((account: AccountView) => setView({ name: 'account', id: account.id }), []);

  const current = view.name === 'account' ? state.accounts.find((a) => a.id === view.id) : undefined;
  const back = useCallback(() => setView({ name: 'tiles' }), []);
  useEffect(() => {
    if (view.name === 'account' && state.loaded && !current) setView({ name: 'tiles' }); // deleted, here or elsewhere
  }, [view, current, state.loaded]);

  return (
    <div className={`app${settings.hideCodes ? ' hide-codes' : ''}`}>
      <header className="app-header">
        <h1>Authenticator</h1>
        {view.name === 'tiles' && state.accounts.length > 0 ? (
          <input
            ref={searchBox}
            type="search"
            className="search"
            placeholder="Search accounts (Ctrl+F)"
            aria-label="Search accounts"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
          />
        ) : (
          <span className="spacer" />
        )}
        <button type="button" onClick={() => setAdding(true)}>
          Add account
        </button>
        <button
          type="button"
          className="secondary settings-button"
          onClick={() => setView({ name: 'settings' })}
          aria-current={view.name === 'settings' ? 'page' : undefined}
          aria-describedby={backupOutOfDate ? 'backup-dot' : undefined}
        >
          Settings
          {backupOutOfDate ? (
            <span id="backup-dot" className="red-dot" title="Backup out of date">
              <span className="visually-hidden">Backup out of date</span>
            </span>
          ) : null}
        </button>
      </header>
      <main className="app-main" ref={observeMain}>
        {view.name === 'tiles' && setAside ? <SetAsideNotice files={setAside} onDismiss={() => setSetAside(null)} /> : null}
        {/* Settings and recovery open even when the accounts cannot be loaded: recovery is one way out of that. */}
        {view.name === 'settings' ? (
          <SettingsPage
            settings={settings}
            backup={backup}
            onChange={(patch) => void updateSettings(patch)}
            onBack={back}
            onBeginRecovery={() => setView({ name: 'recovery' })}
          />
        ) : view.name === 'recovery' ? (
          <RecoveryWizard accounts={state.accounts} onClose={back} />
        ) : state.loadError ? (
          <LoadProblem
            error={state.loadError}
            onResolved={state.reload}
            onBeginRecovery={backup?.configured ? () => setView({ name: 'recovery' }) : undefined}
            onStartedOver={setSetAside}
          />
        ) : current ? (
          <AccountDetails account={current} codes={codes} onBack={back} onCopy={copy} />
        ) : !state.loaded ? null : state.accounts.length === 0 ? (
          <div className="empty-state">
            <h2>No accounts yet</h2>
            <p>Add the accounts you protect with two-step verification: scan their QR code, paste a setup link or type the setup key.</p>
            <p>New PC? If you backed up your accounts on another one, get them back with your recovery account.</p>
            <div className="row centered">
              <button type="button" onClick={() => setAdding(true)}>
                Add account
              </button>
              <button type="button" className="secondary" onClick={() => setView({ name: 'recovery' })}>
                Begin recovery
              </button>
            </div>
          </div>
        ) : (
          <TileList accounts={state.accounts} codes={state.codes} search={search} hideCodes={settings.hideCodes} layout={gridLayout} onCopy={copy} onOpen={open} onMove={move} />
        )}
      </main>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {adding ? (
        <AddDialog
          onClose={() => setAdding(false)}
          onAdded={(added) => announce(added.length === 1 ? `Added ${accountLabel(added[0]!)}.` : `Added ${added.length} accounts.`)}
        />
      ) : null}
    </div>
  );
}

/** Says where "Start over" put the accounts file it could not open, so it can be found again (or deleted by hand). */
function SetAsideNotice({ files, onDismiss }: { files: string[]; onDismiss(): void }) {
  return (
    <div className="notice" role="status">
      <p>
        Your previous accounts file was kept as <span className="mono">{files[0]}</span>
        {files.length > 1 ? ', its previous version beside it' : ''}. It opens again only with its lost key; delete it yourself once you are sure you no
        longer need it.
      </p>
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
