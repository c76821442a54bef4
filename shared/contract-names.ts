/**
 * The names of the contract's methods and events and the IPC channels derived from them, without their schemas.
 * The preload and the harness page build `window.authenticator` from these alone: importing contract.ts would build
 * every schema (and load the validation library) in the window at start-up, while validation happens in main.
 * contract.ts checks at compile time that its declarations name exactly these.
 */
export const methodNames = [
  'listAccounts',
  'addAccountsFromUri',
  'addAccountManually',
  'renameAccount',
  'removeAccount',
  'undoRemoveAccount',
  'moveAccount',
  'getCodes',
  'exportAccount',
  'exportAccounts',
  'setScannerSource',
  'copyCode',
  'setPinned',
  'getTrayMenu',
  'chooseTrayItem',
  'nextHotpCode',
  'getSettings',
  'updateSettings',
  'getClockStatus',
  'previousVaultVersion',
  'restorePreviousVault',
  'startOverVault',
  'getBackupStatus',
  'signInRecoveryAccount',
  'turnOnBackup',
  'cancelTurnOnBackup',
  'changeBackupPassword',
  'enterNewBackupPassword',
  'backUpNow',
  'replaceCloudBackup',
  'signInAgain',
  'reopenSignInPage',
  'cancelSignIn',
  'turnOffBackup',
  'recoverySignIn',
  'recoveryFindBackup',
  'recoveryUnlock',
  'recoveryPreview',
  'recoveryRestore',
  'recoveryCancel',
  'recoveryOpenFile',
  'verifyAccountOwner',
  'reenrollAccount',
  'importOpen',
  'importUnlock',
  'importPreview',
  'importCommit',
  'importCancel',
  'getLockStatus',
  'turnOnAppLock',
  'changeAppLockPassword',
  'turnOffAppLock',
  'lockApp',
  'unlockApp',
  'noteActivity',
  'quickUnlockApp',
  'openHelpLink',
  'getDesktopStatus',
  'setStartAtLogin',
  'hideQuickPicker',
] as const;
export type MethodName = (typeof methodNames)[number];

export const eventNames = ['codes', 'accountsChanged', 'settingsChanged', 'trayMenuChanged', 'backupStatusChanged', 'clockStatusChanged', 'importProgress', 'lockChanged', 'desktopStatusChanged'] as const;
export type EventName = (typeof eventNames)[number];

/** IPC channel names are derived here and nowhere else. */
export const channelOf = {
  method: (name: MethodName): string => `authenticator:call:${name}`,
  event: (name: EventName): string => `authenticator:event:${name}`,
};
