import type { DesktopPort } from '../core/desktop/desktop-port.js';

/** The few Electron calls the port makes (globalShortcut), and the login items, so it is tested with fakes. */
export interface DesktopApis {
  globalShortcut: { register(accelerator: string, callback: () => void): boolean; unregister(accelerator: string): void };
  startAtLogin: DesktopPort['startAtLogin'];
}

/** Electron's login items (macOS and Windows; on Linux main uses XDG autostart instead). */
export function electronLoginItems(app: { getLoginItemSettings(): { openAtLogin: boolean }; setLoginItemSettings(settings: { openAtLogin: boolean }): void }): NonNullable<DesktopPort['startAtLogin']> {
  return { get: () => app.getLoginItemSettings().openAtLogin, set: (on) => app.setLoginItemSettings({ openAtLogin: on }) };
}

/** The desktop port over Electron: one global shortcut at a time, which opens (or closes) the quick picker. */
export function electronDesktop(apis: DesktopApis, quickPicker: { toggle(): void; hide(): void }): DesktopPort {
  let registered: string | null = null;
  return {
    registerQuickPickerShortcut(accelerator) {
      if (registered !== null) apis.globalShortcut.unregister(registered);
      registered = null;
      if (accelerator === null) return true;
      // Electron answers false (or throws, for a spelling it does not know) when another app holds the shortcut.
      let ok: boolean;
      try {
        ok = apis.globalShortcut.register(accelerator, () => quickPicker.toggle());
      } catch {
        ok = false;
      }
      if (ok) registered = accelerator;
      return ok;
    },
    hideQuickPicker: () => quickPicker.hide(),
    startAtLogin: apis.startAtLogin,
  };
}
