import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ExportReply } from '../../../shared/export.js';
import type { ExportReleaseRequest, SecretReleaseConfirmation } from '../accounts/secret-release-confirmation.js';
import { createAppCore, type AppCore, type CoreDeps } from '../app-core.js';
import { ManualClock } from '../clock.js';
import { sourceDecryptWorker } from '../import/source-worker.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';
import { folderSaveFile, type SaveFilePort } from './save-file-port.js';

// exportAccounts through the contract, as the window calls it: the gate in main (confirmation, lock, lock password,
// file password), the host's save (a folder here, as in the harness), and the saved files read back by our importer
// in a second app, its codes checked against oathtool.

const NOW = 1_765_100_000_000;
const FILE_PASSWORD = 'quiet harbour lanterns drifting';
const LOCK_PASSWORD = 'lantern orchard drifting quietly';
const LINKS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Bank:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&digits=8&algorithm=SHA256',
];
const oathtool = (secret: string, extra: string[] = ['--totp']) => execFileSync('oathtool', ['-b', ...extra, '-N', `@${NOW / 1000}`, secret], { encoding: 'utf8' }).trim();
const EXPECTED_CODES = [oathtool('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), oathtool('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', ['--totp=sha256', '-d', '8'])];

const cores: AppCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});

function newCore(extra: Partial<CoreDeps> = {}): AppCore {
  const core = createAppCore({
    dataDir: mkdtempSync(path.join(tmpdir(), 'export-rpc-')), keyStore: memoryKeyStore(), clock: new ManualClock(NOW), log: silentLogger,
    importOptions: { workerFile: sourceDecryptWorker() }, ...extra,
  });
  cores.push(core);
  return core;
}

/** Main's own prompt, answered as told; it remembers each question. */
function person(answer: boolean, during?: () => Promise<void>) {
  const asked: ExportReleaseRequest[] = [];
  const confirmation: SecretReleaseConfirmation = {
    confirmSecretRelease: async () => false,
    confirmExport: async (request) => {
      asked.push(request);
      await during?.();
      return answer;
    },
  };
  return { asked, confirmation };
}

async function withAccounts(extra: Partial<CoreDeps> = {}) {
  const exportDir = mkdtempSync(path.join(tmpdir(), 'exports-'));
  const core = newCore({ saveFile: folderSaveFile(exportDir), ...extra });
  for (const uri of LINKS) expect((await core.dispatch('addAccountsFromUri', { uri })).ok).toBe(true);
  expect((await core.dispatch('addAccountManually', { kind: 'microsoftPersonal', issuer: 'Microsoft', name: 'alice@outlook.com', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, deviceBound: true })).ok).toBe(true);
  return { core, exportDir };
}

async function exported(core: AppCore, request: object): Promise<ExportReply> {
  const reply = await core.dispatch('exportAccounts', request);
  if (!reply.ok) throw new Error(`${reply.error.kind}: ${reply.error.message}`);
  return reply.value as ExportReply;
}

/** Imports a saved file into a fresh app through the contract, as the window does, and reads its codes. */
async function importedCodes(file: string, password?: string) {
  const other = newCore();
  const opened = await other.dispatch('importOpen', { files: [{ name: path.basename(file), data: readFileSync(file).toString('base64') }] });
  if (!opened.ok) throw new Error(opened.error.message);
  let value = opened.value as { stage: string; session: string; preview?: { session: string; entries: { id: string }[] } };
  let entries = value.preview?.entries;
  if (value.stage === 'password') {
    const unlocked = await other.dispatch('importUnlock', { session: value.session, password: password! });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    entries = (unlocked.value as { entries: { id: string }[] }).entries;
    value = { ...value, preview: { session: value.session, entries: entries } };
  }
  const session = value.preview!.session;
  expect((await other.dispatch('importCommit', { session, entries: entries!.map((e) => e.id) })).ok).toBe(true);
  const listed = await other.dispatch('listAccounts', {});
  const codes = await other.dispatch('getCodes', {});
  if (!listed.ok || !codes.ok) throw new Error('reading the imported accounts failed');
  const byId = new Map((codes.value as { codes: { id: string; code: string }[] }).codes.map((c) => [c.id, c.code]));
  return (listed.value as { id: string; issuer: string }[]).map((a) => [a.issuer, byId.get(a.id)]);
}

describe('encrypted exports', () => {
  test('aegis: saved 0600 in the host folder, the device-bound account left out with its reason, read back by our importer', async () => {
    const { core, exportDir } = await withAccounts();
    const reply = await exported(core, { format: 'aegis', password: FILE_PASSWORD });
    if (reply.outcome !== 'saved') throw new Error(`not saved: ${reply.outcome}`);
    expect(path.dirname(reply.path)).toBe(exportDir);
    expect(reply.exported).toBe(2);
    expect(reply.leftOut).toEqual([expect.objectContaining({ issuer: 'Microsoft', reason: expect.stringContaining('tied to this PC') })]);
    expect(statSync(reply.path).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(reply)).not.toContain('JBSWY3DP');
    expect(await importedCodes(reply.path, FILE_PASSWORD)).toEqual([['GitHub', EXPECTED_CODES[0]], ['Bank', EXPECTED_CODES[1]]]);
  });

  test('a weak or missing file password is refused in main with the reason; nothing saved', async () => {
    const { core, exportDir } = await withAccounts();
    const weak = await core.dispatch('exportAccounts', { format: 'backup', password: 'password1' });
    expect(weak).toMatchObject({ ok: false, error: { kind: 'weakPassword', field: 'password' } });
    if (!weak.ok) expect(weak.error.message.length).toBeGreaterThan(10);
    expect(await core.dispatch('exportAccounts', { format: 'aegis' })).toMatchObject({ ok: false, error: { kind: 'invalidInput', field: 'password' } });
    expect(readdirSync(exportDir)).toEqual([]);
  });

  test('a cancelled save is a typed outcome and writes nothing', async () => {
    const asked: string[] = [];
    const cancelling: SaveFilePort = { save: async ({ suggestedName }) => (asked.push(suggestedName), { saved: false }) };
    const { core, exportDir } = await withAccounts({ saveFile: cancelling });
    expect(await exported(core, { format: 'backup', password: FILE_PASSWORD })).toEqual({ outcome: 'cancelled' });
    expect(asked).toEqual([expect.stringMatching(/^authenticator-backup-\d{4}-\d\d-\d\d\.json$/)]);
    expect(readdirSync(exportDir)).toEqual([]);
  });
});

describe('plain exports: the gate in main', () => {
  test('declined confirmation: notConfirmed, nothing saved, and the question named the format and count', async () => {
    const { asked, confirmation } = person(false);
    const { core, exportDir } = await withAccounts({ secretRelease: confirmation });
    expect(await core.dispatch('exportAccounts', { format: 'otpauth' })).toMatchObject({ ok: false, error: { kind: 'notConfirmed' } });
    expect(asked).toEqual([{ format: 'otpauth', count: 2 }]);
    expect(readdirSync(exportDir)).toEqual([]);
  });

  test('confirmed: the otpauth list is saved 0600 and reads back with codes equal to oathtool', async () => {
    const { confirmation } = person(true);
    const { core } = await withAccounts({ secretRelease: confirmation });
    const reply = await exported(core, { format: 'otpauth' });
    if (reply.outcome !== 'saved') throw new Error('not saved');
    expect(statSync(reply.path).mode & 0o777).toBe(0o600);
    expect(await importedCodes(reply.path)).toEqual([['GitHub', EXPECTED_CODES[0]], ['Bank', EXPECTED_CODES[1]]]);
  });

  test('google: the links come back to draw (nothing saved), only the chosen accounts', async () => {
    const { confirmation } = person(true);
    const { core, exportDir } = await withAccounts({ secretRelease: confirmation });
    const ids = ((await core.dispatch('listAccounts', {})) as { value: { id: string; issuer: string }[] }).value;
    const reply = await exported(core, { format: 'google', ids: [ids.find((a) => a.issuer === 'Bank')!.id] });
    if (reply.outcome !== 'codes') throw new Error('no codes');
    expect(reply.links).toHaveLength(1);
    expect(reply.links[0]).toMatch(/^otpauth-migration:\/\/offline\?data=/);
    expect(reply.exported).toBe(1);
    expect(readdirSync(exportDir)).toEqual([]);
  });

  test('app lock on: the lock password is needed and checked by main (wrong ones counted), before any question', async () => {
    const { asked, confirmation } = person(true);
    const { core } = await withAccounts({ secretRelease: confirmation });
    expect((await core.dispatch('turnOnAppLock', { password: LOCK_PASSWORD })).ok).toBe(true);
    expect(await core.dispatch('exportAccounts', { format: 'otpauth' })).toMatchObject({ ok: false, error: { kind: 'invalidInput', field: 'lockPassword' } });
    expect(await core.dispatch('exportAccounts', { format: 'otpauth', lockPassword: 'not the lock password' })).toMatchObject({ ok: false, error: { kind: 'wrongPassword', field: 'lockPassword' } });
    expect(asked).toEqual([]);
    expect(await core.dispatch('getLockStatus', {})).toMatchObject({ ok: true, value: { failedAttempts: 1, locked: false } });
    expect((await exported(core, { format: 'otpauth', lockPassword: LOCK_PASSWORD })).outcome).toBe('saved');
    expect(asked).toHaveLength(1);
  });

  test('locked: refused before anything; locked while the question was open: nothing released', async () => {
    const app: { core?: AppCore } = {};
    const { asked, confirmation } = person(true, async () => {
      expect((await app.core!.dispatch('lockApp', {})).ok).toBe(true);
    });
    const made = await withAccounts({ secretRelease: confirmation });
    const core = (app.core = made.core);
    expect((await core.dispatch('turnOnAppLock', { password: LOCK_PASSWORD })).ok).toBe(true);
    expect(await core.dispatch('exportAccounts', { format: 'google', lockPassword: LOCK_PASSWORD })).toMatchObject({ ok: false, error: { kind: 'locked' } });
    expect(asked).toHaveLength(1);
    expect(await core.dispatch('exportAccounts', { format: 'aegis', password: FILE_PASSWORD })).toMatchObject({ ok: false, error: { kind: 'locked' } });
    expect(asked).toHaveLength(1);
    expect(readdirSync(made.exportDir)).toEqual([]);
  });
});
