import { z } from 'zod';

/**
 * Where the quick picker's global shortcut stands: registered ('on'), turned off in Settings, refused by the system
 * (another app holds it, or the desktop allows none), or not a thing this host has (the browser harness).
 */
export const QuickPickerShortcutState = z.enum(['on', 'off', 'refused', 'notAvailable']);
export type QuickPickerShortcutState = z.infer<typeof QuickPickerShortcutState>;

/** The app's place on the desktop, as Settings shows it. `startAtLogin` is null where the host cannot (the harness). */
export const DesktopStatus = z.object({
  quickPickerShortcut: QuickPickerShortcutState,
  startAtLogin: z.boolean().nullable(),
});
export type DesktopStatus = z.infer<typeof DesktopStatus>;
