import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';

/**
 * The backup format done by hand from docs/backup-format.md alone (not from backup-envelope.ts), so tests can check
 * our files byte for byte against an independent reader, and make files the way another PC might have.
 */

export interface HandWrappedKey {
  kdf: { name: 'scrypt'; n: number; r: number; p: number; salt: string };
  keyId: string;
  iv: string;
  ciphertext: string;
}

const keyIdOf = (dataKey: Buffer) => createHmac('sha256', dataKey).update('desktop-authenticator-backup/key-id/1', 'ascii').digest().subarray(0, 16).toString('base64');

const passwordKey = (password: string, kdf: HandWrappedKey['kdf']) =>
  scryptSync(Buffer.from(password.normalize('NFC'), 'utf8'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 300 * 2 ** 20 });

const wrapAad = (kdf: HandWrappedKey['kdf'], keyId: string) =>
  Buffer.from(JSON.stringify(['desktop-authenticator-backup/key-wrap/1', 'scrypt', kdf.n, kdf.r, kdf.p, kdf.salt, keyId]), 'utf8');

/** Step 4 of "Keys and encryption": the data key wrapped by the password with the given scrypt cost. */
export function wrapByHand(dataKey: Buffer, password: string, cost: { n: number; r: number; p: number }): HandWrappedKey {
  const kdf = { name: 'scrypt' as const, ...cost, salt: randomBytes(16).toString('base64') };
  const keyId = keyIdOf(dataKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', passwordKey(password, kdf), iv);
  cipher.setAAD(wrapAad(kdf, keyId));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { kdf, keyId, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The header's exact bytes in the file: from the `{` after `{"header":` to its matching `}`. */
function headerText(file: string): string {
  const start = '{"header":'.length;
  let depth = 0;
  let inString = false;
  for (let i = start; i < file.length; i++) {
    const c = file[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return file.slice(start, i + 1);
  }
  throw new Error('no header');
}

function gcmOpen(key: Buffer, iv: string, sealed: string, aad: Buffer): Buffer {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
}

export interface ReadByHand {
  /** The header as parsed JSON, and its exact text. */
  header: { key: HandWrappedKey; [field: string]: unknown };
  headerText: string;
  dataKey: Buffer;
  /** The decrypted payload's bytes. */
  payload: Buffer;
}

/** Opens a backup file with its password: unwrap (checking keyId), then the payload with the header as associated data. */
export function readByHand(bytes: Buffer, password: string): ReadByHand {
  const file = bytes.toString('utf8');
  const parsed = JSON.parse(file) as { header: ReadByHand['header']; payload: { iv: string; ciphertext: string } };
  const { key } = parsed.header;
  const dataKey = gcmOpen(passwordKey(password, key.kdf), key.iv, key.ciphertext, wrapAad(key.kdf, key.keyId));
  if (keyIdOf(dataKey) !== key.keyId) throw new Error('keyId does not match the data key');
  const text = headerText(file);
  const payload = gcmOpen(dataKey, parsed.payload.iv, parsed.payload.ciphertext, Buffer.from(text, 'utf8'));
  return { header: parsed.header, headerText: text, dataKey, payload };
}
