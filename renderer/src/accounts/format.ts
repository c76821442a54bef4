import type { AccountView } from '../../../shared/account.js';

// Naming an account and grouping a code's digits are shared with main (the tray, the command-line tool, errors).
export { accountLabel, accountTitle } from '../../../shared/account-label.js';
export { groupDigits } from '../../../shared/group-digits.js';

/** What a search keeps: issuer or account name contains the query, case aside; null for a blank query (all of it). */
export function searchFilter(query: string): ((account: Pick<AccountView, 'issuer' | 'name'>) => boolean) | null {
  const needle = query.trim().toLowerCase();
  if (needle === '') return null;
  return (account) => account.issuer.toLowerCase().includes(needle) || account.name.toLowerCase().includes(needle);
}

/** The accounts a search shows, in their order: the tiles, the search box's Down and Enter, Delete's next focus, the quick picker. */
export function filterAccounts<T extends Pick<AccountView, 'issuer' | 'name'>>(accounts: readonly T[], query: string): readonly T[] {
  const keep = searchFilter(query);
  return keep ? accounts.filter(keep) : accounts;
}

/** "SHA1" -> "SHA-1": the algorithm as people read it, the same in the add form, the full-screen view and the setup hint. */
export function algorithmLabel(algorithm: AccountView['otp']['algorithm']): string {
  return algorithm.replace(/^SHA(?=\d)/, 'SHA-');
}
