// Type-only: the template is plain data, so it is tested in Node without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayMenu } from '../../shared/tray.js';

/**
 * The model's menu as an Electron menu template. On Windows and Linux "&" in a label marks a keyboard mnemonic,
 * so a literal "&" (an issuer like "AT&T") is doubled there.
 */
export function trayMenuTemplate(menu: TrayMenu, choose: (itemId: string) => void, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const escape = (label: string) => (platform === 'darwin' ? label : label.replaceAll('&', '&&'));
  return menu.entries.map((entry): MenuItemConstructorOptions => {
    if (entry.type === 'separator') return { type: 'separator', id: entry.id };
    return {
      id: entry.id,
      label: escape(entry.label),
      enabled: entry.enabled && entry.action !== null,
      click: () => choose(entry.id),
    };
  });
}
