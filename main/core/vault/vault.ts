import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { systemClock, type Clock } from '../clock.js';
import type { KeyStore } from '../keystore/key-store.js';
import { removeStaleTempFiles, storageError, syncDirectory, writeFileAtomic } from './atomic-file.js';
import { withFileLock } from './file-lock.js';
import { LOCK_SCRYPT, unwrapDataKey, wrapDataKey, type LockKdfCost } from './lock-key.js';
import { VAULT_FORMAT, VAULT_VERSION, parseSealedFile, seal, type VaultHeader } from './vault-crypto.js';
import { VaultData, emptyVaultData } from './vault-data.js';

export const VAULT_FILE = 'vault.json';
export const PREVIOUS_VAULT_FILE = 'vault.previous.json';

export interface VaultOptions {
  /** After how long a lock left by a killed process is taken over (proper-lockfile's minimum is 2000 ms). */
  lockStaleMs?: number;
  /** Stamps the file's savedAt and the names of files set aside; the system clock by default. */
  clock?: Clock;
  /** The app lock's scrypt cost for new wrappings (LOCK_SCRYPT by default; tests that only count writes lower it). */
  lockKdfCost?: LockKdfCost;
}

/** How the data key is protected: in the OS keychain (off), or wrapped by the lock password in the file (on). */
export type LockSetting = { on: false } | { on: true; password: string };

export interface VaultSnapshot {
  data: VaultData;
  generation: number;
  /** Which vault it is (null: none was written yet); generations count within one vault. */
  vaultId: string | null;
}

/**
 * Whether `next` is news to a process holding `held`: a reload that read the file just before a later write can
 * finish after it, and that older generation must not undo the write in memory. A different vault (the file
 * replaced or removed) always is.
 */
export function supersedes(next: VaultSnapshot, held: VaultSnapshot | undefined): boolean {
  return held === undefined || next.vaultId !== held.vaultId || next.generation > held.generation;
}

/**
 * The encrypted store of accounts and settings in one data folder.
 * Every change is a read-modify-write under an inter-process lock, starting from what is on disk, so the app and
 * the command-line tool never lose each other's writes. Reads need no lock: the file is only ever replaced whole.
 */
export class Vault {
  /** The vault file itself (`vault.json` in the data folder). */
  readonly file: string;
  private readonly previousFile: string;
  private readonly keys = new Map<string, Buffer>();
  private readonly clock: Clock;

  constructor(
    readonly dataDir: string,
    private readonly keyStore: KeyStore,
    private readonly options: VaultOptions = {},
  ) {
    this.file = path.join(dataDir, VAULT_FILE);
    this.previousFile = path.join(dataDir, PREVIOUS_VAULT_FILE);
    this.clock = options.clock ?? systemClock();
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** Whether the app lock is on for the vault on disk (no vault yet: off). Needs no key. */
  async lockIsOn(): Promise<boolean> {
    const bytes = await readIfExists(this.file);
    if (bytes === null) return false;
    const file = parseSealedFile(bytes);
    return file.ok && file.header.lock !== undefined;
  }

  /**
   * Opens the lock: derives the password's key and unwraps the data key, which stays in memory until
   * `forgetKeys`. A vault without the lock needs nothing. Throws wrongPassword for a wrong password.
   */
  async unlock(password: string): Promise<void> {
    const bytes = await readIfExists(this.file);
    if (bytes === null) return;
    const file = parseSealedFile(bytes);
    if (!file.ok || file.header.lock === undefined) return;
    const key = await unwrapDataKey(file.header.lock, password, file.header.vaultId);
    if (key === null) throw new AppError('wrongPassword', 'That is not the lock password.', 'password');
    this.remember(file.header, key);
  }

  /** Throws wrongPassword unless `password` opens the lock of the vault on disk; keeps nothing (a check, not an unlock). */
  async checkLockPassword(password: string): Promise<void> {
    const bytes = await readIfExists(this.file);
    const file = bytes === null ? null : parseSealedFile(bytes);
    if (!file?.ok || file.header.lock === undefined) throw new AppError('invalidRequest', 'The app lock is off.');
    const key = await unwrapDataKey(file.header.lock, password, file.header.vaultId);
    if (key === null) throw new AppError('wrongPassword', 'That is not the lock password.', 'password');
    key.fill(0);
  }

  /** A copy of the data key of the vault on disk, if this process holds it (for quick unlock to keep sealed). */
  async heldKey(): Promise<{ name: string; key: Buffer } | null> {
    const bytes = await readIfExists(this.file);
    const header = bytes === null ? undefined : parseHeader(bytes);
    const key = header && this.keys.get(keyName(header));
    return header && key ? { name: keyName(header), key: Buffer.from(key) } : null;
  }

  /** Takes back a key kept by quick unlock; it opens only the files it was made for (checked by their cipher). */
  adoptKey(name: string, key: Buffer): void {
    this.keys.get(name)?.fill(0);
    this.keys.set(name, key);
  }

  /** Zeroes and drops every data key held in memory: a locked vault then opens only with the password again. */
  forgetKeys(): void {
    for (const key of this.keys.values()) key.fill(0);
    this.keys.clear();
  }

  /**
   * Turns the app lock on or off, or changes its password, in one atomic rewrite: the vault is sealed under a new
   * random data key, which goes either into the file wrapped by the new password, or into the keychain. The rename
   * of the new file is the single instant the setting changes; a crash before it leaves the old setting whole, after
   * it the new one. No key of the old setting opens the new file, and the previous generation (sealed with the old
   * key) is removed before the write, so a key left behind in the keychain by a crash opens nothing; it is removed
   * right after, or at the next change or unlock. `current`: the lock password now (checked), null when off.
   */
  async changeLock(current: string | null, next: LockSetting): Promise<VaultSnapshot> {
    await this.ensureDataDir();
    const snapshot = await this.locked(async () => {
      await removeStaleTempFiles(this.dataDir, [this.file, this.previousFile]);
      const bytes = await readIfExists(this.file);
      if (bytes === null && (await readIfExists(this.previousFile)) !== null) return this.missingCurrentFile();
      const opened = bytes === null ? null : await this.openForLockChange(bytes, current);
      if (bytes === null && current !== null) throw new AppError('invalidRequest', 'The app lock is off.');
      const header = opened?.header ?? (await this.newHeader());
      const data = opened?.snapshot.data ?? emptyVaultData();
      const key = randomBytes(32);
      const { lock: _old, ...kept } = header;
      const rekeyed: VaultHeader = { ...kept, keyStore: this.keyStore.id, keyId: randomBytes(16).toString('hex'), generation: header.generation + 1, savedAt: this.nowIso() };
      if (next.on) rekeyed.lock = await wrapDataKey(key, next.password, header.vaultId, this.options.lockKdfCost ?? LOCK_SCRYPT);
      else await this.keyStore.setPassword(keyName(rekeyed), key.toString('base64'));
      this.remember(rekeyed, key);
      await fs.rm(this.previousFile, { force: true }).catch((error: unknown) => {
        throw storageError(error);
      });
      await this.write(rekeyed, data, false);
      return { data, generation: rekeyed.generation, vaultId: rekeyed.vaultId };
    });
    await this.removeStaleKeys().catch(() => undefined); // tidiness only: a stale key opens nothing (see above)
    return snapshot;
  }

  /** The current file, opened with the lock password when the lock is on (checked even when the key is in memory). */
  private async openForLockChange(bytes: Buffer, password: string | null): Promise<{ header: VaultHeader; snapshot: VaultSnapshot }> {
    const header = parseHeader(bytes);
    if (header?.lock !== undefined) {
      if (password === null) throw new AppError('invalidRequest', 'The app lock is on; its password is needed to change it.');
      await this.unlockHeader(header, password);
    } else if (header && password !== null) {
      throw new AppError('invalidRequest', 'The app lock is off.');
    }
    return this.withRecoveryHint(() => this.decode(bytes, 'current'));
  }

  /** Removes this vault's keys from the keychain that open none of its files (left by a lock change, or a crash in one). */
  async removeStaleKeys(): Promise<void> {
    await this.locked(async () => {
      const bytes = await readIfExists(this.file);
      const header = bytes === null ? undefined : parseHeader(bytes);
      if (!header) return;
      const keep = header.lock === undefined ? keyName(header) : null;
      const prefix = `vault-key:${header.vaultId}`;
      for (const { account } of await this.keyStore.findCredentials()) {
        if ((account === prefix || account.startsWith(`${prefix}:`)) && account !== keep) await this.keyStore.deletePassword(account);
      }
      for (const name of [...this.keys.keys()]) {
        if (name.startsWith(prefix) && name !== keyName(header)) this.keys.delete(name);
      }
    });
  }

  /** The current contents; an empty vault if none was ever written. */
  async read(): Promise<VaultSnapshot> {
    const bytes = await readIfExists(this.file);
    if (bytes === null) {
      if ((await readIfExists(this.previousFile)) !== null) return this.missingCurrentFile();
      return { data: emptyVaultData(), generation: 0, vaultId: null };
    }
    const { snapshot } = await this.withRecoveryHint(() => this.decode(bytes, 'current'));
    return snapshot;
  }

  /** Applies `change` to the latest contents and saves the result atomically. */
  async update<T>(change: (data: VaultData) => { data: VaultData; result: T }): Promise<{ snapshot: VaultSnapshot; result: T }> {
    await this.ensureDataDir();
    return this.locked(async () => {
      await removeStaleTempFiles(this.dataDir, [this.file, this.previousFile]);
      const bytes = await readIfExists(this.file);
      // Starting a new vault here would leave the accounts in the previous file stranded, and overwrite them on the next write.
      if (bytes === null && (await readIfExists(this.previousFile)) !== null) return this.missingCurrentFile();
      const current = bytes === null ? null : await this.withRecoveryHint(() => this.decode(bytes, 'current'));
      const header = current ? current.header : await this.newHeader();
      if (!current) await this.key(header, true);
      const { data, result } = change(structuredClone(current?.snapshot.data ?? emptyVaultData()));
      const next: VaultHeader = { ...header, generation: header.generation + 1, savedAt: this.nowIso() };
      await this.write(next, VaultData.parse(data));
      return { snapshot: { data, generation: next.generation, vaultId: next.vaultId }, result };
    });
  }

  /** Whether a previous generation exists and opens, and when it was saved. */
  async previousGeneration(): Promise<{ savedAt: string } | null> {
    const bytes = await readIfExists(this.previousFile);
    if (bytes === null) return null;
    try {
      const { header } = await this.decode(bytes, 'previous');
      return { savedAt: header.savedAt };
    } catch {
      return null;
    }
  }

  /** Puts the previous generation back in place of a damaged current file (the damaged one is kept aside). */
  async restorePrevious(): Promise<VaultSnapshot> {
    return this.locked(async () => {
      const current = await readIfExists(this.file);
      if (current !== null && (await this.decode(current, 'current').then(() => true, () => false))) {
        throw new AppError('invalidRequest', 'The vault is not damaged, so there is nothing to restore.');
      }
      const bytes = await readIfExists(this.previousFile);
      if (bytes === null) throw this.damaged('There is no previous version to go back to.');
      const previous = await this.decode(bytes, 'previous');
      if (current !== null) await fs.writeFile(path.join(this.dataDir, `vault.damaged-${this.clock.now()}.json`), current, { mode: 0o600 });
      // Past the damaged file's generation too, which a process may have read before it was damaged: it must see news.
      const next: VaultHeader = { ...previous.header, generation: previous.header.generation + 2, savedAt: this.nowIso() };
      await this.write(next, previous.snapshot.data, false);
      return { data: previous.snapshot.data, generation: next.generation, vaultId: next.vaultId };
    });
  }

  /**
   * After the key was lost for good (the keychain reset, the folder copied from another PC): sets the vault that
   * cannot be opened aside, its previous generation too, under dated names in the same folder. They are renamed,
   * never deleted, so they still open if the key turns up again; the next write starts a new vault. Only a vault
   * that fails for want of its key is set aside: one that opens, or a damaged one (which has its own way back,
   * the previous version), is refused and left as it is. So is a locked one this process has not unlocked (a
   * forgotten lock password). Returns the new paths, the current file's first.
   */
  async startOver(): Promise<string[]> {
    return this.locked(async () => {
      const bytes = await readIfExists(this.file);
      if (bytes === null) throw new AppError('invalidRequest', 'There is no accounts file to set aside.');
      const problem = await this.decode(bytes, 'current').then(
        () => null,
        (error: unknown) => error,
      );
      if (problem === null) throw new AppError('invalidRequest', 'Your accounts file opens, so there is nothing to set aside.');
      // A locked vault whose password is forgotten is as lost as one whose key is (this process holds no key for it).
      if (!(problem instanceof AppError) || (problem.kind !== 'vaultKeyMissing' && problem.kind !== 'locked')) throw problem;
      const stamp = this.nowIso().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
      const setAside = [await this.setAside(this.file, `vault.unreadable-${stamp}`)];
      if ((await readIfExists(this.previousFile)) !== null) setAside.push(await this.setAside(this.previousFile, `vault.previous.unreadable-${stamp}`));
      await syncDirectory(this.dataDir).catch((error: unknown) => {
        throw storageError(error);
      });
      return setAside;
    });
  }

  /** Moves `file` to `<base>.json` (or `<base>-2.json`, ...): a hard link first, which never replaces a file, then the old name goes. */
  private async setAside(file: string, base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const target = path.join(this.dataDir, `${base}${n === 1 ? '' : `-${n}`}.json`);
      try {
        await fs.link(file, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw storageError(error);
      }
      await fs.unlink(file).catch((error: unknown) => {
        throw storageError(error);
      });
      return target;
    }
  }

  private async write(header: VaultHeader, data: VaultData, keepPrevious = true): Promise<void> {
    const key = await this.key(header, false);
    const plaintext = Buffer.from(JSON.stringify(data), 'utf8');
    await writeFileAtomic(this.file, seal(header, plaintext, key), keepPrevious ? this.previousFile : undefined);
  }

  private async decode(bytes: Buffer, which: 'current' | 'previous'): Promise<{ header: VaultHeader; snapshot: VaultSnapshot }> {
    const file = parseSealedFile(bytes);
    if (!file.ok) {
      if (file.problem === 'foreign') {
        throw new AppError('vaultForeign', `${this.file} is not a vault of this app. Choose another data folder, or move that file away.`);
      }
      throw which === 'current' ? this.damaged('The vault file is damaged and cannot be read.') : this.damaged('The previous version is damaged too.');
    }
    const plaintext = file.open(await this.keyFor(file.header, which));
    if (plaintext === null) {
      throw which === 'current'
        ? this.damaged('The vault file is damaged (it failed its integrity check).')
        : this.damaged('The previous version failed its integrity check too.');
    }
    const data = VaultData.safeParse(parseJson(plaintext));
    plaintext.fill(0);
    if (!data.success) throw this.damaged('The vault file holds data this version of the app cannot read.');
    return { header: file.header, snapshot: { data: data.data, generation: file.header.generation, vaultId: file.header.vaultId } };
  }

  /**
   * The header names the key (vaultId, keyStore) and is only authenticated once the key is found, so one damaged
   * byte there reads as "key missing". Every generation of a vault names the same key, so if the previous
   * generation opens, the key is not missing: this file's header is damaged, and the previous version can be restored.
   */
  private async keyFor(header: VaultHeader, which: 'current' | 'previous'): Promise<Buffer> {
    try {
      return await this.key(header, false);
    } catch (error) {
      if (which === 'current' && error instanceof AppError && error.kind === 'vaultKeyMissing' && (await this.previousGeneration()) !== null) {
        throw this.damaged('The vault file is damaged (its header names a key that does not exist).');
      }
      throw error;
    }
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    return withFileLock(this.file, work, this.options.lockStaleMs);
  }

  private remember(header: VaultHeader, key: Buffer): void {
    this.keys.get(keyName(header))?.fill(0);
    this.keys.set(keyName(header), key);
  }

  private async unlockHeader(header: VaultHeader, password: string): Promise<void> {
    const key = header.lock && (await unwrapDataKey(header.lock, password, header.vaultId));
    if (!key) throw new AppError('wrongPassword', 'That is not the lock password.', 'password');
    this.remember(header, key);
  }

  /** The data key named by the header, from memory or the key store; created only for a new vault. */
  private async key(header: VaultHeader, create: boolean): Promise<Buffer> {
    const cached = this.keys.get(keyName(header));
    if (cached) return cached;
    if (header.lock) throw new AppError('locked', 'The app is locked. Unlock it with the lock password.');
    if (header.keyStore !== this.keyStore.id) {
      throw new AppError(
        'vaultKeyMissing',
        `This vault's key is kept in "${header.keyStore}", which this program cannot reach (it uses "${this.keyStore.id}"). Open the vault with the desktop app.`,
      );
    }
    const account = keyName(header);
    const stored = await this.keyStore.getPassword(account);
    let key: Buffer;
    if (stored !== null) key = Buffer.from(stored, 'base64');
    else if (create) {
      key = randomBytes(32);
      await this.keyStore.setPassword(account, key.toString('base64'));
    } else {
      throw new AppError(
        'vaultKeyMissing',
        `The key that unlocks your accounts file, ${this.file}, is missing from the system keychain (was the keychain reset, or the folder copied from another computer?). Restore your accounts from your backup, or start over with no accounts; the file is kept either way.`,
      );
    }
    if (key.length !== 32) throw new AppError('vaultKeyMissing', 'The vault key in the system keychain is not valid.');
    this.keys.set(account, key);
    return key;
  }

  private async newHeader(): Promise<VaultHeader> {
    return {
      format: VAULT_FORMAT,
      version: VAULT_VERSION,
      vaultId: randomBytes(16).toString('hex'),
      keyStore: this.keyStore.id,
      generation: 0,
      savedAt: this.nowIso(),
    };
  }

  private missingCurrentFile(): Promise<never> {
    return this.withRecoveryHint(() => Promise.reject(this.damaged('The vault file is missing.')));
  }

  private damaged(what: string): AppError {
    return new AppError('vaultDamaged', what);
  }

  /** A damaged current file is reported with what can be done about it. */
  private async withRecoveryHint<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'vaultDamaged') throw error;
      const previous = await this.previousGeneration();
      const hint = previous
        ? ` The previous version, saved ${previous.savedAt}, is intact and can be restored ("Restore previous version" in the app, or: authenticator restore-previous).`
        : ' No intact previous version exists; restore your accounts from a backup.';
      throw new AppError('vaultDamaged', error.message + hint);
    }
  }

  /** The data folder exists and only its owner may list or enter it (an existing one made wider is tightened). */
  private async ensureDataDir(): Promise<void> {
    try {
      await fs.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      // POSIX permissions only; Windows folders under %APPDATA% are the user's by their ACL.
      if (process.platform !== 'win32' && ((await fs.stat(this.dataDir)).mode & 0o077) !== 0) await fs.chmod(this.dataDir, 0o700);
    } catch (error) {
      throw storageError(error);
    }
  }
}

/** Where a data key is filed in the key store: the vault's first key under its id, a later one under its key id too. */
function keyName(header: VaultHeader): string {
  return header.keyId === undefined ? `vault-key:${header.vaultId}` : `vault-key:${header.vaultId}:${header.keyId}`;
}

function parseHeader(bytes: Buffer): VaultHeader | undefined {
  const file = parseSealedFile(bytes);
  return file.ok ? file.header : undefined;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw storageError(error);
  }
}
