import { accountLabel } from '../../../shared/account-label.js';
import type { SameNameChoice } from '../../../shared/account.js';
import { AppError, invalidInput } from '../../../shared/errors.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { labelKey, sameAccount } from './same-account.js';

/**
 * The "same name, other key" rule, once. A new account with the issuer and name of an account here (compared as
 * `sameAccount` compares them) but another setup key is most often the provider's reset key, sometimes a second
 * account that happens to have the same label. Guessing either way is wrong: adding silently leaves two tiles (and two
 * command-line matches) nobody can tell apart, replacing silently loses a key that may still work. So nothing is added
 * until the person chooses (`SameNameChoice`): a second account beside the old one, or the new key in the old one's
 * place. Adding (link, QR code, manual form, command-line tool) asks through the `sameNameAccount` error; an import
 * shows such entries unticked with this reason (`sameNameReason`).
 *
 * An account without a secret (restored without its device-bound secret) counts too: a new key for it is exactly the
 * case of a reset. The same account (same key too) is a duplicate, which `sameAccount` refuses before this rule.
 */

type Labelled = Pick<StoredAccount, 'issuer' | 'name' | 'secret'>;

/** The accounts among `accounts` with the label of `draft` but another key. */
export function namesakes<T extends Labelled>(accounts: readonly T[], draft: Labelled): T[] {
  const key = labelKey(draft);
  return accounts.filter((a) => labelKey(a) === key && !sameAccount(a, draft));
}

/**
 * What to do with `draft` given the accounts already here (`here`, stored before this write) and those added by the
 * same write before it (`earlier`): null to add it as a new account, or the one account of `here` whose key it
 * replaces. Without a choice a namesake refuses it (`sameNameAccount`); 'replace' needs exactly one namesake here.
 */
export function placeForNamesake(here: readonly StoredAccount[], earlier: readonly StoredAccount[], draft: Labelled, choice: SameNameChoice | undefined): StoredAccount | null {
  const old = namesakes(here, draft);
  const inBatch = namesakes(earlier, draft);
  if (old.length + inBatch.length === 0 || choice === 'addSecond') return null;
  if (choice === undefined) throw sameNameError([...old, ...inBatch]);
  if (inBatch.length > 0) throw invalidInput('uri', `This holds two accounts named ${accountLabel(draft)} with different setup keys: add them as separate accounts instead. Nothing was added.`);
  if (old.length > 1) {
    throw new AppError('ambiguousAccount', `You have ${old.length} accounts named ${accountLabel(draft)}: remove the one you no longer need, then add this one. Nothing was added.`);
  }
  return old[0]!;
}

function sameNameError(found: readonly Labelled[]): AppError {
  const label = accountLabel(found[0]!);
  const what = found.length === 1 ? label : `${found.length} accounts named ${label}`;
  return new AppError(
    'sameNameAccount',
    `You already have ${what}. This is a different setup key: the provider may have reset it. Add it as a second account, or replace the old key with it. Nothing was added yet.`,
  );
}

/**
 * The labels of many accounts, for an import against thousands: asked after the duplicate check (SameAccountSet),
 * a label found here is a namesake with another key, as `namesakes` would say one by one.
 */
export class LabelSet {
  private readonly keys = new Set<string>();

  constructor(accounts: Iterable<Pick<StoredAccount, 'issuer' | 'name'>> = []) {
    for (const account of accounts) this.add(account);
  }

  add(account: Pick<StoredAccount, 'issuer' | 'name'>): void {
    this.keys.add(labelKey(account));
  }

  has(account: Pick<StoredAccount, 'issuer' | 'name'>): boolean {
    return this.keys.has(labelKey(account));
  }
}

/** Why an import entry is 'sameName' (left unticked, imported as a second account only when ticked). */
export function sameNameReason(inFile: boolean): string {
  return inFile
    ? 'An earlier entry of this file has the same name with a different setup key.'
    : 'You already have an account with this name and a different setup key (the provider may have reset it).';
}

/**
 * Puts `draft`'s key and code settings into `old` (replace): it keeps its id, place, pin, kind and creation time, the
 * same account at its provider with a new key, and is ready to use (no longer needs verification).
 */
export function replaceKey(old: StoredAccount, draft: Pick<StoredAccount, 'issuer' | 'name' | 'secret' | 'otp'>, now: string): void {
  Object.assign(old, { issuer: draft.issuer, name: draft.name, secret: draft.secret, otp: draft.otp, needsVerification: false, updatedAt: now });
}
