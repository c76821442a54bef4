import { z } from 'zod';
import { defaultSettings } from './default-settings.js';
import { formatQuickShortcut, parseQuickShortcut } from './quick-shortcut.js';

export const Theme = z.enum(['system', 'light', 'dark']);

/** When the app lock locks by itself (besides the screen locking, suspend, the tray's Lock and Ctrl/Cmd+L, which always do). */
export const AutoLock = z.enum(['onMinimise', '1m', '5m', '15m', '60m', 'never']);
export type AutoLock = z.infer<typeof AutoLock>;

/** What a click on the tray icon does, where the system hands the click to the app (Windows, most Linux trays). */
export const TrayClick = z.enum(['openWindow', 'openQuickPicker']);
export type TrayClick = z.infer<typeof TrayClick>;

/** A global shortcut the app accepts (quick-shortcut.ts), stored in its one spelling. */
const QuickPickerShortcut = z
  .string()
  .max(100)
  .transform((accelerator, context) => {
    const parsed = parseQuickShortcut(accelerator);
    if (parsed) return formatQuickShortcut(parsed);
    context.addIssue({ code: 'custom', message: 'not a shortcut: a letter, digit or function key with Ctrl, Alt or Cmd' });
    return z.NEVER;
  });

const fields = {
  clipboardClearSeconds: z.number().int().min(5).max(600),
  hideCodes: z.boolean(),
  theme: Theme,
  trayMaxAccounts: z.number().int().min(1).max(50),
  correctClockOffset: z.boolean(),
  autoLock: AutoLock,
  quickPickerOn: z.boolean(),
  quickPickerShortcut: QuickPickerShortcut,
  trayClick: TrayClick,
};

/** App settings: stored in the vault and, later, part of the backup. Defaults let older vaults load unchanged. */
export const Settings = z.object({
  clipboardClearSeconds: fields.clipboardClearSeconds.default(defaultSettings.clipboardClearSeconds),
  hideCodes: fields.hideCodes.default(defaultSettings.hideCodes),
  theme: fields.theme.default(defaultSettings.theme),
  trayMaxAccounts: fields.trayMaxAccounts.default(defaultSettings.trayMaxAccounts),
  correctClockOffset: fields.correctClockOffset.default(defaultSettings.correctClockOffset),
  autoLock: fields.autoLock.default(defaultSettings.autoLock),
  quickPickerOn: fields.quickPickerOn.default(defaultSettings.quickPickerOn),
  quickPickerShortcut: fields.quickPickerShortcut.default(defaultSettings.quickPickerShortcut),
  trayClick: fields.trayClick.default(defaultSettings.trayClick),
});
export type Settings = z.infer<typeof Settings>;

/**
 * A change to some settings. Built from the fields without their defaults: a partial of `Settings` would fill
 * every missing field with its default and so reset settings the change never named.
 */
export const SettingsPatch = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
