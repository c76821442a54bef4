import { z } from 'zod';

/** A lock password as it crosses the contract (its strength is judged in main, by shared/password-strength.ts). */
export const LockPassword = z.string().min(1).max(1024);

/** The app lock as the window and the tray see it. Never a key or anything derived from the password. */
export const LockStatus = z.object({
  /** The lock password protects the vault (set in Settings > Security > App lock). */
  on: z.boolean(),
  /** The vault's key is out of memory: only the lock screen shows, nothing answers but unlock. */
  locked: z.boolean(),
  /** Wrong passwords since the last unlock (rate limiting starts after 5). */
  failedAttempts: z.number().int().min(0),
  /** Wrong passwords still free of any wait (main's rule; 0 once each one makes the next wait). */
  freeAttemptsLeft: z.number().int().min(0),
  /** Before this instant (main's clock, ms epoch) no password is tried; null when one may be tried now. */
  retryAt: z.number().nullable(),
  /** The same as a wait from when this status was made, for a page whose clock is not main's. */
  retryInMs: z.number().int().min(0).nullable(),
  /**
   * Quick unlock by the OS (Touch ID): its name, whether this system has it, and whether it can unlock now (a copy of
   * the key is kept only since a password unlock in this run). Null where the host has no such port (the harness).
   */
  quickUnlock: z.object({ label: z.string(), available: z.boolean(), ready: z.boolean() }).nullable(),
});
export type LockStatus = z.infer<typeof LockStatus>;
