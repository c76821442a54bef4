import { watch, type FSWatcher } from 'node:fs';
import { AppError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { VAULT_FILE, supersedes, type Vault, type VaultSnapshot } from './vault.js';

export type SnapshotListener = (snapshot: VaultSnapshot, previous: VaultSnapshot | undefined) => void;

/**
 * The vault as this process last saw it, kept current: after its own writes (`apply`) and when another process (the
 * command-line tool, a second instance) replaces the file. Each feature listens for newer snapshots here (the codes,
 * the window, the tray, settings, backup), so none of them reads the vault on its own to find out.
 */
export class VaultFollower {
  private latest: VaultSnapshot | undefined;
  private applied = 0;
  private readonly listeners = new Set<SnapshotListener>();
  private watcher: FSWatcher | undefined;
  private cancelReload: (() => void) | undefined;
  private paused = false;

  constructor(
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Starts following the file, and reads it once; a problem with the vault is reported by the first call that needs it. */
  start(): void {
    try {
      this.watcher = watch(this.vault.dataDir, (_event, file) => {
        if (file === VAULT_FILE) this.reloadSoon();
      });
    } catch {
      this.log.info('the data folder cannot be watched; changes made by other processes show after a restart');
    }
    this.current().catch(() => undefined);
  }

  onChange(listener: SnapshotListener): void {
    this.listeners.add(listener);
  }

  /** The snapshot last taken, if any (synchronous, for the tray's menu between reads). */
  get snapshot(): VaultSnapshot | undefined {
    return this.latest;
  }

  /**
   * Takes a snapshot read from the vault unless it is old news. A different vault counts only if nothing was taken
   * while it was read: a read of the still empty folder can finish after the first account was added.
   */
  readonly apply = (snapshot: VaultSnapshot, appliedBeforeRead = this.applied): void => {
    if (this.paused || !supersedes(snapshot, this.latest) || (snapshot.vaultId !== this.latest?.vaultId && appliedBeforeRead !== this.applied)) return;
    this.applied += 1;
    const previous = this.latest;
    this.latest = snapshot;
    for (const listener of this.listeners) listener(snapshot, previous);
  };

  /** The vault as on disk, or something newer that came in while it was read. */
  async current(): Promise<VaultSnapshot> {
    const before = this.applied;
    const snapshot = await this.vault.read();
    // A read that began before the app locked must not hand out what it found.
    if (this.paused) throw new AppError('locked', 'The app is locked.');
    this.apply(snapshot, before);
    return this.latest ?? snapshot;
  }

  /**
   * While the app is locked: forgets the snapshot (it holds the secrets) and ignores changes on disk, so a change by
   * the command-line tool is read only after `resume`, which reads the vault again and tells every feature.
   */
  pause(): void {
    this.paused = true;
    this.cancelReload?.();
    this.latest = undefined;
  }

  async resume(): Promise<VaultSnapshot> {
    this.paused = false;
    return this.current();
  }

  dispose(): void {
    this.watcher?.close();
    this.cancelReload?.();
    this.listeners.clear();
  }

  private reloadSoon(): void {
    if (this.paused) return;
    this.cancelReload?.();
    this.cancelReload = this.clock.setTimer(50, () => {
      this.current().catch((error: unknown) => this.log.error('reloading the vault failed', error));
    });
  }
}
