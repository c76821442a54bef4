import { useState, type CSSProperties } from 'react';

/** From this many milliseconds before the end the ring (and the quick picker's seconds) turn to the warning colour. */
export const URGENT_MS = 5000;

interface Props {
  validFrom: number;
  validUntil: number;
  clockOffsetMs: number;
  /** The full-screen view's larger ring; a tile's by default. */
  large?: boolean;
}

/**
 * The ring that empties over the code's lifetime and the seconds left inside it, one element: CSS animations started
 * part-way through by a negative delay (registered properties: the ring's share, drawn by a conic gradient, and the
 * seconds, shown by a counter), so no timer or per-frame script runs for it. The delay is read once, when the ring
 * appears (render one per code, keyed by validFrom): a later render, for any other reason, must not hand the running
 * animation a later delay, which would push it ahead. The last five seconds turn it to the warning colour.
 */
export function Countdown({ validFrom, validUntil, clockOffsetMs, large = false }: Props) {
  const period = validUntil - validFrom;
  const [elapsed] = useState(() => Math.min(period, Math.max(0, Date.now() + clockOffsetMs - validFrom)));
  const seconds = Math.round(period / 1000);
  const vars = { '--period': `${period}ms`, '--elapsed': `-${elapsed}ms`, '--seconds': seconds, '--urgent-at': `${period - URGENT_MS - elapsed}ms` };
  return <span className={`countdown${large ? ' large' : ''}`} aria-hidden="true" style={vars as CSSProperties} />;
}
