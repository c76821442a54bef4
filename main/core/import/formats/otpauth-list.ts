import { AppError } from '../../../../shared/errors.js';
import type { ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { entryFromLink, unsupportedEntry } from '../import-entry.js';
import { MigrationBatches } from './migration-batches.js';

/**
 * A text file of links, one per line: otpauth:// (one account each) and otpauth-migration:// (Google Authenticator
 * exports, several accounts each). Blank lines and comment lines (starting with #) are ignored. Links must be at least
 * half of the other lines, which is what tells this format apart from any other text; a line that is not a link
 * is listed as not importable, so one stray line (a note, a heading) does not refuse the whole file.
 */
const LINK = /^otpauth(-migration)?:\/\//i;

function linesOf(text: string | null): { line: string; number: number }[] | null {
  if (text === null) return null;
  const lines = text
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
  const links = lines.filter(({ line }) => LINK.test(line)).length;
  return links > 0 && links * 2 >= lines.length ? lines : null;
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
    const entries = lines.flatMap(({ line, number }): ImportEntry[] => {
      if (!LINK.test(line)) return [unsupportedEntry('', `Line ${number}`, 'This line is not an otpauth:// link.')];
      if (!/^otpauth-migration:/i.test(line)) return [entryFromLink(line, { issuer: '', name: `Line ${number}` })];
      try {
        return batches.read(line);
      } catch (error) {
        if (error instanceof AppError && error.kind === 'invalidInput') return [unsupportedEntry('', `Line ${number}`, error.message)];
        throw error;
      }
    });
    return { encrypted: false, entries, notices: batches.notices() };
  },
};
