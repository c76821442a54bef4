import type { BackupFix, BackupStatus, BackupSummary } from '../../../shared/backup.js';
import { AppError, type ErrorKind } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import type { RecoveryAccount, RecoveryIdentity } from '../identity/recovery-identity.js';
import type { KeyStore } from '../keystore/key-store.js';
import type { Logger } from '../logger.js';
import type { VaultSnapshot } from '../vault/vault.js';
import { createBackupKey, openBackup, readBackupHeader, rewrapBackupKey, sealBackup, WrappedKey, type BackupKey } from './backup-envelope.js';
import { decodePayload, encodePayload, mergePayloads, payloadOf, type BackupPayload } from './backup-payload.js';
import { loadBackupState, saveBackupState, type BackupState } from './backup-state.js';
import type { CloudStore } from './cloud-store.js';

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
  private failures = 0;
  private loaded: Promise<void>;
  private ready = false;

  constructor(private readonly deps: BackupServiceDeps) {
    this.loaded = loadBackupState(deps.dataDir, deps.log).then((state) => {
      this.state = state;
      this.ready = true;
      if (state.enabled && deps.cloud) this.schedule(1000);
    });
  }

  async status(): Promise<BackupStatus> {
    await this.loaded;
    return this.snapshot();
  }

  /** The vault changed (here, in another window, or by the command-line tool). */
  vaultChanged(): void {
    const schedule = () => {
      if (this.state.enabled) this.schedule(this.deps.debounceMs ?? 2000);
    };
    if (this.ready) schedule();
    else void this.loaded.then(schedule);
  }

  /** Interactive sign-in to the recovery account; describes a backup already stored there, if any. */
  async signIn(): Promise<{ account: RecoveryAccount; existing: BackupSummary | null }> {
    const { identity, store } = this.cloud();
    await this.loaded;
    const account = await identity.signIn({ selectAccount: true });
    const file = await store.read(BACKUP_FILE_NAME);
    if (!file) return { account, existing: null };
    const header = readBackupHeader(file.bytes);
    return { account, existing: { deviceName: header.deviceName, createdAt: header.createdAt, accountCount: header.accountCount } };
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
    const key = existing ? (await openBackup(existing.bytes, { password })).key : await createBackupKey(password);
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

  /** A new backup password for the same data key; the next backup carries it. */
  async changePassword(password: string): Promise<BackupStatus> {
    await this.loaded;
    if (!this.state.enabled) throw new AppError('invalidRequest', 'Backup is off; turn it on to set a password.');
    const dataKey = await this.dataKey();
    const wrapped = await rewrapBackupKey(dataKey, password);
    await this.save({ ...this.state, wrappedKey: wrapped, lastGeneration: null });
    await this.backUpNow();
    return this.snapshot();
  }

  /** Runs a backup at once (also when the last one was refused because the backup had been deleted). */
  async backUpNow(): Promise<BackupStatus> {
    await this.loaded;
    if (!this.state.enabled) throw new AppError('invalidRequest', 'Backup is off.');
    await this.run({ force: true });
    return this.snapshot();
  }

  /** Signs in to the same recovery account again (after "sign-in required"), then backs up. */
  async signInAgain(): Promise<BackupStatus> {
    const { identity } = this.cloud();
    await this.loaded;
    const expected = this.state.account;
    if (!expected) throw new AppError('invalidRequest', 'Backup is off.');
    const account = await identity.signIn({ loginHint: expected.username });
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
    this.cancelTimer?.();
  }

  private schedule(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.deps.clock.setTimer(delayMs, () => {
      this.cancelTimer = undefined;
      void this.run({ force: false });
    });
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
      const problem = describeProblem(error);
      this.deps.log.error('backup failed', error);
      await this.save({ ...this.state, problem: { ...problem, at: new Date(this.deps.clock.now()).toISOString() } }).catch((saveError: unknown) =>
        this.deps.log.error('saving the backup status failed', saveError),
      );
      if (problem.retry) this.schedule(RETRY_DELAYS_MS[Math.min(this.failures++, RETRY_DELAYS_MS.length - 1)] ?? 900_000);
    }
  }

  private async backUp(force: boolean): Promise<void> {
    const { store } = this.cloud();
    const snapshot = await this.deps.readVault();
    const dataKey = await this.dataKey();
    const wrapped = WrappedKey.parse(this.state.wrappedKey);
    const key: BackupKey = { dataKey, wrapped };
    const local = payloadOf(snapshot.data);
    for (let round = 1; ; round++) {
      const remote = await store.read(BACKUP_FILE_NAME);
      if (!remote && this.state.lastETag !== null && !force) {
        throw new AppError('backupDeleted', 'Your backup in OneDrive no longer exists (it was deleted). Make a new backup now to stay protected.');
      }
      if (remote && remote.eTag === this.state.lastETag && snapshot.generation === this.state.lastGeneration && !force) {
        return this.succeeded(remote.eTag, snapshot.generation); // nothing new on either side
      }
      const payload = remote ? mergePayloads(local, await this.openRemote(remote.bytes, dataKey)) : local;
      const bytes = sealBackup(encodePayload(payload), key, {
        createdAt: new Date(this.deps.clock.now()).toISOString(),
        deviceName: this.deps.deviceName,
        appVersion: this.deps.appVersion,
        accountCount: payload.accounts.length,
      });
      try {
        const { eTag } = await store.write(BACKUP_FILE_NAME, bytes, remote?.eTag ?? null);
        return this.succeeded(eTag, snapshot.generation);
      } catch (error) {
        // Another PC wrote between our read and our write: read its copy, merge again, write again.
        if (!(error instanceof AppError && error.kind === 'cloudConflict') || round >= MAX_CONFLICT_ROUNDS) throw error;
        this.deps.log.info('the backup changed in OneDrive meanwhile; merging again');
      }
    }
  }

  private async openRemote(bytes: Buffer, dataKey: Buffer): Promise<BackupPayload> {
    try {
      return decodePayload((await openBackup(bytes, { dataKey })).payload);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'backupTooNew') throw error;
      // Another PC turned backup on anew (new key) or the file was changed: never overwrite what we cannot read.
      throw new AppError(
        'backupDamaged',
        'The backup in OneDrive was made with a different backup password (another PC may have turned backup on anew), or it is damaged. Turn backup off and on again here to continue.',
      );
    }
  }

  private async succeeded(eTag: string, generation: number): Promise<void> {
    await this.save({ ...this.state, lastETag: eTag, lastGeneration: generation, lastBackupAt: new Date(this.deps.clock.now()).toISOString(), problem: null });
  }

  private async dataKey(): Promise<Buffer> {
    const stored = await this.deps.keyStore.getPassword(this.state.keyName);
    if (!stored) {
      throw new AppError('vaultKeyMissing', 'The backup key is missing from this PC’s keychain. Turn backup off and on again (you will need the backup password).');
    }
    return Buffer.from(stored, 'base64');
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
  'Cloud backup is not configured in this copy of the app: it needs an Azure app registration (client id). See "Register an Azure app" in the README.';

const FIXES: Partial<Record<ErrorKind, { fix: BackupFix; retry: boolean }>> = {
  network: { fix: 'retry', retry: true },
  cloudConflict: { fix: 'retry', retry: true },
  backupDamaged: { fix: 'turnOnAgain', retry: false },
  cloudStorageFull: { fix: 'retry', retry: true },
  signInRequired: { fix: 'signIn', retry: false },
  signInCancelled: { fix: 'signIn', retry: false },
  backupDeleted: { fix: 'backUpNow', retry: false },
  vaultKeyMissing: { fix: 'turnOnAgain', retry: false },
  backupTooNew: { fix: 'none', retry: false },
};

function describeProblem(error: unknown): { kind: ErrorKind; message: string; fix: BackupFix; retry: boolean } {
  if (!(error instanceof AppError)) {
    return { kind: 'internal', message: 'The backup failed for an unexpected reason; it will be tried again.', fix: 'retry', retry: true };
  }
  const { fix, retry } = FIXES[error.kind] ?? { fix: 'retry', retry: true };
  // The cloud's messages say what went wrong; what the backup does about it is said here.
  const message = error.kind === 'network' ? `${error.message} The backup is tried again by itself; nothing on this PC was changed.` : error.message;
  return { kind: error.kind, message, fix, retry };
}
