import { createCipheriv, randomBytes, randomUUID, scrypt as scryptCallback } from 'node:crypto';
import { promisify } from 'node:util';
import type { StoredAccount } from '../vault/vault-data.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number, options: object) => Promise<Buffer>;

/**
 * Aegis's published vault format (docs/vault.md in the Aegis repository), encrypted: a random 256-bit master key
 * seals the entries with AES-256-GCM; one password slot (type 1) holds the master key sealed with a key that scrypt
 * derives from the password. Aegis, 2FAS, Ente Auth, Stratum, Bitwarden Authenticator and GNOME Authenticator import
 * this file. The scrypt cost is Aegis's own (N=2^15, r=8, p=1) so every one of them can open it on a phone.
 */
export const AEGIS_SCRYPT = { n: 2 ** 15, r: 8, p: 1 } as const;

/** The content's database version: 2 is read by Aegis itself and by every app above (3 only adds group ids). */
const DB_VERSION = 2;

interface AegisEntry {
  type: 'totp' | 'hotp' | 'steam';
  uuid: string;
  name: string;
  issuer: string;
  note: string;
  favorite: boolean;
  icon: null;
  info: { secret: string; algo: string; digits: number; period?: number; counter?: number };
}

function entryOf(account: StoredAccount): AegisEntry {
  const { otp } = account;
  const info: AegisEntry['info'] = { secret: account.secret, algo: otp.algorithm, digits: otp.digits };
  if (otp.type === 'hotp') info.counter = otp.counter;
  else info.period = otp.period;
  return { type: otp.type, uuid: randomUUID(), name: account.name, issuer: account.issuer, note: '', favorite: account.pinned, icon: null, info };
}

function seal(key: Buffer, plaintext: Buffer): { ciphertext: Buffer; nonce: Buffer; tag: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, nonce, tag: cipher.getAuthTag() };
}

/** The encrypted Aegis file for these accounts, as UTF-8 JSON bytes. The password's strength is checked by the caller. */
export async function writeAegisVault(accounts: readonly StoredAccount[], password: string, cost = AEGIS_SCRYPT): Promise<Buffer> {
  const masterKey = randomBytes(32);
  try {
    const salt = randomBytes(32);
    const slotKey = await scrypt(password.normalize('NFC'), salt, 32, { N: cost.n, r: cost.r, p: cost.p, maxmem: 256 * cost.n * cost.r });
    const wrapped = seal(slotKey, masterKey);
    slotKey.fill(0);
    const content = Buffer.from(JSON.stringify({ version: DB_VERSION, entries: accounts.map(entryOf) }), 'utf8');
    const db = seal(masterKey, content);
    content.fill(0);
    const file = {
      version: 1,
      header: {
        slots: [
          {
            type: 1,
            uuid: randomUUID(),
            key: wrapped.ciphertext.toString('hex'),
            key_params: { nonce: wrapped.nonce.toString('hex'), tag: wrapped.tag.toString('hex') },
            n: cost.n,
            r: cost.r,
            p: cost.p,
            salt: salt.toString('hex'),
          },
        ],
        params: { nonce: db.nonce.toString('hex'), tag: db.tag.toString('hex') },
      },
      db: db.ciphertext.toString('base64'),
    };
    return Buffer.from(`${JSON.stringify(file, null, 4)}\n`, 'utf8');
  } finally {
    masterKey.fill(0);
  }
}
