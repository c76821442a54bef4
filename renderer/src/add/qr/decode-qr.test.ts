import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrFromImageData } from './decode-qr.js';

// QR codes are made with an independent encoder (qrcode) and painted into RGBA buffers, as a canvas would give them.

interface Image {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Paints the code's modules, `scale` pixels each, with a `quiet`-module white border, at (left, top) of a canvas. */
function render(text: string, { scale = 4, quiet = 4, canvas }: { scale?: number; quiet?: number; canvas?: { width: number; height: number; left: number; top: number } } = {}): Image {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + quiet * 2) * scale;
  const width = canvas?.width ?? side;
  const height = canvas?.height ?? side;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const left = canvas?.left ?? 0;
  const top = canvas?.top ?? 0;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const x = left + (col + quiet) * scale + dx;
          const y = top + (row + quiet) * scale + dy;
          data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
        }
      }
    }
  }
  return { data, width, height };
}

function invert({ data, width, height }: Image): Image {
  const out = new Uint8ClampedArray(data);
  for (let i = 0; i < out.length; i += 4) {
    out[i] = 255 - out[i]!;
    out[i + 1] = 255 - out[i + 1]!;
    out[i + 2] = 255 - out[i + 2]!;
  }
  return { data: out, width, height };
}

/** Rotates by `degrees` about the centre (nearest neighbour), onto a white canvas big enough for any angle. */
function rotate({ data, width, height }: Image, degrees: number): Image {
  const side = Math.ceil(Math.hypot(width, height));
  const out = new Uint8ClampedArray(side * side * 4).fill(255);
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const cx = x - side / 2;
      const cy = y - side / 2;
      const sx = Math.round(cos * cx + sin * cy + width / 2);
      const sy = Math.round(-sin * cx + cos * cy + height / 2);
      if (sx < 0 || sy < 0 || sx >= width || sy >= height) continue;
      out.set(data.subarray((sy * width + sx) * 4, (sy * width + sx) * 4 + 4), (y * side + x) * 4);
    }
  }
  return { data: out, width: side, height: side };
}

/** mulberry32, so the noise image is the same on every run. */
function noise(width: number, height: number, seed: number): Image {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    const v = next() < 0.5 ? 0 : 255;
    data[i] = data[i + 1] = data[i + 2] = v;
    data[i + 3] = 255;
  }
  return { data, width, height };
}

const decode = (image: Image) => decodeQrFromImageData(image.data, image.width, image.height);

const OTPAUTH = 'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co&algorithm=SHA256&digits=8&period=60';
// A Google Authenticator export with two accounts (Example/alice TOTP, GitHub/bob HOTP), a dense (version 7+) code.
const MIGRATION =
  'otpauth-migration://offline?data=Ci4KCkhlbGxvId6tvu8SEWFsaWNlQGV4YW1wbGUuY29tGgdFeGFtcGxlIAEoATACCisKFAECAwQFBgcICQoLDA0ODxAREhMUEgNib2IaBkdpdEh1YiADKAIwATgqEAEYASAAKLnKBg%3D%3D';

describe('decodeQrFromImageData', () => {
  it('reads an otpauth:// link exactly', () => {
    expect(decode(render(OTPAUTH))).toBe(OTPAUTH);
  });

  it('reads an otpauth-migration:// export link exactly', () => {
    const image = render(MIGRATION, { scale: 3 });
    expect(create(MIGRATION, { errorCorrectionLevel: 'M' }).version).toBeGreaterThanOrEqual(7);
    expect(decode(image)).toBe(MIGRATION);
  });

  it('reads a light-on-dark (inverted) code', () => {
    expect(decode(invert(render(OTPAUTH)))).toBe(OTPAUTH);
  });

  it.each([90, 180, 27])('reads a code rotated by %i degrees', (degrees) => {
    expect(decode(rotate(render(OTPAUTH, { scale: 6 }), degrees))).toBe(OTPAUTH);
  });

  it('reads a small code somewhere in a large screenshot (scaled down first)', () => {
    const image = render(OTPAUTH, { scale: 8, canvas: { width: 3840, height: 2160, left: 2500, top: 900 } });
    expect(decode(image)).toBe(OTPAUTH);
  });

  it('returns null for images without a QR code', () => {
    expect(decode({ data: new Uint8ClampedArray(200 * 100 * 4).fill(255), width: 200, height: 100 })).toBeNull();
    expect(decode(noise(300, 300, 42))).toBeNull();
  });

  it('returns null for sizes that do not match the pixels', () => {
    expect(decodeQrFromImageData(new Uint8ClampedArray(16), 10, 10)).toBeNull();
    expect(decodeQrFromImageData(new Uint8ClampedArray(0), 0, 0)).toBeNull();
    expect(decodeQrFromImageData(new Uint8ClampedArray(16), 1.5, 2)).toBeNull();
  });
});
