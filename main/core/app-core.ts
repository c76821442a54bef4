import { watch, type FSWatcher } from 'node:fs';
import { hostname } from 'node:os';
import type { CodeBatch } from '../../shared/account.js';
import { Settings } from '../../shared/settings.js';
import type { EventName, EventPayload, ScannerSource } from '../../shared/contract.js';
import type { TrayMenu } from '../../shared/tray.js';
import { AppError } from '../../shared/errors.js';
import { AccountsService } from './accounts/accounts-service.js';
import { exportAccountSetup } from './accounts/export-account.js';
import { RemovalUndo } from './accounts/removal-undo.js';
import { BackupService, NOT_CONFIGURED } from './backup/backup-service.js';
import type { CloudStore } from './backup/cloud-store.js';
import type { ClipboardPort } from './clipboard/clipboard-port.js';
import { ClipboardService } from './clipboard/clipboard-service.js';
import type { Clock } from './clock.js';
import type { RecoveryIdentity } from './identity/recovery-identity.js';
import { RecoveryService } from './recovery/recovery-service.js';
import type { KeyStore } from './keystore/key-store.js';
import type { Logger } from './logger.js';
import { CodeTicker } from './otp/code-ticker.js';
import { codeAt } from './otp/otp-engine.js';
import { decodeCanonicalKey } from './otp/base32.js';
import { createDispatcher, type Dispatch, type Handlers } from './rpc/dispatcher.js';
import { findTrayItem, trayCopiedNotification, trayMenu, type TrayLockState } from './tray/tray-model.js';
import { toView, type StoredAccount } from './vault/vault-data.js';
import { VAULT_FILE, Vault, supersedes, type VaultSnapshot } from './vault/vault.js';

export interface CoreDeps {
  dataDir: string;
  keyStore: KeyStore;
  clock: Clock;
  log: Logger;
  /** The system clipboard (Electron's, or the harness's in-memory one). Without it, copying reports an error. */
  clipboard?: ClipboardPort;
  /** The recovery account and its OneDrive app folder; null or absent when no client id is configured. */
  cloud?: { identity: RecoveryIdentity; store: CloudStore } | null;
  /** Written into backups ("from which device"); the host name by default. */
  deviceName?: string;
  appVersion?: string;
  /**
   * What the host's permission handlers let the page capture for the QR scanner (Electron: the camera while the
   * scanner is open, one capture of the primary screen). Absent where the browser asks the person itself (harness).
   */
  capture?: { allow(source: ScannerSource): void };
}

/** Field by field, so the order a vault happens to store them in does not count. */
function sameSettings(a: Settings, b: Settings): boolean {
  return (Object.keys(a) as (keyof Settings)[]).every((key) => Object.is(a[key], b[key])) && Object.keys(a).length === Object.keys(b).length;
}

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AppCore {
  dispatch: Dispatch;
  accounts: AccountsService;
  clipboard: ClipboardService;
  /** Subscribes to the events main pushes; returns an unsubscribe function. */
  subscribe(sink: EventSink): () => void;
  dispose(): void;
}

/**
 * The app without its host: vault, accounts, codes and the contract's handler table. The Electron app, the
 * browser harness and the command-line tool each wire this with their own adapters.
 */
export function createAppCore({ dataDir, keyStore, clock, log, clipboard, cloud, deviceName, appVersion, capture }: CoreDeps): AppCore {
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };
  const vault = new Vault(dataDir, keyStore);
  let latest: VaultSnapshot | undefined;
  let lastBatch: CodeBatch | null = null;

  // The tray menu follows the code batches and the accounts; it is sent only when it actually changed.
  const lock: TrayLockState = { available: false, locked: false }; // app lock does not exist yet
  const buildTray = (): TrayMenu =>
    trayMenu({
      accounts: (latest?.data.accounts ?? []).map(toView),
      codes: lastBatch,
      settings: latest?.data.settings ?? Settings.parse({}),
      lock,
    });
  let trayJson = '';
  const refreshTray = () => {
    const menu = buildTray();
    const json = JSON.stringify(menu);
    if (json === trayJson) return;
    trayJson = json;
    emit('trayMenuChanged', menu);
  };

  const ticker = new CodeTicker(clock, (batch) => {
    lastBatch = batch;
    emit('codes', batch);
    refreshTray();
  });
  let applied = 0;

  /**
   * Takes a snapshot read from the vault unless it is old news. A different vault counts only if nothing was taken
   * while it was read: a read of the still empty folder can finish after the first account was added.
   */
  const apply = (snapshot: VaultSnapshot, appliedBeforeRead = applied) => {
    if (!supersedes(snapshot, latest) || (snapshot.vaultId !== latest?.vaultId && appliedBeforeRead !== applied)) return;
    applied += 1;
    const settingsBefore = latest?.data.settings;
    latest = snapshot;
    ticker.setAccounts(snapshot.data.accounts);
    emit('accountsChanged', snapshot.data.accounts.map(toView));
    if (settingsBefore && !sameSettings(settingsBefore, snapshot.data.settings)) emit('settingsChanged', snapshot.data.settings);
    refreshTray();
    backup.vaultChanged();
  };
  const accounts = new AccountsService(vault, apply, clock);
  const removals = new RemovalUndo(accounts, clock);
  const backup = new BackupService({
    dataDir,
    keyStore,
    clock,
    log,
    cloud: cloud ?? null,
    readVault: () => vault.read(),
    deviceName: deviceName ?? hostname(),
    appVersion: appVersion ?? 'unknown',
    onStatus: (status) => emit('backupStatusChanged', status),
  });

  /** The vault as on disk, or something newer that came in while it was read. */
  const readAndApply = async () => {
    const before = applied;
    const snapshot = await vault.read();
    apply(snapshot, before);
    return latest ?? snapshot;
  };

  // Another process (the command-line tool, a second instance) may change the vault: follow it.
  let reloadTimer: (() => void) | undefined;
  const reload = () => {
    reloadTimer?.();
    reloadTimer = clock.setTimer(50, () => {
      readAndApply().catch((error: unknown) => log.error('reloading the vault failed', error));
    });
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dataDir, (_event, file) => {
      if (file === VAULT_FILE) reload();
    });
  } catch {
    log.info('the data folder cannot be watched; changes made by other processes show after a restart');
  }

  // Start ticking at once; a problem with the vault is reported by the first call, which reads it again.
  readAndApply().catch(() => undefined);
  const current = readAndApply;

  const clipboardService = new ClipboardService({
    port: clipboard ?? {
      readText: () => '',
      writeText: () => {
        throw new AppError('internal', 'This version of the app has no clipboard.');
      },
    },
    clock,
    log,
    clearAfterSeconds: async () => (await accounts.settings()).clipboardClearSeconds,
  });

  /** Computes the account's current code here in main and copies it; the clipboard clears after the set delay. */
  const copyAccountCode = async (id: string): Promise<{ clearsAt: number; account: StoredAccount }> => {
    const account = (await current()).data.accounts.find((a) => a.id === id);
    if (!account) throw new AppError('accountNotFound', 'That account no longer exists (it may have been removed in another window or by the command-line tool).');
    if (account.needsVerification || account.secret.length === 0) {
      const title = account.issuer || account.name;
      throw new AppError('invalidRequest', `${title} needs to be set up again on this device before it has codes (Action required). Nothing was copied.`);
    }
    const { code } = codeAt(account.id, account.otp, decodeCanonicalKey(account.secret), clock.now());
    const { clearsAt } = await clipboardService.copy(code);
    return { clearsAt, account };
  };

  // Recovery is offered only while backup is off: it signs in to (and then backs up to) the account it restores from.
  const recovery = cloud ? new RecoveryService({ vault, identity: cloud.identity, store: cloud.store, backup, clock, log, onSaved: apply }) : null;
  const recoveryService = async (): Promise<RecoveryService> => {
    if (!recovery) throw new AppError('notConfigured', NOT_CONFIGURED);
    const status = await backup.status();
    // A PC whose vault key was lost backs nothing up any more, whatever the backup settings say: recovering is its way
    // back (the restore sets the unreadable vault aside and takes the backup over).
    if (status.state !== 'off' && status.account && !(await vaultKeyLost())) {
      throw new AppError(
        'invalidRequest',
        `This PC already backs up to ${status.account.username}. To restore from another backup, turn backup off first (Settings > Backup).`,
      );
    }
    return recovery;
  };

  const vaultKeyLost = () =>
    vault.read().then(
      () => false,
      (error: unknown) => error instanceof AppError && error.kind === 'vaultKeyMissing',
    );

  const requireRecovery = async (): Promise<RecoveryService> => {
    if (!recovery) throw new AppError('notConfigured', NOT_CONFIGURED);
    return recovery;
  };

  const handlers: Handlers = {
    listAccounts: async () => (await current()).data.accounts.map(toView),
    addAccountFromUri: async ({ uri }) => accounts.addFromUri(uri),
    addAccountsFromUri: async ({ uri }) => accounts.addFromAnyUri(uri),
    addAccountManually: async (input) => accounts.addManually(input),
    renameAccount: async ({ id, issuer, name }) => accounts.rename(id, issuer, name),
    removeAccount: async ({ id }) => removals.remove(id),
    undoRemoveAccount: async ({ token }) => removals.undo(token),
    moveAccount: async ({ id, toIndex }) => accounts.move(id, toIndex),
    getCodes: async () => {
      await current();
      return ticker.batch();
    },
    copyCode: async ({ id }) => ({ clearsAt: (await copyAccountCode(id)).clearsAt }),
    exportAccount: async ({ id }) => {
      const account = (await current()).data.accounts.find((a) => a.id === id);
      if (!account) throw new AppError('accountNotFound', 'That account no longer exists (it may have been removed in another window or by the command-line tool).');
      return exportAccountSetup(account);
    },
    setScannerSource: async ({ source }) => {
      capture?.allow(source);
      return null;
    },
    setPinned: async ({ id, pinned }) => accounts.setPinned(id, pinned),
    getTrayMenu: async () => {
      await current();
      return buildTray();
    },
    chooseTrayItem: async ({ itemId }) => {
      await current();
      const item = findTrayItem(buildTray(), itemId);
      if (!item?.action) throw new AppError('invalidRequest', 'That menu item is no longer available; the menu has been updated.');
      if (item.action.type !== 'copyCode') return { action: item.action, copied: null };
      const { clearsAt, account } = await copyAccountCode(item.action.accountId);
      const seconds = Math.max(0, Math.round((clearsAt - clock.now()) / 1000));
      return { action: item.action, copied: { notification: trayCopiedNotification(account, seconds), clearsAt } };
    },
    nextHotpCode: async ({ id }) => {
      const account = await accounts.advanceCounter(id);
      return codeAt(account.id, account.otp, decodeCanonicalKey(account.secret), clock.now());
    },
    getSettings: async () => accounts.settings(),
    updateSettings: async (patch) => accounts.updateSettings(patch),
    previousVaultVersion: async () => vault.previousGeneration(),
    restorePreviousVault: async () => accounts.restorePrevious(),
    startOverVault: async () => {
      const setAside = await vault.startOver();
      log.info(`the vault's key is lost: set it aside as ${setAside.join(', ')} and started with no accounts`);
      await readAndApply();
      return { setAside };
    },
    getBackupStatus: async () => backup.status(),
    signInRecoveryAccount: async () => {
      const { account, existing } = await backup.signIn();
      return { account: { username: account.username, displayName: account.displayName }, existing };
    },
    turnOnBackup: async ({ password }) => backup.turnOn(password),
    cancelTurnOnBackup: async () => {
      await backup.cancelTurnOn();
      return null;
    },
    changeBackupPassword: async ({ currentPassword, password }) => backup.changePassword(currentPassword, password),
    enterNewBackupPassword: async ({ password }) => backup.enterNewPassword(password),
    backUpNow: async () => backup.backUpNow(),
    signInAgain: async () => backup.signInAgain(),
    reopenSignInPage: async () => {
      if (!cloud) throw new AppError('notConfigured', NOT_CONFIGURED);
      await cloud.identity.reopenSignIn();
      return null;
    },
    cancelSignIn: async () => {
      await cloud?.identity.cancelSignIn();
      return null;
    },
    turnOffBackup: async ({ deleteCloudCopy }) => backup.turnOff(deleteCloudCopy),
    recoverySignIn: async () => (await recoveryService()).signIn(),
    recoveryFindBackup: async () => (await recoveryService()).findBackup(),
    recoveryUnlock: async ({ password }) => (await recoveryService()).unlock(password),
    recoveryPreview: async () => (await recoveryService()).preview(),
    // Restore ends with backup on (adopted), so it must not be refused by the "backup is on" rule above.
    recoveryRestore: async ({ mode }) => (await requireRecovery()).restore(mode),
    recoveryCancel: async () => {
      await recovery?.cancel();
      return null;
    },
    verifyAccountOwner: async ({ id }) => (await requireRecovery()).verifyOwner(id),
    reenrollAccount: async ({ id, uri, providerChanged }) => (await requireRecovery()).reenroll(id, uri, { providerChanged: providerChanged === true }),
  };

  return {
    dispatch: createDispatcher(handlers, log),
    accounts,
    clipboard: clipboardService,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    dispose() {
      capture?.allow(null);
      watcher?.close();
      reloadTimer?.();
      ticker.stop();
      removals.dispose();
      backup.dispose();
      clipboardService.dispose();
      sinks.clear();
    },
  };
}
