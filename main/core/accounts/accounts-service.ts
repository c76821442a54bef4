import { randomBytes } from 'node:crypto';
import { accountLabel } from '../../../shared/account-label.js';
import type { AccountView, CodeView, ManualAccountInput, SameNameChoice } from '../../../shared/account.js';
import type { ImportResult } from '../../../shared/contract.js';
import { AppError, invalidInput } from '../../../shared/errors.js';
import { AccountKind, OTP_LIMITS, OtpType } from '../../../shared/otp.js';
import type { Settings } from '../../../shared/settings.js';
import { systemClock, type Clock } from '../clock.js';
import { parseSetupKey } from '../otp/base32.js';
import { isMigrationUri, parseMigrationUri } from '../import/google-migration.js';
import { parseOtpauthUri, validateOtpParams, type AccountDraft } from '../otp/otpauth-uri.js';
import type { StoredAccount, VaultData } from '../vault/vault-data.js';
import { DELETIONS_KEPT_DAYS, toView } from '../vault/vault-data.js';
import type { Vault, VaultSnapshot } from '../vault/vault.js';
import { accountById } from './account-by-id.js';
import { checkAccountNames } from './account-names.js';
import { currentCode, requireCodes } from './current-code.js';
import { asDeletions, latestDeletions } from './deletions.js';
import { SameAccountSet, sameAccount } from './same-account.js';
import { placeForNamesake, replaceKey } from './same-name.js';

/** A removed account as it was, and its place in the order: what an undo needs. Main only (it holds the secret). */
export interface Removal {
  account: StoredAccount;
  index: number;
}

export interface AddOptions {
  kind?: StoredAccount['kind'];
  /** Tied to this PC: its secret never goes into a backup, and after a restore it asks for verification. */
  deviceBound?: boolean;
  /** The person's answer to an account here with the same name and another key (same-name.ts); none refuses it. */
  ifSameName?: SameNameChoice | undefined;
}

/**
 * Everything a person can do to their list of accounts, as changes to the vault. Each operation is one
 * atomic vault update: it either happens whole or not at all.
 */
export class AccountsService {
  constructor(
    private readonly vault: Vault,
    private readonly onSaved: (snapshot: VaultSnapshot) => void = () => undefined,
    /** The app's clock, so changes and deletions carry the same (corrected) time that backups compare. */
    private readonly clock: Pick<Clock, 'now'> = systemClock(),
  ) {}

  private stamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  async list(): Promise<AccountView[]> {
    return (await this.vault.read()).data.accounts.map(toView);
  }

  /** With secrets: for main-side code (codes, the command-line tool), never for the renderer. */
  async storedAccounts(): Promise<StoredAccount[]> {
    return (await this.vault.read()).data.accounts;
  }

  /** After damage: puts the previous vault generation back. */
  async restorePrevious(): Promise<AccountView[]> {
    const snapshot = await this.vault.restorePrevious();
    this.onSaved(snapshot);
    return snapshot.data.accounts.map(toView);
  }

  async addFromUri(uri: string, options: AddOptions = {}): Promise<AccountView> {
    const [added] = await this.addDrafts([parseOtpauthUri(uri)], options);
    return added!;
  }

  /** Adds several links at once, all or nothing: one bad link adds none. */
  async addManyFromUris(uris: readonly string[], options: AddOptions = {}): Promise<AccountView[]> {
    const drafts = uris.map((uri, index) => {
      try {
        return parseOtpauthUri(uri);
      } catch (error) {
        if (error instanceof AppError && uris.length > 1) throw new AppError(error.kind, `Link ${index + 1}: ${error.message}`, error.field);
        throw error;
      }
    });
    return this.addDrafts(drafts, options);
  }

  /**
   * An otpauth:// link (one account) or a Google Authenticator export, otpauth-migration:// (each of its accounts),
   * as read from a QR code or pasted: all or nothing, duplicates refused as for a single link.
   */
  async addFromAnyUri(uri: string, ifSameName?: SameNameChoice): Promise<ImportResult> {
    if (!isMigrationUri(uri)) return { accounts: await this.addDrafts([parseOtpauthUri(uri)], { ifSameName }), batch: null };
    const { drafts, batch } = parseMigrationUri(uri);
    return { accounts: await this.addDrafts(drafts, { ifSameName }), batch: { index: batch.index, size: batch.size, id: batch.id } };
  }

  /**
   * An import's ticked entries, in one all-or-nothing write, in the given order after the existing tiles. An entry
   * that is by now the same account as one here (added meanwhile) is left out and returned, not refused. An entry with
   * the name of an account here and another key is added beside it: the preview showed it unticked (same-name.ts),
   * so it is here because the person ticked it. `pinned`: the other app's favourite mark, pinned to the tray here.
   */
  async addImported<D extends AccountDraft & { pinned: boolean }>(drafts: readonly D[]): Promise<{ added: AccountView[]; duplicates: D[] }> {
    return this.change((data) => {
      const now = this.stamp();
      const here = new SameAccountSet(data.accounts);
      const added: StoredAccount[] = [];
      const duplicates: D[] = [];
      for (const draft of drafts) {
        if (here.has(draft)) {
          duplicates.push(draft);
          continue;
        }
        here.add(draft);
        const { issuer, name, secret, otp, pinned } = draft;
        added.push({ id: newId(data.accounts, added), issuer, name, secret, otp, kind: 'other', deviceBound: false, needsVerification: false, pinned, createdAt: now, updatedAt: now });
      }
      data.accounts.push(...added);
      return { added: added.map(toView), duplicates };
    });
  }

  async addManually(input: ManualAccountInput): Promise<AccountView> {
    const issuer = input.issuer.trim();
    const name = input.name.trim();
    if (issuer.length === 0 && name.length === 0) throw invalidInput('name', 'Enter an account name or an issuer.');
    // Checked here, field by field: otherwise the vault's schema would reject them later as an untyped error.
    if (issuer.length > OTP_LIMITS.maxLabelLength) throw invalidInput('issuer', 'The issuer is too long.');
    if (name.length > OTP_LIMITS.maxLabelLength) throw invalidInput('name', 'The account name is too long.');
    checkAccountNames({ issuer, name });
    const kind = AccountKind.safeParse(input.kind);
    if (!kind.success) throw invalidInput('kind', `Unknown account kind "${String(input.kind).slice(0, 24)}".`);
    const type = OtpType.safeParse(input.type);
    if (!type.success) throw invalidInput('type', `Unknown code type "${input.type}": expected totp, hotp or steam.`);
    const { canonical } = parseSetupKey(input.secret);
    const otp = validateOtpParams({ type: type.data, algorithm: input.algorithm, digits: input.digits, period: input.period, counter: input.counter });
    const [added] = await this.addDrafts([{ issuer, name, secret: canonical, otp }], { kind: kind.data, deviceBound: input.deviceBound, ifSameName: input.ifSameName });
    return added!;
  }

  async rename(id: string, issuer: string, name: string): Promise<AccountView> {
    const cleanIssuer = issuer.trim();
    const cleanName = name.trim();
    if (cleanIssuer.length === 0 && cleanName.length === 0) throw invalidInput('name', 'Enter an account name or an issuer.');
    if (cleanIssuer.length > OTP_LIMITS.maxLabelLength || cleanName.length > OTP_LIMITS.maxLabelLength) throw invalidInput('name', 'The name is too long.');
    checkAccountNames({ issuer: cleanIssuer, name: cleanName });
    return this.change((data) => {
      const account = accountById(data.accounts, id);
      account.issuer = cleanIssuer;
      account.name = cleanName;
      account.updatedAt = this.stamp();
      return toView(account);
    });
  }

  /**
   * Deletes an account and records the deletion (so a backup merge does not bring it back). Returns what was
   * removed, with its place, for an undo (RemovalUndo, which keeps it in main); other callers ignore it.
   */
  async remove(id: string): Promise<Removal> {
    return this.change((data) => {
      const account = accountById(data.accounts, id);
      const index = data.accounts.indexOf(account);
      data.accounts = data.accounts.filter((a) => a.id !== id);
      const now = this.clock.now();
      const oldest = now - DELETIONS_KEPT_DAYS * 86_400_000;
      const recent = data.deleted.filter((d) => Date.parse(d.at) >= oldest);
      data.deleted = asDeletions(latestDeletions([...recent, { id, at: new Date(now).toISOString() }]));
      return { account: structuredClone(account), index };
    });
  }

  /**
   * Undoes `remove`, in one vault write: the account comes back whole (id, secret, settings) at its old place (clamped
   * to the end), and its deletion record goes. Its change time becomes now: a backup made meanwhile may carry the
   * deletion to other PCs, and a merge keeps an account changed after its deletion. Refused if the same account (same
   * issuer, name and key) was added again meanwhile.
   */
  async restoreRemoved({ account, index }: Removal): Promise<AccountView> {
    return this.change((data) => {
      if (data.accounts.some((a) => a.id === account.id)) throw new AppError('invalidRequest', 'That account is already back.');
      const twin = data.accounts.find((a) => sameAccount(a, account));
      if (twin) {
        throw new AppError('duplicateAccount', `${accountLabel(twin)} was added again meanwhile, with the same setup key, so the deleted one was not put back.`);
      }
      const restored: StoredAccount = { ...structuredClone(account), updatedAt: this.stamp() };
      data.accounts.splice(Math.min(index, data.accounts.length), 0, restored);
      data.deleted = data.deleted.filter((d) => d.id !== account.id);
      return toView(restored);
    });
  }

  /** Pins or unpins an account: with many accounts, the tray menu lists only the pinned ones. */
  async setPinned(id: string, pinned: boolean): Promise<AccountView> {
    return this.change((data) => {
      const account = accountById(data.accounts, id);
      account.pinned = pinned;
      account.updatedAt = this.stamp();
      return toView(account);
    });
  }

  /** Moves an account to `toIndex` in the display order (clamped to the end). */
  async move(id: string, toIndex: number): Promise<AccountView[]> {
    return this.change((data) => {
      const account = accountById(data.accounts, id);
      const rest = data.accounts.filter((a) => a.id !== id);
      rest.splice(Math.min(Math.max(0, toIndex), rest.length), 0, account);
      data.accounts = rest;
      return data.accounts.map(toView);
    });
  }

  /**
   * HOTP: moves to the next counter value and returns the account as now stored. Refused, without a write, for an
   * account that has no codes here until it is set up again (`requireCodes`).
   */
  async advanceCounter(id: string): Promise<StoredAccount> {
    return this.change((data) => {
      const account = accountById(data.accounts, id);
      if (account.otp.type !== 'hotp') throw new AppError('invalidRequest', 'Only counter-based (HOTP) accounts have a next code.');
      requireCodes(account, 'Its counter was not moved.');
      account.otp = { ...account.otp, counter: account.otp.counter + 1 };
      account.updatedAt = this.stamp();
      return structuredClone(account);
    });
  }

  /** HOTP: moves to the next counter value and returns the code for it, computed here in main. */
  async nextHotpCode(id: string): Promise<CodeView> {
    return currentCode(await this.advanceCounter(id), this.clock.now());
  }

  async settings(): Promise<Settings> {
    return (await this.vault.read()).data.settings;
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.change((data) => {
      data.settings = { ...data.settings, ...patch };
      return data.settings;
    });
  }

  /** New accounts in one write, in order after the existing tiles; a replaced key stays in its account's place. */
  private async addDrafts(drafts: readonly AccountDraft[], { kind = 'other', deviceBound = false, ifSameName }: AddOptions = {}): Promise<AccountView[]> {
    if (deviceBound && kind === 'other') {
      throw invalidInput('kind', 'Only personal Microsoft and work or school accounts can be tied to this PC.');
    }
    // Again here, the one write every new account goes through, whichever parser or importer made the draft.
    drafts.forEach(checkAccountNames);
    return this.change((data) => {
      const now = this.stamp();
      const added: StoredAccount[] = [];
      const written: StoredAccount[] = [];
      for (const draft of drafts) {
        const twin = [...data.accounts, ...added].find((a) => sameAccount(a, draft));
        if (twin) {
          throw new AppError('duplicateAccount', `${accountLabel(twin)} is already in your accounts, with the same setup key. Nothing was added.`);
        }
        const old = placeForNamesake(data.accounts, added, draft, ifSameName);
        if (old) {
          replaceKey(old, draft, now);
          written.push(old);
          continue;
        }
        const id = newId(data.accounts, added);
        added.push({ id, ...draft, kind, deviceBound, needsVerification: false, pinned: false, createdAt: now, updatedAt: now });
        written.push(added.at(-1)!);
      }
      data.accounts.push(...added);
      return written.map(toView);
    });
  }

  private async change<T>(apply: (data: VaultData) => T): Promise<T> {
    const { snapshot, result } = await this.vault.update((data) => ({ data, result: apply(data) }));
    this.onSaved(snapshot);
    return result;
  }
}

/** Short random ids: easy to type in the command-line tool, unique within the vault. */
function newId(...taken: readonly StoredAccount[][]): string {
  for (;;) {
    const id = randomBytes(5).toString('hex');
    if (!taken.some((list) => list.some((a) => a.id === id))) return id;
  }
}
