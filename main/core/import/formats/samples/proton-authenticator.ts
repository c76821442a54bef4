/** Sample proton-authenticator files for its reader's tests and the detection matrix, built from the format's public description. */
import { aesGcmSeal, argon2Cli, bytesOf, concat, random } from '../common/test-support.js';

const entry = (uri: string, name: string, type = 'Totp') => ({ id: `id-${name}`, content: { uri, entry_type: type, name }, note: null });
export const protonSample = JSON.stringify({
  version: 1,
  entries: [
    entry('otpauth://totp/Google:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Google&algorithm=SHA1&digits=6&period=30', 'alice@example.com'),
    entry('otpauth://totp/B%C3%A4nk%20%E2%9C%93:Zo%C3%AB?secret=mfrg%20gzdf%20mztw%20q2lk%20nnwg%2023tp%20obyx%20e43u%20ov3h%20o6dz%20pi%3D%3D%3D%3D%3D%3D&issuer=B%C3%A4nk%20%E2%9C%93&algorithm=SHA256&digits=7&period=45', 'Zoë'),
    entry('otpauth://totp/?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA512&digits=8&period=60', 'only in proton'),
    entry('steam://KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', 'gamer', 'Steam'),
    entry('otpauth://totp/Broken:secret?secret=NOT*BASE32&issuer=Broken', 'secret'),
    entry('motp://Old%20VPN:me?secret=1234567890abcdef', 'me'),
    entry('otpauth://totp/Later:ok?secret=ORSXG5DTMVRXEZLUMFRGG3DFOI&issuer=Later', 'ok'),
  ],
});

/** { version: 1, salt, content: nonce | ciphertext | tag }: Argon2id 19 MiB, t=2, p=1 (the argon2 CLI), AES-GCM with Proton's AAD. */
export function protonEncrypted(password: string, plain: string): string {
  const salt = bytesOf('proton-salt-16by');
  const key = argon2Cli(password, salt, { iterations: 2, memoryKiB: 19 * 1024, parallelism: 1 });
  const nonce = random(12);
  const sealed = concat(nonce, aesGcmSeal(key, nonce, bytesOf(plain), bytesOf('proton.authenticator.export.v1')));
  return JSON.stringify({ version: 1, salt: Buffer.from(salt).toString('base64'), content: Buffer.from(sealed).toString('base64') });
}
