import path from 'node:path';
import type { TrayIcon } from '../../shared/tray.js';

/**
 * The rendered tray image for a state (scripts/render-icons.ts writes build/icons/tray/): a black template on macOS
 * (the system tints it), light or dark elsewhere to stand out on the panel. The 1x file is named; Electron picks the
 * @2x beside it on a HiDPI screen.
 */
export function trayIconFile(iconsDir: string, icon: TrayIcon, platform: NodeJS.Platform, darkPanel: boolean): string {
  const state = { plain: '', backupOutOfDate: '-dot', locked: '-locked' }[icon];
  const theme = platform === 'darwin' ? 'Template' : darkPanel ? 'Dark' : 'Light';
  return path.join(iconsDir, 'tray', `tray${state}${theme}.png`);
}
