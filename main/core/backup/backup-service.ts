import type { BackupFix, BackupStatus, BackupSummary } from '../../../shared/backup.js';
import { AppError, type ErrorKind } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import type { RecoveryAccount, RecoveryIdentity } from '../identity/recovery-identity.js';
import type { KeyStore } from '../keystore/key-store.js';
import type { Logger } from '../logger.js';
import type { VaultSnapshot } from '../vault/vault.js';
import { backupKeyIdOf, createBackupKey, openBackup, readBackupHeader, sealBackup, unwrapBackupKey, withDefaultCost, WrappedKey, type BackupHeader, type BackupKey } from './backup-envelope.js';
import { decodePayload, encodePayload, mergePayloads, payloadOf, type BackupPayload } from './backup-payload.js';
import { loadBackupState, saveBackupState, type BackupState } from './backup-state.js';
import { CloudBusyError, type CloudFile, type CloudStore } from './cloud-store.js';

/** The one file in the recovery account's app folder. */
export const BACKUP_FILE_NAME = 'authenticator-backup.json';

export interface BackupServiceDeps {
  dataDir: string;
  keyStore: KeyStore;
  clock: Clock;
  log: Logger;
  /** Null when this build has no client id configured: backup is then "not configured". */
  cloud: { identity: RecoveryIdentity; store: CloudStore } | null;
  readVault: () => Promise<VaultSnapshot>;
  deviceName: string;
  appVersion: string;
  onStatus: (status: BackupStatus) => void;
  /** Wait after a change before backing up, so a burst of edits makes one upload. */
  debounceMs?: number;
}

const RETRY_DELAYS_MS = [30_000, 60_000, 120_000, 300_000, 900_000];
/**
 * How often a PC with backup on asks OneDrive for the backup's eTag (a few hundred bytes, no download), so that a
 * deleted backup or a password changed on another PC is noticed within minutes, not at the next change here.
 */
export const CHECK_INTERVAL_MS = 5 * 60_000;
/** Conflicts with another PC are merged and written again; after this many in a row, the next attempt comes later. */
const MAX_CONFLICT_ROUNDS = 4;

/**
 * The sync engine: backs up after every change (debounced), on start and on demand; merges with another PC's
 * copy when OneDrive's eTag says someone else wrote first; keeps an honest status that says "up to date" only
 * after a backup succeeded, and otherwise why not and what fixes it.
 */
export class BackupService {
  private state!: BackupState;
  private running = false;
  private runAgain = false;
  private inFlight: Promise<void> = Promise.resolve();
  private cancelTimer: (() => void) | undefined;
  private cancelCheck: (() => void) | undefined;
  private failures = 0;
  /** The eTag of a cloud copy found too new to read: while OneDrive still has that one, checking it again is no use. */
  private tooNewETag: string | null = null;
  private loaded: Promise<void>;
  private ready = false;
  private disposed = false;

  constructor(private readonly deps: BackupServiceDeps) {
    this.loaded = loadBackupState(deps.dataDir, deps.log).then(async (state) => {
      this.state = state;
      // Turning backup on (or recovering) lives in memory: one the app stopped in the middle of is over, and with
      // backup off its sign-in has no use. It is not kept.
      if (!state.enabled && deps.cloud) await this.signOutUnused(deps.cloud.identity);
      this.ready = true;
      if (state.enabled && deps.cloud) this.schedule(1000);
      this.scheduleCheck();
    });
  }

  async status(): Promise<BackupStatus> {
    await this.loaded;
    return this.snapshot();
  }

  /** The vault changed (here, in another window, or by the command-line tool). */
  vaultChanged(): void {
    const schedule = () => {
      // Paused while the cloud copy is a newer format: every attempt would be refused the same way.
      if (this.state.enabled && this.state.problem?.kind !== 'backupTooNew') this.schedule(this.deps.debounceMs ?? 2000);
    };
    if (this.ready) schedule();
    else void this.loaded.then(schedule);
  }

  /** Interactive sign-in to the recovery account; describes a backup already stored there, if any. */
  async signIn(): Promise<{ account: RecoveryAccount; existing: BackupSummary | null }> {
    const { identity, store } = this.cloud();
    await this.loaded;
    const account = await identity.signIn({ selectAccount: true });
    try {
      const file = await store.read(BACKUP_FILE_NAME);
      if (!file) return { account, existing: null };
      const header = readBackupHeader(file.bytes);
      return { account, existing: { deviceName: header.deviceName, createdAt: header.createdAt, accountCount: header.accountCount } };
    } catch (error) {
      // Turning on starts again with signing in (OneDrive down, a backup too new): this sign-in is not kept.
      if (!this.state.enabled) await this.signOutUnused(identity);
      throw error;
    }
  }

  /**
   * Turning backup on was abandoned (Cancel, or the page left) while signing in or after: the sign-in still waiting
   * is ended, and unless backup is on, the recovery account signed in for it is signed out, so none of its tokens
   * stay on this PC for a backup that is off.
   */
  async cancelTurnOn(): Promise<void> {
    const { identity } = this.cloud();
    await this.loaded;
    await identity.cancelSignIn();
    if (!this.state.enabled) await identity.signOut();
  }

  /**
   * Turns backup on for the signed-in recovery account. With a backup already there, the password must be that
   * backup's (the two are merged); otherwise it becomes the new backup's password.
   */
  async turnOn(password: string): Promise<BackupStatus> {
    const { identity, store } = this.cloud();
    await this.loaded;
    const account = await identity.currentAccount();
    if (!account) throw new AppError('signInRequired', 'Sign in to the recovery account first.');
    const existing = await store.read(BACKUP_FILE_NAME);
    // Joining: a key wrapped more cheaply than today's default (by another PC) is wrapped again while the password is
    // here; the backup made just below writes it (one If-Match write).
    const key = existing ? await withDefaultCost((await openBackup(existing.bytes, { password })).key, password) : await createBackupKey(password);
    await this.deps.keyStore.setPassword(this.state.keyName, key.dataKey.toString('base64'));
    await this.save({
      ...this.state,
      enabled: true,
      account: { id: account.id, username: account.username, displayName: account.displayName },
      wrappedKey: key.wrapped,
      lastETag: existing?.eTag ?? null,
      lastGeneration: null,
      problem: null,
    });
    await this.backUpNow();
    return this.snapshot();
  }

  /**
   * After a recovery restored this PC from the backup at `eTag`: backup stays on, with the same recovery account
   * and the same backup key (so no password is asked again). The next change is merged into that backup.
   */
  async adopt(account: RecoveryAccount, key: BackupKey, eTag: string): Promise<void> {
    await this.loaded;
    await this.deps.keyStore.setPassword(this.state.keyName, key.dataKey.toString('base64'));
    await this.save({
      ...this.state,
      enabled: true,
      account: { id: account.id, username: account.username, displayName: account.displayName },
      wrappedKey: key.wrapped,
      lastETag: eTag,
      lastGeneration: null,
      lastBackupAt: null,
      problem: null,
    });
    this.schedule(this.deps.debounceMs ?? 2000);
  }

  /**
   * A new backup password, and with it a new data key, so that the old password (or an old copy of the file) opens
   * nothing written from now on. The current password is asked first. The cloud copy is merged and sealed under the
   * new key, and only once OneDrive has it does this PC keep the new key: a failure (network, a conflicting change
   * of password on another PC) leaves this PC and OneDrive exactly as they were. Other PCs notice the new key in the
   * file and stop writing until they are given the new password (see `enterNewPassword`).
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<BackupStatus> {
    await this.loaded;
    if (!this.state.enabled) throw new AppError('invalidRequest', 'Backup is off; turn it on to set a password.');
    await this.exclusively(async () => {
      const oldKey = await this.dataKey();
      const wrapped = WrappedKey.parse(this.state.wrappedKey);
      const proven = await unwrapBackupKey(wrapped, currentPassword).catch((error: unknown) => {
        if (error instanceof AppError && error.kind === 'wrongPassword') {
          throw new AppError('wrongPassword', 'The current backup password is not right.', 'password');
        }
        throw error;
      });
      const matches = proven.equals(oldKey);
      proven.fill(0);
      if (!matches) throw new AppError('vaultKeyMissing', 'The backup key on this PC does not match its password. Turn backup off and on again here.');
      const next = await createBackupKey(newPassword);
      try {
        const written = await this.upload(oldKey, next, { force: true });
        await this.deps.keyStore.setPassword(this.state.keyName, next.dataKey.toString('base64'));
        await this.succeeded(written, { wrappedKey: next.wrapped });
      } catch (error) {
        if (error instanceof AppError && error.kind === 'backupPasswordChanged') await this.failed(error);
        throw error;
      } finally {
        next.dataKey.fill(0);
        oldKey.fill(0);
      }
    });
    return this.snapshot();
  }

  /**
   * After another PC changed the backup password: opens the cloud copy with the new password, keeps its key, and
   * backs up at once (merging this PC's changes into it). A wrong password changes nothing, the status included.
   * Keeping the key and the upload are one exclusive piece of work, so the status says "Backing up" until the merged
   * copy is in OneDrive (it used to say "Up to date" in between) and no timed attempt runs between the two.
   */
  async enterNewPassword(password: string): Promise<BackupStatus> {
    const { store } = this.cloud();
    await this.loaded;
    if (!this.state.enabled) throw new AppError('invalidRequest', 'Backup is off.');
    const remote = await store.read(BACKUP_FILE_NAME);
    // Deleted meanwhile (no remote): this PC's own key makes the new backup.
    const key = remote && { ...(await withDefaultCost((await openBackup(remote.bytes, { password })).key, password)), eTag: remote.eTag };
    try {
      await this.exclusively(async () => {
        if (key) {
          await this.deps.keyStore.setPassword(this.state.keyName, key.dataKey.toString('base64'));
          await this.save({ ...this.state, wrappedKey: key.wrapped, lastETag: key.eTag, lastGeneration: null, problem: null });
        }
        await this.attempt(true);
      });
    } finally {
      key?.dataKey.fill(0);
    }
    return this.snapshot();
  }

  /** Runs a backup at once (also when the last one was refused because the backup had been deleted). */
  async backUpNow(): Promise<BackupStatus> {
    await this.loaded;
    if (!this.state.enabled) throw new AppError('invalidRequest', 'Backup is off.');
    await this.run({ force: true });
    return this.snapshot();
  }

  /**
   * The way out of a cloud copy written by a newer version of the app, on the person's explicit choice: this PC's
   * accounts replace it (sealed with this PC's key), If-Match the copy that was found too new, so a copy changed
   * meanwhile is not overwritten unseen. Refused when the cloud copy is one this app can read (it is merged instead).
   */
  async replaceCloudCopy(): Promise<BackupStatus> {
    const { store } = this.cloud();
    await this.loaded;
    if (!this.state.enabled) throw new AppError('invalidRequest', 'Backup is off.');
    await this.exclusively(async () => {
      const remote = await store.read(BACKUP_FILE_NAME);
      if (!remote || !isTooNew(remote.bytes)) {
        throw new AppError('invalidRequest', 'The backup in OneDrive is not from a newer version of the app (any more); nothing was replaced. Back up now to merge with it.');
      }
      const dataKey = await this.dataKey();
      try {
        const snapshot = await this.deps.readVault();
        const bytes = this.seal(payloadOf(snapshot.data), { dataKey, wrapped: WrappedKey.parse(this.state.wrappedKey) });
        const { eTag } = await store.write(BACKUP_FILE_NAME, bytes, remote.eTag);
        await this.succeeded({ eTag, generation: snapshot.generation });
      } finally {
        dataKey.fill(0);
      }
    });
    return this.snapshot();
  }

  /** Signs in to the same recovery account again (after "sign-in required"), then backs up. */
  async signInAgain(): Promise<BackupStatus> {
    const { identity } = this.cloud();
    await this.loaded;
    const expected = this.state.account;
    if (!expected) throw new AppError('invalidRequest', 'Backup is off.');
    const account = await identity.signIn({ loginHint: expected.username, sameAccountAs: expected.id });
    if (account.id !== expected.id) {
      throw new AppError(
        'signInRequired',
        `You signed in as ${account.username}, but this PC backs up to ${expected.username}. Sign in as ${expected.username}, or turn backup off and on again to use another account.`,
      );
    }
    return this.backUpNow();
  }

  /** Turns backup off; with `deleteCloudCopy`, the backup in OneDrive is deleted first (and stays if that fails). */
  async turnOff(deleteCloudCopy: boolean): Promise<BackupStatus> {
    const { identity, store } = this.cloud();
    await this.loaded;
    this.cancelTimer?.();
    await this.inFlight;
    if (deleteCloudCopy && this.state.enabled) await store.remove(BACKUP_FILE_NAME);
    await identity.signOut();
    await this.deps.keyStore.deletePassword(this.state.keyName).catch(() => false);
    await this.save({ ...this.state, enabled: false, account: null, wrappedKey: null, lastBackupAt: null, lastETag: null, lastGeneration: null, problem: null });
    return this.snapshot();
  }

  /** Resolves when no attempt is running (tests and shutdown wait for it). */
  async settled(): Promise<void> {
    await this.loaded;
    await this.inFlight;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    this.cancelCheck?.();
  }

  private schedule(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.deps.clock.setTimer(delayMs, () => {
      this.cancelTimer = undefined;
      void this.run({ force: false });
    });
  }

  /** The periodic eTag check; a different eTag makes a backup attempt, which says what happened (deleted, new password). */
  private scheduleCheck(): void {
    this.cancelCheck?.();
    if (this.disposed || !this.deps.cloud) return;
    this.cancelCheck = this.deps.clock.setTimer(CHECK_INTERVAL_MS, () => {
      void this.check().finally(() => this.scheduleCheck());
    });
  }

  private async check(): Promise<void> {
    const { enabled, lastETag, problem } = this.state;
    // Nothing to compare with yet, or an attempt (or its retry) is already on the way.
    const watched = problem === null || problem.kind === 'cloudBusy' || problem.kind === 'network' || problem.kind === 'backupTooNew';
    if (!enabled || lastETag === null || this.running || !watched) return;
    try {
      const eTag = await this.cloud().store.version(BACKUP_FILE_NAME);
      if (eTag === lastETag || (problem?.kind === 'backupTooNew' && eTag === this.tooNewETag)) return;
    } catch (error) {
      this.deps.log.info(`the periodic backup check failed: ${error instanceof Error ? error.message : String(error)}`);
      return; // the next attempt after a change reports it; a failed look is no news
    }
    await this.run({ force: false });
  }

  /**
   * Work that must not interleave with a backup attempt (a password change uploads itself): waits for the attempt
   * under way, holds the next ones off, and runs them afterwards if a change asked for one meanwhile.
   */
  private async exclusively(work: () => Promise<void>): Promise<void> {
    this.cancelTimer?.();
    while (this.running) await this.inFlight;
    this.running = true;
    this.emit();
    const done = work();
    this.inFlight = done.catch(() => undefined);
    try {
      await done;
    } finally {
      this.running = false;
      if (this.runAgain && this.state.enabled) void this.run({ force: false });
      else this.emit();
    }
  }

  /** One attempt at a time; a change during an attempt makes another one afterwards. */
  private run(options: { force: boolean }): Promise<void> {
    if (this.running) {
      this.runAgain = true;
      return this.inFlight;
    }
    this.running = true;
    this.cancelTimer?.();
    this.emit();
    this.inFlight = (async () => {
      try {
        do {
          this.runAgain = false;
          await this.attempt(options.force);
        } while (this.runAgain && this.state.enabled);
      } finally {
        this.running = false;
        this.emit();
      }
    })();
    return this.inFlight;
  }

  private async attempt(force: boolean): Promise<void> {
    try {
      await this.backUp(force);
      this.failures = 0;
    } catch (error) {
      this.deps.log.error('backup failed', error);
      await this.failed(error);
    }
  }

  /** Records why the last attempt failed and, where waiting helps, when the next one is. */
  private async failed(error: unknown): Promise<void> {
    const problem = describeProblem(error);
    const delay = !problem.retry
      ? null
      : error instanceof CloudBusyError && error.retryAfterMs !== null
        ? Math.max(error.retryAfterMs, 1000)
        : (RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)] ?? 900_000);
    if (problem.retry) this.failures++;
    const now = this.deps.clock.now();
    const { kind, message, fix } = problem;
    await this.save({
      ...this.state,
      problem: { kind, message, fix, at: new Date(now).toISOString(), nextAttemptAt: delay === null ? null : new Date(now + delay).toISOString() },
    }).catch((saveError: unknown) => this.deps.log.error('saving the backup status failed', saveError));
    if (delay !== null) this.schedule(delay);
  }

  private async backUp(force: boolean): Promise<void> {
    const dataKey = await this.dataKey();
    try {
      await this.succeeded(await this.upload(dataKey, { dataKey, wrapped: WrappedKey.parse(this.state.wrappedKey) }, { force }));
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Merges this PC's vault into the cloud copy (opened with `readKey`) and writes the result sealed with `writeKey`,
   * If-Match the copy it read, so nothing another PC wrote meanwhile is lost. Never writes over a copy sealed with
   * another key than `readKey`: that is a password changed on another PC, and only its new password continues.
   * Returns what to remember, or the remote's eTag alone when it already holds everything of this PC's.
   */
  private async upload(readKey: Buffer, writeKey: BackupKey, { force }: { force: boolean }): Promise<{ eTag: string; generation: number }> {
    const { store } = this.cloud();
    const snapshot = await this.deps.readVault();
    const local = payloadOf(snapshot.data);
    const rekeying = !readKey.equals(writeKey.dataKey);
    for (let round = 1; ; round++) {
      const remote = await store.read(BACKUP_FILE_NAME).catch(asCloudDamage);
      if (!remote && this.state.lastETag !== null && !force) {
        throw new AppError('backupDeleted', 'Your backup in OneDrive no longer exists (it was deleted). Make a new backup now to stay protected.');
      }
      if (remote && this.headerOf(remote).keyId !== backupKeyIdOf(readKey)) throw passwordChangedElsewhere();
      // Every write merges the copy it replaces, so a copy written after ours already holds all we had then.
      if (remote && !force && !rekeying && snapshot.generation === this.state.lastGeneration) return { eTag: remote.eTag, generation: snapshot.generation };
      const payload = remote ? mergePayloads(local, await this.openRemote(remote.bytes, readKey)) : local;
      const bytes = this.seal(payload, writeKey);
      try {
        const { eTag } = await store.write(BACKUP_FILE_NAME, bytes, remote?.eTag ?? null);
        return { eTag, generation: snapshot.generation };
      } catch (error) {
        // Another PC wrote between our read and our write: read its copy, merge again, write again.
        if (!(error instanceof AppError && error.kind === 'cloudConflict') || round >= MAX_CONFLICT_ROUNDS) throw error;
        this.deps.log.info('the backup changed in OneDrive meanwhile; merging again');
      }
    }
  }

  /** The cloud copy's header; a copy too new to read is remembered, so the periodic check skips it while it stays. */
  private headerOf(remote: CloudFile): BackupHeader {
    try {
      const header = remoteHeader(remote.bytes);
      this.tooNewETag = null;
      return header;
    } catch (error) {
      if (error instanceof AppError && error.kind === 'backupTooNew') this.tooNewETag = remote.eTag;
      throw error;
    }
  }

  private seal(payload: BackupPayload, key: BackupKey): Buffer {
    return sealBackup(encodePayload(payload), key, {
      createdAt: new Date(this.deps.clock.now()).toISOString(),
      deviceName: this.deps.deviceName,
      appVersion: this.deps.appVersion,
      accountCount: payload.accounts.length,
    });
  }

  private async openRemote(bytes: Buffer, dataKey: Buffer): Promise<BackupPayload> {
    try {
      return decodePayload((await openBackup(bytes, { dataKey })).payload);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'backupTooNew') throw error;
      // Its key is ours (checked before), so it was changed by someone: never overwrite what we cannot read.
      throw new AppError('backupDamaged', CLOUD_DAMAGED);
    }
  }

  private async succeeded({ eTag, generation }: { eTag: string; generation: number }, change: Partial<BackupState> = {}): Promise<void> {
    await this.save({ ...this.state, ...change, lastETag: eTag, lastGeneration: generation, lastBackupAt: new Date(this.deps.clock.now()).toISOString(), problem: null });
  }

  private async dataKey(): Promise<Buffer> {
    const stored = await this.deps.keyStore.getPassword(this.state.keyName);
    if (!stored) {
      throw new AppError('vaultKeyMissing', 'The backup key is missing from this PC’s keychain. Turn backup off and on again (you will need the backup password).');
    }
    return Buffer.from(stored, 'base64');
  }

  /** Signs out of a recovery account that backup does not use; a failure is logged (the next turn-on replaces it anyway). */
  private async signOutUnused(identity: RecoveryIdentity): Promise<void> {
    try {
      if (await identity.currentAccount()) await identity.signOut();
    } catch (error) {
      this.deps.log.error('signing out of an unused recovery account failed', error);
    }
  }

  private cloud(): { identity: RecoveryIdentity; store: CloudStore } {
    if (!this.deps.cloud) throw new AppError('notConfigured', NOT_CONFIGURED);
    return this.deps.cloud;
  }

  private async save(state: BackupState): Promise<void> {
    this.state = state;
    this.emit();
    await saveBackupState(this.deps.dataDir, state);
  }

  private emit(): void {
    this.deps.onStatus(this.snapshot());
  }

  private snapshot(): BackupStatus {
    const { enabled, account, lastBackupAt, problem } = this.state;
    const state = !enabled ? 'off' : this.running ? 'backingUp' : problem ? 'outOfDate' : lastBackupAt ? 'upToDate' : 'backingUp';
    return {
      configured: this.deps.cloud !== null,
      state,
      account: account && { username: account.username, displayName: account.displayName },
      lastBackupAt,
      problem: enabled ? problem : null,
      deviceName: this.deps.deviceName,
    };
  }
}

export const NOT_CONFIGURED =
  'Cloud backup is not configured in this copy of the app: it needs an Azure app registration (client id). See "Registering the app with Microsoft" in the README.';

const FIXES: Partial<Record<ErrorKind, { fix: BackupFix; retry: boolean }>> = {
  network: { fix: 'retry', retry: true },
  cloudConflict: { fix: 'retry', retry: true },
  backupDamaged: { fix: 'turnOnAgain', retry: false },
  cloudStorageFull: { fix: 'retry', retry: true },
  signInRequired: { fix: 'signIn', retry: false },
  signInCancelled: { fix: 'signIn', retry: false },
  backupDeleted: { fix: 'backUpNow', retry: false },
  vaultKeyMissing: { fix: 'turnOnAgain', retry: false },
  backupTooNew: { fix: 'updateOrReplace', retry: false },
  backupPasswordChanged: { fix: 'enterPassword', retry: false },
  cloudBusy: { fix: 'retry', retry: true },
};

const TOO_NEW =
  'The backup in OneDrive was made by a newer version of the app, which this version cannot read. Backups from this PC are paused and nothing was written. Update the app on this PC to continue, or replace the backup in OneDrive with this PC’s accounts.';

const MAKE_A_NEW_ONE = 'Nothing was written. To make a new one, turn backup off here, deleting the copy in OneDrive, and turn it on again.';
const CLOUD_DAMAGED = `The backup in OneDrive is damaged or was changed outside this app. ${MAKE_A_NEW_ONE}`;

/** A cloud copy the store refused to read (too large) is the backup's problem: its message gains the way out. */
function asCloudDamage(error: unknown): never {
  if (error instanceof AppError && error.kind === 'backupDamaged') throw new AppError('backupDamaged', `${error.message} ${MAKE_A_NEW_ONE}`);
  throw error;
}

/** The cloud copy's header; a damaged one is said as the cloud's problem (the envelope's words are about restoring). */
function remoteHeader(bytes: Buffer): BackupHeader {
  try {
    return readBackupHeader(bytes);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'backupDamaged') throw new AppError('backupDamaged', CLOUD_DAMAGED);
    throw error;
  }
}

function isTooNew(bytes: Buffer): boolean {
  try {
    readBackupHeader(bytes);
    return false;
  } catch (error) {
    return error instanceof AppError && error.kind === 'backupTooNew';
  }
}

function passwordChangedElsewhere(): AppError {
  return new AppError(
    'backupPasswordChanged',
    'The backup password was changed on another PC: enter the new one to keep backing up. Until then nothing is written to OneDrive; the accounts on this PC are safe.',
  );
}

function describeProblem(error: unknown): { kind: ErrorKind; message: string; fix: BackupFix; retry: boolean } {
  if (!(error instanceof AppError)) {
    return { kind: 'internal', message: 'The backup failed for an unexpected reason; it will be tried again.', fix: 'retry', retry: true };
  }
  const { fix, retry } = FIXES[error.kind] ?? { fix: 'retry', retry: true };
  // The cloud's messages say what went wrong; what the backup does about it is said here.
  const message =
    error.kind === 'network'
      ? `${error.message} The backup is tried again by itself; nothing on this PC was changed.`
      : error.kind === 'backupTooNew'
        ? TOO_NEW
        : error.message;
  return { kind: error.kind, message, fix, retry };
}
