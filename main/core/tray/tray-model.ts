import type { AccountView, CodeBatch } from '../../../shared/account.js';
import { accountLabel } from '../../../shared/account-label.js';
import { offsetDirection } from '../../../shared/clock-offset-text.js';
import type { ClockStatus } from '../../../shared/clock-status.js';
import { groupDigits } from '../../../shared/group-digits.js';
import type { Settings } from '../../../shared/settings.js';
import type { TrayEntry, TrayItem, TrayMenu } from '../../../shared/tray.js';

export interface TrayLockState {
  /** Whether app lock exists (and is set up); the Lock item is hidden until then. */
  available: boolean;
  locked: boolean;
}

export interface TrayModelInput {
  /** In display order (the order of the tiles). */
  accounts: readonly AccountView[];
  codes: CodeBatch | null;
  settings: Pick<Settings, 'trayMaxAccounts'>;
  lock: TrayLockState;
  /** This computer's clock against Microsoft's; a line when it is off. Absent: nothing measured. */
  clock?: ClockStatus;
  /** The last backup attempt failed: the icon shows the red dot (as the window does). */
  backupOutOfDate?: boolean;
}

export const TRAY_ITEM = {
  account: (id: string) => `account:${id}`,
  open: 'open',
  allAccounts: 'all-accounts',
  lock: 'lock',
  quit: 'quit',
  clock: 'clock',
} as const;

/**
 * How long an issuer and an account name may be in the tray, in characters, ellipsis included. A native menu item
 * is as wide as its longest label, so one 200-character name would make the whole menu span the screen; the window
 * shows the full text.
 */
export const TRAY_TEXT_LIMIT = { issuer: 24, name: 32 } as const;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` characters with "…" at the end when it is longer. Characters are grapheme clusters
 * (what a person sees as one character), so neither a surrogate pair nor an emoji sequence or a letter with its
 * combining accent is cut in half; the space before the ellipsis is dropped.
 */
export function shortenForTray(text: string, max: number): string {
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  if (parts.length <= max) return text;
  return `${parts.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/** The account with its issuer and name each shortened to its tray limit. */
function shortened(account: Pick<AccountView, 'issuer' | 'name'>): Pick<AccountView, 'issuer' | 'name'> {
  return { issuer: shortenForTray(account.issuer, TRAY_TEXT_LIMIT.issuer), name: shortenForTray(account.name, TRAY_TEXT_LIMIT.name) };
}

/** The notification after the tray copied a code: the account named as in the menu (accountLabel, shortened). */
export function trayCopiedNotification(account: Pick<AccountView, 'issuer' | 'name'>, clearsInSeconds: number): string {
  return `Code for ${accountLabel(shortened(account))} copied; clears in ${clearsInSeconds} s`;
}

/**
 * The tray menu, as a pure function of what main knows: accounts in tile order with their current codes, settings
 * and lock state. Over `trayMaxAccounts` accounts only the pinned ones are listed, plus "All accounts…".
 */
export function trayMenu({ accounts, codes, settings, lock, clock, backupOutOfDate = false }: TrayModelInput): TrayMenu {
  const entries: TrayEntry[] = [];
  const item = (id: string, label: string, enabled: boolean, action: TrayItem['action']): TrayItem => ({ type: 'item', id, label, enabled, action });
  const separator = (id: string): TrayEntry => ({ type: 'separator', id });

  if (lock.locked) {
    entries.push(item('locked', 'Locked', false, null), separator('sep-accounts'), item(TRAY_ITEM.open, 'Unlock…', true, { type: 'openWindow' }));
  } else {
    if (clock?.off && clock.offsetMs !== null) {
      // Opens the window, whose banner says how to fix the clock and offers the correction.
      const effect = clock.correctionMs === 0 ? 'codes may be refused' : 'codes corrected';
      entries.push(item(TRAY_ITEM.clock, `Clock ${offsetDirection(clock.offsetMs)}: ${effect}`, true, { type: 'openWindow' }), separator('sep-clock'));
    }
    const byId = new Map((codes?.codes ?? []).map((code) => [code.id, code]));
    const max = settings.trayMaxAccounts;
    const overflow = accounts.length > max;
    const listed = overflow ? accounts.filter((a) => a.pinned).slice(0, max) : accounts;
    if (accounts.length === 0) entries.push(item('no-accounts', 'No accounts yet', false, null));
    if (overflow && listed.length === 0) entries.push(item('no-pinned', 'Pin accounts to list them here', false, null));
    for (const account of listed) {
      const named = accountLabel(shortened(account));
      const code = byId.get(account.id);
      if (account.needsVerification) entries.push(item(TRAY_ITEM.account(account.id), `${named} – Action required`, false, null));
      else if (!code) entries.push(item(TRAY_ITEM.account(account.id), `${named} …`, false, null));
      else entries.push(item(TRAY_ITEM.account(account.id), `${named} ${groupDigits(code.code)}`, true, { type: 'copyCode', accountId: account.id }));
    }
    if (overflow) entries.push(item(TRAY_ITEM.allAccounts, 'All accounts…', true, { type: 'showAllAccounts' }));
    entries.push(separator('sep-accounts'), item(TRAY_ITEM.open, 'Open Authenticator', true, { type: 'openWindow' }));
    if (lock.available) entries.push(item(TRAY_ITEM.lock, 'Lock', true, { type: 'lock' }));
  }
  entries.push(separator('sep-quit'), item(TRAY_ITEM.quit, 'Quit', true, { type: 'quit' }));
  const icon = lock.locked ? 'locked' : backupOutOfDate ? 'backupOutOfDate' : 'plain';
  return { tooltip: lock.locked ? 'Authenticator (locked)' : backupOutOfDate ? 'Authenticator (backup out of date)' : 'Authenticator', icon, entries };
}

/** The enabled item with `id`, if the menu has it. */
export function findTrayItem(menu: TrayMenu, id: string): TrayItem | undefined {
  return menu.entries.find((e): e is TrayItem => e.type === 'item' && e.id === id && e.enabled);
}
