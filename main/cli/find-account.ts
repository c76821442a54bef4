import { accountLabel } from '../../shared/account-label.js';
import { AppError } from '../../shared/errors.js';
import type { StoredAccount } from '../core/vault/vault-data.js';

/**
 * Finds the one account a command means: by exact id, or (unless `exactId`) by a case-insensitive search
 * over issuer and name, where an exact issuer or name match wins over a partial one. Several matches are listed with
 * their ids, places in the list and the day each was added, which tells two accounts of the same name apart.
 */
export function findAccount(accounts: readonly StoredAccount[], query: string, { exactId = false } = {}): StoredAccount {
  const byId = accounts.find((a) => a.id === query);
  if (byId) return byId;
  if (exactId) throw new AppError('accountNotFound', `No account has the id "${query}". Run "authenticator list" to see the ids.`);
  const needle = query.trim().toLowerCase();
  const exact = accounts.filter((a) => a.issuer.toLowerCase() === needle || a.name.toLowerCase() === needle);
  const partial = accounts.filter((a) => `${a.issuer} ${a.name}`.toLowerCase().includes(needle));
  const matches = exact.length > 0 ? exact : partial;
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new AppError('accountNotFound', `No account matches "${query}". Run "authenticator list" to see them all.`);
  const shown = matches.slice(0, 5).map((a) => `${a.id} ${accountLabel(a)} (added ${a.createdAt.slice(0, 10)}, place ${accounts.indexOf(a) + 1} in the list)`).join('; ');
  throw new AppError('ambiguousAccount', `"${query}" matches ${matches.length} accounts: ${shown}${matches.length > 5 ? '; ...' : ''}. Use an id.`);
}
