import type { AccountView } from '../../shared/account.js';

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

export function matchesSearch(account: Pick<AccountView, 'issuer' | 'name'>, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle === '' || account.issuer.toLowerCase().includes(needle) || account.name.toLowerCase().includes(needle);
}
