import { accountLabel } from '../../../shared/account-label.js';
import { AppError } from '../../../shared/errors.js';
import { formatOtpauthUri } from '../otp/otpauth-format.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { hasCodes } from './current-code.js';

export interface AccountSetup {
  /** The otpauth:// link another authenticator app reads from a QR code. */
  uri: string;
  /** The setup key (canonical base32), for typing into an app by hand. */
  secret: string;
}

/**
 * An account's setup link and key, for the person to move it to another app. The only path by which a secret
 * leaves main: the contract's `exportAccount`, called after the person confirmed the warning.
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
