/** Sample totp-authenticator files for its reader's tests and the detection matrix, built from the format's public description. */
import { aesCbcSeal, bytesOf, sha256 } from '../common/test-support.js';

const entries = [
  { issuer: 'Google', name: 'alice@example.com', key: 'JBSWY3DPEHPK3PXP', base: 32 },
  { issuer: 'Bänk ✓', name: 'Zoë', key: 'mfrggzdfmztwq2lknnwg23tpobyxe43uov3ho6dzpi======', base: 32 },
  { issuer: '', name: 'hex key', key: '3132333435363738393031323334353637383930', base: 16 },
  { issuer: 'B64', name: 'key', key: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', base: 64 },
  { issuer: 'Odd', name: 'base', key: '12345', base: 10 },
  { issuer: 'Later', name: 'ok', key: 'ORSXG5DTMVRXEZLUMFRGG3DFOI', base: 32 },
];
/** base64(AES-256-CBC(SHA-256(password), zero IV, {"<entries as JSON text>": ...})). */
export function totpAuthenticatorBackup(password: string): string {
  const plain = JSON.stringify({ [JSON.stringify(entries)]: '2024-01-01' });
  return Buffer.from(aesCbcSeal(sha256(password), new Uint8Array(16), bytesOf(plain))).toString('base64');
}
