import { z } from 'zod';
import { AccountId, AccountView, CodeBatch, CodeView, ManualAccountInput, SameNameChoice } from './account.js';
import { ClockStatus } from './clock-status.js';
import { BackupPassword, BackupStatus, BackupSummary, RecoveryAccountView } from './backup.js';
import { MAX_BACKUP_BASE64_CHARS } from './backup-limits.js';
import type { EventName, MethodName } from './contract-names.js';
import { DesktopStatus } from './desktop.js';
import type { AppErrorData } from './errors.js';
import { ExportReply, ExportRequest } from './export.js';
import { ImportFileInput, ImportOpened, ImportPreview, ImportProgress, ImportReport, ImportSession } from './import.js';
import { LockPassword, LockStatus } from './lock.js';
import { RecoveryPreview, RecoverySummary, RestoreMode } from './recovery.js';
import { Settings, SettingsPatch } from './settings.js';
import { TrayChoice, TrayItemId, TrayMenu } from './tray.js';

/**
 * The one declaration of everything that crosses between main and the renderer.
 * Requests are strict (unknown keys are rejected); replies are parsed too, which strips anything a handler
 * returned by mistake, so a stray secret field can never reach the page.
 */
const NoInput = z.object({}).strict();
const Nothing = z.null();

/** A random token naming a delete that can still be undone (128 bits, base64url). */
const UndoToken = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an undo token');

/** What the QR scanner is reading from, live: the camera, one screen capture, or nothing. */
export const ScannerSource = z.enum(['camera', 'screen']).nullable();
export type ScannerSource = z.infer<typeof ScannerSource>;

/**
 * Accounts added from a link or QR code. For a Google Authenticator export (null for an otpauth:// link): which of its
 * QR codes this was (0-based `index` of `size`) and the export's `id`, the same on each of its codes.
 */
export const ImportResult = z.object({
  accounts: z.array(AccountView).min(1),
  batch: z.object({ index: z.number().int().min(0), size: z.number().int().min(1), id: z.number().int() }).nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** The help pages the window may ask main to open; main holds their addresses (main/core/help/help-links.ts). */
export const HelpTopic = z.enum(['registerApp', 'oneDrive']);
export type HelpTopic = z.infer<typeof HelpTopic>;

function method<Req extends z.ZodType, Rep extends z.ZodType>(request: Req, reply: Rep) {
  return { request, reply };
}
type Method = ReturnType<typeof method>;

export { channelOf, eventNames, methodNames, type EventName, type MethodName } from './contract-names.js';

export const methods = {
  listAccounts: method(NoInput, z.array(AccountView)),
  /**
   * A link that may hold several accounts (a Google Authenticator export, otpauth-migration://): all or nothing.
   * `batch` says which QR code of an export this was, so the person can be asked for the next one. `ifSameName`: the
   * person's answer after a `sameNameAccount` refusal.
   */
  addAccountsFromUri: method(z.object({ uri: z.string().max(65536), ifSameName: SameNameChoice.optional() }).strict(), ImportResult),
  addAccountManually: method(ManualAccountInput, AccountView),
  renameAccount: method(
    z.object({ id: AccountId, issuer: z.string().max(256), name: z.string().max(256) }).strict(),
    AccountView,
  ),
  /**
   * Deletes an account. The reply is a token to undo it with (undoRemoveAccount) until `undoUntil` (main's clock):
   * main keeps the removed account meanwhile; the page never holds its secret.
   */
  removeAccount: method(z.object({ id: AccountId }).strict(), z.object({ undoToken: UndoToken, undoUntil: z.number() })),
  /** Puts a deleted account back whole, in its place; after the undo window the error kind is `undoExpired`. */
  undoRemoveAccount: method(z.object({ token: UndoToken }).strict(), AccountView),
  moveAccount: method(z.object({ id: AccountId, toIndex: z.number().int().min(0) }).strict(), z.array(AccountView)),
  getCodes: method(NoInput, CodeBatch),
  /**
   * The one reply that carries a secret: an account's setup link and key, asked for by the person ("Show QR code and
   * setup key", after a warning) to move the account to another app. Refused for device-bound accounts and for
   * accounts that need verification. Only that view calls it; it shows the reply and forgets it when hidden.
   */
  exportAccount: method(z.object({ id: AccountId, lockPassword: LockPassword.optional() }).strict(), z.object({ uri: z.string().max(8192), secret: z.string().max(1024) })),
  /**
   * Export (Settings > Export): a file saved where the person chooses in main's own save dialog, or, for 'google', the
   * transfer links the window draws as QR codes (the only other reply that carries secrets). Plain formats (otpauth,
   * google) are released only after main's own confirmation and, with the app lock on, the lock password.
   */
  exportAccounts: method(ExportRequest, ExportReply),
  /**
   * The QR scanner's live source: main lets the page use the camera only while it is 'camera', and grants one screen
   * capture (the primary screen, taken within 30 s) after 'screen'; null when the scanner stops. A no-op in hosts whose browser
   * asks the person itself (the harness).
   */
  setScannerSource: method(z.object({ source: ScannerSource }).strict(), Nothing),
  /** Copies the account's current code in main; the clipboard is cleared after the configured delay unless it changed. */
  copyCode: method(z.object({ id: AccountId }).strict(), z.object({ clearsAt: z.number().nullable() })),
  /** Pinned accounts are the ones the tray menu lists when there are more than `trayMaxAccounts`. */
  setPinned: method(z.object({ id: AccountId, pinned: z.boolean() }).strict(), AccountView),
  /** The tray menu as data (the Electron tray renders it natively; the harness's /tray page as buttons). */
  getTrayMenu: method(NoInput, TrayMenu),
  /** Performs a tray item's action in main (copying a code); the reply tells the host what else to do. */
  chooseTrayItem: method(z.object({ itemId: TrayItemId }).strict(), TrayChoice),
  nextHotpCode: method(z.object({ id: AccountId }).strict(), CodeView),
  getSettings: method(NoInput, Settings),
  /** This computer's clock against Microsoft's (the window's banner; the switch is the correctClockOffset setting). */
  getClockStatus: method(NoInput, ClockStatus),
  updateSettings: method(SettingsPatch, Settings),
  /** After damage: whether an intact previous version exists, and when it was saved. */
  previousVaultVersion: method(NoInput, z.object({ savedAt: z.string() }).nullable()),
  restorePreviousVault: method(NoInput, z.array(AccountView)),
  /**
   * The vault's key is lost for good (vaultKeyMissing): sets the unreadable vault aside under a dated name in the same
   * folder (renamed, never deleted) and starts with no accounts. Refused for a vault that opens or is damaged.
   * Replies with where the set-aside files are now.
   */
  startOverVault: method(NoInput, z.object({ setAside: z.array(z.string()).min(1) })),
  // Cloud backup to the recovery account's OneDrive app folder
  getBackupStatus: method(NoInput, BackupStatus),
  /** Interactive sign-in in the system browser; describes a backup already stored with that account, if any. */
  signInRecoveryAccount: method(NoInput, z.object({ account: RecoveryAccountView, existing: BackupSummary.nullable() })),
  /** With a backup already there, `password` must be that backup's (they are merged); else it becomes the new one's. */
  turnOnBackup: method(z.object({ password: BackupPassword }).strict(), BackupStatus),
  /** Turning on was abandoned: ends a sign-in still waiting and, with backup off, signs out of the recovery account. */
  cancelTurnOnBackup: method(NoInput, Nothing),
  /** The current password is checked first; the cloud copy is re-sealed under a new key that only `password` opens. */
  changeBackupPassword: method(z.object({ currentPassword: BackupPassword, password: BackupPassword }).strict(), BackupStatus),
  /** After the backup password was changed on another PC (problem `backupPasswordChanged`): the new password. */
  enterNewBackupPassword: method(z.object({ password: BackupPassword }).strict(), BackupStatus),
  backUpNow: method(NoInput, BackupStatus),
  /**
   * Only after problem `backupTooNew`, on the person's confirmed choice: this PC's accounts replace the cloud copy made
   * by a newer version (its accounts not on this PC are lost from the backup). invalidRequest if the copy is readable.
   */
  replaceCloudBackup: method(NoInput, BackupStatus),
  /** Signs in to the same recovery account again after "sign-in required", then backs up. */
  signInAgain: method(NoInput, BackupStatus),
  /**
   * While an interactive sign-in (any of them) waits for the browser: opens its page again, the same sign-in, for a
   * tab closed by mistake. Main chooses the URL; the page only asks. invalidRequest when none is waiting.
   */
  reopenSignInPage: method(NoInput, Nothing),
  /** Ends the interactive sign-in still waiting, if any (its call fails with signInCancelled); nothing else changes. */
  cancelSignIn: method(NoInput, Nothing),
  turnOffBackup: method(z.object({ deleteCloudCopy: z.boolean() }).strict(), BackupStatus),
  // Recovery on a new PC: sign in -> find the backup -> password -> preview -> restore (or merge, or remove and restore)
  /** Interactive sign-in to the recovery account; the recovery keeps it until restore or cancel. */
  recoverySignIn: method(NoInput, z.object({ account: RecoveryAccountView })),
  /** Downloads and describes the backup with the signed-in account; again after a OneDrive error, with no new sign-in. */
  recoveryFindBackup: method(NoInput, z.object({ account: RecoveryAccountView, backup: BackupSummary })),
  recoveryUnlock: method(z.object({ password: BackupPassword }).strict(), RecoveryPreview),
  /** The opened backup described again against the accounts on this PC now (after a refused restore). */
  recoveryPreview: method(NoInput, RecoveryPreview),
  /** replace removes only the accounts the last preview listed; any other account on this PC refuses it (conflictExistingAccounts). */
  recoveryRestore: method(z.object({ mode: RestoreMode }).strict(), RecoverySummary),
  /** Leaves the app as it was before recovery began (signs out unless backup was already on). */
  recoveryCancel: method(NoInput, Nothing),
  /** Recovery from a backup file (Export > Backup file, or a copy of the cloud file): the same steps from unlock on, no account. */
  recoveryOpenFile: method(z.object({ contentBase64: z.string().max(MAX_BACKUP_BASE64_CHARS) }).strict(), z.object({ backup: BackupSummary })),
  /** "Sign in to recover" a device-bound personal Microsoft account: sign in as it; the recovery account stays as it was. */
  verifyAccountOwner: method(z.object({ id: AccountId }).strict(), z.object({ username: z.string() })),
  /**
   * An account that needs verification after a restore gets its new setup key (a scanned or typed otpauth:// link);
   * a personal Microsoft account only after verifyAccountOwner. A link for another account name or provider is refused
   * (accountMismatch) unless `providerChanged`: the person confirmed that the provider renamed the account.
   */
  reenrollAccount: method(z.object({ id: AccountId, uri: z.string().max(8192), providerChanged: z.boolean().optional() }).strict(), AccountView),
  // Import from another app's export file: open -> (password) -> preview -> commit; main keeps the secrets.
  /** Detects the format by content and reads it; an encrypted file asks for its password next. Several files: QR pictures. */
  importOpen: method(z.object({ files: z.array(ImportFileInput).min(1).max(50) }).strict(), ImportOpened),
  /** Derives the key off the main thread (importProgress events meanwhile); a wrong password keeps the session. */
  importUnlock: method(z.object({ session: ImportSession, password: z.string().min(1).max(1024) }).strict(), ImportPreview),
  /** The preview again, against the accounts here now. */
  importPreview: method(z.object({ session: ImportSession }).strict(), ImportPreview),
  /** Adds the ticked entries in one write, in the file's order after the existing tiles; the session ends. */
  importCommit: method(z.object({ session: ImportSession, entries: z.array(z.string().max(16)).max(100_000) }).strict(), ImportReport),
  /** Forgets the session (and its secrets) and stops a decryption still running. */
  importCancel: method(z.object({ session: ImportSession }).strict(), Nothing),
  // App lock (Settings > Security > App lock, the lock screen)
  getLockStatus: method(NoInput, LockStatus),
  /** The vault is re-sealed under a key that only `password` opens (strength checked in main: weakPassword). */
  turnOnAppLock: method(z.object({ password: LockPassword }).strict(), LockStatus),
  changeAppLockPassword: method(z.object({ currentPassword: LockPassword, password: LockPassword }).strict(), LockStatus),
  /** The key goes back into the OS keychain; the password is required (wrongPassword). */
  turnOffAppLock: method(z.object({ password: LockPassword }).strict(), LockStatus),
  /** Locks now (Ctrl/Cmd+L, the tray's Lock, auto-lock): the key leaves memory. appLockOff when the lock is off. */
  lockApp: method(NoInput, LockStatus),
  /** wrongPassword for a wrong one; tooManyAttempts before `retryAt` (the password is then not even tried). */
  unlockApp: method(z.object({ password: LockPassword }).strict(), LockStatus),
  /** The page saw input (at most every few seconds): where the host has no system idle time (the harness), auto-lock counts from it. */
  noteActivity: method(NoInput, Nothing),
  /** Unlocks through the OS (Touch ID) with the copy kept since a password unlock; notConfirmed when the person declines. */
  quickUnlockApp: method(NoInput, LockStatus),
  /**
   * Opens one of main's fixed help pages in the system browser. The window names a topic; it can never have main open
   * an address of its choosing (the window has no other way to the system browser).
   */
  openHelpLink: method(z.object({ topic: HelpTopic }).strict(), Nothing),
  // The desktop (Settings > Desktop, the quick picker's window)
  /** Whether the quick picker's shortcut is registered and whether the app starts at login. */
  getDesktopStatus: method(NoInput, DesktopStatus),
  /** Refused (notAvailable) where the host cannot (the harness). */
  setStartAtLogin: method(z.object({ on: z.boolean() }).strict(), DesktopStatus),
  /** The quick picker is done (a code copied, Escape): the app hides its window; nothing in the harness. */
  hideQuickPicker: method(NoInput, Nothing),
} as const satisfies Record<MethodName, Method>; // exactly the names in contract-names.ts: none missing, none extra

export const events = {
  /** Fresh codes, one batch per period boundary and after every change. */
  codes: CodeBatch,
  /** The account list changed (here, or in another process such as the command-line tool). */
  accountsChanged: z.array(AccountView),
  /**
   * The settings changed, wherever that happened (this window, another one, a restore, the command-line tool); sent
   * only when they differ from the last ones main saw, so every open page applies them at once.
   */
  settingsChanged: Settings,
  /** The tray menu changed (codes rolled over, accounts or settings changed); never sent when it is the same. */
  trayMenuChanged: TrayMenu,
  /** The backup status changed (an attempt started, succeeded or failed; backup turned on or off). */
  backupStatusChanged: BackupStatus,
  /** The measured clock offset, whether it counts as off, or the correction applied changed. */
  clockStatusChanged: ClockStatus,
  /** An import's key derivation started, moved on or ended. */
  importProgress: ImportProgress,
  /** The app lock was turned on or off, the app locked or unlocked, or a wrong password was counted. */
  lockChanged: LockStatus,
  /** The shortcut was registered, turned off or refused, or start at login changed. */
  desktopStatusChanged: DesktopStatus,
} as const satisfies Record<EventName, z.ZodType>;

export type Methods = typeof methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ReplyOf<M extends MethodName> = z.output<Methods[M]['reply']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/**
 * The object the renderer sees as `window.authenticator`: one function per method (returning a Result,
 * because errors thrown across contextBridge lose their kind) and `on` for events.
 */
export type AuthenticatorBridge = {
  [M in MethodName]: (request: RequestOf<M>) => Promise<Result<ReplyOf<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
