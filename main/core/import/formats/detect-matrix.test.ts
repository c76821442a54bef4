import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, namedFile } from '../detect-format.js';
import type { ImportFormat } from '../import-format.js';
import { importFormats } from './index.js';
import { andOtpFormat } from './andotp.js';
import { authenticatorProFormat } from './authenticator-pro.js';
import { bytesOf, textOf } from './common/test-support.js';
import { enteAuthFormat } from './ente-auth.js';
import { freeOtpPlusFormat } from './freeotp-plus.js';
import { lastPassAuthenticatorFormat } from './lastpass-authenticator.js';
import { protonAuthenticatorFormat } from './proton-authenticator.js';
import { andOtpEncryptedNew, andOtpEncryptedOld, andOtpPlainSample } from './samples/andotp.js';
import { authenticatorProEncrypted, authenticatorProLegacy, authenticatorProSample } from './samples/authenticator-pro.js';
import { enteEncrypted, entePlainSample } from './samples/ente-auth.js';
import { freeOtpPlusSample } from './samples/freeotp-plus.js';
import { lastPassSample } from './samples/lastpass-authenticator.js';
import { protonEncrypted, protonSample } from './samples/proton-authenticator.js';
import { totpAuthenticatorBackup } from './samples/totp-authenticator.js';
import { winAuthSample, winAuthZip } from './samples/winauth.js';
import { totpAuthenticatorFormat } from './totp-authenticator.js';
import { winAuthFormat } from './winauth.js';

const readers: ImportFormat[] = [
  andOtpFormat, freeOtpPlusFormat, authenticatorProFormat, protonAuthenticatorFormat, enteAuthFormat, lastPassAuthenticatorFormat, totpAuthenticatorFormat, winAuthFormat,
];

/** Every sample file, with the id of the reader it belongs to (null: another app's file none of these readers takes). */
function samples(): { label: string; owner: string | null; bytes: Uint8Array }[] {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(64).fill(7)]);
  return [
    { label: 'andOTP plain', owner: 'andotp', bytes: bytesOf(andOtpPlainSample) },
    { label: 'andOTP encrypted (new)', owner: 'andotp', bytes: andOtpEncryptedNew('pw', andOtpPlainSample, 140_000) },
    { label: 'andOTP encrypted (old)', owner: 'andotp', bytes: andOtpEncryptedOld('pw', andOtpPlainSample) },
    { label: 'FreeOTP+', owner: 'freeotp-plus', bytes: bytesOf(freeOtpPlusSample) },
    { label: 'Authenticator Pro plain', owner: 'authenticator-pro', bytes: bytesOf(authenticatorProSample) },
    { label: 'Authenticator Pro encrypted', owner: 'authenticator-pro', bytes: authenticatorProEncrypted('pw', authenticatorProSample) },
    { label: 'Authenticator Pro legacy', owner: 'authenticator-pro', bytes: authenticatorProLegacy('pw', authenticatorProSample) },
    { label: 'Proton plain', owner: 'proton-authenticator', bytes: bytesOf(protonSample) },
    { label: 'Proton encrypted', owner: 'proton-authenticator', bytes: bytesOf(protonEncrypted('pw', protonSample)) },
    { label: 'Ente plain', owner: 'ente-auth', bytes: bytesOf(entePlainSample) },
    { label: 'Ente encrypted', owner: 'ente-auth', bytes: bytesOf(enteEncrypted('pw', entePlainSample, 8192, 1)) },
    { label: 'LastPass', owner: 'lastpass-authenticator', bytes: bytesOf(lastPassSample) },
    { label: 'TOTP Authenticator', owner: 'totp-authenticator', bytes: bytesOf(totpAuthenticatorBackup('pw')) },
    { label: 'WinAuth text', owner: 'winauth', bytes: bytesOf(winAuthSample) },
    { label: 'WinAuth zip', owner: 'winauth', bytes: winAuthZip(winAuthSample) },
    { label: 'WinAuth password zip', owner: 'winauth', bytes: winAuthZip(winAuthSample, 'pw') },
    // Other apps' files, as the other readers see them: none of these readers may claim them.
    { label: 'Aegis vault', owner: null, bytes: bytesOf(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries: [] } })) },
    { label: '2FAS', owner: null, bytes: bytesOf(JSON.stringify({ services: [], schemaVersion: 4, appVersionCode: 5000000 })) },
    { label: 'Bitwarden JSON', owner: null, bytes: bytesOf(JSON.stringify({ encrypted: false, folders: [], items: [{ login: { totp: 'JBSWY3DPEHPK3PXP' } }] })) },
    { label: 'plain list of links', owner: null, bytes: bytesOf('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A\notpauth-migration://offline?data=CgA%3D\n') },
    { label: 'PNG image', owner: null, bytes: png },
    { label: 'empty file', owner: null, bytes: new Uint8Array(0) },
  ];
}

describe('detection by content', () => {
  beforeAll(async () => {
    await sodium.ready;
  });

  it('each reader takes its own files and rejects every other sample', () => {
    const wrong: string[] = [];
    for (const sample of samples()) {
      const text = textOf(sample.bytes);
      for (const reader of readers) {
        const claimed = reader.detect(sample.bytes, text);
        if (claimed !== (reader.id === sample.owner)) wrong.push(`${reader.id} ${claimed ? 'claims' : 'misses'} ${sample.label}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('among all the formats the app reads, each of these files goes to its own reader (specific before fallback)', () => {
    const misread: string[] = [];
    for (const sample of samples().filter((s) => s.owner !== null)) {
      try {
        const format = detectFormat([namedFile(sample.label, sample.bytes)], importFormats);
        if (format.id !== sample.owner) misread.push(`${sample.label} read as ${format.id}`);
      } catch (error) {
        misread.push(`${sample.label}: ${(error as Error).message}`);
      }
    }
    expect(misread).toEqual([]);
  });
});
