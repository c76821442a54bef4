/**
 * Every failure a user can meet has a kind, so each host can show a specific message and the way out.
 * Kinds travel through the IPC contract; messages are written for people and never contain secrets.
 *
 * Plain TypeScript on purpose: the renderer uses AppError, and importing a schema would load the validation library
 * into the window at start-up for nothing (main validates everything that crosses). The wire schemas are errors.ts.
 */
export const errorKinds = [
  // Contract and transport
  'invalidRequest',
  'unknownMethod',
  'forbiddenSender',
  'internal',
  // Input from the user (links, forms, command-line arguments)
  'invalidInput',
  'duplicateAccount',
  /**
   * An account here has the new account's issuer and name but another setup key: nothing is added until the person
   * chooses to add it as a second account or to replace the old one's key (SameNameChoice).
   */
  'sameNameAccount',
  'accountNotFound',
  'ambiguousAccount',
  /** Undo of a delete asked for after its window (or twice). */
  'undoExpired',
  /**
   * The account has no codes on this device until it is set up again (Action required): restored from a backup
   * without its device-bound secret.
   */
  'needsVerification',
  // Local storage
  'vaultDamaged',
  'vaultForeign',
  'vaultBusy',
  'vaultKeyMissing',
  'keychainUnavailable',
  'storageFull',
  'storageError',
  // Recovery account, backup and recovery
  'notConfigured',
  'network',
  'signInRequired',
  'signInCancelled',
  /** An interactive sign-in nobody finished in time (the sign-in tab closed or forgotten); signing in again helps. */
  'signInTimedOut',
  'wrongAccountType',
  /** Signed in as another account than the one being recovered. */
  'wrongAccount',
  /** The setup code offered to recover an account is another account's (its name or provider differs). */
  'accountMismatch',
  'cloudStorageFull',
  'cloudConflict',
  'backupNotFound',
  'backupDeleted',
  /** Another PC changed the backup password (the cloud copy has a new key): enter the new password here. */
  'backupPasswordChanged',
  /** OneDrive asked the app to wait (429/503 with Retry-After); tried again by itself. */
  'cloudBusy',
  'wrongPassword',
  'weakPassword',
  'backupDamaged',
  'backupTooNew',
  'conflictExistingAccounts',
  // App lock
  /** The app is locked: nothing that needs the vault key answers until it is unlocked. */
  'locked',
  /** Too many wrong lock passwords: the next one is tried only after a delay (growing; never a wipe). */
  'tooManyAttempts',
  /** Lock now, or a change of the lock, asked for while the app lock is off: Settings > Security turns it on. */
  'appLockOff',
  /** A confirmation that main itself asked for (export of a secret) was declined or not given. */
  'notConfirmed',
  // Import and export files
  /** The file is not one of the formats the app reads. */
  'unknownFormat',
  /** The file is of a known format but damaged or truncated. */
  'damagedFile',
  /** The file's key derivation asks for more memory or time than the app allows. */
  'kdfTooCostly',
  /** The file is this app's own backup file: it is restored by recovery (Recover from a backup file…), not imported. */
  'ownBackupFile',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** Which input field an `invalidInput` error is about, so a form can point at it. */
export const inputFields = ['uri', 'issuer', 'name', 'secret', 'type', 'algorithm', 'digits', 'period', 'counter', 'kind', 'password', 'lockPassword'] as const;
export type InputField = (typeof inputFields)[number];

/** An error as it crosses the contract. */
export interface AppErrorData {
  kind: ErrorKind;
  message: string;
  field?: InputField | undefined;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly field: InputField | undefined;

  constructor(kind: ErrorKind, message: string, field?: InputField) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.field = field;
  }

  static from(data: AppErrorData): AppError {
    return new AppError(data.kind, data.message, data.field);
  }

  toData(): AppErrorData {
    return this.field === undefined ? { kind: this.kind, message: this.message } : { kind: this.kind, message: this.message, field: this.field };
  }
}

export function invalidInput(field: InputField, message: string): AppError {
  return new AppError('invalidInput', message, field);
}

