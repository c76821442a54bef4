import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackupKey, openBackup, readBackupHeader, sealBackup, type BackupKey } from '../main/core/backup/backup-envelope.js';
import { decodePayload, encodePayload, payloadOf } from '../main/core/backup/backup-payload.js';
import { MigrationPayload, parseMigrationUri } from '../main/core/import/google-migration.js';
import { memoryKeyStore } from '../main/core/keystore/memory-key-store.js';
import { parseOtpauthUri } from '../main/core/otp/otpauth-uri.js';
import { VAULT_FILE, Vault } from '../main/core/vault/vault.js';
import { emptyVaultData } from '../main/core/vault/vault-data.js';
import { fuzz, fuzzTimeout } from './fuzz-run.js';
import { mutatedBytes, mutatedText } from './mutations.js';

// Every parser of outside input, fed malformed inputs made from valid ones: each input is accepted or refused with
// a typed error, never a crash, and none takes over a second. Counts and seed: fuzz-run.ts; figures in the README.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const LINKS = [
  `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`,
  `otpauth://hotp/ACME%20Co:bob?secret=${SECRET}&issuer=ACME%20Co&counter=42&digits=8&algorithm=SHA256`,
  `otpauth://totp/Bank:%C3%A9l%C3%A8ve?secret=${SECRET.toLowerCase()}&period=60&algorithm=SHA512&digits=7`,
  `otpauth://steam/Steam:gamer?secret=${SECRET}`,
  `otpauth://totp/Example?secret=${SECRET}&encoder=steam`,
];

describe('otpauth:// links', () => {
  test('malformed links are refused with a typed error', async () => {
    const tally = await fuzz('otpauth', mutatedText(LINKS), (text) => parseOtpauthUri(text));
    expect(tally.refused.size).toBeGreaterThan(0);
  }, fuzzTimeout(20));
});

describe('Google Authenticator export links', () => {
  const payload = (params: { secret: number[]; name: string; issuer: string; algorithm: number; digits: number; type: number; counter?: number }[], batch = { size: 1, index: 0, id: 7 }) =>
    MigrationPayload.encode(
      MigrationPayload.create({
        otpParameters: params.map((p) => ({ ...p, secret: Uint8Array.from(p.secret) })),
        version: 1,
        batchSize: batch.size,
        batchIndex: batch.index,
        batchId: batch.id,
      }),
    ).finish();
  const VALID_PAYLOADS = [
    payload([{ secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], name: 'alice@example.com', issuer: 'Example', algorithm: 1, digits: 1, type: 2 }]),
    payload(
      [
        { secret: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11, 12], name: 'bob', issuer: 'ACME', algorithm: 2, digits: 2, type: 1, counter: 5 },
        { secret: [200, 100, 50, 25, 12, 6, 3, 1, 0, 255], name: 'Ünïcödé', issuer: '', algorithm: 3, digits: 1, type: 2 },
      ],
      { size: 3, index: 1, id: -12345 },
    ),
  ];
  const link = (bytes: Uint8Array) => `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;

  test('damaged payloads inside a well-formed link are refused with a typed error', async () => {
    const tally = await fuzz('migration payload', mutatedBytes(VALID_PAYLOADS), (bytes) => parseMigrationUri(link(bytes)));
    expect(tally.refused.size).toBeGreaterThan(0);
  }, fuzzTimeout(20));

  test('damaged links are refused with a typed error', async () => {
    await fuzz('migration link', mutatedText(VALID_PAYLOADS.map(link)), (text) => parseMigrationUri(text));
  }, fuzzTimeout(20));
});

describe('the backup file', () => {
  let key: BackupKey;
  let valid: Uint8Array[];
  beforeAll(async () => {
    // The cheapest cost the format allows: fuzzing reads with the data key, so the KDF cost does not matter here
    // (its bounds have their own tests in backup-envelope.test.ts).
    key = await createBackupKey('a fuzzing password', { n: 2 ** 14, r: 8, p: 1 });
    const meta = { createdAt: '2026-12-07T10:00:00.000Z', deviceName: 'PC', appVersion: '0.1.0', accountCount: 0 };
    valid = [sealBackup(encodePayload(payloadOf(emptyVaultData())), key, meta)];
  });

  test('a damaged file is refused with a typed error, read with the data key', async () => {
    const tally = await fuzz('backup file', fc.constant(null).chain(() => mutatedBytes(valid)), async (bytes) => {
      const opened = await openBackup(Buffer.from(bytes), { dataKey: key.dataKey });
      return decodePayload(opened.payload);
    });
    expect(tally.refused.get('backupDamaged') ?? 0).toBeGreaterThan(0);
  }, fuzzTimeout(20));

  test('its header, read without any key, is refused with a typed error when damaged', async () => {
    await fuzz('backup header', fc.constant(null).chain(() => mutatedBytes(valid)), (bytes) => readBackupHeader(Buffer.from(bytes)));
  }, fuzzTimeout(20));
});

describe('the vault file', () => {
  let dir: string;
  let valid: Uint8Array;
  const keyStore = memoryKeyStore();
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fuzz-vault-'));
    const vault = new Vault(dir, keyStore);
    await vault.update((data) => ({ data: { ...data, accounts: [] }, result: null }));
    valid = new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(path.join(dir, VAULT_FILE))));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a damaged vault file is reported as a typed error, never a crash', async () => {
    const tally = await fuzz('vault file', fc.constant(null).chain(() => mutatedBytes([valid])), async (bytes) => {
      writeFileSync(path.join(dir, VAULT_FILE), bytes);
      return new Vault(dir, keyStore).read();
    });
    expect(tally.refused.size).toBeGreaterThan(0);
  }, fuzzTimeout(20));
});
