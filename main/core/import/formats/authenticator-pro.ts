import { z } from 'zod';
import type { EncryptedFile, ImportEntry, ImportFormat } from '../import-format.js';
import { argon2GcmFile } from './common/argon2-gcm-file.js';
import { aesCbcOpen, PBKDF2_COST, pbkdf2, utf8 } from './common/crypto.js';
import { entryFrom, unsupported, UNSUPPORTED } from './common/entry.js';
import { damagedFile, wrongPassword } from './common/errors.js';
import { isRecord, parseJson } from './common/json.js';
import { startsWith } from './common/magic.js';

/**
 * Authenticator Pro and its successor Stratum (jamie-mh), per their doc/BACKUP_FORMAT.md. Plain backups are JSON
 * ({ Authenticators: [...], Categories, AuthenticatorCategories, CustomIcons }). Encrypted backups start with a
 * 16-byte header:
 * - "AUTHENTICATORPRO": salt (16) | IV (12) | AES-256-GCM ciphertext+tag; key Argon2id, 3 passes, 64 MiB,
 *   parallelism 4 (fixed by the app, not stored in the file);
 * - "AuthenticatorPro" (legacy): salt (20) | IV (16) | AES-256-CBC ciphertext (PKCS#7); key PBKDF2-HMAC-SHA1,
 *   64,000 iterations.
 */

const APP = 'Authenticator Pro';
const MODERN = [...Buffer.from('AUTHENTICATORPRO', 'latin1')];
const LEGACY = [...Buffer.from('AuthenticatorPro', 'latin1')];
const HEADER = 16;
const ARGON2 = { iterations: 3, memoryKiB: 65_536, parallelism: 4 } as const;
const LEGACY_ITERATIONS = 64_000;

/** Type: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex. Algorithm: 0 SHA-1, 1 SHA-256, 2 SHA-512. */
const Authenticator = z.looseObject({
  Type: z.number().int(),
  Secret: z.string(),
  Issuer: z.string().nullish(),
  Username: z.string().nullish(),
  Algorithm: z.number().int().optional(),
  Digits: z.number().int().optional(),
  Period: z.number().int().optional(),
  Counter: z.number().int().optional(),
});

const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

function readAuthenticator(raw: unknown): ImportEntry {
  const record = isRecord(raw) ? raw : {};
  const issuer = typeof record.Issuer === 'string' ? record.Issuer : '';
  const name = typeof record.Username === 'string' ? record.Username : '';
  const parsed = Authenticator.safeParse(raw);
  if (!parsed.success) return unsupported(issuer, name, 'The entry is missing its type or secret.');
  const a = parsed.data;
  if (a.Type === 3) return unsupported(issuer, name, UNSUPPORTED.motp);
  if (a.Type === 5) return unsupported(issuer, name, UNSUPPORTED.yandex);
  if (a.Type !== 1 && a.Type !== 2 && a.Type !== 4) return unsupported(issuer, name, `The code type ${a.Type} is not supported.`);
  const algorithm = ALGORITHMS[a.Algorithm ?? 0];
  if (algorithm === undefined) return unsupported(issuer, name, `The algorithm ${a.Algorithm} is not supported.`);
  return entryFrom({
    issuer,
    name,
    secret: a.Secret,
    type: a.Type === 1 ? 'hotp' : a.Type === 2 ? 'totp' : 'steam',
    algorithm,
    digits: a.Digits ?? 6,
    period: a.Period ?? 30,
    counter: a.Counter ?? 0,
  });
}

function readBackup(json: unknown): ImportEntry[] {
  if (!isRecord(json) || !Array.isArray(json.Authenticators)) throw damagedFile(APP, 'it has no list of authenticators.');
  return json.Authenticators.map(readAuthenticator);
}

function fromPlaintext(plain: Uint8Array): ImportEntry[] {
  const json = parseJson(utf8(plain));
  if (json === null) throw damagedFile(APP, 'the decrypted backup is not JSON.');
  return readBackup(json);
}

function modernFile(bytes: Uint8Array): EncryptedFile {
  if (bytes.length < HEADER + 16 + 12 + 16) throw damagedFile(APP, 'the encrypted backup is too short.');
  const parts = { salt: bytes.subarray(HEADER, HEADER + 16), iv: bytes.subarray(HEADER + 16, HEADER + 28), sealed: bytes.subarray(HEADER + 28) };
  return argon2GcmFile({ app: APP, argon2: ARGON2, ...parts }, fromPlaintext);
}

function legacyFile(bytes: Uint8Array): EncryptedFile {
  const body = bytes.subarray(HEADER + 36);
  if (body.length === 0 || body.length % 16 !== 0) throw damagedFile(APP, 'the encrypted backup is truncated.');
  return {
    cost: PBKDF2_COST('SHA1', LEGACY_ITERATIONS),
    async decrypt(password, onProgress) {
      onProgress?.(0);
      const key = await pbkdf2(password, bytes.subarray(HEADER, HEADER + 20), LEGACY_ITERATIONS, 'sha1');
      onProgress?.(1);
      const plain = aesCbcOpen(key, bytes.subarray(HEADER + 20, HEADER + 36), body);
      // CBC has no tag: a wrong key shows as bad padding, or (1 in 256) as padding that happens to fit and then
      // bytes that are not JSON; both mean the password did not open it.
      const json = plain === null ? null : parseJson(utf8(plain));
      if (json === null) throw wrongPassword(APP);
      return readBackup(json);
    },
  };
}

export const authenticatorProFormat: ImportFormat = {
  id: 'authenticator-pro',
  name: 'Authenticator Pro / Stratum',
  detect(bytes, text) {
    if (startsWith(bytes, MODERN) || startsWith(bytes, LEGACY)) return true;
    const json = parseJson(text);
    return isRecord(json) && Array.isArray(json.Authenticators);
  },
  read(bytes, text) {
    if (startsWith(bytes, MODERN)) return { encrypted: true, file: modernFile(bytes) };
    if (startsWith(bytes, LEGACY)) return { encrypted: true, file: legacyFile(bytes) };
    return { encrypted: false, entries: readBackup(parseJson(text)) };
  },
};
