import { pbkdf2 } from 'node:crypto';
import { z } from 'zod';
import type { ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { entryFromFields, unsupportedEntry } from '../import-entry.js';
import { PBKDF2_COST } from './common/crypto.js';
import { openAesGcm } from './file-crypto.js';
import { damaged, jsonObject, wrongPassword } from './json-file.js';

/**
 * 2FAS Authenticator's .2fas backup: { services: [...], schemaVersion, appVersionCode, ... }. Schemas 1 to 4 are read
 * (and newer ones the same way, rather than refused). Encrypted backups carry `servicesEncrypted` and `reference`,
 * each "ciphertext+tag : salt : iv" in base64; the key is PBKDF2-HMAC-SHA256 (10,000 iterations, 256 bits) of the
 * password and salt, the cipher AES-256-GCM. `reference` is a fixed text sealed with the same key: opening it tells a
 * wrong password from a damaged file.
 */
const APP = '2FAS';
const PBKDF2_ITERATIONS = 10_000;
const GCM_TAG_BYTES = 16;

const Service = z.looseObject({
  name: z.string().optional().default(''),
  secret: z.string().optional().default(''),
  otp: z
    .looseObject({
      account: z.string().nullish(),
      issuer: z.string().nullish(),
      label: z.string().nullish(),
      digits: z.number().optional(),
      period: z.number().optional(),
      algorithm: z.string().optional(),
      tokenType: z.string().optional(),
      counter: z.number().optional(),
    })
    .optional()
    .default({}),
});

function isTwoFas(file: Record<string, unknown> | null): file is Record<string, unknown> {
  return file !== null && typeof file.schemaVersion === 'number' && (Array.isArray(file.services) || typeof file.servicesEncrypted === 'string');
}

function readServices(services: unknown[]): ImportEntry[] {
  return services.map((raw, index) => {
    const service = Service.safeParse(raw);
    if (!service.success) return unsupportedEntry('', `Entry ${index + 1}`, 'This entry is incomplete in the file.');
    const { name, secret, otp } = service.data;
    // Older schemas keep the account in `label` only ("Issuer:account").
    const account = otp.account ?? otp.label?.split(':').pop() ?? '';
    return entryFromFields({
      issuer: otp.issuer || name,
      name: account,
      secret,
      type: otp.tokenType ?? 'TOTP',
      algorithm: otp.algorithm,
      digits: otp.digits,
      period: otp.period,
      counter: otp.counter,
    });
  });
}

/** "ciphertext+tag:salt:iv", each base64. */
function sealedParts(value: string): { data: Buffer; tag: Buffer; salt: Buffer; iv: Buffer } {
  const parts = value.split(':');
  if (parts.length !== 3) throw damaged(APP, 'its encrypted data is not in three parts');
  const [sealed, salt, iv] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  if (sealed.length < GCM_TAG_BYTES || salt.length === 0 || iv.length === 0) throw damaged(APP, 'its encrypted data is cut short');
  return { data: sealed.subarray(0, sealed.length - GCM_TAG_BYTES), tag: sealed.subarray(sealed.length - GCM_TAG_BYTES), salt, iv };
}

function deriveKey(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(password, salt, PBKDF2_ITERATIONS, 32, 'sha256', (error, key) => (error ? reject(error) : resolve(key))));
}

export const twoFasFormat: ImportFormat = {
  id: '2fas',
  name: '2FAS Authenticator',
  detect: (_bytes, text) => isTwoFas(jsonObject(text)),
  read(_bytes, text): ReadResult {
    const file = jsonObject(text);
    if (!isTwoFas(file)) throw damaged(APP, 'it is not a 2FAS backup');
    const encrypted = file.servicesEncrypted;
    if (typeof encrypted !== 'string' || encrypted === '') {
      if (!Array.isArray(file.services)) throw damaged(APP, 'it has no list of services');
      return { encrypted: false, entries: readServices(file.services) };
    }
    const services = sealedParts(encrypted);
    const reference = typeof file.reference === 'string' ? sealedParts(file.reference) : null;
    return {
      encrypted: true,
      file: {
        cost: PBKDF2_COST('SHA256', PBKDF2_ITERATIONS),
        async decrypt(password) {
          const key = await deriveKey(password, services.salt);
          if (reference) {
            const referenceKey = reference.salt.equals(services.salt) ? key : await deriveKey(password, reference.salt);
            if (openAesGcm(referenceKey, reference.iv, reference.data, reference.tag) === null) throw wrongPassword(APP);
          }
          const plain = openAesGcm(key, services.iv, services.data, services.tag);
          if (plain === null) throw reference ? damaged(APP, 'the encrypted services do not match the password check') : wrongPassword(APP);
          let list: unknown;
          try {
            list = JSON.parse(plain.toString('utf8'));
          } catch {
            throw damaged(APP, 'the decrypted services are not JSON');
          }
          if (!Array.isArray(list)) throw damaged(APP, 'the decrypted services are not a list');
          return readServices(list);
        },
      },
    };
  },
};
