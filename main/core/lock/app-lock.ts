import type { LockStatus } from '../../../shared/lock.js';
import { AppError } from '../../../shared/errors.js';
import { passwordStrength, weakPasswordMessage } from '../../../shared/password-strength.js';
import type { Clock } from '../clock.js';
import type { Vault } from '../vault/vault.js';
import { HeldKey, type QuickUnlockPort } from './quick-unlock.js';
import { FREE_ATTEMPTS, UnlockThrottle } from './unlock-throttle.js';

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
  /** Quick unlock's sealed copy of the key, kept from the last password unlock of this run (see quick-unlock.ts). */
  private held: HeldKey | null = null;
  /** Cancels the timer that says the wait after wrong passwords is over. */
  private cancelWaitOver: (() => void) | null = null;

  constructor(
    private readonly vault: Vault,
    private readonly clock: Pick<Clock, 'now' | 'setTimer'>,
    private readonly quick: QuickUnlockPort | null = null,
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
    const quickUnlock = this.quick === null ? null : { label: this.quick.label, available: this.quick.available(), ready: this.held !== null };
    const failedAttempts = this.throttle.failedAttempts;
    return { on: this.on, locked: this.locked, failedAttempts, freeAttemptsLeft: Math.max(0, FREE_ATTEMPTS - failedAttempts), retryAt, retryInMs, quickUnlock };
  }

  async turnOn(password: string): Promise<LockStatus> {
    await this.ready;
    if (this.on) throw new AppError('invalidRequest', 'The app lock is already on.');
    requireStrong(password);
    await this.vault.changeLock(null, { on: true, password });
    this.on = true;
    await this.keepForQuickUnlock();
    return this.changed();
  }

  async changePassword(currentPassword: string, password: string): Promise<LockStatus> {
    await this.requireUnlockedWithLock();
    requireStrong(password);
    await this.tryPassword(() => this.vault.changeLock(currentPassword, { on: true, password }));
    await this.keepForQuickUnlock();
    return this.changed();
  }

  async turnOff(password: string): Promise<LockStatus> {
    await this.requireUnlockedWithLock();
    await this.tryPassword(() => this.vault.changeLock(password, { on: false }));
    this.on = false;
    this.dropHeld();
    return this.changed();
  }

  async lock(): Promise<LockStatus> {
    await this.ready;
    if (!this.on) throw lockIsOff();
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
    await this.keepForQuickUnlock();
    return this.opened();
  }

  /**
   * Unlocks with the OS's say-so (Touch ID) and the copy kept since the last password unlock of this run. Refused
   * without that copy (after a restart, or once the lock password changed elsewhere): the password is needed then.
   */
  async quickUnlock(): Promise<LockStatus> {
    await this.ready;
    if (!this.locked) return this.status();
    if (!this.quick?.available()) throw new AppError('invalidRequest', `${this.quick?.label ?? 'Quick unlock'} is not available on this system.`);
    if (!this.held) throw new AppError('invalidRequest', 'Unlock with the password once after the app starts; then quick unlock works until it quits.');
    const held = this.held;
    try {
      await this.quick.confirm('unlock Authenticator');
    } catch {
      throw new AppError('notConfirmed', `${this.quick.label} did not confirm it was you. Use the lock password.`);
    }
    this.vault.adoptKey(held.name, held.open());
    const opens = await this.vault.read().then(
      () => true,
      () => false,
    );
    if (!opens) {
      // The vault was re-keyed since (the password changed in another process): the copy opens nothing now.
      this.vault.forgetKeys();
      this.dropHeld();
      await this.changed();
      throw new AppError('invalidRequest', 'The lock password was changed since this copy was kept; use the lock password.');
    }
    return this.opened();
  }

  private async opened(): Promise<LockStatus> {
    this.locked = false;
    await this.vault.removeStaleKeys().catch(() => undefined);
    for (const listener of this.unlockListeners) await listener();
    return this.changed();
  }

  /**
   * The lock password asked again before something leaves main (a plain export): checked against the vault, and rate
   * limited with the unlock attempts, so a wrong guess here counts as one there.
   */
  async verifyPassword(password: string): Promise<void> {
    await this.requireUnlockedWithLock();
    await this.tryPassword(() => this.vault.checkLockPassword(password));
  }

  private async keepForQuickUnlock(): Promise<void> {
    if (!this.quick?.available()) return;
    const key = await this.vault.heldKey();
    this.dropHeld();
    if (key) {
      this.held = new HeldKey(key.name, key.key);
      key.key.fill(0);
    }
  }

  private dropHeld(): void {
    this.held?.destroy();
    this.held = null;
  }

  /** The locked vault was set aside (its password forgotten): the empty one that follows has no lock. */
  async vaultSetAside(): Promise<void> {
    await this.ready;
    if (!this.on) return;
    this.on = false;
    this.dropHeld();
    this.throttle.reset();
    this.announceWaitOver();
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
      // Every window hears the wait again (one that missed it, or counts on a clock of its own, shows main's).
      await this.changed();
      const seconds = Math.ceil((retryAt - this.clock.now()) / 1000);
      throw new AppError('tooManyAttempts', `Too many wrong passwords. Try again in ${seconds > 1 ? `${seconds} seconds` : seconds === 1 ? '1 second' : 'a moment'}.`, 'password');
    }
    try {
      await attempt();
    } catch (error) {
      if (error instanceof AppError && error.kind === 'wrongPassword') {
        this.throttle.recordFailure();
        this.announceWaitOver();
        await this.changed();
      }
      throw error;
    }
    this.throttle.reset();
    this.announceWaitOver();
  }

  /**
   * Main's clock is the one source of the wait after wrong passwords: when it is over, every window hears so (a
   * status with no retryAt) at that moment, and drops its countdown then, whatever its own clock says.
   */
  private announceWaitOver(): void {
    this.cancelWaitOver?.();
    this.cancelWaitOver = null;
    const retryAt = this.throttle.retryAt();
    if (retryAt === null) return;
    this.cancelWaitOver = this.clock.setTimer(retryAt - this.clock.now(), () => {
      this.cancelWaitOver = null;
      void this.changed();
    });
  }

  /** Stops the timer of a wait (the core is closing). */
  dispose(): void {
    this.cancelWaitOver?.();
    this.cancelWaitOver = null;
  }

  private async requireUnlockedWithLock(): Promise<void> {
    await this.ready;
    if (!this.on) throw lockIsOff();
    if (this.locked) throw new AppError('locked', 'Unlock the app first.');
  }

  private async changed(): Promise<LockStatus> {
    const status = await this.status();
    for (const listener of this.statusListeners) listener(status);
    return status;
  }
}

/** What lock now, or a change of the lock, meets with the lock off: where to turn it on (the window offers to go there). */
function lockIsOff(): AppError {
  return new AppError('appLockOff', 'App lock is off: turn it on in Settings > Security.');
}

/** The one strength rule (shared/password-strength.ts), enforced here in main whatever the window showed. */
function requireStrong(password: string): void {
  const strength = passwordStrength(password);
  if (!strength.acceptable) throw new AppError('weakPassword', weakPasswordMessage(strength), 'password');
}
