import { AppError } from '../../../shared/errors.js';
import { backupFormatVersionOf } from '../backup/backup-envelope.js';
import type { ImportFile, ImportFormat } from './import-format.js';

/** A file handed to the pipeline; its name appears in messages only (formats are told apart by content). */
export interface NamedFile extends ImportFile {
  name: string;
}

export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

export function namedFile(name: string, bytes: Uint8Array): NamedFile {
  if (bytes.length > MAX_IMPORT_FILE_BYTES) throw new AppError('unknownFormat', `${name} is too large to be an export file (over 20 MiB).`);
  let text: string | null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    text = null;
  }
  return { name, bytes, text };
}

/**
 * The one format that recognises every file, by content (a specific format before a fallback that also claims it:
 * Ente's or WinAuth's list of links before the plain list of links). Several files at once only for a format that reads them
 * together (Google Authenticator's QR pictures).
 */
export function detectFormat(files: readonly NamedFile[], formats: readonly ImportFormat[]): ImportFormat {
  if (files.length === 0) throw new AppError('invalidRequest', 'Choose a file to import.');
  const detected = files.map((file) => {
    const claimed = formats.filter((format) => safeDetect(format, file));
    const specific = claimed.filter((format) => !format.fallback);
    const matches = specific.length > 0 ? specific : claimed;
    if (matches.length === 0) {
      const json = jsonOf(file.text);
      if (backupFormatVersionOf(json) !== null) {
        // This app's own backup file, known by its header alone (no key): it is restored by recovery, not imported.
        throw new AppError('ownBackupFile', `${file.name} is a backup file of this app. Restore it with Settings > Backup > Recover from a backup file…`);
      }
      if (json === BROKEN_JSON) throw new AppError('damagedFile', `${file.name} looks like a JSON export but is cut short or damaged, so it cannot be read. Export it again.`);
      throw new AppError('unknownFormat', `${file.name} is not an export file this app can read. It reads these: ${formats.map((f) => f.name).join(', ')}.`);
    }
    if (matches.length > 1) {
      throw new AppError('unknownFormat', `${file.name} looks like more than one kind of export (${matches.map((f) => f.name).join(', ')}), so it was not read.`);
    }
    return matches[0]!;
  });
  const format = detected[0]!;
  if (files.length > 1 && (detected.some((f) => f !== format) || !format.readMany)) {
    throw new AppError('invalidRequest', 'Import one file at a time; only Google Authenticator QR pictures can be imported several at once.');
  }
  return format;
}

function safeDetect(format: ImportFormat, file: NamedFile): boolean {
  try {
    return format.detect(file.bytes, file.text);
  } catch {
    return false;
  }
}

const NOT_JSON = Symbol('not JSON');
const BROKEN_JSON = Symbol('broken JSON');

/** Every JSON export starts with "{": such a file parsed; one that starts so but does not parse was damaged (most often cut short). */
function jsonOf(text: string | null): unknown {
  if (text === null || !/^\s*\{/.test(text)) return NOT_JSON;
  try {
    return JSON.parse(text);
  } catch {
    return BROKEN_JSON;
  }
}
