/**
 * One response's testimony about the time: when the request left and its answer arrived, by this computer's clock,
 * and the server's `Date` header (RFC 9110 §6.6.1: whole seconds, the moment the server made the answer).
 */
export interface DateSample {
  sentAt: number;
  receivedAt: number;
  serverDate: number;
}

/**
 * How many recent samples the estimate looks at, and how many it needs before it says anything. Five outvote two
 * outliers, and follow a clock the person put right after three answers.
 */
const RECENT = 5;
const MIN_SAMPLES = 3;
/** Answers slower than this say too little (their error bound is half of it) and are left out. */
const MAX_ROUND_TRIP_MS = 10_000;
/** A Date header is truncated to the second, so the server's moment lies anywhere in the second after it. */
const DATE_RESOLUTION_MS = 1000;

/**
 * The offset of this computer's clock from the servers' (server minus local, in ms: positive when this clock is
 * behind), as the median of the recent samples' midpoints.
 *
 * A sample pins the server's moment to [Date, Date + 1 s) and our moment of that to [sentAt, receivedAt], so the
 * offset lies in [Date - receivedAt, Date + 1 s - sentAt]; its midpoint is off by at most (round trip + 1 s) / 2,
 * 5.5 s for the slowest answer kept. The median of at least three ignores a one-off outlier (a proxy's cached Date,
 * a stalled answer), so a correct clock stays within 5.5 s of zero, well inside the 15 s that count as "off".
 */
export class ClockOffsetEstimator {
  private offsets: number[] = [];

  /** Takes a sample; returns false when it says too little to count (an answer too slow, or times out of order). */
  add({ sentAt, receivedAt, serverDate }: DateSample): boolean {
    const roundTrip = receivedAt - sentAt;
    if (![sentAt, receivedAt, serverDate].every(Number.isFinite) || roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_MS) return false;
    this.offsets = [...this.offsets, serverDate + DATE_RESOLUTION_MS / 2 - (sentAt + receivedAt) / 2].slice(-RECENT);
    return true;
  }

  /** The estimated offset in ms; null until enough samples came in. */
  estimate(): number | null {
    if (this.offsets.length < MIN_SAMPLES) return null;
    const sorted = [...this.offsets].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  }
}
