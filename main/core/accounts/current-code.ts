import type { CodeView } from '../../../shared/account.js';
import { accountLabel } from '../../../shared/account-label.js';
import { AppError } from '../../../shared/errors.js';
import { decodeCanonicalKey } from '../otp/base32.js';
import { codeAt } from '../otp/otp-engine.js';
import type { StoredAccount } from '../vault/vault-data.js';

/**
 * Whether the account has codes on this device. Not one restored from a backup without its device-bound secret
 * (needsVerification, its secret empty) until it is set up again.
 */
export function hasCodes(account: Pick<StoredAccount, 'needsVerification' | 'secret'>): boolean {
  return !account.needsVerification && account.secret.length > 0;
}

/**
 * The guard of every path that computes or advances a code (copy, the tray, the next HOTP code, the command-line
 * tool's `code` and `next`): a typed `needsVerification` error that names the account and says what to do, instead
 * of a code from an empty key (or a counter moved for nothing). `outcome` says what did not happen ("Nothing was
 * copied.").
 */
export function requireCodes(account: StoredAccount, outcome?: string): void {
  if (hasCodes(account)) return;
  const message = `${accountLabel(account)} needs to be set up again on this device before it has codes (Action required).`;
  throw new AppError('needsVerification', outcome ? `${message} ${outcome}` : message);
}

/** The account's code at `nowMs` (for HOTP, at its stored counter), computed here in main; refused as `requireCodes` says. */
export function currentCode(account: StoredAccount, nowMs: number, outcome?: string): CodeView {
  requireCodes(account, outcome);
  return codeAt(account.id, account.otp, decodeCanonicalKey(account.secret), nowMs);
}
