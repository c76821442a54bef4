import type { Clock } from '../clock.js';

/** Wrong passwords allowed before any delay. */
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * The rate limit on lock passwords: the first five wrong ones cost nothing, then each one doubles the wait before the
 * next is tried (5 s, 10 s, 20 s, ... up to 15 minutes). Never a wipe: a person who forgot must not lose everything
 * to a child at the keyboard. It guards the running app only; the file itself is guarded by scrypt's cost.
 */
export class UnlockThrottle {
  private failures = 0;
  private notBefore: number | null = null;

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  get failedAttempts(): number {
    return this.failures;
  }

  /** When the next password may be tried; null when now. */
  retryAt(): number | null {
    return this.notBefore !== null && this.notBefore > this.clock.now() ? this.notBefore : null;
  }

  recordFailure(): void {
    this.failures += 1;
    const over = this.failures - FREE_ATTEMPTS;
    this.notBefore = over < 0 ? null : this.clock.now() + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** over);
  }

  reset(): void {
    this.failures = 0;
    this.notBefore = null;
  }
}
