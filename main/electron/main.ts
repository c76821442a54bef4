import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, safeStorage, session } from 'electron';
import { createAppCore, type AppCore } from '../core/app-core.js';
import { systemClock } from '../core/clock.js';
import { consoleLogger } from '../core/logger.js';
import { defaultDataDir } from '../core/paths.js';
import { chooseKeyStore } from './choose-key-store.js';
import { wireIpc } from './ipc.js';
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
  registerAppScheme();
  installWebContentsGuards(log);

  let window: BrowserWindow | null = null;
  let appCore: AppCore | undefined;

  // safeStorage answers only once the app is ready; IPC handlers wait for this promise, so the window need not.
  const core = app.whenReady().then(async () => {
    // The core watches this folder for the command-line tool's changes; on a first run it must exist to be watched.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const keyStore = await chooseKeyStore({ dataDir, safeStorage, log });
    appCore = createAppCore({ dataDir, keyStore, clock: systemClock(), log });
    return appCore;
  });

  const appRoot = app.getAppPath();
  const openWindow = (): BrowserWindow => {
    const created = createMainWindow({ preloadPath: path.join(appRoot, 'build', 'electron', 'preload.cjs'), log });
    created.on('closed', () => {
      if (window === created) window = null;
    });
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
      installPermissionHandlers(session.defaultSession);
      serveRenderer(path.join(appRoot, 'build', 'renderer'), log);
      // Handlers before the window, so the page's first calls find them.
      wireIpc({ getWindow: () => window, core, log });
      openWindow();
      // macOS keeps the app alive without windows; the dock icon brings one back.
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => {
      log.error('the app could not start', error);
      app.exit(1);
    });

  // Staying in the tray when the window closes is a later issue; until then closing the window quits (not on macOS).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => appCore?.dispose());
}
