import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createAppCore, type AppCore } from '../app-core.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import type { Logger } from '../logger.js';
import { sourceDecryptWorker } from './source-worker.js';
import { awkwardAccounts, base32 } from './testing/awkward-accounts.js';
import { aegisEncrypted } from './testing/export-files.js';

// Import through the contract, as the window does: the file's bytes in, views out (never a secret), progress events,
// and the write followed by accountsChanged (which the backup follows, as after any add).

const silent: Logger = { info: () => undefined, error: () => undefined };
let core: AppCore | undefined;
afterEach(() => core?.dispose());

test('open, unlock (with progress events), commit through the contract; no secret in any reply or event', async () => {
  core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'import-rpc-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silent, importOptions: { workerFile: sourceDecryptWorker() } });
  const seen: string[] = [];
  core.subscribe((name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`));
  const accounts = awkwardAccounts();
  const data = Buffer.from(aegisEncrypted(accounts, 'pw')).toString('base64');

  const opened = await core.dispatch('importOpen', { files: [{ name: 'aegis.json', data }] });
  if (!opened.ok) throw new Error(opened.error.message);
  const value = opened.value as { stage: string; session: string };
  expect(value.stage).toBe('password');
  const wrong = await core.dispatch('importUnlock', { session: value.session, password: 'nope' });
  expect(wrong).toMatchObject({ ok: false, error: { kind: 'wrongPassword' } });
  const preview = await core.dispatch('importUnlock', { session: value.session, password: 'pw' });
  if (!preview.ok) throw new Error(preview.error.message);
  const entries = (preview.value as { entries: { id: string; status: string }[] }).entries;
  const report = await core.dispatch('importCommit', { session: value.session, entries: entries.filter((e) => e.status === 'new').map((e) => e.id) });
  expect(report).toMatchObject({ ok: true, value: { imported: expect.any(Array) } });

  expect(seen.some((e) => e.startsWith('importProgress') && e.includes('"done":true'))).toBe(true);
  expect(seen.some((e) => e.startsWith('accountsChanged'))).toBe(true);
  const everything = JSON.stringify([opened, wrong, preview, report, seen]);
  for (const account of accounts) expect(everything).not.toContain(base32(account.key));
}, 60_000);
