import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors.js';
import { seededRandom } from '../../testing/test-helpers.js';
import { namedFile } from '../detect-format.js';
import { awkwardAccounts } from '../testing/awkward-accounts.js';
import { aegisEncrypted, aegisPlain, bitwardenAuthenticator, bitwardenCsv, bitwardenPlain, migrationLink, otpauthLink, twoFasEncrypted, twoFasPlain } from '../testing/export-files.js';
import { importFormats } from './index.js';

// The importers fuzzed: valid files of every format, damaged at random (bytes flipped, cut short, pieces doubled,
// values swapped for other JSON), go through detection and reading. Each must end in entries or an AppError (never
// another exception), within its time budget. Key derivation is not run: it is the same library call for any input.

const SEED = 0x1f0_47;
const ROUNDS = 150;
const BUDGET_MS = 250;

const accounts = awkwardAccounts();
const seeds = [
  aegisPlain(accounts),
  aegisEncrypted(accounts.slice(0, 2), 'pw', 1024),
  twoFasPlain(accounts),
  twoFasEncrypted(accounts.slice(0, 2), 'pw'),
  bitwardenPlain(accounts),
  bitwardenCsv(accounts),
  bitwardenAuthenticator(accounts),
  accounts.map(otpauthLink).join('\n') + '\n' + migrationLink(accounts.slice(0, 1)),
];

const JSON_VALUES = ['null', '1e308', '-1', '"x"', '[]', '{}', 'true', '"' + 'A'.repeat(5000) + '"', '[[[[[[]]]]]]'];

function mutate(text: string, rand: () => number): string {
  const at = Math.floor(rand() * text.length);
  switch (Math.floor(rand() * 5)) {
    case 0: {
      const chars = [...text];
      for (let i = 0; i < 1 + rand() * 8; i++) chars[Math.floor(rand() * chars.length)] = String.fromCharCode(Math.floor(rand() * 0x3000));
      return chars.join('');
    }
    case 1:
      return text.slice(0, at);
    case 2:
      return text.slice(0, at) + text.slice(at, at + Math.floor(rand() * 400)).repeat(3) + text.slice(at);
    case 3:
      // A JSON value replaced by another kind of value.
      return text.replace(/:\s*("[^"]*"|-?\d+(\.\d+)?|null|true|false|\[\]|\{\})/g, (match) => (rand() < 0.15 ? `:${JSON_VALUES[Math.floor(rand() * JSON_VALUES.length)]}` : match));
    default:
      return text.replace(/"[a-zA-Z_]+":/g, (match) => (rand() < 0.1 ? '"renamed":' : match));
  }
}

describe('importers under fuzzing', () => {
  it(`end every damaged file in entries or a typed error within ${BUDGET_MS} ms (seed ${SEED})`, () => {
    const rand = seededRandom(SEED);
    for (let round = 0; round < ROUNDS; round++) {
      for (const seed of seeds) {
        const text = mutate(seed, rand);
        const file = namedFile('fuzz', new TextEncoder().encode(text));
        const started = performance.now();
        for (const format of importFormats) {
          try {
            if (format.detect(file.bytes, file.text)) format.read(file.bytes, file.text);
          } catch (error) {
            if (!(error instanceof AppError)) throw new Error(`${format.id} threw on round ${round} (seed ${SEED})`, { cause: error });
          }
        }
        expect(performance.now() - started, `round ${round}`).toBeLessThan(BUDGET_MS);
      }
    }
  }, 120_000);
});
