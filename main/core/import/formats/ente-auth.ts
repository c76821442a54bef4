import sodium from 'libsodium-wrappers-sumo';
import { z } from 'zod';
import type { EncryptedFile, ImportEntry, ImportFormat } from '../import-format.js';
import { argon2Cost, argon2id, utf8 } from './common/crypto.js';
import { entryFromUri, pinnedIf } from './common/entry.js';
import { damagedFile, wrongPassword } from './common/errors.js';
import { base64Bytes, isRecord, parseJson } from './common/json.js';

/**
 * Ente Auth (docs/auth/migration/export.md in ente-io/ente).
 * - Plain export: a text file of otpauth:// links, one a line (a line may be written as a JSON string in quotes).
 *   Ente marks its links with its own `codeDisplay` parameter; a list of links without it is just a list of links,
 *   left to the plain-text reader (same result). Its `pinned` (true) arrives pinned to the tray.
 * - Encrypted export: { version: 1, kdfParams: { memLimit, opsLimit, salt }, encryptedData, encryptionNonce }. The key
 *   is libsodium's crypto_pwhash with Argon2id: memLimit bytes (Ente asks for up to 1 GiB, less on small devices),
 *   opsLimit passes, parallelism 1, 32 bytes. The data is one XChaCha20-Poly1305 secretstream message (the nonce
 *   field is the stream header) that must carry the FINAL tag; its plaintext is the plain export.
 */

const APP = 'Ente Auth';

const Encrypted = z.object({
  version: z.number(),
  kdfParams: z.object({ memLimit: z.number().int(), opsLimit: z.number().int(), salt: z.string() }),
  encryptedData: z.string(),
  encryptionNonce: z.string(),
});

function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      if (!line.startsWith('"')) return line;
      const unquoted = parseQuoted(line);
      return unquoted ?? line;
    });
}

function parseQuoted(line: string): string | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'string' ? value.trim() : null;
  } catch {
    return null;
  }
}

function readLinks(text: string): ImportEntry[] {
  return linesOf(text).map((line) => pinnedIf(entryFromUri(line), displayOf(line).pinned));
}

/** Ente's own `codeDisplay` parameter of a link: JSON such as {"pinned":true,"trashed":false,"tags":[],"note":""}. */
function displayOf(link: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(new URL(link).searchParams.get('codeDisplay') ?? 'null');
    return isRecord(json) ? json : {};
  } catch {
    return {};
  }
}

function encryptedFile(json: z.infer<typeof Encrypted>): EncryptedFile {
  if (json.version !== 1) throw damagedFile(APP, `export version ${json.version} is not known.`);
  const { memLimit, opsLimit } = json.kdfParams;
  // libsodium's own bounds for Argon2id: at least 8 KiB of memory and 1 pass.
  if (memLimit < 8192 || memLimit % 1024 !== 0 || opsLimit < 1) throw damagedFile(APP, 'its key derivation parameters are not valid.');
  const salt = base64Bytes(json.kdfParams.salt);
  const header = base64Bytes(json.encryptionNonce);
  const data = base64Bytes(json.encryptedData);
  if (!salt || salt.length !== 16) throw damagedFile(APP, 'the salt is not 16 bytes of base64.');
  if (!header || header.length !== 24) throw damagedFile(APP, 'the nonce is not 24 bytes of base64.');
  if (!data || data.length < 17) throw damagedFile(APP, 'the encrypted data is missing or too short.');
  const memoryKiB = memLimit / 1024;
  return {
    cost: argon2Cost(memoryKiB),
    async decrypt(password, onProgress) {
      onProgress?.(0);
      const key = await argon2id(password, { salt, iterations: opsLimit, memoryKiB, parallelism: 1 });
      onProgress?.(1);
      await sodium.ready;
      const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
      let pulled: { message: Uint8Array; tag: number } | false;
      try {
        pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(state, data, null);
      } catch {
        pulled = false;
      }
      if (!pulled) throw wrongPassword(APP);
      if (pulled.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) throw damagedFile(APP, 'the encrypted data ends early.');
      const text = utf8(pulled.message);
      if (text === null) throw damagedFile(APP, 'the decrypted export is not text.');
      return readLinks(text);
    },
  };
}

function isPlainExport(text: string): boolean {
  const lines = linesOf(text);
  return lines.length > 0 && lines.every((line) => /^otpauth:\/\//i.test(line) || /^[a-z]+:\/\//i.test(line)) && lines.some((line) => /[?&]codeDisplay=/.test(line));
}

export const enteAuthFormat: ImportFormat = {
  id: 'ente-auth',
  name: 'Ente Auth',
  detect(_bytes, text) {
    const json = parseJson(text);
    if (isRecord(json)) return isRecord(json.kdfParams) && typeof json.encryptedData === 'string' && typeof json.encryptionNonce === 'string';
    return text !== null && json === null && isPlainExport(text);
  },
  read(_bytes, text) {
    const json = parseJson(text);
    if (json !== null) {
      const parsed = Encrypted.safeParse(json);
      if (!parsed.success) throw damagedFile(APP, 'the encrypted export is missing fields.');
      return { encrypted: true, file: encryptedFile(parsed.data) };
    }
    return { encrypted: false, entries: readLinks(text ?? '') };
  },
};
