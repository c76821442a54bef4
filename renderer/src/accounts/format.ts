import type { AccountView } from '../../../shared/account.js';

/** 123456 -> "123 456", 12345678 -> "1234 5678": easier to read and to type. Steam codes stay whole. */
export function groupDigits(code: string): string {
  if (code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

export function accountTitle(account: Pick<AccountView, 'issuer' | 'name'>): string {
  return account.issuer || account.name;
}

/** The accessible name of a tile: issuer and account name. */
export function accountLabel(account: Pick<AccountView, 'issuer' | 'name'>): string {
  return [account.issuer, account.name].filter(Boolean).join(', ');
}

/** What a search keeps: issuer or account name contains the query, case aside; null for a blank query (all of it). */
export function searchFilter(query: string): ((account: Pick<AccountView, 'issuer' | 'name'>) => boolean) | null {
  const needle = query.trim().toLowerCase();
  if (needle === '') return null;
  return (account) => account.issuer.toLowerCase().includes(needle) || account.name.toLowerCase().includes(needle);
}
