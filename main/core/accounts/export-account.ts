import { accountLabel } from '../../../shared/account-label.js';
import { AppError } from '../../../shared/errors.js';
import { formatOtpauthUri } from '../otp/otpauth-format.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { accountById } from './account-by-id.js';
import { hasCodes } from './current-code.js';
import type { LockState, SecretReleaseConfirmation } from './secret-release-confirmation.js';

export interface AccountSetup {
  /** The otpauth:// link another authenticator app reads from a QR code. */
  uri: string;
  /** The setup key (canonical base32), for typing into an app by hand. */
  secret: string;
}

/**
 * An account's setup link and key, for the person to move it to another app. Released only through
 * releaseAccountSetup (below), after main asked the person itself.
 *
 * Device-bound accounts are refused: their credential belongs to this device (push sign-in), and a copy elsewhere
 * would defeat the point; the same goes for accounts restored without their secret (Action required).
 */
export function exportAccountSetup(account: StoredAccount): AccountSetup {
  const label = accountLabel(account);
  if (!hasCodes(account)) {
    throw new AppError('invalidRequest', `${label} has no setup key on this device yet (Action required): set it up again first. Nothing was shown.`);
  }
  if (account.deviceBound) {
    throw new AppError('invalidRequest', `${label} is tied to this device (sign-in approvals), so its setup key cannot be shown or moved to another app.`);
  }
  const { issuer, name, secret, otp } = account;
  return { uri: formatOtpauthUri({ issuer, name, secret, otp }), secret };
}

export interface SecretReleaseGate {
  confirmation: SecretReleaseConfirmation;
  lock: LockState & {
    /** Whether the app lock is on: then the lock password is asked too, and checked by main. */
    isOn(): boolean;
    /** Checks the lock password (rate-limited like an unlock); throws wrongPassword or tooManyAttempts. */
    verifyPassword(password: string): Promise<void>;
  };
}

/**
 * The only path by which a secret leaves main (the contract's `exportAccount`): refused while the app is locked, with
 * the app lock on only after the lock password, and released only when main's own confirmation says yes; the page's warning before it is no consent (the page may be
 * compromised). Refusals that need no question (device-bound, Action required) come first; after the wait the account
 * is read again, so what is released is what the vault holds then (and nothing, if it was removed meanwhile).
 */
export async function releaseAccountSetup(
  id: string,
  readAccounts: () => Promise<readonly StoredAccount[]>,
  { confirmation, lock }: SecretReleaseGate,
  lockPassword?: string,
): Promise<AccountSetup> {
  const refuseWhenLocked = () => {
    if (lock.isLocked()) throw new AppError('locked', 'The app is locked: unlock it to show a setup key. Nothing was shown.');
  };
  refuseWhenLocked();
  const account = accountById(await readAccounts(), id);
  exportAccountSetup(account);
  // With the app lock on, the person proves it is them with the lock password (which a compromised window does not know).
  if (lock.isOn()) {
    if (lockPassword === undefined) throw new AppError('invalidInput', 'Enter the lock password to show a setup key.', 'lockPassword');
    await lock.verifyPassword(lockPassword).catch((error: unknown) => {
      throw error instanceof AppError && (error.kind === 'wrongPassword' || error.kind === 'tooManyAttempts') ? new AppError(error.kind, error.message, 'lockPassword') : error;
    });
  }
  const confirmed = await confirmation.confirmSecretRelease({ issuer: account.issuer, name: account.name });
  if (!confirmed) throw new AppError('notConfirmed', `The setup key of ${accountLabel(account)} was not shown: it was not confirmed.`);
  refuseWhenLocked();
  return exportAccountSetup(accountById(await readAccounts(), id));
}
