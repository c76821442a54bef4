import { z } from 'zod';
import { AccountId } from './account.js';

/**
 * The tray menu as data: main's pure tray model produces it, the Electron adapter renders it as a native menu and
 * the browser harness as a page of buttons. Choosing an item goes back through `chooseTrayItem` by its id.
 */
export const TrayAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('copyCode'), accountId: AccountId }),
  z.object({ type: z.literal('openWindow') }),
  /** "All accounts…": opens the window (the menu lists only pinned accounts). */
  z.object({ type: z.literal('showAllAccounts') }),
  z.object({ type: z.literal('lock') }),
  z.object({ type: z.literal('quit') }),
]);
export type TrayAction = z.infer<typeof TrayAction>;

export const TrayItemId = z.string().min(1).max(128);

export const TrayEntry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('item'),
    id: TrayItemId,
    label: z.string(),
    enabled: z.boolean(),
    /** null for an item that only informs ("No accounts yet"). */
    action: TrayAction.nullable(),
  }),
  z.object({ type: z.literal('separator'), id: TrayItemId }),
]);
export type TrayEntry = z.infer<typeof TrayEntry>;
export type TrayItem = Extract<TrayEntry, { type: 'item' }>;

/** Which of the rendered tray images (build/icons/tray/) shows: the red dot when the backup is out of date, a padlock when locked. */
export const TrayIcon = z.enum(['plain', 'backupOutOfDate', 'locked']);
export type TrayIcon = z.infer<typeof TrayIcon>;

export const TrayMenu = z.object({
  /** Tooltip of the tray icon. */
  tooltip: z.string(),
  icon: TrayIcon,
  entries: z.array(TrayEntry),
});
export type TrayMenu = z.infer<typeof TrayMenu>;

/** What choosing an item did in main; the host does the rest (show the notification, open the window, quit). */
export const TrayChoice = z.object({
  action: TrayAction,
  /** Set when a code was copied: the notification text and when the clipboard clears (main's clock, ms epoch). */
  copied: z.object({ notification: z.string(), clearsAt: z.number().nullable() }).nullable(),
});
export type TrayChoice = z.infer<typeof TrayChoice>;
