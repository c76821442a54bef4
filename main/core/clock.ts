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
