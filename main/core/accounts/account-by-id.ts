import { AppError } from '../../../shared/errors.js';
import type { StoredAccount } from '../vault/vault-data.js';

/** The one error for an id that is not (or no longer) in the vault. */
export function accountGone(): AppError {
  return new AppError('accountNotFound', 'That account no longer exists (it may have been removed in another window or by the command-line tool).');
}

/** The account with `id`; `accountNotFound` if there is none (removed meanwhile by another window or the command-line tool). */
export function accountById(accounts: readonly StoredAccount[], id: string): StoredAccount {
  const account = accounts.find((a) => a.id === id);
  if (!account) throw accountGone();
  return account;
}
