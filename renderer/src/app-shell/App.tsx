import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { AccountView } from '../../../shared/account.js';
import { AccountDetails, DETAILS_TITLE_ID } from '../details/AccountDetails.js';
import { AddDialog } from '../add/AddDialog.js';
import { call } from './api.js';
import { focusTile, type TilePart } from '../tiles/focus-handoff.js';
import { accountLabel, filterAccounts } from '../accounts/format.js';
import { LoadProblem } from './LoadProblem.js';
import { RecoveryWizard } from '../recovery/RecoveryWizard.js';
import { SettingsPage } from '../settings/SettingsPage.js';
import { TileList } from '../tiles/TileList.js';
import { Toast, TOAST_MS, useToast } from './Toast.js';
import { useGridLayout } from '../tiles/use-grid-layout.js';
import { useAccounts } from '../accounts/use-accounts.js';
import { useSettings } from '../settings/use-settings.js';
import { failureMessage } from '../ui/use-action.js';
import { useBackupStatus } from '../settings/backup/use-backup-status.js';
import { ClockBanner } from '../clock/ClockBanner.js';
import { useClockStatus } from '../clock/use-clock-status.js';
import { ShortcutsDialog, useSearchKeys } from './shortcuts.js';
import { IconSprite } from '../ui/icon-sprite.js';
import type { StartedOver } from '../lock/ForgotPassword.js';
import { lockRefusedToast, useLockShortcut } from '../lock/use-lock-shortcut.js';
import type { AppError } from '../../../shared/app-error.js';
import { AppHeader } from './AppHeader.js';
import { Layer } from '../ui/Layer.js';

const MAC = navigator.userAgent.includes('Mac');

/**
 * `account`: the full-screen view, a layer over the tiles, opened from the tile's control `from`.
 * `focusAppLock`: opened to turn the app lock on (each such view object is a new request to bring it into view).
 */
type View = { name: 'tiles' } | { name: 'account'; id: string; from: TilePart } | { name: 'settings'; focusAppLock?: boolean } | { name: 'recovery'; fromFile?: boolean };

/**
 * `startedOver`: the lock password was forgotten and the locked accounts file set aside; the app opens on Begin
 * recovery when there is a backup to restore from, else empty, and says where the file went.
 */
export function App({ startedOver = null }: { startedOver?: StartedOver | null } = {}) {
  const state = useAccounts();
  const { codes } = state;
  const [settings, updateSettings] = useSettings();
  const backup = useBackupStatus();
  const clockStatus = useClockStatus();
  const backupOutOfDate = backup?.state === 'outOfDate';
  const [view, setView] = useState<View>(startedOver?.thenRecovery ? { name: 'recovery' } : { name: 'tiles' });
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const [announcement, setAnnouncement] = useState('');
  /** After "Start over": where the unreadable accounts file was set aside, said until dismissed. */
  const [setAside, setSetAside] = useState<SetAside | null>(startedOver ? { files: startedOver.setAside, opensWith: 'lockPassword' } : null);
  const searchBox = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const header = useRef<HTMLElement>(null);
  const { toast, show, dismiss } = useToast();
  const [observeMain, gridLayout] = useGridLayout();

  const openAppLockSettings = useCallback(() => setView({ name: 'settings', focusAppLock: true }), []);
  const lockRefused = useCallback(
    (error: AppError) =>
      show(
        lockRefusedToast(error, () => {
          dismiss();
          openAppLockSettings();
        }),
      ),
    [show, dismiss, openAppLockSettings],
  );
  useLockShortcut(true, lockRefused);

  const [showShortcuts, setShowShortcuts] = useState(false);
  const openShortcuts = useCallback(() => setShowShortcuts(true), []);
  useSearchKeys(searchBox, view.name === 'tiles' && !adding && !showShortcuts, openShortcuts);

  const announce = useCallback((text: string) => {
    // Re-set even when the text repeats, so screen readers speak it again.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  }, []);

  const copy = useCallback(
    async (account: AccountView): Promise<boolean> => {
      try {
        const { clearsAt } = await call('copyCode', { id: account.id });
        const seconds = clearsAt === null ? null : Math.max(0, Math.round((clearsAt - Date.now() - codes.clockOffsetMs) / 1000));
        show({ text: seconds === null ? 'Copied' : `Copied · clears in ${seconds} s`, tone: 'success', showMs: TOAST_MS });
        return true;
      } catch (caught) {
        show({ text: failureMessage(caught, 'The code could not be copied.'), tone: 'error', showMs: TOAST_MS });
        return false;
      }
    },
    [show, codes],
  );
  const move = useCallback((account: AccountView, toIndex: number) => {
    call('moveAccount', { id: account.id, toIndex }).then(
      () => announce(`${accountLabel(account)} moved to position ${toIndex + 1}.`),
      (caught: unknown) => announce(failureMessage(caught, 'The account could not be moved.')),
    );
  }, [announce]);
  const open = useCallback((account: AccountView) => setView({ name: 'account', id: account.id, from: openerPart(account.id) }), []);

  const current = view.name === 'account' ? state.accounts.find((a) => a.id === view.id) : undefined;
  /**
   * From Settings or recovery back to the tiles, never leaving the focus on the page: on the Settings button after
   * Settings, else on the first tile (a recovery's accounts), else on Add account.
   */
  const back = useCallback(() => {
    const from = view.name;
    const first = state.accounts[0];
    flushSync(() => setView({ name: 'tiles' }));
    if (from === 'settings') settingsButton.current?.focus();
    else if (first) focusTile(first.id, 'copy');
    else addButton.current?.focus();
  }, [view.name, state.accounts]);
  /**
   * Takes the full-screen layer down, then puts the focus on a tile (or Add account): at once, since the tiles under
   * the layer stay mounted and stop being inert in this very commit.
   */
  const closeLayer = useCallback((focus: { id: string; part: TilePart } | null) => {
    flushSync(() => setView({ name: 'tiles' }));
    if (focus) focusTile(focus.id, focus.part);
    else addButton.current?.focus();
  }, []);
  /** From the full-screen view back to the tiles, the focus on the tile's control that opened it. */
  const backFromAccount = useCallback(() => {
    if (view.name === 'account') closeLayer({ id: view.id, part: view.from });
  }, [view, closeLayer]);

  /** The accounts the search shows, in the tiles' order (the tiles filter with the same filterAccounts). */
  const searchMatches = useCallback(() => filterAccounts(state.accounts, search), [search, state.accounts]);
  /** From the search box, Down goes on to the first tile it shows. */
  const toResults = useCallback(() => {
    const first = searchMatches()[0];
    if (first) focusTile(first.id, 'copy');
  }, [searchMatches]);
  /** Enter in the search box copies the code when exactly one account matches (as the quick picker's Enter does). */
  const copyOnlyMatch = useCallback(() => {
    const found = searchMatches();
    if (search.trim() !== '' && found.length === 1) void copy(found[0]!);
  }, [search, searchMatches, copy]);
  /** Undo of a delete: main puts the account back; the page only ever had the token. */
  const undoRemove = useCallback(
    async (token: string) => {
      try {
        const restored = await call('undoRemoveAccount', { token });
        focusTile(restored.id, 'copy');
        show({ text: `Restored ${accountLabel(restored)}`, showMs: TOAST_MS });
      } catch (caught) {
        show({ text: failureMessage(caught, 'The account could not be put back.'), tone: 'error', showMs: TOAST_MS });
      }
    },
    [show],
  );
  /**
   * Deletes (after the full-screen view's confirmation): the focus goes to the tile after it in the list as shown
   * (else the one before, else Add account), and a toast offers Undo while main allows it. A failure is thrown back
   * to the view, which says what went wrong.
   */
  const remove = useCallback(
    async (account: AccountView) => {
      const shown = filterAccounts(state.accounts, search);
      const index = shown.findIndex((a) => a.id === account.id);
      const neighbour = shown[index + 1] ?? shown[index - 1];
      const { undoToken, undoUntil } = await call('removeAccount', { id: account.id });
      closeLayer(neighbour ? { id: neighbour.id, part: 'copy' } : null);
      const label = accountLabel(account);
      let used = false; // a second Ctrl+Z while the first is on its way would be told "too late"
      show({
        text: `Deleted ${label}`,
        action: {
          label: 'Undo',
          accessibleLabel: `Undo deleting ${label}`,
          keyShortcut: MAC ? 'Meta+Z' : 'Control+Z',
          keyHint: `${MAC ? 'Command+Z' : 'Ctrl+Z'} undoes it`,
          run: () => {
            if (used) return;
            used = true;
            void undoRemove(undoToken);
          },
        },
        // Until main's undo window closes, by main's clock.
        showMs: Math.max(0, undoUntil - Date.now() - codes.clockOffsetMs),
      });
    },
    [search, state.accounts, codes, show, undoRemove, closeLayer],
  );

  // Ctrl/Cmd+Z undoes the delete the toast offers to undo (not while typing, where it undoes the typing).
  useEffect(() => {
    const action = toast?.action;
    if (!action || adding) return;
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable="true"]');
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z' && !typing) {
        event.preventDefault();
        action.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toast, adding]);

  // After the add dialog closes: the focus on the (first) tile it added, else back on the button that opened it.
  const added = useRef<AccountView[]>([]);
  const [closedAfterAdding, setClosedAfterAdding] = useState<AccountView | null>(null);
  const closeAdd = useCallback(() => {
    setAdding(false);
    setClosedAfterAdding(added.current[0] ?? null);
    added.current = [];
  }, []);
  useEffect(() => {
    // After the dialog's own clean-up, which put the focus back on its opener.
    if (closedAfterAdding) focusTile(closedAfterAdding.id, 'copy');
  }, [closedAfterAdding]);
  useEffect(() => {
    if (view.name === 'account' && state.loaded && !current) setView({ name: 'tiles' }); // deleted, here or elsewhere
  }, [view, current, state.loaded]);

  // The tiles stay mounted under the full-screen layer (scroll position, search, drag state), inert while it is up
  // (and aria-hidden too, for assistive technology that does not know inert yet).
  const underLayer = current !== undefined;
  const clockBanner = <ClockBanner status={clockStatus} switchOn={settings.correctClockOffset} onSwitch={(on) => void updateSettings({ correctClockOffset: on })} />;
  return (
    <div className={`app${settings.hideCodes ? ' hide-codes' : ''}`}>
      <AppHeader
        ref={header}
        underLayer={underLayer}
        search={(view.name === 'tiles' || view.name === 'account') && state.accounts.length > 0 ? { value: search, onChange: setSearch, ref: searchBox, onToResults: toResults, onEnter: copyOnlyMatch } : null}
        addButton={addButton}
        settingsButton={settingsButton}
        onAdd={() => setAdding(true)}
        onSettings={() => setView({ name: 'settings' })}
        settingsOpen={view.name === 'settings'}
        backupOutOfDate={backupOutOfDate}
      />
      <main className="app-main" ref={observeMain} inert={underLayer} aria-hidden={underLayer || undefined}>
        {clockBanner}
        {view.name === 'tiles' && setAside ? <SetAsideNotice {...setAside} onDismiss={() => setSetAside(null)} /> : null}
        {/* Settings and recovery open even when the accounts cannot be loaded: recovery is one way out of that. */}
        {view.name === 'settings' ? (
          <SettingsPage
            settings={settings}
            backup={backup}
            onChange={(patch) => void updateSettings(patch)}
            onBack={back}
            onBeginRecovery={() => setView({ name: 'recovery' })}
            onRecoverFromFile={() => setView({ name: 'recovery', fromFile: true })}
            onToast={show}
            appLockRequest={view.focusAppLock ? view : null}
          />
        ) : view.name === 'recovery' ? (
          <RecoveryWizard accounts={state.accounts} fromFile={view.fromFile === true} onClose={back} onOpenAppLock={openAppLockSettings} />
        ) : state.loadError ? (
          <LoadProblem
            error={state.loadError}
            onResolved={state.reload}
            onBeginRecovery={backup?.configured ? () => setView({ name: 'recovery' }) : undefined}
            onStartedOver={(files) => setSetAside({ files, opensWith: 'key' })}
          />
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
      <Layer open={underLayer} labelledBy={DETAILS_TITLE_ID} below={header} onClose={backFromAccount}>
        {/* The clock banner is about the codes: it shows over them here too (the one under the layer is dimmed). */}
        {clockBanner}
        {current ? <AccountDetails key={current.id} account={current} codes={codes} hideCodes={settings.hideCodes} onBack={backFromAccount} onCopy={copy} onRemove={remove} /> : null}
      </Layer>
      {/* Reordering is told to screen readers only; what the person did and can undo is shown (Toast). */}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <Toast toast={toast} onDismiss={dismiss} />
      <IconSprite />
      {showShortcuts ? <ShortcutsDialog onClose={() => setShowShortcuts(false)} /> : null}
      {adding ? (
        <AddDialog
          onClose={closeAdd}
          onAdded={(accounts) => {
            added.current = accounts;
            show({ text: accounts.length === 1 ? `Added ${accountLabel(accounts[0]!)}` : `Added ${accounts.length} accounts`, showMs: TOAST_MS });
          }}
        />
      ) : null}
    </div>
  );
}

/** Where "Start over" put the accounts file it could not open, and what opens it: its lost key, or the forgotten lock password. */
interface SetAside {
  files: string[];
  opensWith: 'key' | 'lockPassword';
}

/** Says where "Start over" put the accounts file it could not open, so it can be found again (or deleted by hand). */
function SetAsideNotice({ files, opensWith, onDismiss }: SetAside & { onDismiss(): void }) {
  return (
    <div className="notice" role="status">
      <p>
        Your previous accounts file was kept as <span className="mono">{files[0]}</span>
        {files.length > 1 ? ', its previous version beside it' : ''}. It opens again only with {opensWith === 'key' ? 'its lost key' : 'the lock password you forgot'};
        delete it yourself once you are sure you no longer need it.
      </p>
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Which of the tile's controls has the focus as it opens the full-screen view (its menu's button, when not said). */
function openerPart(id: string): TilePart {
  const focused = document.activeElement;
  const part = focused instanceof HTMLElement && focused.closest(`li[data-id="${CSS.escape(id)}"]`) ? focused.dataset.part : undefined;
  return part === 'copy' || part === 'handle' ? part : 'details';
}
