import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../shared/import.js';
import { AccountsService } from '../accounts/accounts-service.js';
import { createBackupKey, sealBackup } from '../backup/backup-envelope.js';
import { encodePayload, payloadOf } from '../backup/backup-payload.js';
import { currentCode } from '../accounts/current-code.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { appErrorOf } from '../testing/test-helpers.js';
import { Vault } from '../vault/vault.js';
import { workerDecrypt, type DecryptRunner } from './decrypt-off-thread.js';
import { namedFile } from './detect-format.js';
import { ImportService } from './import-service.js';
import { sourceDecryptWorker } from './source-worker.js';
import { awkwardAccounts, base32, oathtoolCode } from './testing/awkward-accounts.js';
import { aegisEncrypted, aegisPlain, bitwardenProtected, otpauthLink, twoFasEncrypted } from './testing/export-files.js';

const PASSWORD = 'pässword for the export';
const accounts = awkwardAccounts();
const usable = accounts.filter((a) => a.expect.usable);
const worker = workerDecrypt(sourceDecryptWorker());
const neverDecrypt: DecryptRunner = () => {
  throw new Error('no decryption may start');
};

let dataDir: string;
let service: AccountsService;
let progress: ImportProgress[];

function importer(options: { decrypt?: DecryptRunner; memoryCapBytes?: number } = {}): ImportService {
  return new ImportService({ accounts: service, decrypt: options.decrypt ?? worker, onProgress: (p) => progress.push(p), ...(options.memoryCapBytes ? { memoryCapBytes: options.memoryCapBytes } : {}) });
}

const file = (text: string | Uint8Array, name = 'export') => namedFile(name, typeof text === 'string' ? new TextEncoder().encode(text) : text);
const vaultBytes = () => readFileSync(path.join(dataDir, 'vault.json'));

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'import-'));
  service = new AccountsService(new Vault(dataDir, memoryKeyStore()));
  progress = [];
  // One account already here: the file's copy of it is a duplicate.
  await service.addFromUri(otpauthLink(accounts[0]!));
  await service.addFromUri('otpauth://totp/Other:someone?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
});

describe('the import pipeline', () => {
  it('previews every entry (duplicate, new, not importable with its reason), then adds the ticked ones after the existing tiles, in file order; codes equal oathtool’s', async () => {
    const pipeline = importer({ decrypt: neverDecrypt });
    const opened = await pipeline.open([file(aegisPlain(accounts))]);
    if (opened.stage !== 'preview') throw new Error('expected a preview');
    const { preview } = opened;
    expect(preview.format).toEqual({ id: 'aegis', name: 'Aegis Authenticator' });
    expect(preview.entries.map((e) => e.status)).toEqual(accounts.map((a, i) => (i === 0 ? 'duplicate' : a.expect.usable ? 'new' : 'notImportable')));
    expect(JSON.stringify(preview)).not.toContain(base32(accounts[1]!.key)); // no secret in what the window sees

    const ticked = preview.entries.filter((e) => e.status === 'new').map((e) => e.id);
    const report = await pipeline.commit(preview.session, ticked);
    expect(report.imported.map((a) => [a.issuer, a.name, a.type])).toEqual(usable.slice(1).map((a) => [a.issuer, a.name, a.type]));
    expect(report.duplicates).toEqual([{ issuer: accounts[0]!.issuer, name: accounts[0]!.name }]);
    expect(report.skipped.map((s) => s.name)).toEqual(accounts.filter((a) => !a.expect.usable).map((a) => a.name));

    const stored = await service.storedAccounts();
    expect(stored.map((a) => a.name)).toEqual([accounts[0]!.name, 'someone', ...usable.slice(1).map((a) => a.name)]);
    const at = 1_800_000_123;
    for (const account of stored.filter((a) => a.otp.type !== 'steam')) {
      expect(currentCode(account, at * 1000).code, account.name).toBe(oathtoolCode(account.otp, account.secret, at));
    }
  });

  it('leaves unticked entries out and says so; an entry twice in the file is a duplicate the second time', async () => {
    const pipeline = importer({ decrypt: neverDecrypt });
    const text = [otpauthLink(accounts[1]!), otpauthLink(accounts[1]!), otpauthLink(accounts[2]!)].join('\n');
    const opened = await pipeline.open([file(text)]);
    if (opened.stage !== 'preview') throw new Error('expected a preview');
    expect(opened.preview.entries.map((e) => e.status)).toEqual(['new', 'duplicate', 'new']);
    const report = await pipeline.commit(opened.preview.session, ['e0']);
    expect(report.imported).toHaveLength(1);
    expect(report.skipped).toEqual([{ issuer: '', name: accounts[2]!.name, reason: 'Left out (not ticked).' }]);
    expect(report.duplicates).toHaveLength(1);
  });

  it('refuses names with hidden characters, with the shared rule’s message', async () => {
    const pipeline = importer({ decrypt: neverDecrypt });
    const opened = await pipeline.open([file(aegisPlain([{ ...accounts[1]!, issuer: 'moc.elgoog\u202e' }]))]);
    if (opened.stage !== 'preview') throw new Error('expected a preview');
    expect(opened.preview.entries[0]).toMatchObject({ status: 'notImportable', reason: expect.stringContaining('U+202E') });
  });

  it('decrypts in a worker thread with progress, keeps the session after a wrong password, and imports after the right one', async () => {
    const pipeline = importer();
    const opened = await pipeline.open([file(twoFasEncrypted(usable, PASSWORD))]);
    if (opened.stage !== 'password') throw new Error('expected a password request');
    expect(opened.kdf).toBe('PBKDF2-SHA256');
    const before = vaultBytes();
    expect((await appErrorOf(pipeline.unlock(opened.session, 'not it'))).kind).toBe('wrongPassword');
    expect(vaultBytes().equals(before)).toBe(true);
    const preview = await pipeline.unlock(opened.session, PASSWORD);
    expect(preview.entries.map((e) => e.status)).toEqual(usable.map((_, i) => (i === 0 ? 'duplicate' : 'new')));
    expect(progress.filter((p) => p.session === opened.session).at(-1)).toMatchObject({ kdf: 'PBKDF2-SHA256', done: true });
  }, 60_000);

  it('keeps the main thread free while Argon2id (64 MiB, parallelism 4) runs in the worker', async () => {
    const pipeline = importer();
    const opened = await pipeline.open([file(await bitwardenProtected(usable.slice(1, 3), PASSWORD, { kind: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 }))]);
    if (opened.stage !== 'password') throw new Error('expected a password request');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const preview = await pipeline.unlock(opened.session, PASSWORD);
    clearInterval(timer);
    expect(preview.entries.map((e) => e.name)).toEqual(usable.slice(1, 3).map((a) => a.name));
    expect(ticks).toBeGreaterThan(5);
  }, 60_000);

  it('refuses a KDF over the memory cap before any work, and leaves the vault byte-identical', async () => {
    const before = vaultBytes();
    const pipeline = importer({ decrypt: neverDecrypt, memoryCapBytes: 64 * 1024 * 1024 });
    // scrypt N=2^17, r=8: 128 MiB, over a 64 MiB cap (the file is made with a small N, then its header claims more).
    const text = aegisEncrypted(usable.slice(0, 1), PASSWORD, 1024).replace('"n":1024', '"n":131072');
    const error = await appErrorOf(pipeline.open([file(text)]));
    expect(error.kind).toBe('kdfTooCostly');
    expect(error.message).toContain('128 MiB');
    expect(vaultBytes().equals(before)).toBe(true);
  });

  it('refuses a PBKDF2 iteration count over the cap before any work (a huge count would run until Cancel); Bitwarden’s own maximum opens', async () => {
    const before = vaultBytes();
    const pipeline = importer({ decrypt: neverDecrypt });
    // A password-protected Bitwarden export as Bitwarden describes it; only its header matters before the password.
    const encString = `2.${Buffer.alloc(16, 1).toString('base64')}|${Buffer.alloc(32, 2).toString('base64')}|${Buffer.alloc(32, 3).toString('base64')}`;
    const bitwarden = (kdfIterations: number) =>
      JSON.stringify({ encrypted: true, passwordProtected: true, salt: 'c2FsdHNhbHQ=', kdfType: 0, kdfIterations, kdfMemory: null, kdfParallelism: null, encKeyValidation_DO_NOT_EDIT: encString, data: encString });
    const error = await appErrorOf(pipeline.open([file(bitwarden(50_000_000))]));
    expect(error.kind).toBe('kdfTooCostly');
    expect(error.message).toBe(
      "This file's password protection (PBKDF2-SHA256) asks for 50,000,000 iterations, more than the 10,000,000 this app allows. Export it again from the other app with default settings.",
    );
    expect((await pipeline.open([file(bitwarden(2_000_000))])).stage).toBe('password');
    expect(vaultBytes().equals(before)).toBe(true);
  });

  it('an unknown file, a damaged file and an empty list of files are typed errors; the vault is unchanged', async () => {
    const before = vaultBytes();
    const pipeline = importer({ decrypt: neverDecrypt });
    expect((await appErrorOf(pipeline.open([file('{"hello": "world"}')]))).kind).toBe('unknownFormat');
    expect((await appErrorOf(pipeline.open([file(new Uint8Array([0, 1, 2, 3, 255]))]))).kind).toBe('unknownFormat');
    const damaged = JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3 } });
    expect((await appErrorOf(pipeline.open([file(damaged)]))).kind).toBe('damagedFile');
    expect((await appErrorOf(pipeline.open([]))).kind).toBe('invalidRequest');
    expect(vaultBytes().equals(before)).toBe(true);
  });

  it('refuses this app’s own backup file (made by our writer) as ownBackupFile, naming where it is restored; nothing is imported', async () => {
    const otherDir = mkdtempSync(path.join(tmpdir(), 'import-backup-'));
    const otherVault = new Vault(otherDir, memoryKeyStore());
    for (const account of usable.slice(1, 4)) await new AccountsService(otherVault).addFromUri(otpauthLink(account));
    const key = await createBackupKey('tidy lantern ocean velvet', { n: 2 ** 14, r: 8, p: 1 });
    const meta = { createdAt: '2026-12-01T10:00:00.000Z', deviceName: 'OLD-PC', appVersion: '0.1.0', accountCount: 3 };
    const backup = sealBackup(encodePayload(payloadOf((await otherVault.read()).data)), key, meta);
    const before = vaultBytes();

    const refused = await appErrorOf(importer({ decrypt: neverDecrypt }).open([file(backup, 'authenticator-backup.json')]));
    expect(refused.kind).toBe('ownBackupFile');
    expect(refused.message).toContain('authenticator-backup.json is a backup file of this app');
    expect(refused.message).toContain('Settings > Backup > Recover from a backup file');
    expect(vaultBytes().equals(before)).toBe(true);
    expect((await service.storedAccounts()).map((a) => a.name)).toEqual([accounts[0]!.name, 'someone']);
  });

  it('says what it reads in place of sending the person to the import screen they are on', async () => {
    const refused = await appErrorOf(importer({ decrypt: neverDecrypt }).open([file('just some notes\n', 'notes.txt')]));
    expect(refused.kind).toBe('unknownFormat');
    expect(refused.message).not.toContain('Settings > Import');
    for (const app of ['Aegis Authenticator', '2FAS Authenticator', 'WinAuth', 'List of otpauth:// links']) expect(refused.message).toContain(app);
  });

  it('a damaged encrypted file is damagedFile after the right password, and nothing is written', async () => {
    const text = aegisEncrypted(usable.slice(1, 2), PASSWORD);
    const parsed = JSON.parse(text) as { db: string };
    const db = Buffer.from(parsed.db, 'base64');
    db[3]! ^= 0x40;
    const before = vaultBytes();
    const pipeline = importer();
    const opened = await pipeline.open([file(JSON.stringify({ ...parsed, db: db.toString('base64') }))]);
    if (opened.stage !== 'password') throw new Error('expected a password request');
    expect((await appErrorOf(pipeline.unlock(opened.session, PASSWORD))).kind).toBe('damagedFile');
    expect(vaultBytes().equals(before)).toBe(true);
  }, 60_000);

  it('cancelling ends a derivation still running and forgets the session', async () => {
    const pipeline = importer();
    const opened = await pipeline.open([file(await bitwardenProtected([], PASSWORD, { kind: 'pbkdf2', iterations: 1 }).then((t) => t.replace('"kdfIterations":1', '"kdfIterations":10000000')))]);
    if (opened.stage !== 'password') throw new Error('expected a password request');
    const unlocking = appErrorOf(pipeline.unlock(opened.session, PASSWORD));
    setTimeout(() => pipeline.cancel(opened.session), 200);
    expect((await unlocking).kind).toBe('notConfirmed');
    expect((await appErrorOf(pipeline.refresh(opened.session))).kind).toBe('invalidRequest');
  }, 30_000);
});
