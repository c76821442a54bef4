import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { AppError } from '../../../../shared/errors.js';
import type { ImportEntry, ImportFile, ImportFormat, ReadResult } from '../import-format.js';
import { entryFromLink } from '../import-entry.js';
import { MigrationBatches } from './migration-batches.js';

/**
 * Google Authenticator's "Transfer accounts" QR codes, as pictures (screenshots or photos, PNG or JPEG). Several
 * pictures are read together, so a batch is checked for completeness. A picture of a single otpauth:// QR code is read
 * too. Pictures are decoded in main with pngjs and jpeg-js (pure JavaScript: nothing native to build for Electron).
 */
const MAX_PIXELS = 40_000_000;

function kindOf(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

function pixels(bytes: Uint8Array, which: number): { data: Uint8ClampedArray; width: number; height: number } {
  const unreadable = () => new AppError('damagedFile', `Picture ${which} could not be read as an image; it may be damaged.`);
  try {
    if (kindOf(bytes) === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes));
      if (png.width * png.height > MAX_PIXELS) throw unreadable();
      return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
    }
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
    return { data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), width: image.width, height: image.height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable();
  }
}

function readPictures(files: readonly ImportFile[]): ReadResult {
  const batches = new MigrationBatches();
  const entries = files.flatMap((file, index): ImportEntry[] => {
    const which = index + 1;
    const { data, width, height } = pixels(file.bytes, which);
    const link = jsQR(data, width, height)?.data.trim();
    if (!link) throw new AppError('damagedFile', `No QR code was found in picture ${which}. Crop it to the code, or take a sharper screenshot.`);
    if (/^otpauth:\/\//i.test(link)) return [entryFromLink(link, { issuer: '', name: `Picture ${which}` })];
    if (!/^otpauth-migration:\/\//i.test(link)) throw new AppError('unknownFormat', `The QR code in picture ${which} is not an authenticator export or setup code.`);
    try {
      return batches.read(link);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'invalidInput') throw new AppError('damagedFile', `Picture ${which}: ${error.message}`);
      throw error;
    }
  });
  return { encrypted: false, entries, notices: batches.notices() };
}

export const googleQrImagesFormat: ImportFormat = {
  id: 'google-authenticator-qr',
  name: 'Google Authenticator export (QR pictures)',
  detect: (bytes) => kindOf(bytes) !== null,
  read: (bytes, text) => readPictures([{ bytes, text }]),
  readMany: readPictures,
};
