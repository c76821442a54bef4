import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callContract, expect, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';

// Settings > Import with an Aegis file written here from Aegis's docs/vault.md: a favourite arrives pinned to the
// tray, and an entry named like an account here with another key waits unticked until the person ticks it.

const entry = (issuer: string, name: string, secret: string, favorite: boolean) => ({
  type: 'totp', uuid: crypto.randomUUID(), name, issuer, note: '', favorite, icon: null, info: { secret, algo: 'SHA1', digits: 6, period: 30 },
});
const aegisFile = JSON.stringify({
  version: 1,
  header: { slots: null, params: null },
  db: { version: 3, entries: [entry('Fav', 'starred', 'JBSWY3DPEHPK3PXP', true), entry('GitHub', 'alice', 'MFRGGZDFMZTWQ2LK', false), entry('Plain', 'other', 'GEZDGNBVGY3TQOJQ', false)], groups: [] },
});

test('an Aegis favourite is shown and imported pinned; a same-named entry with another key is unticked and imported only when ticked', async ({ page, harness }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'import-marks-')), 'aegis-export.json');
  writeFileSync(file, aegisFile);
  await page.goto(harness.url);
  expect(await callContract(page, 'addAccountsFromUri', { uri: 'otpauth://totp/GitHub:alice?secret=KRSXG5CTMVRXEZLU&issuer=GitHub' })).toMatchObject({ ok: true });

  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Import' });
  await section.getByLabel('Export file to import').setInputFiles(file);
  const rows = section.getByRole('list', { name: 'Accounts in the file' }).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Pinned');
  await expect(rows.nth(1)).toContainText('Same name, other key');
  await expect(rows.nth(1)).toContainText('You already have an account with this name and a different setup key');
  await expect(rows.nth(1).getByRole('checkbox')).not.toBeChecked();
  await expect(rows.nth(1).getByRole('checkbox')).toBeEnabled();
  await expect(rows.nth(2)).not.toContainText('Pinned');
  await screenshot(page, 'import-preview-marks');

  await rows.nth(1).getByRole('checkbox').check();
  await section.getByRole('button', { name: 'Import 3 accounts' }).click();
  await expect(section.getByRole('status')).toContainText('Imported 3 accounts');
  await screenshot(page, 'import-report-marks');

  const listed = await callContract(page, 'listAccounts', {});
  if (!listed.ok) throw new Error(listed.error.message);
  expect(listed.value.map((a) => [a.issuer, a.name, a.pinned])).toEqual([
    ['GitHub', 'alice', false],
    ['Fav', 'starred', true],
    ['GitHub', 'alice', false],
    ['Plain', 'other', false],
  ]);
});
