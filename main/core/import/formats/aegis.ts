import { scrypt } from 'node:crypto';
import { z } from 'zod';
import type { ImportEntry, ImportFormat, ReadResult } from '../import-format.js';
import { entryFromFields, unsupportedEntry } from '../import-entry.js';
import { pinnedIf } from './common/entry.js';
import { openAesGcm } from './file-crypto.js';
import { damaged, jsonObject, wrongPassword } from './json-file.js';

/**
 * Aegis Authenticator's vault export (docs/vault.md in Aegis's repository): { version: 1, header: { slots, params },
 * db }. Plain: db is the database object and slots/params are null. Encrypted: db is base64 AES-256-GCM under a master
 * key, which each password slot (type 1) wraps with AES-256-GCM under scrypt(password, salt, N, r, p). Database
 * versions 1 to 3 (3 adds groups by uuid); groups are not carried over (this app has none), and a missing `groups`
 * field is fine. An entry's `favorite` (true) arrives pinned to the tray.
 */
const APP = 'Aegis';
const hex = z.string().regex(/^([0-9a-fA-F]{2})*$/);

const PasswordSlot = z.object({
  type: z.literal(1),
  key: hex,
  key_params: z.object({ nonce: hex, tag: hex }),
  n: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: hex,
});
const Header = z.object({
  slots: z.array(z.looseObject({ type: z.number() })).nullable(),
  params: z.object({ nonce: hex, tag: hex }).nullable(),
});
const Entry = z.looseObject({
  type: z.string(),
  name: z.string().optional().default(''),
  issuer: z.string().nullish(),
  favorite: z.boolean().optional(),
  info: z.looseObject({
    secret: z.string().optional().default(''),
    algo: z.string().optional(),
    digits: z.number().optional(),
    period: z.number().optional(),
    counter: z.number().optional(),
  }),
});
const Database = z.looseObject({ version: z.number().int(), entries: z.array(z.unknown()) });

function isAegis(file: Record<string, unknown> | null): file is Record<string, unknown> {
  const header = file?.header;
  return file?.version === 1 && typeof header === 'object' && header !== null && 'slots' in header && 'params' in header && 'db' in file;
}

function readDatabase(value: unknown): ImportEntry[] {
  const db = Database.safeParse(value);
  if (!db.success) throw damaged(APP, 'the database has no entries list');
  return db.data.entries.map((raw, index) => {
    const entry = Entry.safeParse(raw);
    if (!entry.success) return unsupportedEntry('', `Entry ${index + 1}`, 'This entry is incomplete in the file.');
    const { type, name, issuer, info, favorite } = entry.data;
    return pinnedIf(entryFromFields({ issuer: issuer ?? '', name, secret: info.secret, type, algorithm: info.algo, digits: info.digits, period: info.period, counter: info.counter }), favorite);
  });
}

function bytes(hexText: string): Buffer {
  return Buffer.from(hexText, 'hex');
}

export const aegisFormat: ImportFormat = {
  id: 'aegis',
  name: 'Aegis Authenticator',
  detect: (_bytes, text) => isAegis(jsonObject(text)),
  read(_bytes, text): ReadResult {
    const file = jsonObject(text);
    if (!isAegis(file)) throw damaged(APP, 'it is not an Aegis vault');
    const header = Header.safeParse(file.header);
    if (!header.success) throw damaged(APP, 'its header is incomplete');
    const { slots, params } = header.data;
    if (slots === null || params === null) return { encrypted: false, entries: readDatabase(file.db) };

    const passwordSlots = slots.flatMap((slot) => {
      const parsed = PasswordSlot.safeParse(slot);
      return parsed.success ? [parsed.data] : [];
    });
    const slot = passwordSlots[0];
    if (!slot) throw damaged(APP, 'it has no password slot (only a fingerprint unlock, which cannot be used here)');
    if (typeof file.db !== 'string') throw damaged(APP, 'the encrypted database is missing');
    const sealed = Buffer.from(file.db, 'base64');
    const memoryBytes = Math.max(...passwordSlots.map((s) => 128 * s.n * s.r * s.p));
    return {
      encrypted: true,
      file: {
        cost: { name: 'scrypt', memoryBytes },
        async decrypt(password) {
          // Each password slot is tried: an export can hold several (a password changed, a backup password).
          for (const candidate of passwordSlots) {
            const key = await new Promise<Buffer>((resolve, reject) =>
              scrypt(password, bytes(candidate.salt), 32, { N: candidate.n, r: candidate.r, p: candidate.p, maxmem: 128 * candidate.n * candidate.r * candidate.p + 32 * 1024 * 1024 }, (error, derived) =>
                error ? reject(damaged(APP, 'its key derivation settings are not valid')) : resolve(derived),
              ),
            );
            const masterKey = openAesGcm(key, bytes(candidate.key_params.nonce), bytes(candidate.key), bytes(candidate.key_params.tag));
            if (masterKey === null) continue;
            const plain = openAesGcm(masterKey, bytes(params.nonce), sealed, bytes(params.tag));
            if (plain === null) throw damaged(APP, 'the encrypted database does not match its key');
            let db: unknown;
            try {
              db = JSON.parse(plain.toString('utf8'));
            } catch {
              throw damaged(APP, 'the decrypted database is not JSON');
            }
            return readDatabase(db);
          }
          throw wrongPassword(APP);
        },
      },
    };
  },
};
