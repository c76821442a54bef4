import { AppError } from '../../../shared/errors.js';
import { deceptiveNameProblem } from '../../../shared/name-characters.js';
import { OTP_LIMITS } from '../../../shared/otp.js';
import type { ImportEntryView } from '../../../shared/import.js';
import { SameAccountSet } from '../accounts/same-account.js';
import { LabelSet, sameNameReason } from '../accounts/same-name.js';
import { parseSetupKey } from '../otp/base32.js';
import { validateOtpParams, type AccountDraft } from '../otp/otpauth-uri.js';
import type { StoredAccount } from '../vault/vault-data.js';
import type { ImportEntry } from './import-format.js';

/** What an import adds: a draft as from a link, and whether the other app marked it a favourite (pinned here). */
export type ImportedDraft = AccountDraft & { pinned: boolean };

/** An entry as the preview shows it, with its draft (main only) when it can be imported. */
export interface ClassifiedEntry {
  view: ImportEntryView;
  draft: ImportedDraft | null;
}

/**
 * Sorts a file's entries into new, duplicate (same issuer, name and secret as an account here, or as an earlier entry
 * of the same file), same name with another key (the rule of same-name.ts: left unticked, said why) and not importable. Readers' usable entries go through our own rules again (the same as for a
 * link), so no reader can let through what a link could not.
 */
export function classifyEntries(entries: readonly ImportEntry[], existing: readonly StoredAccount[]): ClassifiedEntry[] {
  const here = new SameAccountSet(existing);
  const earlier = new SameAccountSet();
  const labelsHere = new LabelSet(existing);
  const labelsEarlier = new LabelSet();
  return entries.map((entry, index) => {
    const id = `e${index}`;
    if (entry.status === 'unsupported') {
      return { view: { id, issuer: clip(entry.issuer), name: clip(entry.name), type: null, pinned: false, status: 'notImportable', reason: clip(entry.reason, 1000) }, draft: null };
    }
    let draft: ImportedDraft;
    try {
      draft = { ...checkedDraft(entry), pinned: entry.pinned === true };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { view: { id, issuer: clip(entry.issuer), name: clip(entry.name), type: entry.otp.type, pinned: false, status: 'notImportable', reason: clip(error.message, 1000) }, draft: null };
    }
    const base = { id, issuer: draft.issuer, name: draft.name, type: draft.otp.type, pinned: draft.pinned };
    if (here.has(draft)) return { view: { ...base, status: 'duplicate', reason: 'Already in your accounts, with the same setup key.' }, draft };
    if (earlier.has(draft)) return { view: { ...base, status: 'duplicate', reason: 'The same account appears earlier in this file.' }, draft };
    earlier.add(draft);
    const namesakeHere = labelsHere.has(draft);
    const namesakeEarlier = !namesakeHere && labelsEarlier.has(draft);
    labelsEarlier.add(draft);
    if (namesakeHere || namesakeEarlier) return { view: { ...base, status: 'sameName', reason: sameNameReason(namesakeEarlier) }, draft };
    return { view: { ...base, status: 'new', reason: null }, draft };
  });
}

function checkedDraft(entry: Extract<ImportEntry, { status: 'usable' }>): AccountDraft {
  const issuer = entry.issuer.trim();
  const name = entry.name.trim();
  const problem = deceptiveNameProblem('issuer', issuer) ?? deceptiveNameProblem('account name', name);
  if (problem !== null) throw new AppError('invalidInput', problem);
  if (issuer.length > OTP_LIMITS.maxLabelLength || name.length > OTP_LIMITS.maxLabelLength) throw new AppError('invalidInput', 'The name is too long.');
  if (issuer.length === 0 && name.length === 0) throw new AppError('invalidInput', 'It names neither an issuer nor an account.');
  const { canonical } = parseSetupKey(entry.secret);
  return { issuer, name, secret: canonical, otp: validateOtpParams(entry.otp) };
}

/** Names of entries that are not imported are only shown: a file's overlong one is cut for the window. */
function clip(text: string, max: number = OTP_LIMITS.maxLabelLength): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
