import { hostname } from 'node:os';
import type { ScannerSource } from '../../shared/contract.js';
import { accountsHandlers } from './accounts/accounts-handlers.js';
import { AccountsService } from './accounts/accounts-service.js';
import { nobodyToAsk, type SecretReleaseConfirmation } from './accounts/secret-release-confirmation.js';
import { backupHandlers } from './backup/backup-handlers.js';
import { BackupService } from './backup/backup-service.js';
import type { CloudStore } from './backup/cloud-store.js';
import { clipboardFeature } from './clipboard/clipboard-handlers.js';
import type { ClipboardPort } from './clipboard/clipboard-port.js';
import type { ClipboardService } from './clipboard/clipboard-service.js';
import { correctableClock, type Clock } from './clock.js';
import { clockSkewFeature } from './clock-skew/clock-skew-handlers.js';
import type { ServerDateFeed } from './clock-skew/server-dates.js';
import type { CoreContext } from './core-context.js';
import { exportHandlers } from './export/export-handlers.js';
import { nowhereToSave, type SaveFilePort } from './export/save-file-port.js';
import { desktopHandlers } from './desktop/desktop-handlers.js';
import type { DesktopPort } from './desktop/desktop-port.js';
import { helpHandlers } from './help/help-handlers.js';
import type { BrowserOpener, RecoveryIdentity } from './identity/recovery-identity.js';
import { importHandlers, type ImportFeatureOptions } from './import/import-handlers.js';
import type { KeyStore } from './keystore/key-store.js';
import { AppLock } from './lock/app-lock.js';
import type { IdleTime, LockTriggers } from './lock/auto-lock.js';
import type { QuickUnlockPort } from './lock/quick-unlock.js';
import { lockHandlers } from './lock/lock-handlers.js';
import type { Logger } from './logger.js';
import { codesFeature } from './otp/codes-handlers.js';
import { recoveryHandlers } from './recovery/recovery-handlers.js';
import { createCoreClient, type CoreClient } from './rpc/core-client.js';
import { createDispatcher, type Dispatch, type Handlers } from './rpc/dispatcher.js';
import { EventBus, type EventSink } from './rpc/event-bus.js';
import { settingsHandlers } from './settings/settings-handlers.js';
import { trayHandlers } from './tray/tray-handlers.js';
import { vaultHandlers } from './vault/vault-handlers.js';
import { VaultFollower } from './vault/vault-follower.js';
import { Vault } from './vault/vault.js';

export type { EventSink } from './rpc/event-bus.js';

export interface CoreDeps {
  dataDir: string;
  keyStore: KeyStore;
  clock: Clock;
  log: Logger;
  /** The system clipboard (Electron's, or the harness's in-memory one). Without it, copying reports an error. */
  clipboard?: ClipboardPort;
  /**
   * The recovery account and its OneDrive app folder; null or absent when no client id is configured. `serverDates`:
   * the Date of each of their answers, from which this computer's clock offset is measured.
   */
  cloud?: { identity: RecoveryIdentity; store: CloudStore; serverDates?: ServerDateFeed } | null;
  /** Written into backups ("from which device"); the host name by default. */
  deviceName?: string;
  appVersion?: string;
  /**
   * What the host's permission handlers let the page capture for the QR scanner (Electron: the camera while the
   * scanner is open, one capture of the primary screen). Absent where the browser asks the person itself (harness).
   */
  capture?: { allow(source: ScannerSource): void };
  /** Import: where the bundled decryption worker is (Electron), the KDF memory cap (tests). */
  importOptions?: ImportFeatureOptions;
  /** The system's idle time (Electron's powerMonitor); absent: auto-lock counts from the page's last input (harness). */
  idleTime?: IdleTime;
  /** The screen locking, suspend, the window hidden (Electron, and D-Bus on Linux); absent where the host has none. */
  lockTriggers?: LockTriggers;
  /** Quick unlock by the OS (Touch ID on macOS; the others say they are not available); absent in the harness. */
  quickUnlock?: QuickUnlockPort;
  /**
   * Asks the person, from main, before a secret leaves (exportAccount): a dialog in the Electron app, the terminal in
   * the harness. Without it nothing is released.
   */
  secretRelease?: SecretReleaseConfirmation;
  /** Where an export file goes: main's save dialog (Electron), the exports folder (harness). Without it nothing is saved. */
  saveFile?: SaveFilePort;
  /** The system browser, for main's fixed help pages (openHelpLink). Without it they cannot be opened. */
  openBrowser?: BrowserOpener;
  /** The quick picker's global shortcut and window, start at login (Electron); absent in the harness. */
  desktop?: DesktopPort;
}

export interface AppCore {
  /** What every host's transport calls with the window's requests. */
  dispatch: Dispatch;
  /** The same contract, typed, for callers inside main (the tray, the hosts' own pages, tests). */
  client: CoreClient;
  accounts: AccountsService;
  clipboard: ClipboardService;
  /** Subscribes to the events main pushes, each already parsed by its contract schema; returns an unsubscribe function. */
  subscribe(sink: EventSink): () => void;
  /** One event, typed, for listeners inside main (the tray). */
  on: EventBus['on'];
  dispose(): void;
}

/**
 * The app without its host. This file only wires: each feature (accounts, codes, clipboard and scanner, tray,
 * settings, vault, backup, recovery) owns its services, its part of the contract's handler table and the events it
 * emits. The Electron app, the browser harness and the command-line tool each wire this with their own adapters.
 */
export function createAppCore({ dataDir, keyStore, clock: hostClock, log, clipboard, cloud, deviceName, appVersion, capture, importOptions, idleTime, lockTriggers, quickUnlock, secretRelease, saveFile, openBrowser, desktop }: CoreDeps): AppCore {
  const stops: (() => void)[] = [];
  // The host's clock, plus the measured offset when the person asks codes to follow Microsoft's time (clock-skew/).
  const clock = correctableClock(hostClock);
  const bus = new EventBus(log);
  const vault = new Vault(dataDir, keyStore, { clock });
  const follower = new VaultFollower(vault, clock, log);
  const accounts = new AccountsService(vault, follower.apply, clock);
  const appLock = new AppLock(vault, clock, quickUnlock ?? null);
  const context: CoreContext = { vault, follower, accounts, bus, clock, log, appLock, onDispose: (stop) => stops.push(stop) };
  const backup = new BackupService({
    dataDir,
    keyStore,
    clock,
    log,
    cloud: cloud ?? null,
    readVault: () => vault.read(),
    deviceName: deviceName ?? hostname(),
    appVersion: appVersion ?? 'unknown',
    onStatus: (status) => bus.emit('backupStatusChanged', status),
  });
  stops.push(() => backup.dispose());

  // In the order a new snapshot is taken in: codes first, then the window, settings, the tray, and the backup.
  const codes = codesFeature(context);
  const accountsPart = accountsHandlers(context, { confirmation: secretRelease ?? nobodyToAsk, lock: { isLocked: () => appLock.isLocked, isOn: () => appLock.isOn, verifyPassword: (password) => appLock.verifyPassword(password) } });
  const settingsPart = settingsHandlers(context);
  const clockSkew = clockSkewFeature(context, clock, codes, cloud?.serverDates ?? null);
  const clipboardPart = clipboardFeature(context, clipboard, capture);
  const trayPart = trayHandlers(context, codes, clipboardPart, clockSkew, backup);
  const backupPart = backupHandlers(context, backup, cloud?.identity ?? null);
  const handlers: Handlers = {
    ...accountsPart,
    ...codes.handlers,
    ...clipboardPart.handlers,
    ...trayPart,
    ...settingsPart,
    ...clockSkew.handlers,
    ...vaultHandlers(context),
    ...backupPart,
    ...recoveryHandlers(context, backup, cloud ?? null),
    ...importHandlers(context, importOptions),
    ...lockHandlers(context, { idleTime, lockTriggers }),
    ...helpHandlers(openBrowser),
    ...exportHandlers(context, { confirmation: secretRelease ?? nobodyToAsk, saveFile: saveFile ?? nowhereToSave, deviceName: deviceName ?? hostname(), appVersion: appVersion ?? 'unknown' }),
    ...desktopHandlers(context, desktop),
  };
  follower.start();

  const dispatch = createDispatcher(handlers, log);
  return {
    dispatch,
    client: createCoreClient(dispatch),
    accounts,
    clipboard: clipboardPart.service,
    subscribe: (sink) => bus.subscribe(sink),
    on: (event, listener) => bus.on(event, listener),
    dispose() {
      follower.dispose();
      for (const stop of stops) stop();
      bus.clear();
    },
  };
}
