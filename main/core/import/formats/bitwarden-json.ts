import { createHash, createHmac, pbkdf2 } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors.js';
import type { ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { itemsWithTotp } from './bitwarden-totp.js';
import { PBKDF2_COST } from './common/crypto.js';
import { openAesCbcHmac } from './file-crypto.js';
import { damaged, jsonObject, wrongPassword } from './json-file.js';

/**
 * Bitwarden's JSON export: { encrypted: false, folders, items: [{ name, login: { username, totp } }] }, and its
 * password-protected form: { encrypted: true, passwordProtected: true, salt, kdfType (0 PBKDF2-SHA256, 1 Argon2id),
 * kdfIterations, kdfMemory (MiB), kdfParallelism, encKeyValidation_DO_NOT_EDIT, data }. The password key is PBKDF2 of
 * the salt text, or Argon2id of SHA-256(salt text); it is stretched with HKDF-Expand-SHA256 into an encryption key
 * ("enc") and a MAC key ("mac"); `data` and the validation field are type-2 strings "2.iv|ciphertext|mac" (AES-256-CBC
 * with HMAC-SHA256). The validation field's MAC tells a wrong password from a damaged file.
 */
const APP = 'Bitwarden';

const Protected = z.object({
  salt: z.string().min(1),
  kdfType: z.union([z.literal(0), z.literal(1)]),
  kdfIterations: z.number().int().positive(),
  kdfMemory: z.number().int().positive().nullish(),
  kdfParallelism: z.number().int().positive().nullish(),
  encKeyValidation_DO_NOT_EDIT: z.string(),
  data: z.string(),
});

function isBitwarden(file: Record<string, unknown> | null): file is Record<string, unknown> {
  if (file === null || typeof file.encrypted !== 'boolean') return false;
  if (file.encrypted) return 'data' in file;
  return Array.isArray(file.items) && (Array.isArray(file.folders) || Array.isArray(file.collections));
}

/** "2.iv|ciphertext|mac", base64 parts. */
function typeTwo(value: string): { iv: Buffer; data: Buffer; mac: Buffer } {
  const match = /^2\.([^|]+)\|([^|]+)\|([^|]+)$/.exec(value.trim());
  if (!match) throw damaged(APP, 'its encrypted data is not in Bitwarden’s "2.iv|data|mac" form');
  const [iv, data, mac] = match.slice(1).map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  if (iv.length !== 16 || mac.length !== 32 || data.length === 0 || data.length % 16 !== 0) throw damaged(APP, 'its encrypted data is cut short');
  return { iv, data, mac };
}

function readItems(file: Record<string, unknown>): ImportEntry[] {
  if (!Array.isArray(file.items)) throw damaged(APP, 'it has no list of items');
  return itemsWithTotp(file.items);
}

export const bitwardenJsonFormat: ImportFormat = {
  id: 'bitwarden-json',
  name: 'Bitwarden (JSON)',
  detect: (_bytes, text) => isBitwarden(jsonObject(text)),
  read(_bytes, text): ReadResult {
    const file = jsonObject(text);
    if (!isBitwarden(file)) throw damaged(APP, 'it is not a Bitwarden export');
    if (!file.encrypted) return { encrypted: false, entries: readItems(file) };
    if (file.passwordProtected !== true) {
      throw new AppError(
        'unknownFormat',
        'This Bitwarden export is locked to your Bitwarden account, so only Bitwarden can open it. Export again and choose "Password protected".',
      );
    }
    const parsed = Protected.safeParse(file);
    if (!parsed.success) throw damaged(APP, 'its password settings are incomplete');
    const p = parsed.data;
    const validation = typeTwo(p.encKeyValidation_DO_NOT_EDIT);
    const sealed = typeTwo(p.data);
    const argon = p.kdfType === 1;
    if (argon && (!p.kdfMemory || !p.kdfParallelism)) throw damaged(APP, 'its Argon2id settings are incomplete');
    return {
      encrypted: true,
      file: {
        cost: argon ? { name: 'Argon2id', memoryBytes: p.kdfMemory! * 1024 * 1024 } : PBKDF2_COST('SHA256', p.kdfIterations),
        async decrypt(password) {
          const key = argon
            ? Buffer.from(
                await argon2id({
                  password,
                  salt: createHash('sha256').update(p.salt, 'utf8').digest(),
                  iterations: p.kdfIterations,
                  memorySize: p.kdfMemory! * 1024,
                  parallelism: p.kdfParallelism!,
                  hashLength: 32,
                  outputType: 'binary',
                }),
              )
            : await new Promise<Buffer>((resolve, reject) => pbkdf2(password, Buffer.from(p.salt, 'utf8'), p.kdfIterations, 32, 'sha256', (e, k) => (e ? reject(e) : resolve(k))));
          const encKey = Buffer.from(hkdfExpand(key, 'enc'));
          const macKey = Buffer.from(hkdfExpand(key, 'mac'));
          if (openAesCbcHmac(encKey, macKey, validation.iv, validation.data, validation.mac) === null) throw wrongPassword(APP);
          const plain = openAesCbcHmac(encKey, macKey, sealed.iv, sealed.data, sealed.mac);
          if (plain === null) throw damaged(APP, 'the encrypted data does not match its password check');
          const inner = jsonObject(plain.toString('utf8'));
          if (inner === null) throw damaged(APP, 'the decrypted data is not JSON');
          return readItems(inner);
        },
      },
    };
  },
};

/** HKDF-Expand alone, as Bitwarden stretches (node:crypto's hkdf always extracts first): T(1) = HMAC(key, info || 0x01). */
function hkdfExpand(key: Buffer, info: string): Buffer {
  return createHmac('sha256', key).update(info, 'utf8').update(Buffer.from([1])).digest();
}
