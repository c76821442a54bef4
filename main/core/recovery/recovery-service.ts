import type { AccountView } from '../../../shared/account.js';
import { accountLabel } from '../../../shared/account-label.js';
import type { BackupSummary, RecoveryAccountView } from '../../../shared/backup.js';
import { AppError } from '../../../shared/errors.js';
import { accountById } from '../accounts/account-by-id.js';
import { hasCodes } from '../accounts/current-code.js';
import { asDeletions, latestDeletions } from '../accounts/deletions.js';
import { SameAccountSet } from '../accounts/same-account.js';
import { MAX_BACKUP_BYTES } from '../../../shared/backup-limits.js';
import { openBackup, readBackupHeader, withDefaultCost, type BackupHeader, type BackupKey } from '../backup/backup-envelope.js';
import { decodePayload, type BackupPayload } from '../backup/backup-payload.js';
import { BACKUP_FILE_NAME, NOT_CONFIGURED, type BackupService } from '../backup/backup-service.js';
import type { CloudFile, CloudStore } from '../backup/cloud-store.js';
import type { Clock } from '../clock.js';
import type { RecoveryAccount, RecoveryIdentity } from '../identity/recovery-identity.js';
import type { Logger } from '../logger.js';
import { parseOtpauthUri, type AccountDraft } from '../otp/otpauth-uri.js';
import { toView, type Deletion, type StoredAccount, type VaultData } from '../vault/vault-data.js';
import type { Vault, VaultSnapshot } from '../vault/vault.js';
import type { RecoveredAccount, RecoveryExistingAccount, RecoveryPreview, RecoverySummary, RestoreMode } from '../../../shared/recovery.js';

export interface RecoveryServiceDeps {
  vault: Vault;
  /** The recovery account and its app folder; null where no client id is configured (a backup file still restores). */
  cloud: { identity: RecoveryIdentity; store: CloudStore } | null;
  backup: BackupService;
  clock: Clock;
  log: Logger;
  /** The vault was written (restore, re-enrol): the app core refreshes tiles, tray and backup from it. */
  onSaved(snapshot: VaultSnapshot): void;
}

/** One recovery in progress. Lives in memory only: the downloaded backup and its key are never stored or sent. */
interface Session {
  /** Where the backup came from: the recovery account's app folder, or a backup file the person chose. */
  source: 'cloud' | 'file';
  account: RecoveryAccount | null;
  /** The backup file as downloaded, with the eTag that the restore hands to the backup service. */
  file: CloudFile | null;
  opened: { header: BackupHeader; payload: BackupPayload; key: BackupKey } | null;
  /**
   * The ids of this PC's accounts that the last preview listed. "Remove and restore" removes these and no other:
   * an account that appeared since (another window, the command-line tool) refuses it until a new preview shows it.
   */
  shown: ReadonlySet<string>;
}

type Step = 'signIn' | 'findBackup' | 'unlock' | 'preview' | 'restore';

/**
 * "Begin recovery" on a new PC: sign in -> locate and describe the backup -> password -> preview -> restore ->
 * summary. Nothing is written before `restore`, which is one atomic vault update (also when it removes this PC's
 * accounts first), so cancelling at any earlier step, or any failure before it, leaves the app as it was. The
 * session keeps the signed-in account and the opened backup until restore or cancel, so a failed download is
 * retried and a refused restore is redone in another mode without signing in again. Accounts restored without
 * their device-bound secret are re-enrolled later with `reenroll`.
 */
export class RecoveryService {
  private session: Session | null = null;
  /** Bumped by cancel, so a step still waiting (on the browser, on scrypt) knows its recovery has ended. */
  private epoch = 0;
  private busy: { epoch: number; step: Step } | null = null;
  /** Personal Microsoft accounts whose owner signed in ("Sign in to recover") since the app started, by id. */
  private readonly verified = new Set<string>();

  constructor(private readonly deps: RecoveryServiceDeps) {}

  /**
   * Interactive sign-in to the recovery account (the browser's account picker). May be called again (for example
   * after "backup not found") to use a different Microsoft account. `findBackup` comes next.
   */
  async signIn(): Promise<{ account: RecoveryAccountView }> {
    return this.step('signIn', async (epoch) => {
      const { identity } = this.cloud();
      this.forget();
      this.session = newSession(null);
      const account = await identity.signIn({ selectAccount: true });
      if (epoch !== this.epoch) {
        // Cancelled while the browser was open: the sign-in that just completed must not stay behind.
        await this.signOutUnlessBackupIsOn();
        throw cancelled();
      }
      this.session = newSession(account);
      return { account: accountView(account) };
    });
  }

  /**
   * Downloads the backup from the signed-in account's app folder and describes it. Needs no new sign-in, so after a
   * OneDrive error (or a backup put back from the recycle bin) it is simply called again.
   */
  async findBackup(): Promise<{ account: RecoveryAccountView; backup: BackupSummary }> {
    return this.step('findBackup', async (epoch) => {
      const session = this.session;
      const account = session?.account;
      if (!session || !account) throw outOfOrder('Sign in to the recovery account that holds your backup first.');
      // What an earlier look found is dropped: this one decides (the file may have changed or gone since).
      session.opened?.key.dataKey.fill(0);
      session.file = null;
      session.opened = null;
      session.shown = new Set();
      const file = await this.cloud().store.read(BACKUP_FILE_NAME);
      this.checkEpoch(epoch);
      if (!file) {
        // The app folder cannot tell "made with another account" from "deleted": both are said, with the way back.
        throw new AppError(
          'backupNotFound',
          `Your backup is not stored with ${account.username}. Either it was made with a different Microsoft account (sign in with that one instead), or it was deleted from OneDrive: a deleted backup stays in OneDrive's recycle bin for up to 30 days (onedrive.live.com, Recycle bin in the list on the left). Restore ${BACKUP_FILE_NAME} there, then look again.`,
        );
      }
      const header = readBackupHeader(file.bytes); // backupTooNew (update the app) and backupDamaged pass through
      session.file = file;
      this.deps.log.info(`recovery: found a backup of ${header.accountCount} accounts`);
      return {
        account: accountView(account),
        backup: { deviceName: header.deviceName, createdAt: header.createdAt, accountCount: header.accountCount },
      };
    });
  }

  /**
   * "Recover from a backup file": the backup saved with Export (or copied from the cloud), on a PC without any
   * Microsoft account. The same checks as a downloaded backup (size, header, format version); `unlock` comes next, and
   * the restore is the same, except that it leaves backup as it is (no recovery account is involved).
   */
  async openFile(bytes: Buffer): Promise<{ backup: BackupSummary }> {
    return this.step('findBackup', async () => {
      this.forget();
      if (bytes.length > MAX_BACKUP_BYTES) throw new AppError('backupDamaged', 'This file is far larger than any backup; it is not a backup file.');
      const header = readBackupHeader(bytes); // backupTooNew (update the app) and backupDamaged pass through
      this.session = { ...newSession(null), source: 'file', file: { bytes, eTag: '', lastModified: '' } };
      this.deps.log.info(`recovery: opened a backup file of ${header.accountCount} accounts`);
      return { backup: { deviceName: header.deviceName, createdAt: header.createdAt, accountCount: header.accountCount } };
    });
  }

  /** Whether the recovery in progress restores from a backup file (no recovery account involved). */
  isFromFile(): boolean {
    return this.session?.source === 'file';
  }

  /** Opens the backup with its password and describes what a restore would bring. A wrong password may be retried. */
  async unlock(password: string): Promise<RecoveryPreview> {
    return this.step('unlock', async (epoch) => {
      const session = this.session;
      if (!session?.file) throw outOfOrder('Sign in to the recovery account that holds your backup first.');
      const { header, payload: bytes, key: opened } = await openBackup(session.file.bytes, { password });
      // A key wrapped more cheaply than today's default is wrapped again now that the password is here; backup, kept on
      // after the restore (adopt), writes it with its first upload.
      const key = await withDefaultCost(opened, password);
      const payload = decodeOpened(bytes);
      const { accounts: existing, unreadableVault } = await this.accountsHere();
      if (epoch !== this.epoch) {
        key.dataKey.fill(0);
        throw cancelled();
      }
      session.opened?.key.dataKey.fill(0);
      session.opened = { header, payload, key };
      return describe(session, existing, unreadableVault);
    });
  }

  /**
   * The opened backup described again against the accounts on this PC now, without the password: after a restore
   * was refused because accounts appeared meanwhile, this is what the person confirms next.
   */
  async preview(): Promise<RecoveryPreview> {
    return this.step('preview', async (epoch) => {
      const session = this.session;
      if (!session?.opened) throw outOfOrder('Enter the backup password first.');
      const { accounts: existing, unreadableVault } = await this.accountsHere();
      this.checkEpoch(epoch);
      return describe(session, existing, unreadableVault);
    });
  }

  /**
   * Writes the backup to this PC in one atomic vault update, then keeps backup on with the same recovery account.
   * `restore` needs a PC without accounts; `merge` adds only what is missing and changes nothing else; `replace`
   * removes the accounts the last preview listed and restores the backup whole, in that same one write. Refused
   * (nothing written, the opened backup kept) when this PC's accounts no longer fit the mode: `preview` then shows
   * them and the person chooses again.
   */
  async restore(mode: RestoreMode): Promise<RecoverySummary> {
    return this.step('restore', async () => {
      const session = this.session;
      const opened = session?.opened;
      const account = session?.account ?? null;
      if (!session?.file || !opened || (session.source === 'cloud' && !account)) throw outOfOrder('Enter the backup password first.');
      const shown = session.shown;
      const now = this.deps.clock.now();
      // A vault locked for good (its key lost) is set aside, kept under a new name, and the backup becomes the new one.
      // A merge has nothing to merge into, so it fails on the vault as it is.
      const setAside = mode === 'restore' && (await this.accountsHere()).unreadableVault !== null ? await this.deps.vault.startOver() : [];
      const { snapshot, result } = await this.deps.vault.update((data) => {
        switch (mode) {
          case 'restore':
            return restoreAll(data, opened.payload);
          case 'merge':
            return mergeMissing(data, opened.payload);
          case 'replace':
            return replaceAll(data, opened.payload, shown, now);
          default:
            throw new AppError('invalidRequest', 'Choose to restore, to merge, or to remove and restore.');
        }
      });
      this.deps.log.info(`recovery: ${mode} wrote ${result.restored} accounts${mode === 'replace' ? ` and removed ${result.removed}` : ''}`);
      try {
        this.deps.onSaved(snapshot);
        if (account) await this.deps.backup.adopt(account, opened.key, session.file.eTag);
      } finally {
        this.forget(); // written: this recovery is over even if keeping backup on failed (Settings > Backup turns it on)
      }
      return { ...result, setAside };
    });
  }

  /** Ends the recovery without writing anything; signs out of the recovery account unless backup was already on. */
  async cancel(): Promise<void> {
    if (this.busy?.epoch === this.epoch && this.busy.step === 'restore') {
      throw new AppError('invalidRequest', 'The accounts are being written now; recovery can no longer be cancelled.');
    }
    const started = this.session !== null || this.busy?.epoch === this.epoch;
    const signingIn = this.busy?.epoch === this.epoch && this.busy.step === 'signIn';
    this.forget();
    this.epoch++;
    // A sign-in still waiting in the browser is ended in main (its loopback listener closes), not only forgotten here.
    if (signingIn) await this.deps.cloud?.identity.cancelSignIn();
    // Only a restore turns backup on, and it ends the recovery: "on" here means it was on before recovery began.
    if (started) await this.signOutUnlessBackupIsOn();
  }

  /**
   * "Sign in to recover" for a device-bound personal Microsoft account: the person signs in as that account (its
   * name is the login hint; the identity provider asks for the password and proof such as a code sent to an
   * alternate email or phone). Once proven, `reenroll` accepts the new setup key for it.
   */
  async verifyOwner(id: string): Promise<{ username: string }> {
    const account = await this.needingVerification(id);
    if (account.kind !== 'microsoftPersonal') {
      throw new AppError('invalidRequest', `${accountLabel(account)} is recovered by scanning the QR code its provider gives you; it needs no sign-in here.`);
    }
    const signedIn = await this.cloud().identity.verifyAccount(account.name);
    if (account.name && sameSignInName(signedIn.username, account.name) === false) {
      throw new AppError('wrongAccount', `You signed in as ${signedIn.username}, but this account is ${account.name}. Choose "Sign in to recover" again and sign in as ${account.name}.`);
    }
    this.verified.add(id);
    return { username: signedIn.username };
  }

  /**
   * "Scan QR code to recover": gives an account restored without its device-bound secret the secret and code
   * settings of a new otpauth:// link. Its id, issuer, name, kind and place stay; from now on it is an ordinary
   * account, backed up with its new secret. A link for another account (its name or issuer differs) is refused
   * (`accountMismatch`), since its codes would be someone else's and the backup would carry them to other PCs,
   * unless the person confirms that the provider changed the name (`providerChanged`).
   */
  async reenroll(id: string, uri: string, { providerChanged = false }: { providerChanged?: boolean } = {}): Promise<AccountView> {
    const draft = parseOtpauthUri(uri); // invalidInput that says what is wrong with the link
    const needed = await this.needingVerification(id);
    if (needed.kind === 'microsoftPersonal' && !this.verified.has(id)) {
      throw new AppError('invalidRequest', `Sign in as ${needed.name || 'this account'} first ("Sign in to recover"); then scan or enter its new setup key.`);
    }
    const now = this.deps.clock.now();
    const { snapshot, result } = await this.deps.vault.update((data) => {
      const account = accountById(data.accounts, id);
      if (!account.needsVerification) throw new AppError('invalidRequest', `${accountLabel(account)} does not need verification; its codes already work.`);
      if (!providerChanged) refuseOtherAccountsLink(account, draft);
      // Backup merges keep the later updatedAt. The secretless copy came from another PC whose clock may be ahead
      // of ours; the re-enrolled account replaces it, so it must sort after it or the merge would bring it back.
      const previous = Date.parse(account.updatedAt);
      const updatedAt = new Date(Number.isNaN(previous) ? now : Math.max(now, previous + 1)).toISOString();
      Object.assign(account, { secret: draft.secret, otp: draft.otp, needsVerification: false, deviceBound: false, updatedAt });
      return { data, result: toView(account) };
    });
    this.verified.delete(id);
    this.deps.onSaved(snapshot);
    return result;
  }

  /** This PC's accounts; none when its vault cannot be opened because the key was lost (a restore sets it aside). */
  private async accountsHere(): Promise<{ accounts: StoredAccount[]; unreadableVault: string | null }> {
    try {
      return { accounts: (await this.deps.vault.read()).data.accounts, unreadableVault: null };
    } catch (error) {
      if (error instanceof AppError && error.kind === 'vaultKeyMissing') return { accounts: [], unreadableVault: this.deps.vault.file };
      throw error;
    }
  }

  private async needingVerification(id: string): Promise<StoredAccount> {
    const account = accountById((await this.deps.vault.read()).data.accounts, id);
    if (!account.needsVerification) throw new AppError('invalidRequest', `${accountLabel(account)} does not need verification; its codes already work.`);
    return account;
  }

  /** One step at a time within a recovery; `epoch` lets the step notice a cancel that happened while it waited. */
  private async step<T>(step: Step, work: (epoch: number) => Promise<T>): Promise<T> {
    const epoch = this.epoch;
    if (this.busy?.epoch === epoch) throw new AppError('invalidRequest', 'Recovery is still busy with the previous step; wait for it to finish.');
    const busy = { epoch, step };
    this.busy = busy;
    try {
      return await work(epoch);
    } finally {
      if (this.busy === busy) this.busy = null;
    }
  }

  private checkEpoch(epoch: number): void {
    if (epoch !== this.epoch) throw cancelled();
  }

  /** Drops the downloaded backup and wipes its key from memory. */
  private forget(): void {
    this.session?.opened?.key.dataKey.fill(0);
    this.session = null;
  }

  private async signOutUnlessBackupIsOn(): Promise<void> {
    if (this.deps.cloud && (await this.deps.backup.status()).state === 'off') await this.deps.cloud.identity.signOut();
  }

  private cloud(): { identity: RecoveryIdentity; store: CloudStore } {
    if (!this.deps.cloud) throw new AppError('notConfigured', NOT_CONFIGURED);
    return this.deps.cloud;
  }
}

function newSession(account: RecoveryAccount | null): Session {
  return { source: 'cloud', account, file: null, opened: null, shown: new Set() };
}

function accountView(account: RecoveryAccount): RecoveryAccountView {
  return { username: account.username, displayName: account.displayName };
}

/** What a restore would bring, against `existing` (this PC's accounts now), which the session remembers as shown. */
function describe(session: Session, existing: readonly StoredAccount[], unreadableVault: string | null): RecoveryPreview {
  const opened = session.opened;
  if (!opened) throw outOfOrder('Enter the backup password first.');
  session.shown = new Set(existing.map((a) => a.id));
  const { header, payload } = opened;
  const here = presentIn(existing);
  const inBackup = presentIn(payload.accounts);
  return {
    deviceName: header.deviceName,
    createdAt: header.createdAt,
    accounts: payload.accounts.map((a) => ({
      issuer: a.issuer,
      name: a.name,
      kind: a.kind,
      needsVerification: needsVerification(a),
      alreadyHere: here(a),
    })),
    existing: existing.map((a): RecoveryExistingAccount => ({ id: a.id, issuer: a.issuer, name: a.name, kind: a.kind, inBackup: inBackup(a) })),
    unreadableVault,
  };
}

/**
 * The two restores that need no preview of this PC's accounts (the command-line tool's `recover --from-file`):
 * `restore` onto a PC without accounts, `merge` adding only what is missing.
 */
export function restorePayload(mode: 'restore' | 'merge', data: VaultData, payload: BackupPayload): { data: VaultData; result: RecoverySummary } {
  return mode === 'restore' ? restoreAll(data, payload) : mergeMissing(data, payload);
}

/** The whole backup onto a PC without accounts: its accounts in order, its settings and its deletion records. */
function restoreAll(data: VaultData, payload: BackupPayload): { data: VaultData; result: RecoverySummary } {
  if (data.accounts.length > 0) {
    const n = data.accounts.length;
    const it = n === 1 ? 'it' : 'them';
    throw new AppError(
      'conflictExistingAccounts',
      `This PC has ${n} account${n === 1 ? '' : 's'} (${names(data.accounts)}), so a full restore would replace ${it}; nothing was changed. Add only the backup's accounts that are missing here (merge), or remove ${it} and restore the backup.`,
    );
  }
  const accounts = payload.accounts.map(asRestored);
  const next: VaultData = { accounts, deleted: keepDeletions([...payload.deleted, ...data.deleted], accounts), settings: payload.settings };
  return { data: next, result: summary('restore', accounts, 0, 0) };
}

/**
 * "Remove these accounts and restore": this PC's accounts go and the backup comes back whole, as one write. Only
 * accounts the person saw listed for removal are removed; another one refuses the whole. A removed account gets a
 * deletion record (so the next backup merge does not bring it back from another PC's copy), unless the backup
 * restores that same id: then its copy from the backup replaces it, and a deletion would remove that copy again.
 */
function replaceAll(data: VaultData, payload: BackupPayload, confirmed: ReadonlySet<string>, now: number): { data: VaultData; result: RecoverySummary } {
  const unconfirmed = data.accounts.filter((a) => !confirmed.has(a.id));
  if (unconfirmed.length > 0) {
    const n = unconfirmed.length;
    throw new AppError(
      'conflictExistingAccounts',
      `${n === 1 ? 'An account was' : `${n} accounts were`} added to this PC after you saw what would be removed (${names(unconfirmed)}); nothing was changed. Check the list again: it now includes ${n === 1 ? 'it' : 'them'}.`,
    );
  }
  const accounts = payload.accounts.map(asRestored);
  const restoredIds = new Set(accounts.map((a) => a.id));
  const at = new Date(now).toISOString();
  const removals = data.accounts.filter((a) => !restoredIds.has(a.id)).map(({ id }): Deletion => ({ id, at }));
  const next: VaultData = {
    accounts,
    deleted: keepDeletions([...payload.deleted, ...data.deleted, ...removals], accounts),
    settings: payload.settings,
  };
  return { data: next, result: summary('replace', accounts, 0, data.accounts.length) };
}

/** Adds the backup's accounts that this PC lacks, after its own, in backup order. Nothing here is changed or removed. */
function mergeMissing(data: VaultData, payload: BackupPayload): { data: VaultData; result: RecoverySummary } {
  const here = presentIn(data.accounts);
  const added = payload.accounts.filter((a) => !here(a)).map(asRestored);
  const next: VaultData = { ...data, accounts: [...data.accounts, ...added], deleted: keepDeletions(data.deleted, added) };
  return { data: next, result: summary('merge', added, payload.accounts.length - added.length, 0) };
}

/**
 * A deletion newer than an account makes the next backup merge drop it again; the person has just chosen to
 * bring these accounts back, so their deletion records go. For the rest, the latest deletion of an id is kept.
 */
function keepDeletions(deletions: readonly Deletion[], restored: readonly StoredAccount[]): Deletion[] {
  const ids = new Set(restored.map((a) => a.id));
  return asDeletions(latestDeletions(deletions.filter((d) => !ids.has(d.id))));
}

function summary(mode: RestoreMode, accounts: readonly StoredAccount[], alreadyHere: number, removed: number): RecoverySummary {
  const brief = ({ id, issuer, name, kind }: StoredAccount): RecoveredAccount => ({ id, issuer, name, kind });
  return {
    mode,
    restored: accounts.length,
    added: accounts.map(brief),
    alreadyHere,
    removed,
    needVerification: accounts.filter((a) => a.needsVerification).map(brief),
    setAside: [],
  };
}

/** Device-bound accounts arrive without a secret: marked so their tile says "Action required" and copies nothing. */
function asRestored(account: StoredAccount): StoredAccount {
  return needsVerification(account) ? { ...account, secret: '', needsVerification: true } : account;
}

/** Whether an account arrives from the backup without codes: device-bound (its secret stays on the other PC), or without them already. */
function needsVerification(account: StoredAccount): boolean {
  return account.deviceBound || !hasCodes(account);
}

/** Whether a candidate is already in `accounts`: the same id, or the same account (`sameAccount`) added separately. */
function presentIn(accounts: readonly StoredAccount[]): (candidate: StoredAccount) => boolean {
  const ids = new Set(accounts.map((a) => a.id));
  const same = new SameAccountSet(accounts);
  return (candidate) => ids.has(candidate.id) || same.has(candidate);
}

/** It passed the integrity check, so a payload that does not parse was written wrongly (or by someone holding the key): damaged either way. */
function decodeOpened(bytes: Buffer): BackupPayload {
  try {
    return decodePayload(bytes);
  } catch {
    throw new AppError('backupDamaged', 'The backup file holds data this version of the app cannot read; nothing was restored.');
  }
}

/**
 * Whether two sign-in names are the same account: email addresses compare without case. Null when the stored name
 * is not a sign-in name at all (a phone number or free text typed when the account was added): nothing to compare.
 */
function sameSignInName(signedIn: string, stored: string): boolean | null {
  if (!stored.includes('@')) return null;
  return signedIn.trim().toLowerCase() === stored.trim().toLowerCase();
}

/**
 * Refuses the setup link of another account for `account`: a different account name, or a different issuer. Compared
 * without case and surrounding spaces; what the account does not know (no stored name or issuer) matches anything, as
 * does a link without an issuer (a setup key typed by hand names no provider).
 */
function refuseOtherAccountsLink(account: StoredAccount, link: Pick<AccountDraft, 'issuer' | 'name'>): void {
  const nameDiffers = !sameLabelPart(account.name, link.name);
  const issuerDiffers = link.issuer.trim() !== '' && !sameLabelPart(account.issuer, link.issuer);
  if (!nameDiffers && !issuerDiffers) return;
  // Only what differs is named (and a differing issuer is never empty on either side).
  const side = (name: string, issuer: string) =>
    [nameDiffers ? (name.trim() ? `for “${name.trim()}”` : 'for an account without a name') : null, issuerDiffers ? `from “${issuer.trim()}”` : null]
      .filter(Boolean)
      .join(' ');
  const provider = account.issuer.trim() || 'its provider';
  throw new AppError(
    'accountMismatch',
    `This setup code is ${side(link.name, link.issuer)}, not ${side(account.name, account.issuer)}. Nothing was changed. ` +
      `Use the QR code of ${accountLabel(account)}, or, only if ${provider} changed the account’s name, confirm that and use this key.`,
  );
}

function sameLabelPart(stored: string, given: string): boolean {
  const norm = (text: string) => text.trim().normalize('NFC').toLowerCase();
  return norm(stored) === '' || norm(stored) === norm(given);
}

/** Up to five accounts by name, for a message; semicolons between them, as each name has a comma of its own. */
function names(accounts: readonly StoredAccount[]): string {
  return accounts.slice(0, 5).map(accountLabel).join('; ') + (accounts.length > 5 ? '; …' : '');
}

function outOfOrder(what: string): AppError {
  return new AppError('invalidRequest', `${what} (Recovery steps: sign in, enter the backup password, then restore.)`);
}

function cancelled(): AppError {
  return new AppError('invalidRequest', 'Recovery was cancelled.');
}
