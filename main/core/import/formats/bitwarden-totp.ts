import type { ImportEntry } from '../import-format.js';
import { entryFromFields, entryFromLink } from '../import-entry.js';
import { pinnedIf } from './common/entry.js';

/**
 * A Bitwarden login's TOTP field, in the three forms Bitwarden accepts: an otpauth:// link, steam://SECRET, or a bare
 * base32 secret (TOTP, SHA1, 6 digits, 30 s). The item's name stands in for a missing issuer, its username for the
 * account name.
 */
export function bitwardenTotpEntry(itemName: string, username: string, totp: string): ImportEntry {
  const value = totp.trim();
  if (/^otpauth:\/\//i.test(value)) {
    const entry = entryFromLink(value, { issuer: itemName, name: username });
    if (entry.status === 'usable' && entry.issuer === '') return { ...entry, issuer: itemName.trim() };
    return entry;
  }
  const steam = /^steam:\/\/(.*)$/i.exec(value);
  if (steam) return entryFromFields({ issuer: itemName || 'Steam', name: username, secret: steam[1]!, type: 'steam' });
  return entryFromFields({ issuer: itemName, name: username, secret: value, type: 'totp' });
}

/**
 * Logins with a TOTP field: other items (passwords only, notes, cards) are not authenticator accounts. An item marked
 * `favorite` (true) arrives pinned to the tray.
 */
export function itemsWithTotp(items: readonly unknown[]): ImportEntry[] {
  return items.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { name, login, favorite } = item as { name?: unknown; login?: unknown; favorite?: unknown };
    if (typeof login !== 'object' || login === null) return [];
    const { totp, username } = login as { totp?: unknown; username?: unknown };
    if (typeof totp !== 'string' || totp.trim() === '') return [];
    return [pinnedIf(bitwardenTotpEntry(typeof name === 'string' ? name : '', typeof username === 'string' ? username : '', totp), favorite)];
  });
}
