import { formatOtpauthUri } from '../otp/otpauth-format.js';
import type { StoredAccount } from '../vault/vault-data.js';

/** A plain text file of otpauth:// links, one per line, in the vault's order: readable by nearly every authenticator. */
export function writeOtpauthList(accounts: readonly StoredAccount[]): Buffer {
  return Buffer.from(accounts.map((account) => `${formatOtpauthUri(account)}\n`).join(''), 'utf8');
}
