import { describe, expect, it } from 'vitest';
import { quickPickerBounds } from './quick-picker-placement.js';

describe('where the quick picker opens', () => {
  it('centred across, a fifth down, on the screen it is given (a second screen to the left, taskbar on top)', () => {
    expect(quickPickerBounds({ x: -1920, y: 40, width: 1920, height: 1040 }, { width: 520, height: 420 })).toEqual({ x: -1220, y: 248, width: 520, height: 420 });
  });

  it('inside a work area smaller than itself', () => {
    expect(quickPickerBounds({ x: 0, y: 0, width: 400, height: 300 }, { width: 520, height: 420 })).toEqual({ x: 0, y: 0, width: 400, height: 300 });
    const low = quickPickerBounds({ x: 0, y: 0, width: 800, height: 500 }, { width: 520, height: 420 });
    expect(low.y + low.height).toBeLessThanOrEqual(500);
  });
});
