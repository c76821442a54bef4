/** Sample authenticator-pro files for its reader's tests and the detection matrix, built from the format's public description. */
import { pbkdf2Sync } from 'node:crypto';
import { aesCbcSeal, aesGcmSeal, argon2Cli, bytesOf, concat, random } from '../common/test-support.js';

// A backup as Authenticator Pro / Stratum writes it (doc/BACKUP_FORMAT.md): Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam,
// 5 Yandex; Algorithm 0 SHA-1, 1 SHA-256, 2 SHA-512.
const authenticator = (fields: Record<string, unknown>) => ({ Icon: null, Pin: null, Algorithm: 0, Digits: 6, Period: 30, Counter: 0, Ranking: 0, CopyCount: 0, ...fields });
export const authenticatorProSample = JSON.stringify({
  Authenticators: [
    authenticator({ Type: 2, Issuer: 'Google', Username: 'alice@example.com', Secret: 'JBSWY3DPEHPK3PXP' }),
    authenticator({ Type: 1, Issuer: 'Bank', Username: 'counter', Secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', Counter: 9, Digits: 8 }),
    authenticator({ Type: 2, Issuer: 'Ünïcode ☃', Username: null, Secret: 'mfrg gzdf mztw q2lk nnwg 23tp obyx e43u ov3h o6dz pi======', Algorithm: 1, Digits: 7, Period: 20 }),
    authenticator({ Type: 2, Issuer: 'Wide', Username: 'long', Secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', Algorithm: 2, Digits: 8, Period: 90 }),
    authenticator({ Type: 4, Issuer: 'Steam', Username: 'gamer', Secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', Digits: 5 }),
    authenticator({ Type: 3, Issuer: 'Old VPN', Username: 'motp', Secret: '1234567890abcdef', Pin: '1234', Period: 10 }),
    authenticator({ Type: 5, Issuer: 'Yandex', Username: 'ya', Secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Pin: '1234', Digits: 8 }),
    authenticator({ Type: 2, Issuer: 'Ten', Username: 'digits', Secret: 'JBSWY3DPEHPK3PXP', Digits: 10 }),
    authenticator({ Type: 2, Issuer: 'Later', Username: 'ok', Secret: 'ORSXG5DTMVRXEZLUMFRGG3DFOI' }),
  ],
  Categories: [{ Id: 'a8323a2a', Name: 'Web', Ranking: 0 }],
  AuthenticatorCategories: [{ CategoryId: 'a8323a2a', AuthenticatorSecret: 'JBSWY3DPEHPK3PXP', Ranking: 0 }],
  CustomIcons: [],
});

/** Modern layout: "AUTHENTICATORPRO" | salt (16) | IV (12) | GCM ciphertext+tag; Argon2id t=3, 64 MiB, p=4 (the argon2 CLI). */
export function authenticatorProEncrypted(password: string, plain: string): Uint8Array {
  const salt = bytesOf('0123456789abcdef');
  const iv = random(12);
  const key = argon2Cli(password, salt, { iterations: 3, memoryKiB: 65_536, parallelism: 4 });
  return concat(bytesOf('AUTHENTICATORPRO'), salt, iv, aesGcmSeal(key, iv, bytesOf(plain)));
}

/** Legacy layout: "AuthenticatorPro" | salt (20) | IV (16) | AES-256-CBC; PBKDF2-HMAC-SHA1, 64,000 iterations. */
export function authenticatorProLegacy(password: string, plain: string): Uint8Array {
  const salt = random(20);
  const iv = random(16);
  const key = new Uint8Array(pbkdf2Sync(password, salt, 64_000, 32, 'sha1'));
  return concat(bytesOf('AuthenticatorPro'), salt, iv, aesCbcSeal(key, iv, bytesOf(plain)));
}
