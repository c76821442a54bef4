import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { base32nopad } from '@scure/base';
import jsQR from 'jsqr';
import { create, toBuffer } from 'qrcode';
import { MigrationPayload } from '../main/core/import/google-migration.js';

// QR codes for the scanner's tests, made with an independent encoder (qrcode): as a PNG, or as a camera frame.

/**
 * One 640x480 video frame in YUV4MPEG2 (4:2:0), which Chromium plays in a loop as a fake camera
 * (--use-file-for-fake-video-capture): the QR code dark on light in the middle, or a blank grey frame for null.
 */
export function y4mFrameOfQr(text: string | null, width = 640, height = 480): Buffer {
  const luma = Buffer.alloc(width * height, 200);
  if (text !== null) {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const quiet = 4;
    const scale = Math.floor(Math.min(width, height) * 0.8 / (modules.size + quiet * 2));
    const side = (modules.size + quiet * 2) * scale;
    const left = Math.floor((width - side) / 2);
    const top = Math.floor((height - side) / 2);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const row = Math.floor(y / scale) - quiet;
        const col = Math.floor(x / scale) - quiet;
        const dark = row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col);
        luma[(top + y) * width + left + x] = dark ? 16 : 235;
      }
    }
  }
  const chroma = Buffer.alloc((width * height) / 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

/** Writes the frame to a new temporary file and returns its path (Chromium reads it when it starts). */
export function fakeCameraFile(text: string | null): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fake-camera-')), 'qr.y4m');
  writeFileSync(file, y4mFrameOfQr(text));
  return file;
}

export function pngOfQr(text: string): Promise<Buffer> {
  return toBuffer(text, { type: 'png', margin: 4, scale: 6 });
}

export interface ExportEntry {
  issuer: string;
  name: string;
  /** Base32 setup key. */
  secret: string;
}

/** A Google Authenticator export link (otpauth-migration://offline?data=...), TOTP SHA1 6 digits, as Google writes it. */
export function migrationLink(entries: ExportEntry[], batch: { index: number; size: number; id: number } = { index: 0, size: 1, id: 1 }): string {
  const message = MigrationPayload.fromObject({
    otpParameters: entries.map((e) => ({ secret: base32nopad.decode(e.secret), issuer: e.issuer, name: e.name, algorithm: 1, digits: 1, type: 2 })),
    version: 1,
    batchSize: batch.size,
    batchIndex: batch.index,
    batchId: batch.id,
  });
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(MigrationPayload.encode(message).finish()).toString('base64'))}`;
}

/**
 * Reads back a QR code the page drew as one SVG path of "M x y h n v 1 h -n z" squares (QrCodeSvg): paints it,
 * 4 pixels a module, and decodes it with jsQR. `side` is the viewBox side in modules, quiet zone included.
 */
export function decodeSvgQrPath(d: string, side: number): string | null {
  const scale = 4;
  const width = side * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      const start = ((Number(y) * scale + dy) * width + Number(x) * scale) * 4;
      data.fill(0, start, start + Number(run) * scale * 4);
    }
  }
  return jsQR(data, width, width)?.data ?? null;
}
