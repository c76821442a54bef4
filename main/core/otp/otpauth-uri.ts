import { AppError, invalidInput, type InputField } from '../../../shared/errors.js';
import { HashAlgorithm, OTP_LIMITS, OtpParams, type OtpType } from '../../../shared/otp.js';
import { checkAccountNames } from '../accounts/account-names.js';
import { parseSetupKey } from './base32.js';

/** An account described by a link or a form, validated, before it has an id. */
export interface AccountDraft {
  issuer: string;
  name: string;
  /** Canonical base32; lives in main only. */
  secret: string;
  otp: OtpParams;
}

/**
 * Parses a Key Uri Format link (otpauth://TYPE/LABEL?PARAMETERS), as issued by services and Google Authenticator,
 * plus the Steam variants other apps use (otpauth://steam/... and encoder=steam). Every problem is an
 * `invalidInput` error that says what is wrong.
 */
export function parseOtpauthUri(input: string): AccountDraft {
  const text = input.trim();
  if (text.length === 0) throw invalidInput('uri', 'The link is empty. Paste a link that starts with otpauth://');
  if (text.length > OTP_LIMITS.maxUriLength) {
    throw invalidInput('uri', `The link is too long (${text.length} characters; at most ${OTP_LIMITS.maxUriLength}).`);
  }
  if (/^otpauth-migration:/i.test(text)) {
    throw invalidInput(
      'uri',
      'This is a Google Authenticator export link (otpauth-migration://), which holds several accounts. It cannot be added as one account.',
    );
  }
  if (!/^otpauth:\/\//i.test(text)) throw invalidInput('uri', 'This is not an otpauth:// link. A setup link starts with otpauth://');

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInput('uri', 'The link is malformed and cannot be read.');
  }

  // URLSearchParams quietly keeps a broken escape ("%ZZ") as text and turns bad UTF-8 into U+FFFD; the label is
  // decoded strictly, so the parameters are checked the same way rather than saving a garbled issuer.
  for (const pair of url.search.slice(1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq >= 0 ? pair.slice(0, eq) : pair;
    const decodedKey = strictDecode(key);
    if (decodedKey === null || strictDecode(eq >= 0 ? pair.slice(eq + 1) : '') === null) {
      const field = decodedKey !== null && (PARAM_FIELDS as readonly string[]).includes(decodedKey) ? (decodedKey as InputField) : 'uri';
      throw invalidInput(field, `The "${truncate(decodedKey ?? key)}" parameter in the link is not correctly encoded.`);
    }
  }

  const params = url.searchParams;
  for (const key of new Set(params.keys())) {
    if (params.getAll(key).length > 1) throw invalidInput('uri', `The link gives "${key}" more than once.`);
  }

  const host = url.hostname.toLowerCase();
  const encoder = params.get('encoder')?.toLowerCase();
  let type: OtpType;
  if (host === 'totp') type = encoder === 'steam' ? 'steam' : 'totp';
  else if (host === 'hotp') type = 'hotp';
  else if (host === 'steam') type = 'steam';
  else if (host === '') throw invalidInput('type', 'The link does not say whether it is TOTP or HOTP (otpauth://totp/... or otpauth://hotp/...).');
  else throw invalidInput('type', `Unknown code type "${truncate(host)}": expected totp, hotp or steam.`);

  const { issuer: labelIssuer, name } = parseLabel(url.pathname);
  const issuerParam = params.get('issuer');
  const issuer = (issuerParam ?? labelIssuer ?? '').trim();
  if (issuer.length > OTP_LIMITS.maxLabelLength) throw invalidInput('issuer', 'The issuer is too long.');
  if (issuer.length === 0 && name.length === 0) throw invalidInput('name', 'The link names neither an issuer nor an account.');
  checkAccountNames({ issuer, name });

  const secretParam = params.get('secret');
  if (secretParam === null || secretParam.trim() === '') throw invalidInput('secret', 'The link has no secret (the "secret" parameter is missing).');
  const { canonical } = parseSetupKey(secretParam);

  const algorithm = parseAlgorithm(params.get('algorithm') ?? 'SHA1');
  const digits = parseIntParam(params.get('digits'), 'digits', type === 'steam' ? OTP_LIMITS.steamDigits : 6);
  const period = parseIntParam(params.get('period'), 'period', 30);
  const counterParam = params.get('counter');
  if (type === 'hotp' && counterParam === null) throw invalidInput('counter', 'This HOTP link has no counter (the "counter" parameter is missing).');
  const counter = type === 'hotp' ? parseIntParam(counterParam, 'counter', 0) : 0;

  return { issuer, name, secret: canonical, otp: validateOtpParams({ type, algorithm, digits, period, counter }) };
}

/** Checks OTP parameters from any source against the limits, with a message per field. */
export function validateOtpParams(p: { type: OtpType; algorithm: string; digits: number; period: number; counter: number }): OtpParams {
  const algorithm = parseAlgorithm(p.algorithm);
  if (p.type === 'steam') {
    if (p.digits !== OTP_LIMITS.steamDigits) throw invalidInput('digits', 'Steam Guard codes have 5 characters.');
    if (algorithm !== 'SHA1') throw invalidInput('algorithm', 'Steam Guard codes use SHA1.');
  } else if (!Number.isInteger(p.digits) || p.digits < OTP_LIMITS.minDigits || p.digits > OTP_LIMITS.maxDigits) {
    throw invalidInput('digits', `Codes must have ${OTP_LIMITS.minDigits} to ${OTP_LIMITS.maxDigits} digits (got ${p.digits}).`);
  }
  if (!Number.isInteger(p.period) || p.period < OTP_LIMITS.minPeriod || p.period > OTP_LIMITS.maxPeriod) {
    throw invalidInput('period', `The period must be ${OTP_LIMITS.minPeriod} to ${OTP_LIMITS.maxPeriod} seconds (got ${p.period}).`);
  }
  if (!Number.isSafeInteger(p.counter) || p.counter < 0) {
    throw invalidInput('counter', 'The counter must be a whole number of 0 or more.');
  }
  const parsed = OtpParams.safeParse({ ...p, algorithm });
  if (!parsed.success) throw new AppError('invalidInput', 'These code settings are not supported.', 'type');
  return parsed.data;
}

function parseAlgorithm(raw: string): HashAlgorithm {
  const normalized = raw.trim().toUpperCase().replace('-', '');
  const parsed = HashAlgorithm.safeParse(normalized);
  if (!parsed.success) throw invalidInput('algorithm', `Unknown algorithm "${truncate(raw)}": expected SHA1, SHA256 or SHA512.`);
  return parsed.data;
}

function parseIntParam(raw: string | null, field: 'digits' | 'period' | 'counter', fallback: number): number {
  if (raw === null) return fallback;
  if (!/^\d{1,16}$/.test(raw.trim())) throw invalidInput(field, `The ${field} "${truncate(raw)}" is not a whole number.`);
  return Number(raw.trim());
}

function parseLabel(pathname: string): { issuer: string | undefined; name: string } {
  let label: string;
  try {
    label = decodeURIComponent(pathname.replace(/^\/+/, ''));
  } catch {
    throw invalidInput('name', 'The account name in the link is not correctly encoded.');
  }
  const colon = label.indexOf(':');
  const issuer = colon >= 0 ? label.slice(0, colon).trim() : undefined;
  const name = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  if (name.length > OTP_LIMITS.maxLabelLength) throw invalidInput('name', 'The account name is too long.');
  return { issuer, name };
}

const PARAM_FIELDS = ['issuer', 'secret', 'algorithm', 'digits', 'period', 'counter'] as const;

function strictDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function truncate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}
