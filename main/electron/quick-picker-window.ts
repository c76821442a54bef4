import { nativeTheme, screen, type BrowserWindow } from 'electron';
import type { Logger } from '../core/logger.js';
import { quickPickerBounds } from './quick-picker-placement.js';
import { QUICK_PICKER_URL } from './renderer-files.js';
import { createLockedDownWindow } from './window.js';

export interface QuickPickerWindow {
  readonly window: BrowserWindow;
  /** Opens it on the screen the pointer is on, or hides it when it is open (the shortcut pressed again). */
  toggle(): void;
  show(): void;
  hide(): void;
}

interface QuickPickerWindowOptions {
  preloadPath: string;
  log: Logger;
  isQuitting(): boolean;
  platform?: NodeJS.Platform;
}

/**
 * The quick picker's own window: small, frameless, always on top, out of the taskbar, loaded once and kept hidden
 * (so the shortcut opens it at once). It goes away when it loses focus or on Escape, and closing it only hides it
 * until the app quits. Same page, same preferences, same guards as the main window (installed for every contents).
 *
 * On macOS it is a panel (a non-activating window, as Spotlight's): showing it does not make the app the active one,
 * so when it hides the app the person was typing in still has the focus and Cmd+V pastes there, and it opens over
 * full-screen apps too. An ordinary window would activate the app, and hiding it would leave no window focused.
 * Windows and Linux give the focus back to the window below when it hides.
 */
export function createQuickPickerWindow({ preloadPath, log, isQuitting, platform = process.platform }: QuickPickerWindowOptions): QuickPickerWindow {
  const window = createLockedDownWindow({
    ...quickPickerBounds(screen.getPrimaryDisplay().workArea),
    ...(platform === 'darwin' ? { type: 'panel' } : {}),
    title: 'Authenticator quick picker',
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f1f1f' : '#ffffff',
  }, preloadPath);
  window.loadURL(QUICK_PICKER_URL).catch((error: unknown) => log.error('loading the quick picker failed', error));

  const hide = () => {
    if (!window.isDestroyed() && window.isVisible()) window.hide();
  };
  const show = () => {
    if (window.isDestroyed()) return;
    window.setBounds(quickPickerBounds(screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea));
    window.show();
    window.focus();
  };
  window.on('blur', hide);
  // Escape hides it whatever the page shows (the lock screen too); the page hears the key as well.
  window.webContents.on('before-input-event', (_event, input) => {
    if (input.type === 'keyDown' && input.key === 'Escape') hide();
  });
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    hide();
  });
  return { window, show, hide, toggle: () => (window.isVisible() ? hide() : show()) };
}
