/**
 * Time is a collaborator: the OTP engine, the ticker and every timer read it from here, so tests can freeze
 * or move time and a measured clock drift can be corrected with an offset.
 */
export interface Clock {
  /** Milliseconds since the epoch, offset applied. */
  now(): number;
  /** Runs `callback` after `delayMs` of this clock's time; returns a function that cancels it. */
  setTimer(delayMs: number, callback: () => void): () => void;
}

export function systemClock(offsetMs = 0): Clock {
  return {
    now: () => Date.now() + offsetMs,
    setTimer(delayMs, callback) {
      const handle = setTimeout(callback, Math.max(0, delayMs));
      return () => clearTimeout(handle);
    },
  };
}

/** A clock that only moves when told to; due timers fire in order as it advances. */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; callback: () => void }[] = [];
  private seq = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): () => void {
    const timer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward, firing every timer that falls due on the way (including ones they schedule). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
  }

  set(ms: number): void {
    if (ms < this.current) this.current = ms;
    else this.advance(ms - this.current);
  }
}

/** A clock on real time whose offset can be moved forward (test controls, drift correction). */
export interface AdjustableClock extends Clock {
  /** Moves this clock forward by `ms`; every timer that falls due on the way fires at once, in order. */
  advance(ms: number): void;
  offset(): number;
}

/** Node's setTimeout fires at once for delays above 2^31-1 ms; longer waits are re-armed in steps. */
const MAX_TIMEOUT = 2_147_483_647;

/**
 * Real time plus an offset. Timers are kept in a list (due times in this clock's time) behind one real timeout for
 * the earliest, re-armed on every change, so they fire when real time reaches them or when the offset moves past them.
 */
export function adjustableClock(initialOffsetMs = 0): AdjustableClock {
  let offsetMs = initialOffsetMs;
  let timers: { at: number; seq: number; callback: () => void }[] = [];
  let seq = 0;
  let handle: ReturnType<typeof setTimeout> | undefined;
  const now = () => Date.now() + offsetMs;

  const fireDue = () => {
    for (;;) {
      const current = now();
      const due = timers.filter((t) => t.at <= current).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      due.callback(); // may add timers; the loop picks up any that are already due
    }
    arm();
  };
  const arm = () => {
    if (handle !== undefined) clearTimeout(handle);
    handle = undefined;
    if (timers.length === 0) return;
    const earliest = Math.min(...timers.map((t) => t.at));
    handle = setTimeout(fireDue, Math.min(MAX_TIMEOUT, Math.max(0, earliest - now())));
  };

  return {
    now,
    offset: () => offsetMs,
    setTimer(delayMs, callback) {
      const timer = { at: now() + Math.max(0, delayMs), seq: seq++, callback };
      timers.push(timer);
      arm();
      return () => {
        timers = timers.filter((t) => t !== timer);
        arm();
      };
    },
    advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('The clock only moves forward, by a finite number of milliseconds.');
      offsetMs += ms;
      fireDue();
    },
  };
}

/** A clock whose time can be corrected by a measured drift (the "Correct codes for this offset" switch). */
export interface CorrectableClock extends Clock {
  /** Sets what is added to the underlying clock's time (ms, either sign); 0 undoes it. */
  setCorrection(ms: number): void;
  correction(): number;
}

/**
 * `base` plus a correction. Timers are durations and keep running on `base`, so a correction never makes one fire
 * early or late; whoever aligns timers to this clock's time (the code ticker) re-aligns after a change.
 */
export function correctableClock(base: Clock): CorrectableClock {
  let correctionMs = 0;
  return {
    now: () => base.now() + correctionMs,
    setTimer: (delayMs, callback) => base.setTimer(delayMs, callback),
    setCorrection(ms) {
      if (!Number.isFinite(ms)) throw new RangeError('A clock correction is a finite number of milliseconds.');
      correctionMs = ms;
    },
    correction: () => correctionMs,
  };
}
