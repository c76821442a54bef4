import { Menu, Notification, Tray, nativeImage, nativeTheme, type NativeImage } from 'electron';
import { AppError } from '../../shared/errors.js';
import type { TrayIcon, TrayMenu } from '../../shared/tray.js';
import type { AppCore } from '../core/app-core.js';
import type { Logger } from '../core/logger.js';
import { trayIconFile } from './tray-icon-file.js';
import { trayMenuTemplate } from './tray-menu-template.js';

export interface TrayWiring {
  core: AppCore;
  showWindow: () => void;
  showQuickPicker: () => void;
  /** build/icons, where scripts/render-icons.ts put the tray images. */
  iconsDir: string;
  quit: () => void;
  log: Logger;
}

/** A short notification, when the platform has them (silently nothing otherwise). */
export function notify(body: string): void {
  if (Notification.isSupported()) new Notification({ title: 'Authenticator', body, silent: true }).show();
}

/**
 * The tray icon: renders the core's tray model (rebuilt only when the core sends trayMenuChanged, i.e. when codes roll
 * over or accounts or settings change) and sends choices back through the same contract method the harness page uses,
 * so copying goes through the core's ClipboardService with its auto-clear. Returns a function that removes it.
 */
export function createTray({ core, showWindow, showQuickPicker, iconsDir, quit, log }: TrayWiring): () => void {
  let icon: TrayIcon = 'plain';
  const image = () => trayImage(iconsDir, icon);
  const tray = new Tray(image());
  tray.setToolTip('Authenticator');

  const choose = async (itemId: string) => {
    const choice = await core.client.chooseTrayItem({ itemId }).catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      notify(error.message);
      return null;
    });
    if (!choice) return;
    const { action, copied } = choice;
    if (copied) notify(copied.notification);
    else if (action.type === 'openWindow' || action.type === 'showAllAccounts') showWindow();
    else if (action.type === 'quit') quit();
    // 'lock': main has locked the app already (chooseTrayItem); the window follows lockChanged.
  };
  const render = (menu: TrayMenu) => {
    tray.setToolTip(menu.tooltip);
    if (menu.icon !== icon) {
      icon = menu.icon;
      tray.setImage(image());
    }
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(menu, (id) => void choose(id).catch((error: unknown) => log.error('a tray action failed', error)))));
  };

  const unsubscribe = core.on('trayMenuChanged', render);
  core.client.getTrayMenu({}).then(render, (error: unknown) => log.error('the tray menu could not be built', error));
  // Windows: a left click on the icon opens the window or the quick picker, as Settings say (the menu is on the right
  // button); elsewhere a click opens the menu. Settings unreadable (locked since start): the window, which asks to unlock.
  const onClick = () =>
    core.client.getSettings({}).then(
      (settings) => (settings.trayClick === 'openQuickPicker' ? showQuickPicker() : showWindow()),
      () => showWindow(),
    );
  if (process.platform === 'win32') tray.on('click', () => void onClick());
  const onTheme = () => tray.setImage(image());
  nativeTheme.on('updated', onTheme);

  return () => {
    unsubscribe();
    nativeTheme.removeListener('updated', onTheme);
    tray.destroy();
  };
}

/** The rendered image for the state (tray-icon-file.ts); a template on macOS, so the menu bar tints it. */
function trayImage(iconsDir: string, icon: TrayIcon): NativeImage {
  const image = nativeImage.createFromPath(trayIconFile(iconsDir, icon, process.platform, nativeTheme.shouldUseDarkColors));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}
