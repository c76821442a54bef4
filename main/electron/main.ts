import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { app, dialog, globalShortcut, powerMonitor, safeStorage, session, shell, systemPreferences, type BrowserWindow } from 'electron';
import { createAppCore, type AppCore } from '../core/app-core.js';
import { createCloudServices } from '../core/backup/cloud-services.js';
import { systemClock } from '../core/clock.js';
import { consoleLogger } from '../core/logger.js';
import { nodeHttpTransport } from '../core/net/http-transport.js';
import { defaultDataDir } from '../core/paths.js';
import { CapturePermissions } from './capture-permission.js';
import { chooseKeyStore } from './choose-key-store.js';
import { electronDesktop, electronLoginItems } from './desktop.js';
import { autostartDir, xdgAutostart } from '../core/desktop/xdg-autostart.js';
import { installDisplayCapture } from './display-capture.js';
import { electronClipboard } from './clipboard.js';
import { electronIdleTime, electronLockTriggers, windowHiddenSource } from './lock-triggers.js';
import { createQuickPickerWindow, type QuickPickerWindow } from './quick-picker-window.js';
import { osQuickUnlock } from './quick-unlock.js';
import { connectLinuxBuses, linuxLockSignals } from '../core/lock/linux-lock-signals.js';
import { dialogSaveFile } from './save-file-dialog.js';
import { dialogSecretReleaseConfirmation } from './secret-release-dialog.js';
import { createTray, notify } from './tray.js';
import { wireIpc } from './ipc.js';
import { screenCaptureFeature } from './wayland-capture.js';
import { createMainWindow, installPermissionHandlers, installWebContentsGuards, registerAppScheme, serveRenderer } from './window.js';

/**
 * The Electron composition root: the same core as the browser harness and the command-line tool, wired to
 * Electron's window, IPC and safeStorage. Everything here is wiring; behaviour lives in main/core.
 */
const log = consoleLogger();
const dataDir = defaultDataDir();

// Before anything else: the single-instance lock is keyed on userData, and the command-line tool finds the vault here.
app.setPath('userData', dataDir);
// Chromium's caches and web storage go in a subfolder, away from the vault and its watcher.
app.setPath('sessionData', path.join(dataDir, 'Session'));

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the vault and the window; it is told (second-instance) and shows itself.
  app.quit();
} else {
  start();
}

function start(): void {
  app.enableSandbox();
  // Under Wayland, "Scan screen" goes through the desktop portal (wayland-capture.ts); a switch must be set before ready.
  const captureFeature = screenCaptureFeature(process.env, process.platform);
  if (captureFeature) app.commandLine.appendSwitch('enable-features', captureFeature);
  registerAppScheme();
  installWebContentsGuards(log);

  let window: BrowserWindow | null = null;
  /** The quick picker's window, made once the app is ready and kept (hidden) until quit. */
  let quickPicker: QuickPickerWindow | null = null;
  let appCore: AppCore | undefined;
  // The camera and screen capture the QR scanner may use; the core switches them through setScannerSource.
  const capture = new CapturePermissions();
  // The window minimised or hidden: a moment the app lock may lock (Settings > Security > App lock > Auto-lock).
  const windowHidden = windowHiddenSource();
  /** Set once the tray icon exists: from then on closing the window hides it, and only Quit quits. */
  let inTray = false;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  // safeStorage answers only once the app is ready; IPC handlers wait for this promise, so the window need not.
  const core = app.whenReady().then(async () => {
    // The core watches this folder for the command-line tool's changes; on a first run it must exist to be watched.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const keyStore = await chooseKeyStore({ dataDir, safeStorage, log });
    const clock = systemClock();
    // Null without a client id: the backup page then explains how to configure one.
    const cloud = await createCloudServices({ dataDir, keyStore, clock, log, transport: nodeHttpTransport(), openBrowser: openWebPage });
    // A setup key leaves main only after main's own dialog on the window says yes (the page's warning is no consent).
    const secretRelease = dialogSecretReleaseConfirmation((parent, options) => dialog.showMessageBox(parent, options), () => window);
    // An export file goes where the person chooses in main's save dialog; the page never names a path.
    const saveFile = dialogSaveFile((parent, options) => dialog.showSaveDialog(parent, options), () => window);
    // Electron has no lock-screen event on Linux: the screensaver and logind tell it over D-Bus.
    const linux = process.platform === 'linux' ? [linuxLockSignals(connectLinuxBuses(), (error) => log.error('listening for the screen lock failed', error))] : [];
    const lockTriggers = electronLockTriggers(powerMonitor, windowHidden.source, ...linux);
    appCore = createAppCore({
      dataDir, keyStore, clock, log, clipboard: electronClipboard(), capture, cloud, secretRelease, saveFile, openBrowser: openWebPage, appVersion: app.getVersion(),
      importOptions: { workerFile: path.join(appRoot, 'build', 'electron', 'decrypt-worker.cjs') },
      idleTime: electronIdleTime(powerMonitor), lockTriggers, quickUnlock: osQuickUnlock(process.platform, systemPreferences),
      desktop: electronDesktop(
        {
          globalShortcut,
          startAtLogin: startAtLogin(),
        },
        { toggle: () => quickPicker?.toggle(), hide: () => quickPicker?.hide() },
      ),
    });
    return appCore;
  });

  const appRoot = app.getAppPath();
  const preloadPath = path.join(appRoot, 'build', 'electron', 'preload.cjs');
  const openWindow = (): BrowserWindow => {
    const created = createMainWindow({ preloadPath, log });
    // Close to tray: the app keeps running (and copying codes from the tray) until Quit.
    created.on('close', (event) => {
      if (quitting || !inTray) return;
      event.preventDefault();
      created.hide();
      showTrayHintOnce();
    });
    created.on('closed', () => {
      if (window === created) window = null;
      // Without a tray icon (it failed to start), closing the window quits as before (not on macOS). Not on
      // window-all-closed: the quick picker's hidden window is never closed.
      if (process.platform !== 'darwin' && !inTray) app.quit();
    });
    // A hidden window, a reloaded or crashed page cannot have a scanner open: whatever it allowed ends here.
    created.on('hide', () => capture.allow(null));
    created.on('hide', windowHidden.hidden);
    created.on('minimize', windowHidden.hidden);
    created.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) capture.allow(null);
    });
    created.webContents.on('render-process-gone', () => capture.allow(null));
    window = created;
    return created;
  };

  const showWindow = () => {
    if (!app.isReady()) return; // the window opens on ready anyway
    const current = window && !window.isDestroyed() ? window : openWindow();
    if (current.isMinimized()) current.restore();
    current.show();
    current.focus();
  };

  app.on('second-instance', showWindow);

  app
    .whenReady()
    .then(() => {
      installPermissionHandlers(session.defaultSession, capture);
      installDisplayCapture(session.defaultSession, capture, log);
      serveRenderer(path.join(appRoot, 'build', 'renderer'), log);
      // Handlers before the window, so the page's first calls find them.
      wireIpc({ getWindows: () => [window, quickPicker?.window ?? null], core, log });
      openWindow();
      quickPicker = createQuickPickerWindow({ preloadPath, log, isQuitting: () => quitting });
      core
        .then((readyCore) => {
          createTray({ core: readyCore, showWindow, showQuickPicker: () => quickPicker?.show(), iconsDir: path.join(appRoot, 'build', 'icons'), quit: () => app.quit(), log });
          inTray = true;
        })
        .catch((error: unknown) => log.error('the tray icon could not be created', error));
      // macOS keeps the app alive without windows; the dock icon brings one back (or shows the one hidden in the tray).
      app.on('activate', showWindow);
    })
    .catch((error: unknown) => {
      log.error('the app could not start', error);
      app.exit(1);
    });

  // Listening keeps Electron from quitting by itself; the main window's 'closed' decides (above).
  app.on('window-all-closed', () => undefined);

  // On the way out, a code still on the clipboard is cleared (only if it is still ours); then the core stops.
  let flushed = false;
  app.on('will-quit', (event) => {
    if (flushed || !appCore) {
      appCore?.dispose();
      return;
    }
    event.preventDefault();
    flushed = true;
    const stopping = appCore;
    stopping.clipboard
      .flush()
      .catch((error: unknown) => log.error('clearing the clipboard on quit failed', error))
      .finally(() => {
        stopping.dispose();
        app.quit();
      });
  });
}

/**
 * The system browser, for pages main chose: the recovery account's sign-in page and main's fixed help pages (never
 * an address from the window). Only a web page is handed to the OS: https, or http on this machine (the local
 * emulators); never a file or a custom scheme.
 */
async function openWebPage(url: string): Promise<void> {
  const { protocol, hostname } = new URL(url);
  const loopback = hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  if (protocol !== 'https:' && !(protocol === 'http:' && loopback)) throw new Error('only a web address opens in the browser');
  await shell.openExternal(url);
}

/**
 * Start at login for an installed build (a development run would start a bare Electron): Electron's login items on
 * macOS and Windows; on Linux, where Electron has none, an XDG autostart entry (the AppImage's own path for an AppImage).
 */
function startAtLogin() {
  if (!app.isPackaged) return null;
  if (process.platform !== 'linux') return electronLoginItems(app);
  return xdgAutostart(autostartDir(process.env, homedir()), process.env.APPIMAGE ?? process.execPath);
}

/** The first time the window closes to the tray, say where the app went. Remembered with a marker file in the data folder. */
function showTrayHintOnce(): void {
  const marker = path.join(dataDir, 'tray-hint-shown');
  if (existsSync(marker)) return;
  notify('Authenticator is still running in the tray. Choose Quit from its menu to close it.');
  try {
    writeFileSync(marker, `${new Date().toISOString()}\n`, { mode: 0o600 });
  } catch (error) {
    log.error('could not remember that the tray hint was shown', error);
  }
}
