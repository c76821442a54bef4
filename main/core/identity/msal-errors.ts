import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError } from '../../../shared/errors.js';

/** The tenant id of every personal Microsoft account (the "consumers" tenant). */
export const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** MSAL's and the server's codes that mean: only signing in again in the browser can help. */
const SIGN_IN_AGAIN_CODES = new Set([
  'invalid_grant', // refresh token revoked, expired or issued to someone else
  'no_tokens_found',
  'refresh_token_expired',
  'no_account_in_silent_request',
  'interaction_required',
  'login_required',
  'consent_required',
  'bad_token',
]);

/** Codes MSAL uses when a request failed; with a transport failure behind them they are network problems. */
const NETWORK_CODES = new Set(['network_error', 'no_network_connectivity', 'endpoints_resolution_error', 'openid_config_error']);

/** The app registration or the authority is wrong: a configuration problem, not the person's. */
const CONFIGURATION_CODES = new Set(['invalid_client', 'unauthorized_client', 'untrusted_authority', 'invalid_authority_metadata', 'invalid_cloud_discovery_metadata', 'url_parse_error', 'endpoints_resolution_error']);

export interface ErrorContext {
  /** Who was signed in (or asked for), for messages that name the account. */
  username?: string;
  /** The transport's own message when MSAL reduced a transport failure to `network_error`. */
  networkFailure?: AppError | null;
}

export function signInRequired(username?: string): AppError {
  const who = username ? ` (${username})` : '';
  return new AppError('signInRequired', `Sign in to your recovery account${who} again: the sign-in saved on this PC has expired or was withdrawn. Nothing on this PC was changed.`);
}

/** A work or school account signed in where a personal one is needed: as the recovery account, or to recover a personal one. */
export function wrongAccountType(username?: string, needed: 'recoveryAccount' | 'personalAccount' = 'recoveryAccount'): AppError {
  const who = username ? `${username} is a work or school account.` : 'That is a work or school account.';
  const what = needed === 'recoveryAccount' ? 'The recovery account must be' : 'This account is';
  return new AppError(
    'wrongAccountType',
    `${who} ${what} a personal Microsoft account (such as an Outlook.com, Hotmail or Live address). Sign in with your personal Microsoft account instead.`,
  );
}

/** Turns whatever MSAL (or our own adapters) threw into the AppError the rest of the app expects. */
export function toAppError(error: unknown, context: ErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof AuthError)) {
    return new AppError('internal', `Signing in to the recovery account failed unexpectedly (${error instanceof Error ? error.name : typeof error}).`);
  }
  const code = error.errorCode;
  const description = `${error.errorMessage ?? ''} ${error.message ?? ''}`;
  // 50020: the account does not exist in the tenant; 500208: a work or school domain at a personal-accounts-only
  // authority. (500200 is the opposite case, a personal account where a work one is needed, so it is not here.)
  if (/AADSTS(50020|500208)\b/.test(description)) return wrongAccountType(accountIn(description) ?? context.username);
  if (code === 'access_denied') {
    return new AppError('signInCancelled', 'The sign-in was cancelled in the browser. Sign in again when you are ready; nothing on this PC was changed.');
  }
  if (error instanceof InteractionRequiredAuthError || SIGN_IN_AGAIN_CODES.has(code)) return signInRequired(context.username);
  if (NETWORK_CODES.has(code) && (context.networkFailure || code === 'network_error' || code === 'no_network_connectivity')) {
    return context.networkFailure ?? new AppError('network', 'The Microsoft sign-in service could not be reached. Check the internet connection; nothing on this PC was changed.');
  }
  if (CONFIGURATION_CODES.has(code) || /AADSTS700016\b/.test(description)) {
    return new AppError('notConfigured', `The recovery account sign-in is not set up correctly on this PC (${code}). Check the client id and authority in the cloud backup configuration.`);
  }
  if (code === 'temporarily_unavailable' || code === 'server_error') {
    return new AppError('network', 'The Microsoft sign-in service is not available right now. Try again in a few minutes; nothing on this PC was changed.');
  }
  return new AppError('internal', `Signing in to the recovery account failed (${code || error.name}). Try again; nothing on this PC was changed.`);
}

/** The account the description names, if it does: "User account 'x' from identity provider …" or "(x@domain)". */
function accountIn(description: string): string | undefined {
  return /User account '([^']{1,320})'/.exec(description)?.[1] ?? /\(([^()\s]{1,256}@[^()\s]{1,256})\)/.exec(description)?.[1];
}
