// QR decoding for the add-account dialog (image file, pasted image, screen capture, camera frame).
//
// Library: jsQR. It is pure JavaScript with no dependencies, and it needs no eval/new Function, no WebAssembly and no
// worker, so it runs under the renderer's strict Content-Security-Policy as is. It is the decoder most web QR
// scanners build on, takes raw RGBA pixels (what a canvas, a video frame or an ImageBitmap gives us) and finds
// codes at any rotation. Its last release is from 2021, but the QR format does not move; the alternatives either
// ship WebAssembly (zxing-wasm) or spin up workers (qr-scanner), or are larger ports in maintenance mode
// (@zxing/library). The decoded text is never trusted: main parses and validates every link.
import jsQR from 'jsqr';

/** Longest side we hand to the decoder: bigger images are scaled down first (jsQR's time grows with the pixels). */
const MAX_SIDE = 1600;
/** A second, smaller try helps with noisy photos and camera frames where the code fills much of the picture. */
const SMALL_SIDE = 640;

/**
 * Decodes the first QR code in an RGBA image (4 bytes per pixel, as ImageData holds it), dark-on-light or inverted.
 * Returns its text, or null when there is no readable QR code.
 */
export function decodeQrFromImageData(data: Uint8ClampedArray, width: number, height: number): string | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length < width * height * 4) return null;
  const first = fitWithin({ data, width, height }, MAX_SIDE);
  const found = decodeOnce(first);
  if (found !== null) return found;
  if (Math.max(width, height) > SMALL_SIDE * 1.5) return decodeOnce(fitWithin({ data, width, height }, SMALL_SIDE));
  return null;
}

/** Decodes a QR code from an image file or a pasted image (PNG, JPEG, GIF, WebP, BMP ...). Null when none is found. */
export async function decodeQrFromBlob(blob: Blob): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    return null; // not an image the browser can read
  }
  try {
    // Drawn at a size the decoder takes directly, so a 6000-pixel photo never becomes a 144 MB pixel buffer.
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const context = drawingContext(width, height);
    if (!context) return null;
    // A transparent PNG's clear pixels read as black; paint white under it so a dark code on transparency stays readable.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height);
    return decodeQrFromImageData(pixels.data, width, height);
  } finally {
    bitmap.close();
  }
}

interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

function decodeOnce(image: Rgba): string | null {
  // attemptBoth: also reads light-on-dark codes (dark themes, some screenshots).
  const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return code && code.data.length > 0 ? code.data : null;
}

type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function drawingContext(width: number, height: number): Context2D | null {
  if (typeof OffscreenCanvas !== 'undefined') {
    return new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d', { willReadFrequently: true });
}

/** Scales an RGBA image down (area average) so its longest side is at most `maxSide`; smaller images are returned as they are. */
function fitWithin(image: Rgba, maxSide: number): Rgba {
  const { data, width, height } = image;
  const factor = Math.ceil(Math.max(width, height) / maxSide);
  if (factor <= 1) return image;
  const outWidth = Math.floor(width / factor);
  const outHeight = Math.floor(height / factor);
  const out = new Uint8ClampedArray(outWidth * outHeight * 4);
  const area = factor * factor;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = ((y * factor + dy) * width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, i += 4) {
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
          a += data[i + 3]!;
        }
      }
      const o = (y * outWidth + x) * 4;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
      out[o + 3] = a / area;
    }
  }
  return { data: out, width: outWidth, height: outHeight };
}
