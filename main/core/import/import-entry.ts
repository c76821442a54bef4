import { AppError } from '../../../shared/errors.js';
import { OTP_LIMITS, type OtpType } from '../../../shared/otp.js';
import { parseSetupKey } from '../otp/base32.js';
import { parseOtpauthUri, validateOtpParams } from '../otp/otpauth-uri.js';
import type { ImportEntry } from './import-format.js';

/**
 * Turning what a reader found into an ImportEntry, with the same rules as a link or the manual form. Any rule an
 * entry breaks makes it 'unsupported' with the rule's own message: one odd entry never fails the file.
 */

/** An account's fields as another app stores them, before our rules. */
export interface RawAccount {
  issuer: string;
  name: string;
  secret: string;
  /** The other app's type name, any case ("totp", "HOTP", "steam", "motp", "yandex"...). */
  type: string;
  algorithm?: string | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
}

const TYPE_NAMES: Record<string, OtpType> = { totp: 'totp', hotp: 'hotp', steam: 'steam' };
const KNOWN_UNSUPPORTED: Record<string, string> = {
  motp: 'mOTP accounts are not supported.',
  yandex: 'Yandex Key accounts are not supported.',
  push: 'Push-only accounts have no codes to import.',
};

export function unsupportedEntry(issuer: string, name: string, reason: string): ImportEntry {
  return { status: 'unsupported', issuer: issuer.trim(), name: name.trim(), reason };
}

/** Checks one account; its problem, if any, becomes the entry's reason. */
export function entryFromFields(raw: RawAccount): ImportEntry {
  const issuer = raw.issuer.trim();
  const name = raw.name.trim();
  const typeName = raw.type.trim().toLowerCase();
  const type = TYPE_NAMES[typeName];
  if (type === undefined) {
    return unsupportedEntry(issuer, name, KNOWN_UNSUPPORTED[typeName] ?? `"${raw.type.slice(0, 24)}" accounts are not supported.`);
  }
  return guarded(issuer, name, () => {
    const { canonical } = parseSetupKey(raw.secret);
    const otp = validateOtpParams({
      type,
      algorithm: raw.algorithm ?? 'SHA1',
      digits: raw.digits ?? (type === 'steam' ? OTP_LIMITS.steamDigits : 6),
      period: raw.period ?? 30,
      counter: type === 'hotp' ? (raw.counter ?? 0) : 0,
    });
    return { status: 'usable', issuer, name, secret: canonical, otp };
  });
}

/** An otpauth:// link inside another app's file; `fallback` names the entry when the link cannot be read. */
export function entryFromLink(link: string, fallback: { issuer: string; name: string }): ImportEntry {
  const host = /^otpauth:\/\/([^/?#]*)/i.exec(link.trim())?.[1]?.toLowerCase() ?? '';
  const known = KNOWN_UNSUPPORTED[host];
  if (known !== undefined) {
    const label = labelOf(link);
    return unsupportedEntry(label?.issuer || fallback.issuer, label?.name || fallback.name, known);
  }
  return guarded(fallback.issuer, fallback.name, () => {
    const draft = parseOtpauthUri(link);
    return { status: 'usable', ...draft };
  });
}

function guarded(issuer: string, name: string, read: () => ImportEntry): ImportEntry {
  try {
    return read();
  } catch (error) {
    if (error instanceof AppError && error.kind === 'invalidInput') return unsupportedEntry(issuer, name, error.message);
    throw error;
  }
}

/** The names in a link's label ("Issuer:name"), for an entry that is listed but not imported. */
function labelOf(link: string): { issuer: string; name: string } | null {
  try {
    const label = decodeURIComponent(new URL(link.trim()).pathname.replace(/^\/+/, ''));
    const colon = label.indexOf(':');
    return { issuer: colon >= 0 ? label.slice(0, colon).trim() : '', name: label.slice(colon + 1).trim() };
  } catch {
    return null;
  }
}
