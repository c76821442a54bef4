/**
 * Where the few secrets that unlock everything else live (the vault's data key, later the sign-in token cache's key).
 * keytar-shaped, so any OS keychain binding fits. Implementations throw AppError('keychainUnavailable') when the
 * store cannot be reached or would not keep secrets safe; they never fall back to plain text.
 */
export interface KeyStore {
  /** A stable name for where keys live, recorded in the vault so every host looks in the same place. */
  readonly id: string;
  getPassword(account: string): Promise<string | null>;
  setPassword(account: string, password: string): Promise<void>;
  deletePassword(account: string): Promise<boolean>;
  findCredentials(): Promise<{ account: string; password: string }[]>;
}

/** The service name under which every key of this app is filed in the OS keychain. */
export const KEYCHAIN_SERVICE = 'desktop-authenticator';
