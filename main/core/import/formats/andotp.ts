import { AppError } from '../../../../shared/errors.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EncryptedFile, ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { aesGcmOpen, PBKDF2_COST, pbkdf2, utf8 } from './common/crypto.js';
import { entryFrom, unsupported, UNSUPPORTED } from './common/entry.js';
import { damagedFile } from './common/errors.js';
import { isRecord, parseJson } from './common/json.js';
import { hasKnownSignature } from './common/magic.js';

/**
 * andOTP (flocke/andOTP). Plain backups are a JSON array of entries. Encrypted backups (.json.aes) come in two
 * layouts with no marker telling them apart:
 * - new (andOTP 0.6.3+): iterations (4 bytes, big-endian) | salt (12) | IV (12) | ciphertext | GCM tag (16), the key
 *   PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits); andOTP draws 140,000-160,000 iterations;
 * - old: IV (12) | ciphertext | tag (16), the key SHA-256(password).
 * The port has no way to ask the person which one it is, so decrypt() tries both: the new layout first when the
 * header's iteration count is plausible, then the old one. GCM authenticates, so a wrong guess cannot pass as right.
 */

const APP = 'andOTP';
const SALT = 12;
const IV = 12;
const TAG = 16;
/** Wider than andOTP's own 140,000-160,000 so a future change still opens; an old file's random first bytes rarely fall here. */
const MIN_ITERATIONS = 1_000;
const MAX_ITERATIONS = 10_000_000;

const Entry = z.looseObject({
  secret: z.string(),
  type: z.string(),
  issuer: z.string().optional(),
  label: z.string().optional(),
  algorithm: z.string().optional(),
  digits: z.number().optional(),
  period: z.number().optional(),
  counter: z.number().optional(),
});

function looksLikeEntry(value: unknown): boolean {
  return isRecord(value) && typeof value.secret === 'string' && typeof value.type === 'string' && (typeof value.label === 'string' || typeof value.issuer === 'string');
}

function readEntries(json: unknown): ImportEntry[] {
  if (!Array.isArray(json)) throw damagedFile(APP, 'it does not hold a list of accounts.');
  return json.map(readEntry);
}

function readEntry(raw: unknown): ImportEntry {
  const parsed = Entry.safeParse(raw);
  const names = isRecord(raw) ? { issuer: text(raw.issuer), label: text(raw.label) } : { issuer: '', label: '' };
  if (!parsed.success) return unsupported(names.issuer, names.label, 'The entry is missing its secret or type.');
  const e = parsed.data;
  let issuer = e.issuer ?? '';
  let name = e.label ?? '';
  // Old andOTP versions wrote "Issuer:name" into the label and no issuer.
  const colon = name.indexOf(':');
  if (issuer === '' && colon > 0) [issuer, name] = [name.slice(0, colon), name.slice(colon + 1)];
  const type = e.type.toUpperCase();
  if (type === 'MOTP') return unsupported(issuer, name, UNSUPPORTED.motp);
  if (type !== 'TOTP' && type !== 'HOTP' && type !== 'STEAM') return unsupported(issuer, name, `The code type "${e.type}" is not supported.`);
  return entryFrom({
    issuer,
    name,
    secret: e.secret,
    type: type === 'TOTP' ? 'totp' : type === 'HOTP' ? 'hotp' : 'steam',
    algorithm: e.algorithm ?? 'SHA1',
    digits: e.digits ?? 6,
    period: e.period ?? 30,
    counter: e.counter ?? 0,
  });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function entriesFromPlaintext(plain: Uint8Array): ImportEntry[] {
  const json = parseJson(utf8(plain));
  if (json === null) throw damagedFile(APP, 'the decrypted backup is not a list of accounts.');
  return readEntries(json);
}

function encryptedFile(bytes: Uint8Array): EncryptedFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const iterations = bytes.length >= 4 ? view.getUint32(0) : 0;
  const newLayoutPossible = bytes.length >= 4 + SALT + IV + TAG && iterations >= MIN_ITERATIONS && iterations <= MAX_ITERATIONS;
  return {
    // The old layout (no count in the file) derives no PBKDF2 key; the new one's count is within MAX_ITERATIONS.
    cost: newLayoutPossible ? PBKDF2_COST('SHA1', iterations) : PBKDF2_COST('SHA1', 0),
    async decrypt(password, onProgress) {
      onProgress?.(0);
      if (newLayoutPossible) {
        const salt = bytes.subarray(4, 4 + SALT);
        const key = await pbkdf2(password, salt, iterations, 'sha1');
        const plain = aesGcmOpen(key, bytes.subarray(4 + SALT, 4 + SALT + IV), bytes.subarray(4 + SALT + IV));
        if (plain) {
          onProgress?.(1);
          return entriesFromPlaintext(plain);
        }
      }
      const oldKey = createHash('sha256').update(password, 'utf8').digest();
      const plain = aesGcmOpen(oldKey, bytes.subarray(0, IV), bytes.subarray(IV));
      onProgress?.(1);
      // andOTP's encrypted backups carry no mark of their own, so any file nothing else recognises lands here.
      if (!plain) throw new AppError('wrongPassword', 'The password does not open this file as an encrypted andOTP backup. If it is not one, it is not a file this app can read.');
      return entriesFromPlaintext(plain);
    },
  };
}

export const andOtpFormat: ImportFormat = {
  id: 'andotp',
  name: 'andOTP',
  fallback: true,
  detect(bytes, text) {
    const json = parseJson(text);
    if (Array.isArray(json)) return json.length > 0 && json.every(isRecord) && json.some(looksLikeEntry);
    // Encrypted backups are bare ciphertext: binary (not UTF-8), long enough, and no other format's signature.
    return text === null && bytes.length >= IV + TAG + 2 && !hasKnownSignature(bytes);
  },
  read(bytes, text): ReadResult {
    const json = parseJson(text);
    if (json !== null) return { encrypted: false, entries: readEntries(json) };
    if (bytes.length < IV + TAG + 2) throw damagedFile(APP, 'the encrypted backup is too short.');
    return { encrypted: true, file: encryptedFile(bytes) };
  },
};
