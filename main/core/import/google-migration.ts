import { base32nopad } from '@scure/base';
import { Enum, Field, Reader, Type } from 'protobufjs/light.js';
import { accountLabel } from '../../../shared/account-label.js';
import { AppError, invalidInput } from '../../../shared/errors.js';
import { deceptiveCharacter } from '../../../shared/name-characters.js';
import { OTP_LIMITS, type HashAlgorithm, type OtpType } from '../../../shared/otp.js';
import { checkAccountNames } from '../accounts/account-names.js';
import { parseSetupKey } from '../otp/base32.js';
import { validateOtpParams, type AccountDraft } from '../otp/otpauth-uri.js';

/**
 * Google Authenticator's "Transfer accounts" export: otpauth-migration://offline?data=<base64 MigrationPayload>.
 * The schema below is the one Google Authenticator uses (field numbers and enum values); it is defined in code with
 * protobufjs reflection rather than loaded from a .proto file.
 *
 * Nothing is ever guessed: the bytes are first walked field by field (every known field must have the wire type the
 * schema gives it, every text must be valid UTF-8, the message must end exactly), then decoded, then each entry is
 * checked with the same rules as a typed-in setup key and a link. One bad entry refuses the whole link.
 */

export interface MigrationBatch {
  /** 0-based index of this QR code among the export's codes. */
  index: number;
  /** How many QR codes the export was split into (1 when it fits in one). */
  size: number;
  id: number;
}

export interface MigrationImport {
  drafts: AccountDraft[];
  /** Google splits large exports over several QR codes; each one is imported on its own. */
  batch: MigrationBatch;
}

const Algorithm = new Enum('Algorithm', { ALGORITHM_UNSPECIFIED: 0, SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 });
const DigitCount = new Enum('DigitCount', { DIGIT_COUNT_UNSPECIFIED: 0, SIX: 1, EIGHT: 2 });
const OtpKind = new Enum('OtpType', { OTP_TYPE_UNSPECIFIED: 0, HOTP: 1, TOTP: 2 });

const OtpParameters = new Type('OtpParameters')
  .add(new Field('secret', 1, 'bytes'))
  .add(new Field('name', 2, 'string'))
  .add(new Field('issuer', 3, 'string'))
  .add(new Field('algorithm', 4, 'Algorithm'))
  .add(new Field('digits', 5, 'DigitCount'))
  .add(new Field('type', 6, 'OtpType'))
  .add(new Field('counter', 7, 'int64'))
  .add(Algorithm)
  .add(DigitCount)
  .add(OtpKind);

/** The MigrationPayload message, exported so tests can encode payloads with the same schema. */
export const MigrationPayload = new Type('MigrationPayload')
  .add(new Field('otpParameters', 1, 'OtpParameters', 'repeated'))
  .add(new Field('version', 2, 'int32'))
  .add(new Field('batchSize', 3, 'int32'))
  .add(new Field('batchIndex', 4, 'int32'))
  .add(new Field('batchId', 5, 'int32'))
  .add(OtpParameters);

// Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32.
const VARINT = 0;
const LEN = 2;
const PAYLOAD_WIRE: Record<number, number> = { 1: LEN, 2: VARINT, 3: VARINT, 4: VARINT, 5: VARINT };
const PARAMS_WIRE: Record<number, number> = { 1: LEN, 2: LEN, 3: LEN, 4: VARINT, 5: VARINT, 6: VARINT, 7: VARINT };
const TEXT_FIELDS = new Set([2, 3]);

const ALGORITHMS: Record<number, HashAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const TYPES: Record<number, OtpType> = { 1: 'hotp', 2: 'totp' };

const NOT_AN_EXPORT = 'This link does not hold a Google Authenticator export that can be read (the data is damaged or in another format).';

/** True for links that start with otpauth-migration: (any case), the only ones parseMigrationUri accepts. */
export function isMigrationUri(input: string): boolean {
  return /^otpauth-migration:/i.test(input.trim());
}

export function parseMigrationUri(input: string): MigrationImport {
  const { entries, batch } = readMigrationUri(input);
  const drafts = entries.map((entry, index) => {
    if (entry.ok) return entry.draft;
    // A name refused for hidden or control characters is not repeated in the message (it would deceive there too).
    const label = deceptiveCharacter(accountLabel(entry)) === null ? accountLabel(entry) : '';
    const where = `Account ${index + 1} of ${entries.length}${label ? ` (${truncate(label, 48)})` : ''}`;
    throw new AppError(entry.error.kind, `${where}: ${entry.error.message} Nothing was added.`, 'uri');
  });
  return { drafts, batch };
}

/** One account of an export: read, or why not (with the names it gave, for the report). */
export type MigrationEntry = { ok: true; draft: AccountDraft } | { ok: false; issuer: string; name: string; error: AppError };

/**
 * Reads an export link account by account: a damaged link throws, but an account that breaks our rules (MD5, a short
 * secret) is returned with its error, so an import can list it and go on. parseMigrationUri is all or nothing on top.
 */
export function readMigrationUri(input: string): { entries: MigrationEntry[]; batch: MigrationBatch } {
  const text = input.trim();
  if (!/^otpauth-migration:\/\//i.test(text)) throw invalidInput('uri', 'This is not a Google Authenticator export link (otpauth-migration://).');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInput('uri', 'The export link is malformed and cannot be read.');
  }
  if (url.hostname.toLowerCase() !== 'offline') {
    throw invalidInput('uri', `Unknown kind of export link "${truncate(url.hostname)}": expected otpauth-migration://offline?data=...`);
  }
  // The query is read by hand: URLSearchParams turns an unescaped "+" (common in base64 pasted by hand) into a space.
  const values: string[] = [];
  for (const pair of url.search.slice(1).split('&')) {
    const eq = pair.indexOf('=');
    if ((eq >= 0 ? pair.slice(0, eq) : pair) === 'data') values.push(eq >= 0 ? pair.slice(eq + 1) : '');
  }
  if (values.length === 0 || values[0]!.trim() === '') throw invalidInput('uri', 'The export link has no data (the "data" parameter is missing).');
  if (values.length > 1) throw invalidInput('uri', 'The export link gives "data" more than once.');
  let data: string;
  try {
    data = decodeURIComponent(values[0]!);
  } catch {
    throw invalidInput('uri', 'The data in the export link is not correctly encoded.');
  }
  const bytes = decodeBase64(data);
  if (bytes.length === 0) throw invalidInput('uri', 'The export link holds no accounts.');

  const message = decodePayload(bytes);
  const entries = message.otpParameters;
  if (entries.length === 0) throw invalidInput('uri', 'The export link holds no accounts.');
  const size = message.batchSize > 0 ? message.batchSize : 1;
  if (message.batchIndex < 0 || message.batchIndex >= size) throw invalidInput('uri', NOT_AN_EXPORT);
  const read = entries.map((entry): MigrationEntry => {
    try {
      return { ok: true, draft: toDraft(entry) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { ok: false, issuer: entry.issuer.trim(), name: entry.name.trim(), error };
    }
  });
  return { entries: read, batch: { index: message.batchIndex, size, id: message.batchId } };
}

interface DecodedParams {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: string;
}

interface DecodedPayload {
  otpParameters: DecodedParams[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

function decodePayload(bytes: Uint8Array): DecodedPayload {
  try {
    checkWire(bytes, PAYLOAD_WIRE, (field, value) => {
      if (field === 1) checkWire(value, PARAMS_WIRE, (inner, text) => TEXT_FIELDS.has(inner) && strictUtf8(text));
    });
    const message = MigrationPayload.decode(bytes);
    return MigrationPayload.toObject(message, { longs: String, enums: Number, defaults: true, arrays: true }) as DecodedPayload;
  } catch {
    throw invalidInput('uri', NOT_AN_EXPORT);
  }
}

/**
 * Walks one protobuf message: known fields must have their schema's wire type (protobufjs's decoder does not check
 * it, and would read a number as a length), unknown ones must be well formed, and the message must end exactly.
 */
function checkWire(bytes: Uint8Array, wireTypes: Record<number, number>, onLengthDelimited: (field: number, value: Uint8Array) => void): void {
  const reader = Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 0) throw new Error('field 0');
    const expected = wireTypes[field];
    if (expected !== undefined && expected !== wire) throw new Error(`field ${field}: wire type ${wire}`);
    if (wire === LEN) {
      const length = reader.uint32();
      if (length > reader.len - reader.pos) throw new Error('length past the end');
      onLengthDelimited(field, bytes.subarray(reader.pos, reader.pos + length));
      reader.pos += length;
    } else {
      reader.skipType(wire); // throws on wire types 3, 4, 6, 7 (groups are not used by this schema)
    }
  }
  if (reader.pos !== reader.len) throw new Error('trailing bytes');
}

function strictUtf8(bytes: Uint8Array): void {
  new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function toDraft(entry: DecodedParams): AccountDraft {
  if (entry.algorithm === 4) throw invalidInput('algorithm', 'It uses the MD5 algorithm, which this app does not support (SHA1, SHA256 or SHA512 only).');
  const algorithm = ALGORITHMS[entry.algorithm];
  if (algorithm === undefined) throw invalidInput('algorithm', `Unknown algorithm (${entry.algorithm}): expected SHA1, SHA256 or SHA512.`);
  const digits = DIGITS[entry.digits];
  if (digits === undefined) throw invalidInput('digits', `Unknown number of digits (${entry.digits}): expected 6 or 8.`);
  const type = TYPES[entry.type];
  if (type === undefined) throw invalidInput('type', 'It does not say whether it is time-based (TOTP) or counter-based (HOTP).');

  const secret = entry.secret;
  if (secret.length === 0) throw invalidInput('secret', 'It has no secret.');
  if (secret.length < OTP_LIMITS.minSecretBytes) {
    throw invalidInput('secret', `Its secret is too short (${secret.length} bytes; at least ${OTP_LIMITS.minSecretBytes}).`);
  }
  if (secret.length > OTP_LIMITS.maxSecretBytes) {
    throw invalidInput('secret', `Its secret is too long (${secret.length} bytes; at most ${OTP_LIMITS.maxSecretBytes}).`);
  }
  // Through the same rules as a typed-in key, so a draft from an export is indistinguishable from one from a link.
  const { canonical } = parseSetupKey(base32nopad.encode(secret));

  const counter = type === 'hotp' ? Number(entry.counter) : 0;
  if (type === 'hotp' && (!/^\d+$/.test(entry.counter) || !Number.isSafeInteger(counter))) {
    throw invalidInput('counter', 'Its counter is not a whole number of 0 or more that this app can store.');
  }

  // Google writes the name as "Issuer:account" for accounts added from links with a label prefix.
  let name = entry.name.trim();
  let issuer = entry.issuer.trim();
  const colon = name.indexOf(':');
  if (colon >= 0) {
    const prefix = name.slice(0, colon).trim();
    if (issuer.length === 0 || prefix.toLowerCase() === issuer.toLowerCase()) {
      if (issuer.length === 0) issuer = prefix;
      name = name.slice(colon + 1).trim();
    }
  }
  if (issuer.length > OTP_LIMITS.maxLabelLength) throw invalidInput('issuer', 'Its issuer is too long.');
  if (name.length > OTP_LIMITS.maxLabelLength) throw invalidInput('name', 'Its account name is too long.');
  if (issuer.length === 0 && name.length === 0) throw invalidInput('name', 'It names neither an issuer nor an account.');
  checkAccountNames({ issuer, name });

  return { issuer, name, secret: canonical, otp: validateOtpParams({ type, algorithm, digits, period: 30, counter }) };
}

/** Standard or URL-safe base64, padding optional; anything else is refused rather than skipped. */
function decodeBase64(raw: string): Uint8Array {
  const text = raw.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const body = text.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1 || (text.length !== body.length && text.length % 4 !== 0)) {
    throw invalidInput('uri', 'The data in the export link is not valid base64; it may have been cut off or changed when it was copied.');
  }
  return new Uint8Array(Buffer.from(body, 'base64'));
}

function truncate(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
