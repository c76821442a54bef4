import { describe, expect, it } from 'vitest';
import { offsetDirection, offsetSize } from './clock-offset-text.js';

describe('how far off the clock is, in words', () => {
  it('to the second below an hour, to the minute above, and which way', () => {
    expect(offsetDirection(90_000)).toBe('1 min 30 s behind');
    expect(offsetDirection(-90_000)).toBe('1 min 30 s ahead');
    expect(offsetSize(16_400)).toBe('16 s');
    expect(offsetSize(120_000)).toBe('2 min');
    expect(offsetSize(59_600)).toBe('1 min');
    expect(offsetSize(3_599_000)).toBe('59 min 59 s');
    expect(offsetSize(3_600_000)).toBe('1 h');
    expect(offsetSize(7_530_000)).toBe('2 h 6 min');
    expect(offsetSize(-86_400_000)).toBe('24 h');
  });
});
