/** Sample winauth files for its reader's tests and the detection matrix, built from the format's public description. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Lines as WinAuth's ToUrl writes them: "?secret=...&digits=N" first, then the extras.
export const winAuthSample = [
  'otpauth://totp/Google:alice@example.com?secret=JBSWY3DPEHPK3PXP&digits=6&issuer=Google',
  'otpauth://totp/Steam:gamer?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&digits=5&issuer=Steam&deviceid=android%3A0123-4567&data=%7B%22shared_secret%22%3A%22x%22%7D',
  'otpauth://totp/BattleNet:EU?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=BattleNet&serial=EU123456789012',
  'otpauth://hotp/Counter?secret=ORSXG5DTMVRXEZLUMFRGG3DFOI&digits=6&counter=3',
  'otpauth://totp/B%C3%A4nk%20%E2%9C%93:Zo%C3%AB?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI&digits=7&issuer=B%C3%A4nk+%E2%9C%93&algorithm=SHA256&period=60&icon=base64%3AMZXW6',
  'otpauth://totp/Nine:digits?secret=JBSWY3DPEHPK3PXP&digits=9&issuer=Nine',
  'otpauth://totp/Wide:long?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=Wide&algorithm=SHA512&period=15',
  '',
].join('\r\n');


/** A zip made by Info-ZIP's zip (Debian), optionally with a (ZipCrypto) password, as WinAuth's export zip is. */
export function winAuthZip(text: string, password?: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'winauth-'));
  try {
    writeFileSync(join(dir, 'winauth-2024-01-01.txt'), text);
    execFileSync('zip', ['-q', '-j', ...(password ? ['-P', password] : []), join(dir, 'export.zip'), join(dir, 'winauth-2024-01-01.txt')]);
    return new Uint8Array(readFileSync(join(dir, 'export.zip')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
