import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, expectAppError, expectCodesMatchOathtool, hotp, readEncrypted, readPlain, skipped, steam, textOf, totp, usable } from './common/test-support.js';
import { enteAuthFormat } from './ente-auth.js';
import { enteEncrypted, entePlainSample } from './samples/ente-auth.js';

const expected = [
  // Its codeDisplay says pinned: it arrives pinned to the tray.
  { ...usable('Google', 'alice@example.com', 'JBSWY3DPEHPK3PXP', totp()), pinned: true },
  usable('Bank', 'counter', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', hotp(5, 'SHA1', 8)),
  usable('Bänk ✓', 'Zoë', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI', totp('SHA256', 7, 45)),
  usable('', 'no-issuer@example.com', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp('SHA512', 8, 60)),
  usable('Steam', 'gamer', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', steam()),
  skipped('Nine', 'digits'),
  usable('Quoted', 'line', 'ORSXG5DTMVRXEZLUMFRGG3DFOI', totp()),
];

describe('Ente Auth', () => {
  beforeAll(async () => {
    await sodium.ready;
  });

  it('reads the plain export line by line (Ente\'s codeDisplay parameter, a quoted line, a refused line)', () => {
    const entries = readPlain(enteAuthFormat, bytesOf(entePlainSample));
    expect(entries).toEqual(expected);
    expect(expectCodesMatchOathtool(entries)).toBe(5);
  });

  it('leaves a list of links without Ente\'s marks to the plain-text reader', () => {
    const text = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n';
    expect(enteAuthFormat.detect(bytesOf(text), text)).toBe(false);
  });

  it('opens the encrypted export (libsodium Argon2id at 64 MiB, XChaCha20-Poly1305 secretstream)', async () => {
    const file = readEncrypted(enteAuthFormat, bytesOf(enteEncrypted('ente pass', entePlainSample, 64 * 1024 * 1024, 2)));
    expect(file.cost).toEqual({ name: 'Argon2id', memoryBytes: 64 * 1024 * 1024 });
    expect(await file.decrypt('ente pass')).toEqual(expected);
    await expectAppError(file.decrypt('ente fail'), 'wrongPassword');
  });

  it('reports the 1 GiB that Ente asks for on a capable phone, before any work', () => {
    // Only the cost is read here: the pipeline refuses the file or runs the derivation in a worker.
    const bytes = bytesOf(enteEncrypted('x', 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP', 8192, 1).replace('"memLimit":8192,"opsLimit":1', '"memLimit":1073741824,"opsLimit":4'));
    expect(readEncrypted(enteAuthFormat, bytes).cost).toEqual({ name: 'Argon2id', memoryBytes: 1024 ** 3 });
  });

  it('calls a stream cut before its final message damaged, and bad parameters damaged', async () => {
    const key = sodium.crypto_pwhash(32, 'pw', bytesOf('0123456789abcdef'), 1, 8192, sodium.crypto_pwhash_ALG_ARGON2ID13);
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    const data = sodium.crypto_secretstream_xchacha20poly1305_push(state, bytesOf(entePlainSample), null, sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const notFinal = JSON.stringify({ version: 1, kdfParams: { memLimit: 8192, opsLimit: 1, salt: b64(bytesOf('0123456789abcdef')) }, encryptedData: b64(data), encryptionNonce: b64(header) });
    await expectAppError(readEncrypted(enteAuthFormat, bytesOf(notFinal)).decrypt('pw'), 'damagedFile');
    const badParams = notFinal.replace('"memLimit":8192', '"memLimit":100');
    await expectAppError(() => enteAuthFormat.read(bytesOf(badParams), textOf(bytesOf(badParams))), 'damagedFile');
  });
});
