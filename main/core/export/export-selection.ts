import { accountLabel } from '../../../shared/account-label.js';
import type { StoredAccount } from '../vault/vault-data.js';

/** An account left out of an export, and why, for the summary. No secret. */
export interface LeftOut {
  id: string;
  issuer: string;
  name: string;
  reason: string;
}

export interface ExportSelection {
  accounts: StoredAccount[];
  leftOut: LeftOut[];
}

/**
 * Which accounts an export holds: all, or the chosen ids, in the vault's order. Never a device-bound account (its
 * secret is tied to this PC: a copy elsewhere would defeat the point) nor one that needs verification (it has no
 * usable secret here); each of those is named in the summary with its reason.
 */
export function selectForExport(accounts: readonly StoredAccount[], ids?: readonly string[]): ExportSelection {
  const wanted = ids === undefined ? null : new Set(ids);
  const selection: ExportSelection = { accounts: [], leftOut: [] };
  for (const account of accounts) {
    if (wanted && !wanted.has(account.id)) continue;
    const reason = account.needsVerification
      ? 'it needs to be set up again on this PC first (Action required), so there is no secret to export'
      : account.deviceBound
        ? 'its sign-in approvals are tied to this PC and are never copied elsewhere'
        : null;
    if (reason) selection.leftOut.push({ id: account.id, issuer: account.issuer, name: account.name, reason });
    else selection.accounts.push(account);
  }
  return selection;
}

/** "GitHub, alice: its sign-in approvals…" lines for a summary. */
export function describeLeftOut(leftOut: readonly LeftOut[]): string[] {
  return leftOut.map((entry) => `${accountLabel(entry)}: ${entry.reason}`);
}
