import type { AutoLock as AutoLockSetting } from '../../../shared/settings.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { AppLock } from './app-lock.js';

/** Why the host says the app should lock now. */
export type LockTrigger = 'screenLocked' | 'suspend' | 'windowHidden';

/**
 * What the host tells the core about the session (Electron: powerMonitor's lock-screen and suspend, the window's
 * minimize and hide, and on Linux the screensaver and logind over D-Bus). Returns a function that stops listening.
 */
export type LockTriggers = (listener: (trigger: LockTrigger) => void) => () => void;

/** How long this computer has had no input, in ms (Electron: powerMonitor.getSystemIdleTime()). */
export type IdleTime = () => number;

const CHECK_MS = 10_000;
const IDLE_MINUTES: Record<AutoLockSetting, number | null> = { onMinimise: null, '1m': 1, '5m': 5, '15m': 15, '60m': 60, never: null };

/**
 * Locks the app by itself: after the chosen minutes without input, when the window is minimised or hidden (if so
 * chosen), and always when the screen locks or the computer suspends. Idle time is the host's (the system's) where
 * it has one, else the time since the page's last input (the browser harness), both on the app's clock.
 */
export class AutoLock {
  private lastPageInput: number;
  private cancelCheck: (() => void) | undefined;
  private readonly stopTriggers: () => void;

  constructor(
    private readonly appLock: AppLock,
    private readonly clock: Clock,
    private readonly setting: () => AutoLockSetting,
    private readonly log: Logger,
    private readonly systemIdle: IdleTime | undefined,
    triggers: LockTriggers | undefined,
  ) {
    this.lastPageInput = clock.now();
    this.stopTriggers = triggers?.((trigger) => this.trigger(trigger)) ?? (() => undefined);
    appLock.onStatus(() => this.schedule());
    // Typing the password was input: the idle time starts again (it may have run on for hours while locked).
    appLock.onUnlock(() => this.noteActivity());
    void appLock.ready.then(() => this.schedule());
  }

  /** The page saw input (a key, the pointer): the harness's idle time starts again. */
  noteActivity(): void {
    this.lastPageInput = this.clock.now();
  }

  idleMs(): number {
    return this.systemIdle ? this.systemIdle() : this.clock.now() - this.lastPageInput;
  }

  dispose(): void {
    this.cancelCheck?.();
    this.stopTriggers();
  }

  private trigger(trigger: LockTrigger): void {
    if (!this.appLock.isOn || this.appLock.isLocked) return;
    if (trigger === 'windowHidden' && this.setting() !== 'onMinimise') return;
    this.lockNow(trigger);
  }

  /** Checks every few seconds while the app is unlocked with the lock on; nothing runs while locked or off. */
  private schedule(): void {
    this.cancelCheck?.();
    this.cancelCheck = undefined;
    if (!this.appLock.isOn || this.appLock.isLocked) return;
    this.cancelCheck = this.clock.setTimer(CHECK_MS, () => {
      const minutes = IDLE_MINUTES[this.setting()];
      if (minutes !== null && this.idleMs() >= minutes * 60_000) this.lockNow('idle');
      else this.schedule();
    });
  }

  private lockNow(why: LockTrigger | 'idle'): void {
    this.log.info(`auto-lock: ${why}`);
    this.appLock.lock().catch((error: unknown) => this.log.error('locking failed', error));
  }
}
