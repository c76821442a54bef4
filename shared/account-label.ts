/**
 * How an account is named, everywhere: the window (tiles, lists, accessible names, messages), the tray, the
 * command-line tool and the errors main sends. One rule, so a person meets the same words for the same account.
 * Process-neutral (no secrets, no schemas): the window imports it too.
 */

/** What naming an account needs; `id` is the last resort of an account with neither issuer nor name. */
export interface Nameable {
  issuer: string;
  name: string;
  id?: string;
}

/**
 * The account in one line: "GitHub, alice", or whichever of the two it has. The comma (not "GitHub (alice)" or
 * "GitHub – alice") because this is also the accessible name of its tile and buttons, where a screen reader makes
 * it a pause; a message that lists several accounts separates them with semicolons.
 */
export function accountLabel(account: Nameable): string {
  return [account.issuer, account.name].filter(Boolean).join(', ') || (account.id ?? '');
}

/**
 * The first line of the account's two-line display (a tile, the full-screen view's heading), whose second line is
 * the account name: the issuer, or the name when there is no issuer.
 */
export function accountTitle(account: Nameable): string {
  return account.issuer || account.name || (account.id ?? '');
}
