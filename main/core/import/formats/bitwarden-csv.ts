import { parse } from 'csv-parse/sync';
import type { ImportFormat, ReadResult } from '../import-format.js';
import { itemsWithTotp } from './bitwarden-totp.js';
import { damaged } from './json-file.js';

/**
 * Bitwarden's CSV export: a header row (folder, favorite, type, name, notes, fields, reprompt, login_uri,
 * login_username, login_password, login_totp), one item per row. Recognised by that header. `favorite` 1: pinned.
 */
const APP = 'Bitwarden CSV';

function headerOf(text: string | null): string[] | null {
  if (text === null) return null;
  const first = text.slice(0, text.search(/\r?\n|$/)).toLowerCase();
  const columns = first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return columns.includes('login_totp') && columns.includes('name') && columns.includes('login_username') ? columns : null;
}

export const bitwardenCsvFormat: ImportFormat = {
  id: 'bitwarden-csv',
  name: 'Bitwarden (CSV)',
  detect: (_bytes, text) => headerOf(text) !== null,
  read(_bytes, text): ReadResult {
    if (text === null || headerOf(text) === null) throw damaged(APP, 'it has no Bitwarden header row');
    let rows: Record<string, string>[];
    try {
      rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: false, bom: true });
    } catch (error) {
      throw damaged(APP, error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'it is not valid CSV');
    }
    return { encrypted: false, entries: itemsWithTotp(rows.map((row) => ({ name: row.name ?? '', favorite: row.favorite?.trim() === '1', login: { username: row.login_username ?? '', totp: row.login_totp ?? '' } }))) };
  },
};
