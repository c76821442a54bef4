import { configure, ERR_INVALID_PASSWORD, TextWriter, Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { unzipSync } from 'fflate';
import { AppError } from '../../../../shared/errors.js';
import type { EncryptedFile, ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { utf8 } from './common/crypto.js';
import { entryFromUri } from './common/entry.js';
import { damagedFile, wrongPassword } from './common/errors.js';
import { startsWith } from './common/magic.js';

/**
 * WinAuth's "Export" (WinAuthAuthenticator.ToUrl): a text file with one link a line, always written as
 * otpauth://TYPE/[ISSUER:]LABEL?secret=...&digits=N then its extras (issuer, algorithm, period, counter for HOTP,
 * serial for Battle.net, deviceid and data for Steam, icon). That fixed "?secret=...&digits=" start is how the text
 * is told apart from any list of links. Steam accounts are written as TOTP with issuer Steam and 5 digits.
 *
 * WinAuth can also put the text file in a zip, usually with a password. Zip archives come in through libraries:
 * fflate reads a plain zip synchronously (read() is synchronous), zip.js opens password zips (ZipCrypto and AES),
 * which fflate cannot.
 */

const APP = 'WinAuth';
const WINAUTH_LINE = /^otpauth:\/\/[a-z]+\/[^?]*\?secret=[^&]*&digits=\d+/i;
const ZIP = [0x50, 0x4b, 0x03, 0x04];

configure({ useWebWorkers: false });

function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function isWinAuthText(text: string): boolean {
  const lines = linesOf(text);
  return lines.length > 0 && lines.every((line) => WINAUTH_LINE.test(line));
}

function readLine(line: string): ImportEntry {
  const query = new URLSearchParams(line.slice(line.indexOf('?') + 1));
  const isSteam = /^otpauth:\/\/totp\//i.test(line) && query.get('issuer')?.toLowerCase() === 'steam' && query.get('digits') === '5';
  return entryFromUri(isSteam ? line.replace(/^otpauth:\/\/totp\//i, 'otpauth://steam/') : line);
}

function readText(text: string): ImportEntry[] {
  if (!isWinAuthText(text)) throw damagedFile(APP, 'the zip does not hold a WinAuth export.');
  return linesOf(text).map(readLine);
}

/** The first entry's local header: its name (the export's .txt file) and whether it is encrypted. */
function firstZipEntry(bytes: Uint8Array): { name: string; encrypted: boolean } | null {
  if (!startsWith(bytes, ZIP) || bytes.length < 30) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nameLength = view.getUint16(26, true);
  if (bytes.length < 30 + nameLength) return null;
  return { name: Buffer.from(bytes.subarray(30, 30 + nameLength)).toString('utf8'), encrypted: (view.getUint16(6, true) & 1) === 1 };
}

function readPlainZip(bytes: Uint8Array): ImportEntry[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name.toLowerCase().endsWith('.txt') });
  } catch {
    throw damagedFile(APP, 'the zip archive cannot be read.');
  }
  const text = Object.values(files)
    .map((file) => utf8(file))
    .find((content): content is string => content !== null && isWinAuthText(content));
  if (text === undefined) throw damagedFile(APP, 'the zip does not hold a WinAuth export.');
  return readText(text);
}

function passwordZip(bytes: Uint8Array): EncryptedFile {
  return {
    cost: { name: 'zip password', memoryBytes: 0 },
    async decrypt(password, onProgress) {
      onProgress?.(0);
      const reader = new ZipReader(new Uint8ArrayReader(bytes));
      try {
        const entries = await reader.getEntries();
        const file = entries.find((entry) => !entry.directory && entry.filename.toLowerCase().endsWith('.txt'));
        if (!file || file.directory) throw damagedFile(APP, 'the zip holds no text file.');
        // ZipCrypto checks a password against one byte, so 1 wrong password in 256 gets through it and decrypts to
        // garbage (failing inflate or the CRC). The archive itself was read whole above, so a
        // failure of its one file's contents is the password's (or damage under the cipher, which looks the same).
        let text: string;
        try {
          text = await file.getData(new TextWriter(), { password, checkSignature: true });
        } catch {
          throw wrongPassword(APP);
        }
        onProgress?.(1);
        return readText(text); // the CRC held: the password was right, and this is what the file holds
      } catch (error) {
        if (error instanceof Error && error.message === ERR_INVALID_PASSWORD) throw wrongPassword(APP);
        if (error instanceof AppError) throw error;
        throw damagedFile(APP, 'the zip archive cannot be read.');
      } finally {
        await reader.close();
      }
    },
  };
}

export const winAuthFormat: ImportFormat = {
  id: 'winauth',
  name: 'WinAuth',
  detect(bytes, text) {
    const zipEntry = firstZipEntry(bytes);
    if (zipEntry) return zipEntry.name.toLowerCase().endsWith('.txt');
    return text !== null && isWinAuthText(text);
  },
  read(bytes, text): ReadResult {
    const zipEntry = firstZipEntry(bytes);
    if (zipEntry?.encrypted) return { encrypted: true, file: passwordZip(bytes) };
    if (zipEntry) return { encrypted: false, entries: readPlainZip(bytes) };
    return { encrypted: false, entries: readText(text ?? '') };
  },
};
