/** Sample ente-auth files for its reader's tests and the detection matrix, built from the format's public description. */
import sodium from 'libsodium-wrappers-sumo';
import { bytesOf } from '../common/test-support.js';

const display = `codeDisplay=${encodeURIComponent(JSON.stringify({ pinned: true, trashed: false, tags: ['work'], note: '' }))}`;
export const entePlainSample = [
  `otpauth://totp/Google:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Google&algorithm=sha1&digits=6&period=30&${display}`,
  'otpauth://hotp/Bank:counter?secret=gezdgnbvgy3tqojqgezdgnbvgy3tqojq&issuer=Bank&algorithm=SHA1&digits=8&counter=5',
  'otpauth://totp/B%C3%A4nk%20%E2%9C%93:Zo%C3%AB?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI%3D%3D%3D%3D%3D%3D&algorithm=SHA256&digits=7&period=45',
  'otpauth://totp/no-issuer%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA512&digits=8&period=60',
  'otpauth://steam/Steam:gamer?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Steam',
  'otpauth://totp/Nine:digits?secret=JBSWY3DPEHPK3PXP&issuer=Nine&digits=9',
  JSON.stringify('otpauth://totp/Quoted:line?secret=ORSXG5DTMVRXEZLUMFRGG3DFOI&issuer=Quoted'),
  '',
].join('\n');

/** Ente's encrypted export, made with libsodium itself as Ente does: crypto_pwhash (Argon2id) and one secretstream message. */
export function enteEncrypted(password: string, plain: string, memLimit: number, opsLimit: number): string {
  const salt = sodium.randombytes_buf(16);
  const key = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const data = sodium.crypto_secretstream_xchacha20poly1305_push(state, bytesOf(plain), null, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return JSON.stringify({ version: 1, kdfParams: { memLimit, opsLimit, salt: b64(salt) }, encryptedData: b64(data), encryptionNonce: b64(header) });
}
