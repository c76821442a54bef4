import type { DesktopStatus, QuickPickerShortcutState } from '../../../shared/desktop.js';
import { AppError } from '../../../shared/errors.js';
import type { Settings } from '../../../shared/settings.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import type { DesktopPort } from './desktop-port.js';

/** The shortcut the settings ask for, or null for none. */
export function wantedShortcut(settings: Pick<Settings, 'quickPickerOn' | 'quickPickerShortcut'>): string | null {
  return settings.quickPickerOn ? settings.quickPickerShortcut : null;
}

/**
 * The app on the desktop: keeps the quick picker's global shortcut as the settings say (registered when the vault's
 * settings are read, again whenever they change; a locked app keeps the one it had) and reports when the system refuses
 * it, so Settings can say so. Start at login goes straight to the OS, which keeps it.
 */
export function desktopHandlers(
  { follower, bus, log, onDispose }: CoreContext,
  desktop: DesktopPort | undefined,
): FeatureHandlers<'getDesktopStatus' | 'setStartAtLogin' | 'hideQuickPicker'> {
  let applied: string | null = null;
  let shortcut: QuickPickerShortcutState = desktop ? 'off' : 'notAvailable';
  const status = (): DesktopStatus => ({ quickPickerShortcut: shortcut, startAtLogin: desktop?.startAtLogin?.get() ?? null });

  if (desktop) {
    follower.onChange((snapshot) => {
      const wanted = wantedShortcut(snapshot.data.settings);
      if (wanted === applied) return;
      applied = wanted;
      const registered = desktop.registerQuickPickerShortcut(wanted);
      shortcut = wanted === null ? 'off' : registered ? 'on' : 'refused';
      bus.emit('desktopStatusChanged', status());
    });
    onDispose(() => desktop.registerQuickPickerShortcut(null));
  }

  return {
    getDesktopStatus: async () => status(),
    setStartAtLogin: async ({ on }) => {
      if (!desktop?.startAtLogin) throw new AppError('invalidRequest', 'Starting at login is not available here.');
      try {
        await desktop.startAtLogin.set(on);
      } catch (error) {
        log.error('changing start at login failed', error);
        throw new AppError('storageError', 'Starting at login could not be changed. Please try again.');
      }
      const next = status();
      bus.emit('desktopStatusChanged', next);
      return next;
    },
    hideQuickPicker: async () => {
      desktop?.hideQuickPicker();
      return null;
    },
  };
}
