import { base32nopad } from '@scure/base';
import { AppError } from '../../../../../shared/errors.js';
import type { OtpType } from '../../../../../shared/otp.js';
import { parseSetupKey } from '../../../otp/base32.js';
import { parseOtpauthUri, validateOtpParams } from '../../../otp/otpauth-uri.js';
import type { ImportEntry } from '../../import-format.js';

/**
 * Turns one entry of another app's file into an ImportEntry with the same rules as a typed-in key and a link, so a
 * reader only maps its own field names. Anything our rules refuse becomes an 'unsupported' entry with the reason:
 * one bad entry never fails the file and is never dropped.
 */
export interface EntryFields {
  issuer: string;
  name: string;
  /** Base32 text as the other app stores it (any case, spaces, padding), or raw key bytes. */
  secret: string | Uint8Array;
  type: OtpType;
  algorithm: string;
  digits: number;
  period: number;
  counter: number;
}

export function entryFrom(fields: EntryFields): ImportEntry {
  const issuer = fields.issuer.trim();
  const name = fields.name.trim();
  try {
    const secretText = typeof fields.secret === 'string' ? fields.secret : base32nopad.encode(fields.secret);
    const { canonical } = parseSetupKey(secretText);
    const otp = validateOtpParams({
      type: fields.type,
      algorithm: fields.algorithm,
      digits: fields.type === 'steam' ? 5 : fields.digits,
      period: fields.period,
      counter: fields.type === 'hotp' ? fields.counter : 0,
    });
    return { status: 'usable', issuer, name, secret: canonical, otp };
  } catch (error) {
    return unsupported(issuer, name, reasonOf(error));
  }
}

/**
 * An otpauth:// link inside another app's file. `fallbackName` is the name the other app shows for it, used when the
 * link itself names no account (a link with neither issuer nor name is otherwise refused).
 */
export function entryFromUri(uri: string, fallbackName = ''): ImportEntry {
  try {
    return { status: 'usable', ...parseOtpauthUri(uri) };
  } catch (error) {
    if (error instanceof AppError && error.field === 'name' && fallbackName.trim() !== '' && labelOf(uri).name === '') {
      const labelled = uri.trim().replace(/^(otpauth:\/\/[^/?#]*)\/?[^?#]*/i, (_, head: string) => `${head}/${encodeURIComponent(fallbackName.trim())}`);
      if (labelled !== uri.trim()) return entryFromUri(labelled);
    }
    const label = labelOf(uri);
    return unsupported(label.issuer, label.name || fallbackName, reasonOf(error));
  }
}

/** A usable entry marked pinned when the other app marked it a favourite (`favourite` exactly true; anything else: not). */
export function pinnedIf(entry: ImportEntry, favourite: unknown): ImportEntry {
  return entry.status === 'usable' && favourite === true ? { ...entry, pinned: true } : entry;
}

export function unsupported(issuer: string, name: string, reason: string): ImportEntry {
  return { status: 'unsupported', issuer: issuer.trim(), name: name.trim(), reason };
}

export const UNSUPPORTED = {
  motp: 'mOTP accounts are not supported.',
  yandex: 'Yandex accounts are not supported.',
  push: 'This is a push-notification account: it has no codes to import.',
} as const;

function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'The entry could not be read.';
}

/** Best-effort issuer and name of a link we could not accept, so the report still says which entry it was. */
function labelOf(uri: string): { issuer: string; name: string } {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^?#]*)(?:\?([^#]*))?/i.exec(uri.trim());
  if (!match) return { issuer: '', name: '' };
  // otpauth://TYPE/LABEL; other schemes (motp://LABEL) have no type before the label.
  const path = match[1]!;
  const slash = path.indexOf('/');
  const label = safeDecode(slash >= 0 ? path.slice(slash + 1) : path);
  const issuerParam = new URLSearchParams(match[2] ?? '').get('issuer');
  const colon = label.indexOf(':');
  const issuer = issuerParam ?? (colon >= 0 ? label.slice(0, colon) : '');
  return { issuer: issuer.slice(0, 256), name: (colon >= 0 ? label.slice(colon + 1) : label).slice(0, 256) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
