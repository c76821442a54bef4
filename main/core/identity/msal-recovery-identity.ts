import { LogLevel, PublicClientApplication, type AccountInfo, type AuthenticationResult, type Configuration } from '@azure/msal-node';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { systemClock, type Clock } from '../clock.js';
import type { KeyStore } from '../keystore/key-store.js';
import type { Logger } from '../logger.js';
import type { HttpTransport } from '../net/http-transport.js';
import type { IdentityConfig } from './identity-config.js';
import { msalNetworkClient, type MsalNetworkClient } from './msal-network-client.js';
import { CONSUMERS_TENANT_ID, signInRequired, toAppError, wrongAccountType } from './msal-errors.js';
import { PendingSignIn, type AbortReason } from './pending-sign-in.js';
import type { BrowserOpener, RecoveryAccount, RecoveryIdentity, SignInOptions } from './recovery-identity.js';
import { SIGN_IN_ERROR_PAGE, SIGN_IN_SUCCESS_PAGE } from './sign-in-pages.js';
import { encryptedTokenCachePlugin, TOKEN_CACHE_FILE } from './token-cache-plugin.js';

/** Least privilege: the OneDrive app folder, and the name of the account. MSAL adds openid, profile, offline_access. */
export const RECOVERY_SCOPES = ['Files.ReadWrite.AppFolder', 'User.Read'];
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface MsalRecoveryIdentityDeps {
  config: IdentityConfig;
  transport: HttpTransport;
  keyStore: KeyStore;
  /** The token cache lives in `<dataDir>/recovery-account.cache`. */
  dataDir: string;
  openBrowser: BrowserOpener;
  log: Logger;
  /** Times the wait for the browser (the app's clock, so tests move it). */
  clock?: Clock;
  /** How long an interactive sign-in may wait for the browser before it counts as abandoned (opening it again restarts it). */
  signInTimeoutMs?: number;
  /** The key store entry of the token cache's key (default 'token-cache-key'); per data folder where several share one keychain. */
  tokenCacheKeyAccount?: string;
}

/** The recovery account on MSAL Node: system browser + MSAL's loopback server + PKCE, silent first, encrypted cache. */
export function createMsalRecoveryIdentity(deps: MsalRecoveryIdentityDeps): RecoveryIdentity {
  const network = msalNetworkClient(deps.transport);
  const pca = new PublicClientApplication(msalConfiguration(deps, network));
  const timeoutMs = deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
  const clock = deps.clock ?? systemClock();
  let pending: { attempt: PendingSignIn; restartTimer(): void } | null = null;

  const fail = (error: unknown, username?: string): AppError => toAppError(error, { username, networkFailure: network.lastFailure });

  async function cachedAccount(): Promise<AccountInfo | null> {
    try {
      const accounts = await pca.getAllAccounts();
      return accounts.find(isPersonal) ?? null;
    } catch (error) {
      throw fail(error);
    }
  }

  async function forget(accounts: AccountInfo[]): Promise<void> {
    for (const account of accounts) await pca.signOut({ account });
  }

  async function interactive(options: SignInOptions, attempt: PendingSignIn): Promise<AuthenticationResult> {
    const openBrowser: BrowserOpener = async (url) => {
      if (attempt.abortReason) throw endedError(attempt.abortReason, timeoutMs);
      attempt.opening(url);
      try {
        await deps.openBrowser(url);
      } catch (error) {
        throw error instanceof AppError ? error : new AppError('internal', 'The system browser could not be opened to sign in. Open a browser and try again.');
      }
    };
    return pca.acquireTokenInteractive({
      scopes: RECOVERY_SCOPES,
      openBrowser,
      successTemplate: SIGN_IN_SUCCESS_PAGE,
      errorTemplate: SIGN_IN_ERROR_PAGE,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      // With select_account MSAL leaves login_hint out by design: the picker wins over the pre-filled name.
      ...(options.selectAccount ? { prompt: 'select_account' } : {}),
    });
  }

  /**
   * One interactive sign-in at a time: a new one (another flow, say) replaces the one still waiting. Ending one,
   * however (timeout, Cancel, replaced), answers its loopback listener so MSAL closes it at once.
   */
  async function interactiveSignIn(options: SignInOptions): Promise<AccountInfo> {
    const replaced = pending;
    const attempt = new PendingSignIn(deps.transport);
    let cancelTimer: () => void = () => undefined;
    const restartTimer = () => {
      cancelTimer();
      cancelTimer = clock.setTimer(timeoutMs, () => void attempt.abort('timeout'));
    };
    const current = { attempt, restartTimer };
    pending = current; // at once, so a Cancel that comes while the one it replaces is ending still finds it
    restartTimer();
    try {
      await replaced?.attempt.abort('superseded');
      const result = await interactive(options, attempt);
      if (!result.account) throw new AppError('internal', 'The sign-in finished without an account. Try again.');
      return result.account;
    } catch (error) {
      if (attempt.abortReason) {
        deps.log.info(`Sign-in ended (${attempt.abortReason})`);
        throw endedError(attempt.abortReason, timeoutMs);
      }
      const appError = fail(error, options.loginHint);
      if (appError.kind === 'signInCancelled') deps.log.info('Sign-in cancelled in the browser');
      else deps.log.error('Sign-in failed', describe(error));
      throw appError;
    } finally {
      cancelTimer();
      if (pending === current) pending = null;
    }
  }

  return {
    async signIn(options = {}) {
      const account = await interactiveSignIn(options);
      try {
        const others = (await pca.getAllAccounts()).filter((other) => other.homeAccountId !== account.homeAccountId);
        if (!isPersonal(account)) {
          // Tokens of a work or school account are of no use here; keep none of them.
          await forget([account]);
          throw wrongAccountType(account.username);
        }
        if (options.sameAccountAs !== undefined && account.homeAccountId !== options.sameAccountAs) {
          // Someone else than the account signing in again: the recovery account stays, expired or not.
          await forget([account]);
          deps.log.info('Signed in as another account than the recovery account; not kept');
          return toRecoveryAccount(account);
        }
        await forget(others); // one recovery account per PC: signing in as someone else replaces the earlier one
      } catch (error) {
        throw fail(error);
      }
      deps.log.info('Signed in to the recovery account');
      return toRecoveryAccount(account);
    },

    async verifyAccount(loginHint) {
      const recovery = await cachedAccount();
      // The consumers authority itself refuses a work account; either way the message says what this sign-in was for.
      const account = await interactiveSignIn({ loginHint }).catch((error: unknown) => {
        if (!(error instanceof AppError) || error.kind !== 'wrongAccountType') throw error;
        throw wrongAccountType(/^(\S+) is a work or school account\./.exec(error.message)?.[1], 'personalAccount');
      });
      try {
        // The proof is the sign-in itself; its tokens are kept only when it was the recovery account anyway.
        if (account.homeAccountId !== recovery?.homeAccountId) await forget([account]);
      } catch (error) {
        throw fail(error);
      }
      if (!isPersonal(account)) throw wrongAccountType(account.username, 'personalAccount');
      deps.log.info('Verified a personal Microsoft account by signing in');
      return toRecoveryAccount(account);
    },

    async reopenSignIn() {
      const waiting = pending;
      if (!waiting || waiting.attempt.abortReason) {
        throw new AppError('invalidRequest', 'No sign-in is waiting any more (it finished, was cancelled or timed out). Start it again.');
      }
      const url = waiting.attempt.url;
      if (url === null) return; // the browser is about to open it for the first time
      waiting.restartTimer();
      deps.log.info('Opening the sign-in page again');
      try {
        await deps.openBrowser(url);
      } catch (error) {
        throw error instanceof AppError ? error : new AppError('internal', 'The system browser could not be opened to sign in. Open a browser and try again.');
      }
    },

    async cancelSignIn() {
      await pending?.attempt.abort('cancelled');
    },

    async currentAccount() {
      const account = await cachedAccount();
      return account ? toRecoveryAccount(account) : null;
    },

    async accessToken(options = {}) {
      const account = await cachedAccount();
      if (!account) throw new AppError('signInRequired', 'Sign in to your recovery account to use cloud backup.');
      try {
        const result = await pca.acquireTokenSilent({ account, scopes: RECOVERY_SCOPES, forceRefresh: options.forceRefresh ?? false });
        if (!result.accessToken) throw signInRequired(account.username);
        return result.accessToken;
      } catch (error) {
        const appError = fail(error, account.username);
        if (appError.kind !== 'signInRequired') deps.log.error('Could not get a token for the recovery account', describe(error));
        throw appError;
      }
    },

    async signOut() {
      await pending?.attempt.abort('superseded');
      try {
        await forget(await pca.getAllAccounts());
      } catch (error) {
        throw fail(error);
      }
      deps.log.info('Signed out of the recovery account');
    },
  };
}

function msalConfiguration(deps: MsalRecoveryIdentityDeps, network: MsalNetworkClient): Configuration {
  const { clientId, authority, knownAuthorities, authorityMetadata, cloudDiscoveryMetadata } = deps.config;
  return {
    auth: {
      clientId,
      authority,
      ...(knownAuthorities ? { knownAuthorities } : {}),
      ...(authorityMetadata ? { authorityMetadata } : {}),
      ...(cloudDiscoveryMetadata ? { cloudDiscoveryMetadata } : {}),
    },
    cache: {
      cachePlugin: encryptedTokenCachePlugin({
        file: path.join(deps.dataDir, TOKEN_CACHE_FILE),
        keyStore: deps.keyStore,
        log: deps.log,
        ...(deps.tokenCacheKeyAccount ? { keyAccount: deps.tokenCacheKeyAccount } : {}),
      }),
    },
    system: {
      networkClient: network,
      loggerOptions: {
        // Warnings and errors only, and never personal data (MSAL leaves tokens and names out when PII is off).
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (!containsPii) deps.log.info(`MSAL ${LogLevel[level] ?? level}: ${message}`);
        },
      },
    },
  };
}

/** A personal Microsoft account: its tokens come from the consumers tenant. */
function isPersonal(account: AccountInfo): boolean {
  const tid = account.idTokenClaims?.tid ?? account.tenantId;
  return tid === CONSUMERS_TENANT_ID;
}

function toRecoveryAccount(account: AccountInfo): RecoveryAccount {
  return { id: account.homeAccountId, username: account.username, displayName: account.name || account.username };
}

/** Why a sign-in the app ended did not complete. */
function endedError(reason: AbortReason, timeoutMs: number): AppError {
  switch (reason) {
    case 'superseded':
      return new AppError('signInCancelled', 'This sign-in was replaced by a newer one.');
    case 'cancelled':
      return new AppError('signInCancelled', 'You cancelled the sign-in; nothing was changed.');
    case 'timeout': {
      const minutes = Math.round(timeoutMs / 60_000);
      const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(timeoutMs / 1000)} seconds`;
      return new AppError('signInTimedOut', `The sign-in was not finished within ${span}, so it was stopped; nothing was changed. Sign in again when you are ready.`);
    }
  }
}

/** Error name and code only: MSAL's messages can quote server responses, which we keep out of the log. */
function describe(error: unknown): Error {
  if (error instanceof AppError) return error;
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  const described = new Error(typeof code === 'string' && code ? code : 'unknown');
  described.name = error instanceof Error ? error.name : 'Error';
  return described;
}
