/**
 * The recovery account as the rest of the app sees it: MSAL stays behind this interface, so the backup and
 * recovery services can be tested with a fake and MSAL can be replaced without touching them.
 * Every method fails with an AppError of a specific kind: signInRequired, signInCancelled, signInTimedOut,
 * wrongAccountType, network, notConfigured, keychainUnavailable.
 */
export interface RecoveryAccount {
  /** MSAL's home account id: stable for the account, used to find it in the token cache. */
  id: string;
  /** The sign-in name (an email address or phone number), shown as "recovery account". */
  username: string;
  /** The person's display name when the identity provider gave one. */
  displayName: string;
}

export interface SignInOptions {
  /** Pre-fills the sign-in page (recovering a personal Microsoft account, or signing in again). */
  loginHint?: string;
  /** Asks the identity provider to show the account picker even when a session exists. */
  selectAccount?: boolean;
  /**
   * Signing in again as this account (its `id`): another account that signs in instead is not kept (its tokens are
   * dropped, and the accounts signed in before stay as they were); it is still returned, so the caller can say who.
   */
  sameAccountAs?: string;
}

export interface RecoveryIdentity {
  /**
   * Interactive sign-in in the system browser (loopback redirect, PKCE). Resolves once the tokens are cached. One at
   * a time: a new one replaces one still waiting. Nobody finishing it within a few minutes ends it (signInTimedOut).
   */
  signIn(options?: SignInOptions): Promise<RecoveryAccount>;
  /**
   * Opens the page of the interactive sign-in (signIn or verifyAccount) still waiting in the browser again: the same
   * URL, so the same sign-in (the app cannot tell that its tab was closed). The wait starts over. Fails with
   * invalidRequest when no sign-in is waiting.
   */
  reopenSignIn(): Promise<void>;
  /** Ends the interactive sign-in still waiting, if any: it fails with signInCancelled and its loopback listener closes. */
  cancelSignIn(): Promise<void>;
  /**
   * Proves that the person can sign in as an account (recovering a device-bound personal Microsoft account):
   * an interactive sign-in with it as login hint. The recovery account stays as it was: tokens of any other
   * account are dropped at once. Fails with wrongAccountType for a work or school account.
   */
  verifyAccount(loginHint: string): Promise<RecoveryAccount>;
  /** The account signed in earlier (from the encrypted token cache), or null. */
  currentAccount(): Promise<RecoveryAccount | null>;
  /**
   * An access token for Graph, acquired silently (cache, then refresh token). `forceRefresh` skips the cached
   * access token (after a 401). Fails with signInRequired when only an interactive sign-in can help.
   */
  accessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Forgets the account and its tokens on this PC. */
  signOut(): Promise<void>;
}

/** Opens a URL in the system browser (Electron's shell.openExternal; in the harness, a new browser tab). */
export type BrowserOpener = (url: string) => Promise<void>;
