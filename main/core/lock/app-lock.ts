import type { LockStatus } from '../../../shared/lock.js';
import { AppError } from '../../../shared/errors.js';
import { passwordStrength, weakPasswordMessage } from '../../../shared/password-strength.js';
import type { Clock } from '../clock.js';
import type { Vault } from '../vault/vault.js';
import { UnlockThrottle } from './unlock-throttle.js';

/**
 * The app lock's state in this process. Locking takes the vault's data key out of memory (the buffers zeroed), and
 * every feature drops what it derived from the vault through `onLock` (the snapshot, the code keys, the clipboard if
 * it holds our code, undo copies); from then on the vault itself refuses every read and write with 'locked', so no
 * code, copy, tray item or export can be answered until `unlock`. Features come back through the vault follower.
 */
export class AppLock {
  private on = false;
  private locked = false;
  private readonly throttle: UnlockThrottle;
  private readonly lockListeners = new Set<() => void | Promise<void>>();
  private readonly unlockListeners = new Set<() => void | Promise<void>>();
  private readonly statusListeners = new Set<(status: LockStatus) => void>();
  readonly ready: Promise<void>;

  constructor(
    private readonly vault: Vault,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.throttle = new UnlockThrottle(clock);
    // A vault with the lock on starts locked: its key is in no keychain, and this process has not been told the password.
    this.ready = vault.lockIsOn().then(
      (on) => {
        this.on = on;
        this.locked = on;
      },
      () => undefined,
    );
  }

  get isLocked(): boolean {
    return this.locked;
  }

  get isOn(): boolean {
    return this.on;
  }

  /** Runs when the app locks, to drop whatever came from the vault (awaited, so clearing the clipboard finishes first). */
  onLock(listener: () => void | Promise<void>): void {
    this.lockListeners.add(listener);
  }

  /** Runs after an unlock (the follower reads the vault again, which brings every feature back). */
  onUnlock(listener: () => void | Promise<void>): void {
    this.unlockListeners.add(listener);
  }

  onStatus(listener: (status: LockStatus) => void): void {
    this.statusListeners.add(listener);
  }

  async status(): Promise<LockStatus> {
    await this.ready;
    const retryAt = this.throttle.retryAt();
    const retryInMs = retryAt === null ? null : Math.max(0, Math.ceil(retryAt - this.clock.now()));
    return { on: this.on, locked: this.locked, failedAttempts: this.throttle.failedAttempts, retryAt, retryInMs };
  }

  async turnOn(password: string): Promise<LockStatus> {
    await this.ready;
    if (this.on) throw new AppError('invalidRequest', 'The app lock is already on.');
    requireStrong(password);
    await this.vault.changeLock(null, { on: true, password });
    this.on = true;
    return this.changed();
  }

  async changePassword(currentPassword: string, password: string): Promise<LockStatus> {
    await this.requireUnlockedWithLock();
    requireStrong(password);
    await this.tryPassword(() => this.vault.changeLock(currentPassword, { on: true, password }));
    return this.changed();
  }

  async turnOff(password: string): Promise<LockStatus> {
    await this.requireUnlockedWithLock();
    await this.tryPassword(() => this.vault.changeLock(password, { on: false }));
    this.on = false;
    return this.changed();
  }

  async lock(): Promise<LockStatus> {
    await this.ready;
    if (!this.on) throw new AppError('invalidRequest', 'The app lock is off, so there is nothing to lock. Turn it on in Settings > Security.');
    if (!this.locked) {
      this.locked = true;
      this.vault.forgetKeys();
      for (const listener of this.lockListeners) await listener();
    }
    return this.changed();
  }

  async unlock(password: string): Promise<LockStatus> {
    await this.ready;
    if (!this.locked) return this.status();
    await this.tryPassword(() => this.vault.unlock(password));
    this.locked = false;
    await this.vault.removeStaleKeys().catch(() => undefined);
    for (const listener of this.unlockListeners) await listener();
    return this.changed();
  }

  /** The locked vault was set aside (its password forgotten): the empty one that follows has no lock. */
  async vaultSetAside(): Promise<void> {
    await this.ready;
    if (!this.on) return;
    this.on = false;
    this.throttle.reset();
    if (this.locked) {
      this.locked = false;
      for (const listener of this.unlockListeners) await listener();
    }
    await this.changed();
  }

  /** Runs `attempt` unless the rate limit says wait; counts a wrong password, forgets the count on success. */
  private async tryPassword(attempt: () => Promise<unknown>): Promise<void> {
    const retryAt = this.throttle.retryAt();
    if (retryAt !== null) {
      const seconds = Math.ceil((retryAt - this.clock.now()) / 1000);
      throw new AppError('tooManyAttempts', `Too many wrong passwords. Try again in ${seconds > 0 ? `${seconds} seconds` : 'a moment'}.`, 'password');
    }
    try {
      await attempt();
    } catch (error) {
      if (error instanceof AppError && error.kind === 'wrongPassword') {
        this.throttle.recordFailure();
        await this.changed();
      }
      throw error;
    }
    this.throttle.reset();
  }

  private async requireUnlockedWithLock(): Promise<void> {
    await this.ready;
    if (!this.on) throw new AppError('invalidRequest', 'The app lock is off.');
    if (this.locked) throw new AppError('locked', 'Unlock the app first.');
  }

  private async changed(): Promise<LockStatus> {
    const status = await this.status();
    for (const listener of this.statusListeners) listener(status);
    return status;
  }
}

/** The one strength rule (shared/password-strength.ts), enforced here in main whatever the window showed. */
function requireStrong(password: string): void {
  const strength = passwordStrength(password);
  if (!strength.acceptable) throw new AppError('weakPassword', weakPasswordMessage(strength), 'password');
}
