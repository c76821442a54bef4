/**
 * How far off this computer's clock is, in words, for the window's banner and the tray alike (no schema library:
 * the window imports it). `offsetMs` is the servers' time minus this computer's: positive when this clock is behind.
 */

/** Off by more than this, the window and the tray say so: codes this far off are refused by many sites. */
export const CLOCK_OFF_THRESHOLD_MS = 15_000;

/** "1 min 30 s", "45 s", "2 h 5 min": the size of an offset, to the second below an hour and to the minute above. */
export function offsetSize(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest === 0 ? `${seconds / 60} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  const minutes = Math.round(seconds / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** "1 min 30 s behind" or "1 min 30 s ahead". */
export function offsetDirection(offsetMs: number): string {
  return `${offsetSize(offsetMs)} ${offsetMs > 0 ? 'behind' : 'ahead'}`;
}
