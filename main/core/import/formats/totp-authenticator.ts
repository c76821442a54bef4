import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EncryptedFile, ImportEntry, ImportFormat } from '../import-format.js';
import { aesCbcOpen, utf8 } from './common/crypto.js';
import { entryFrom, unsupported } from './common/entry.js';
import { damagedFile, wrongPassword } from './common/errors.js';
import { base64Bytes, isRecord, parseJson } from './common/json.js';

/**
 * TOTP Authenticator (BinaryBoo, com.authenticator.authservice2) backups: base64 text of AES-256-CBC (PKCS#7) with
 * a zero IV, keyed by SHA-256 of the password; a backup made without a password uses the app's built-in password
 * "TotpAuthenticator". The plaintext is a JSON object whose first key is itself the JSON text of the entries
 * ([{ issuer, name, key, base: 16 | 32 | 64, digits?, period? }]); codes are TOTP, SHA-1.
 *
 * The built-in password costs one SHA-256, so read() tries it at once: such a backup opens without asking.
 */

const APP = 'TOTP Authenticator';
const BUILT_IN_PASSWORD = 'TotpAuthenticator';
const ZERO_IV = new Uint8Array(16);

const Entry = z.looseObject({
  key: z.string(),
  base: z.union([z.number(), z.string()]),
  issuer: z.string().nullish(),
  name: z.string().nullish(),
  digits: z.union([z.number(), z.string()]).optional(),
  period: z.union([z.number(), z.string()]).optional(),
});

function keyBytes(key: string, base: number): Uint8Array | string | null {
  if (base === 32) return key;
  if (base === 16) return /^([0-9a-f]{2})+$/i.test(key) ? new Uint8Array(Buffer.from(key, 'hex')) : null;
  if (base === 64) return base64Bytes(key);
  return null;
}

function readEntry(raw: unknown): ImportEntry {
  const record = isRecord(raw) ? raw : {};
  const issuer = typeof record.issuer === 'string' ? record.issuer : '';
  const name = typeof record.name === 'string' ? record.name : '';
  const parsed = Entry.safeParse(raw);
  if (!parsed.success) return unsupported(issuer, name, 'The entry is missing its key.');
  const e = parsed.data;
  const base = Number(e.base);
  const secret = keyBytes(e.key, base);
  if (secret === null) return unsupported(issuer, name, base === 16 || base === 32 || base === 64 ? `The key is not valid base ${base}.` : `Keys in base ${String(e.base)} are not supported.`);
  return entryFrom({ issuer, name, secret, type: 'totp', algorithm: 'SHA1', digits: Number(e.digits ?? 6), period: Number(e.period ?? 30), counter: 0 });
}

/** The decrypted text, or null when the key did not open it (CBC has no tag: bad padding or no JSON object). */
function open(ciphertext: Uint8Array, password: string): Record<string, unknown> | null {
  const key = createHash('sha256').update(password, 'utf8').digest();
  const plain = aesCbcOpen(key, ZERO_IV, ciphertext);
  const json = plain === null ? null : parseJson(utf8(plain));
  return isRecord(json) ? json : null;
}

function entriesOf(json: Record<string, unknown>): ImportEntry[] {
  const first = Object.keys(json)[0];
  const list = first === undefined ? [] : parseJson(first);
  if (!Array.isArray(list)) throw damagedFile(APP, 'the backup holds no list of accounts.');
  return list.map(readEntry);
}

function ciphertextOf(text: string | null): Uint8Array | null {
  if (text === null || !/^[A-Za-z0-9+/=\s]+$/.test(text)) return null;
  const bytes = base64Bytes(text);
  return bytes && bytes.length >= 16 && bytes.length % 16 === 0 ? bytes : null;
}

export const totpAuthenticatorFormat: ImportFormat = {
  id: 'totp-authenticator',
  name: 'TOTP Authenticator',
  detect(_bytes, text) {
    return ciphertextOf(text) !== null;
  },
  read(_bytes, text) {
    const ciphertext = ciphertextOf(text);
    if (!ciphertext) throw damagedFile(APP, 'it is not a whole encrypted backup.');
    const withBuiltIn = open(ciphertext, BUILT_IN_PASSWORD);
    if (withBuiltIn) return { encrypted: false, entries: entriesOf(withBuiltIn) };
    const file: EncryptedFile = {
      cost: { name: 'SHA-256', memoryBytes: 0 },
      async decrypt(password, onProgress) {
        onProgress?.(1);
        const json = open(ciphertext, password);
        if (!json) throw wrongPassword(APP);
        return entriesOf(json);
      },
    };
    return { encrypted: true, file };
  },
};
