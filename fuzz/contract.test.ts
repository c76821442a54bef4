import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isMethodName, methodNames, methods } from '../shared/contract.js';
import { createAppCore, type AppCore } from '../main/core/app-core.js';
import { ManualClock } from '../main/core/clock.js';
import { decodeCanonicalKey } from '../main/core/otp/base32.js';
import { memoryClipboard } from '../main/core/clipboard/clipboard-port.js';
import { memoryKeyStore } from '../main/core/keystore/memory-key-store.js';
import type { Logger } from '../main/core/logger.js';
import { FUZZ_COUNT, fuzz, fuzzTimeout } from './fuzz-run.js';
import { mutatedText } from './mutations.js';

// The contract is the window's only way into main, and a compromised window can send anything on it. Every method
// gets requests of the right shape with wrong values, the wrong shape, and junk: each is answered with a reply or a
// typed error (never "internal", which is what an unexpected exception becomes), within a second, and no reply or
// event but exportAccount's ever carries a secret, in any encoding.

const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'];
const LINKS = [
  `otpauth://totp/Example:alice@example.com?secret=${SECRETS[0]}&issuer=Example`,
  `otpauth://hotp/ACME:bob?secret=${SECRETS[1]}&issuer=ACME&counter=3`,
  `otpauth://steam/Steam:gamer?secret=${SECRETS[2]}`,
];
/** Each secret as base32, hex and base64 (standard and URL-safe): a leak in any of them counts. */
const SECRET_FORMS = SECRETS.flatMap((secret) => {
  const bytes = Buffer.from(decodeCanonicalKey(secret));
  return [secret, secret.toLowerCase(), bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')];
});

let core: AppCore;
let dataDir: string | undefined;
let ids: string[] = [];
const events: string[] = [];
const errorsLogged: string[] = [];
const log: Logger = { info: () => undefined, error: (message, error) => errorsLogged.push(`${message}: ${String(error)}`) };

/**
 * A new app with the three accounts. Made again every few hundred inputs: a fuzzed delete, start-over or app lock
 * (with a password nobody knows) must not leave the rest of the run with nothing to leak. Main's own confirmation
 * says yes, so exportAccount does release secrets (the one reply allowed to).
 */
async function freshCore(): Promise<void> {
  (core as AppCore | undefined)?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'fuzz-contract-'));
  core = createAppCore({
    dataDir, keyStore: memoryKeyStore(), clock: new ManualClock(1_765_000_000_000), log, clipboard: memoryClipboard(),
    secretRelease: { confirmSecretRelease: async () => true, confirmExport: async () => true },
  });
  core.subscribe((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`));
  for (const uri of LINKS) await core.dispatch('addAccountsFromUri', { uri });
  const listed = await core.dispatch('listAccounts', {});
  ids = listed.ok ? (listed.value as { id: string }[]).map((account) => account.id) : [];
}

beforeAll(async () => {
  await freshCore();
  expect(ids).toHaveLength(3);
});
afterAll(() => {
  core.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Values a hostile page would try in any field. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...['abcd0123', 'x', '', '../vault', 'constructor', '__proto__'], null, true, false, 0, -1, 2 ** 53, Number.NaN, Infinity),
  fc.constant(null).map(() => ids[0] ?? 'abcd0123'),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.integer(),
  fc.double(),
  mutatedText(LINKS),
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({ maxDepth: 2 }),
);

const plausibleByKey = new Map<string, fc.Arbitrary<unknown>>();

/** A plausible value for a field, by its name: right type, wrong or hostile content, so requests reach the handlers. */
function plausible(key: string): fc.Arbitrary<unknown> {
  let arbitrary = plausibleByKey.get(key);
  if (!arbitrary) plausibleByKey.set(key, (arbitrary = plausibleFor(key)));
  return arbitrary;
}

function plausibleFor(key: string): fc.Arbitrary<unknown> {
  const id = fc.oneof(fc.constant(null).map(() => ids[0] ?? 'abcd0123'), fc.constant(null).map(() => ids.at(-1) ?? 'abcd0123'), fc.stringMatching(/^[a-z0-9]{4,12}$/));
  const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('', ' ', 'Example', 'alice@example.com', '\u202egoogle', 'a\u200bb'));
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    id,
    uri: mutatedText(LINKS),
    issuer: text,
    name: text,
    secret: mutatedText(SECRETS),
    password: text,
    currentPassword: text,
    toIndex: fc.integer({ min: -2, max: 10 }),
    digits: fc.integer({ min: 0, max: 12 }),
    period: fc.integer({ min: -1, max: 400 }),
    counter: fc.integer({ min: -1, max: 2 ** 40 }),
    kind: fc.constantFrom('totp', 'hotp', 'steam', 'microsoft', 'other'),
    type: fc.constantFrom('totp', 'hotp', 'steam', 'TOTP', ''),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512', 'MD5', ''),
    source: fc.constantFrom('camera', 'screen', null),
    mode: fc.constantFrom('merge', 'replace', 'keep', ''),
  };
  return byName[key] ?? fc.oneof(fc.boolean(), text, fc.integer({ min: -1, max: 100 }), anyValue);
}

/** The keys a method's request names (its schema's shape), so most requests get past the outer shape check. */
function keysOf(method: string): string[] {
  if (!isMethodName(method)) return ['id', 'uri'];
  const schema = methods[method].request as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

const request = fc
  .record({
    method: fc.oneof({ arbitrary: fc.constantFrom(...methodNames), weight: 9 }, { arbitrary: fc.string({ maxLength: 40 }), weight: 1 }),
    shape: fc.constantFrom('plausible', 'plausible', 'plausible', 'fields', 'extra', 'junk'),
    values: fc.array(anyValue, { minLength: 8, maxLength: 8 }),
    junk: anyValue,
  })
  .chain((drawn) =>
    fc.tuple(...keysOf(drawn.method).map(plausible)).map((typed) => ({ ...drawn, typed: typed as unknown[] })),
  );

test('every request is answered with a reply or a typed error, and no reply but exportAccount and a Google export carries a secret', async () => {
  let sent = 0;
  const outcomes = new Map<string, number>();
  const tally = await fuzz(
    'contract',
    request,
    async ({ method, shape, values, typed, junk }) => {
      if (++sent % 250 === 0) await freshCore();
      const keys = keysOf(method);
      const body: unknown =
        shape === 'junk'
          ? junk
          : Object.fromEntries([
              ...keys.map((key, i) => [key, shape === 'plausible' ? typed[i] : values[i % values.length]]),
              ...(shape === 'extra' ? [['extra', junk]] : []),
            ]);
      const eventsBefore = events.length;
      const reply = await core.dispatch(method, body);
      const text = JSON.stringify(reply) + events.slice(eventsBefore).join('\n');
      // The two replies that carry secrets: a setup key, and Google transfer codes (only that export format).
      const releasesSecrets = method === 'exportAccount' || (method === 'exportAccounts' && (body as { format?: unknown } | null)?.format === 'google');
      if (!releasesSecrets) {
        for (const form of SECRET_FORMS) expect(text.includes(form), `${method} leaked a secret: ${text.slice(0, 300)}`).toBe(false);
      }
      const outcome = reply.ok ? 'reply' : reply.error.kind;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (!reply.ok) {
        expect(reply.error.kind, `${method} failed inside: ${reply.error.message}; logged: ${errorsLogged.at(-1)}`).not.toBe('internal');
      }
      return reply;
    },
    { count: FUZZ_COUNT },
  );
  expect(tally.accepted).toBe(tally.inputs);
  console.log(`contract outcomes: ${[...outcomes].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  // Most inputs must get past the schemas into the handlers, or the fuzzing tests only zod.
  const stoppedAtTheDoor = (outcomes.get('invalidRequest') ?? 0) + (outcomes.get('unknownMethod') ?? 0);
  expect(tally.inputs - stoppedAtTheDoor).toBeGreaterThan(tally.inputs * 0.3);
  expect(errorsLogged).toEqual([]);
}, fuzzTimeout(100));

describe('the secrets check itself', () => {
  test('would see a leak: exportAccount does carry the secret', async () => {
    await freshCore();
    const exported = await core.dispatch('exportAccount', { id: ids[0]! });
    expect(SECRET_FORMS.some((form) => JSON.stringify(exported).includes(form))).toBe(true);
  });
});
