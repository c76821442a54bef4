import { z } from 'zod';

/** What main knows of this computer's clock, measured from the Date headers of Microsoft's answers. */
export const ClockStatus = z.object({
  /**
   * The servers' time minus this computer's, in ms rounded to the second (positive: this clock is behind); null
   * until enough answers came in (backup off: never).
   */
  offsetMs: z.number().nullable(),
  /** Off by more than CLOCK_OFF_THRESHOLD_MS: the window shows its banner and the tray a line. */
  off: z.boolean(),
  /** What main adds to this computer's time for codes now: the offset with "Correct codes" on, else 0. */
  correctionMs: z.number(),
});
export type ClockStatus = z.infer<typeof ClockStatus>;
