import { afterEach, describe, expect, it, vi } from 'vitest';
import { adjustableClock, correctableClock, ManualClock } from './clock.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('adjustableClock', () => {
  it('fires timers when the offset moves past them, in order, including ones they schedule', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const clock = adjustableClock();
    const fired: string[] = [];
    clock.setTimer(5_000, () => fired.push('b'));
    clock.setTimer(1_000, () => {
      fired.push('a');
      clock.setTimer(500, () => fired.push('a2'));
    });
    const cancel = clock.setTimer(2_000, () => fired.push('cancelled'));
    cancel();
    clock.advance(1_200);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(1_001_200);
    clock.advance(10_000);
    expect(fired).toEqual(['a', 'a2', 'b']);
    expect(clock.offset()).toBe(11_200);
  });

  it('fires timers as real time passes, re-armed after an advance', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const clock = adjustableClock();
    const fired: number[] = [];
    clock.setTimer(10_000, () => fired.push(clock.now()));
    clock.advance(4_000);
    vi.advanceTimersByTime(5_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([1_010_000]);
  });

  it('only moves forward', () => {
    expect(() => adjustableClock().advance(-1)).toThrow(RangeError);
  });
});

describe('correctableClock', () => {
  it('adds the correction to the time, either sign, while timers keep their real durations', () => {
    const base = new ManualClock(1_000_000);
    const clock = correctableClock(base);
    const fired: number[] = [];
    clock.setTimer(1000, () => fired.push(base.now()));
    clock.setCorrection(90_000);
    expect(clock.now()).toBe(1_090_000);
    base.advance(999);
    expect(fired).toEqual([]); // a correction 90 s forward does not make a 1 s timer fire early
    base.advance(1);
    expect(fired).toEqual([1_001_000]);
    clock.setCorrection(-90_000);
    expect(clock.now()).toBe(911_000);
    expect(() => clock.setCorrection(Number.NaN)).toThrow(RangeError);
    expect(clock.correction()).toBe(-90_000);
  });
});
