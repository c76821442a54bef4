import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrFromImageData } from './decode-qr.js';
import { modulesPath } from './QrCodeSvg.js';

/** Paints an SVG path made only of "M x y h n v 1 h -n z" squares into an RGBA buffer, `scale` pixels per module. */
function paint(path: string, side: number, scale: number): { data: Uint8ClampedArray; width: number } {
  const width = side * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < Number(run) * scale; dx++) {
        const i = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        data.fill(0, i, i + 3);
      }
    }
  }
  return { data, width };
}

describe('modulesPath', () => {
  it('draws a code that an independent decoder reads back', () => {
    const uri = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30';
    const { modules } = create(uri, { errorCorrectionLevel: 'M' });
    const path = modulesPath(modules);
    expect(path).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    const { data, width } = paint(path, modules.size + 8, 4);
    expect(decodeQrFromImageData(data, width, width)).toBe(uri);
  });
});
