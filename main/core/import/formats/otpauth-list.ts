import { AppError } from '../../../../shared/errors.js';
import type { ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { entryFromLink, unsupportedEntry } from '../import-entry.js';
import { MigrationBatches } from './migration-batches.js';

/**
 * A text file of links, one per line: otpauth:// (one account each) and otpauth-migration:// (Google Authenticator
 * exports, several accounts each). Blank lines are ignored; every other line must be a link, which is what tells this
 * format apart from any other text.
 */
function linesOf(text: string | null): string[] | null {
  if (text === null) return null;
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length > 0 && lines.every((l) => /^otpauth(-migration)?:\/\//i.test(l)) ? lines : null;
}

export const otpauthListFormat: ImportFormat = {
  id: 'otpauth-list',
  name: 'List of otpauth:// links',
  fallback: true,
  detect: (_bytes, text) => linesOf(text) !== null,
  read(_bytes, text): ReadResult {
    const lines = linesOf(text);
    if (lines === null) throw new AppError('damagedFile', 'This list of links has a line that is not an otpauth:// link.');
    const batches = new MigrationBatches();
    const entries = lines.flatMap((line, index): ImportEntry[] => {
      if (!/^otpauth-migration:/i.test(line)) return [entryFromLink(line, { issuer: '', name: `Line ${index + 1}` })];
      try {
        return batches.read(line);
      } catch (error) {
        if (error instanceof AppError && error.kind === 'invalidInput') return [unsupportedEntry('', `Line ${index + 1}`, error.message)];
        throw error;
      }
    });
    return { encrypted: false, entries, notices: batches.notices() };
  },
};
