import { z } from 'zod';
import type { EncryptedFile, ImportEntry, ImportFormat } from '../import-format.js';
import { argon2GcmFile } from './common/argon2-gcm-file.js';
import { utf8 } from './common/crypto.js';
import { entryFrom, entryFromUri, unsupported } from './common/entry.js';
import { damagedFile } from './common/errors.js';
import { base64Bytes, isRecord, parseJson } from './common/json.js';

/**
 * Proton Authenticator's export (proton-pass-common, proton-authenticator crate):
 * - plain: { version: 1, entries: [{ id, content: { uri, entry_type: "Totp" | "Steam", name }, note }] }, where uri
 *   is an otpauth:// link or steam://SECRET;
 * - password-protected: { version: 1, salt: base64 (16 bytes), content: base64(nonce (12) | ciphertext | tag) };
 *   key Argon2id (19 MiB, 2 passes, parallelism 1, 32 bytes), AES-256-GCM with the associated data
 *   "proton.authenticator.export.v1"; the plaintext is the plain export.
 */

const APP = 'Proton Authenticator';
const ARGON2 = { iterations: 2, memoryKiB: 19 * 1024, parallelism: 1 } as const;
const AAD = new Uint8Array(Buffer.from('proton.authenticator.export.v1', 'utf8'));

const Entry = z.looseObject({
  content: z.looseObject({ uri: z.string(), entry_type: z.string().optional(), name: z.string().nullish() }),
});

function readEntry(raw: unknown): ImportEntry {
  const parsed = Entry.safeParse(raw);
  const content = isRecord(raw) && isRecord(raw.content) ? raw.content : {};
  const label = typeof content.name === 'string' ? content.name : '';
  if (!parsed.success) return unsupported('', label, 'The entry has no link.');
  const { uri } = parsed.data.content;
  const steam = /^steam:\/\/(.*)$/i.exec(uri.trim());
  if (steam) return entryFrom({ issuer: 'Steam', name: label, secret: steam[1]!, type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
  // A link without an account name still has the name the person gave it in Proton.
  return entryFromUri(uri, label);
}

function readExport(json: unknown): ImportEntry[] {
  if (!isRecord(json) || !Array.isArray(json.entries)) throw damagedFile(APP, 'it has no list of entries.');
  return json.entries.map(readEntry);
}

function isEncrypted(json: Record<string, unknown>): boolean {
  return typeof json.salt === 'string' && typeof json.content === 'string' && json.entries === undefined;
}

function encryptedFile(json: Record<string, unknown>): EncryptedFile {
  if (json.version !== 1) throw damagedFile(APP, `export version ${String(json.version)} is not known.`);
  const salt = base64Bytes(String(json.salt));
  const sealed = base64Bytes(String(json.content));
  if (!salt || salt.length !== 16) throw damagedFile(APP, 'the salt is not 16 bytes of base64.');
  if (!sealed || sealed.length < 12 + 16) throw damagedFile(APP, 'the encrypted content is missing or too short.');
  return argon2GcmFile({ app: APP, argon2: ARGON2, salt, iv: sealed.subarray(0, 12), sealed: sealed.subarray(12), aad: AAD }, (plain) => {
    const inner = parseJson(utf8(plain));
    if (inner === null) throw damagedFile(APP, 'the decrypted export is not JSON.');
    return readExport(inner);
  });
}

export const protonAuthenticatorFormat: ImportFormat = {
  id: 'proton-authenticator',
  name: 'Proton Authenticator',
  detect(_bytes, text) {
    const json = parseJson(text);
    if (!isRecord(json) || typeof json.version !== 'number') return false;
    if (isEncrypted(json)) return Object.keys(json).length === 3;
    return Array.isArray(json.entries) && json.entries.some((e) => isRecord(e) && isRecord(e.content) && typeof e.content.uri === 'string');
  },
  read(_bytes, text) {
    const json = parseJson(text);
    if (isRecord(json) && isEncrypted(json)) return { encrypted: true, file: encryptedFile(json) };
    return { encrypted: false, entries: readExport(json) };
  },
};
