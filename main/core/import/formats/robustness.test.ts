import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors.js';
import type { ImportFormat } from '../import-format.js';
import { andOtpFormat } from './andotp.js';
import { authenticatorProFormat } from './authenticator-pro.js';
import { bytesOf, textOf } from './common/test-support.js';
import { enteAuthFormat } from './ente-auth.js';
import { freeOtpPlusFormat } from './freeotp-plus.js';
import { lastPassAuthenticatorFormat } from './lastpass-authenticator.js';
import { protonAuthenticatorFormat } from './proton-authenticator.js';
import { andOtpEncryptedOld, andOtpPlainSample } from './samples/andotp.js';
import { authenticatorProLegacy, authenticatorProSample } from './samples/authenticator-pro.js';
import { enteEncrypted, entePlainSample } from './samples/ente-auth.js';
import { freeOtpPlusSample } from './samples/freeotp-plus.js';
import { lastPassSample } from './samples/lastpass-authenticator.js';
import { protonSample } from './samples/proton-authenticator.js';
import { totpAuthenticatorBackup } from './samples/totp-authenticator.js';
import { winAuthSample, winAuthZip } from './samples/winauth.js';
import { totpAuthenticatorFormat } from './totp-authenticator.js';
import { winAuthFormat } from './winauth.js';

const readers: ImportFormat[] = [
  andOtpFormat, freeOtpPlusFormat, authenticatorProFormat, protonAuthenticatorFormat, enteAuthFormat, lastPassAuthenticatorFormat, totpAuthenticatorFormat, winAuthFormat,
];

/** A small seeded generator, so a failure names an input that can be made again. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
}

/** Damages a file the ways files get damaged: flipped bytes, cut short, a run of bytes replaced, a part repeated. */
function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const at = Math.floor(rand() * Math.max(1, out.length));
  switch (Math.floor(rand() * 4)) {
    case 0:
      for (let i = 0; i < 1 + rand() * 8; i++) {
        const flip = Math.floor(rand() * out.length);
        out[flip] = (out[flip] ?? 0) ^ (1 << Math.floor(rand() * 8));
      }
      return out;
    case 1:
      return out.subarray(0, at);
    case 2:
      out.fill(Math.floor(rand() * 256), at, at + Math.floor(rand() * 64));
      return out;
    default:
      return Uint8Array.from([...out.subarray(0, at), ...out.subarray(Math.floor(rand() * out.length))]);
  }
}

describe('readers on damaged and hostile input', () => {
  beforeAll(async () => {
    await sodium.ready;
  });

  it('never crash: detect() answers, read() gives entries or a typed AppError, each within a second', () => {
    const seeds = [
      bytesOf(andOtpPlainSample), andOtpEncryptedOld('pw', andOtpPlainSample), bytesOf(freeOtpPlusSample), bytesOf(authenticatorProSample),
      authenticatorProLegacy('pw', authenticatorProSample), bytesOf(protonSample), bytesOf(entePlainSample), bytesOf(enteEncrypted('pw', entePlainSample, 8192, 1)),
      bytesOf(lastPassSample), bytesOf(totpAuthenticatorBackup('pw')), bytesOf(winAuthSample), winAuthZip(winAuthSample), winAuthZip(winAuthSample, 'pw'),
    ];
    const rand = seeded(0x1e57);
    const problems: string[] = [];
    let read = 0;
    for (const [index, seed] of seeds.entries()) {
      for (let round = 0; round < 120; round++) {
        const bytes = mutate(seed, rand);
        const text = textOf(bytes);
        for (const reader of readers) {
          const started = performance.now();
          try {
            if (reader.detect(bytes, text)) {
              read++;
              reader.read(bytes, text);
            }
          } catch (error) {
            if (!(error instanceof AppError)) problems.push(`${reader.id} on seed ${index} round ${round}: ${String(error)}`);
          }
          const took = performance.now() - started;
          if (took > 1000) problems.push(`${reader.id} on seed ${index} round ${round} took ${Math.round(took)} ms`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(read).toBeGreaterThan(500);
  });

  it('decrypting a damaged file with the right password gives entries or a typed AppError, never a crash', async () => {
    // The formats whose key derivation is cheap enough to run hundreds of times.
    const seeds = [andOtpEncryptedOld('pw', andOtpPlainSample), bytesOf(totpAuthenticatorBackup('pw')), winAuthZip(winAuthSample, 'pw')];
    const rand = seeded(0xdec0);
    const problems: string[] = [];
    let decrypted = 0;
    for (const [index, seed] of seeds.entries()) {
      for (let round = 0; round < 80; round++) {
        const bytes = mutate(seed, rand);
        const text = textOf(bytes);
        for (const reader of readers) {
          try {
            if (!reader.detect(bytes, text)) continue;
            const result = reader.read(bytes, text);
            if (result.encrypted) {
              decrypted++;
              await result.file.decrypt('pw');
            }
          } catch (error) {
            if (!(error instanceof AppError)) problems.push(`${reader.id} on seed ${index} round ${round}: ${String(error)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(decrypted).toBeGreaterThan(100);
  });
});
