import { describe, expect, it } from 'vitest';
import { trayIconBitmap } from './tray-icon.js';

const alphaAt = (bitmap: Buffer, size: number, x: number, y: number) => bitmap[(y * size + x) * 4 + 3]!;

describe('trayIconBitmap', () => {
  it('draws an opaque clock face on a transparent background, in premultiplied BGRA', () => {
    for (const size of [16, 22, 32]) {
      const bitmap = trayIconBitmap(size, { r: 255, g: 128, b: 0 });
      expect(bitmap.length).toBe(size * size * 4);
      expect(alphaAt(bitmap, size, 0, 0)).toBe(0); // corner
      expect(alphaAt(bitmap, size, Math.floor(size / 2), 1)).toBeGreaterThan(128); // top of the ring
      const at = (Math.floor(size / 2) * size + 1) * 4; // left edge of the ring
      expect(bitmap[at + 3]).toBeGreaterThan(128);
      expect(bitmap[at + 2]).toBeLessThanOrEqual(bitmap[at + 3]!); // red premultiplied by alpha
      expect(bitmap[at]).toBe(0); // blue
    }
  });
});
