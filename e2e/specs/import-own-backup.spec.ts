import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../axe.js';
import { cloudArgs, turnOnBackup } from '../cloud-helpers.js';
import { callContract, expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

// This app's own backup file is restored by recovery, not imported: Settings > Import says so and leads to the
// recovery wizard's file step, and Settings > Backup offers the same with accounts on the PC, cloud backup or not.

const FILE_PASSWORD = 'copper meadow quietly folding';
const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];
const HERE = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

async function add(page: Page, issuer: string, secret: string) {
  expect(await callContract(page, 'addAccountsFromUri', { uri: `otpauth://totp/${issuer}:alice?secret=${secret}&issuer=${issuer}` })).toMatchObject({ ok: true });
}

/** A backup file written by the app's own export, in another harness (another PC). */
async function backupFileFromAnotherPc(page: Page): Promise<string> {
  const other = await startHarness();
  try {
    await page.goto(other.url);
    for (const [i, secret] of SECRETS.entries()) await add(page, `Site${i}`, secret);
    const exported = await callContract(page, 'exportAccounts', { format: 'backup', password: FILE_PASSWORD });
    if (!exported.ok || exported.value.outcome !== 'saved') throw new Error('the backup export failed');
    return exported.value.path;
  } finally {
    await other.stop();
  }
}

test('our backup file chosen in Settings > Import: its own message and a button to the recovery file step; the restore merges', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const file = await backupFileFromAnotherPc(page);
  await page.goto(harness.url);
  await add(page, 'Here', HERE);

  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Import' });
  await section.getByLabel('Export file to import').setInputFiles(file);
  await expect(section.getByRole('alert')).toContainText(`${path.basename(file)} is a backup file of this app. Restore it with Settings > Backup > Recover from a backup file…`);
  await expect(section.getByRole('alert')).not.toContainText('See Settings > Import');
  await section.getByRole('alert').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-own-backup-refused', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'import-own-backup-refused-dark', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoSeriousViolations(page, 'import of our own backup file');
  expect(await accountIssuers(page)).toEqual(['Here']); // nothing imported

  await section.getByRole('button', { name: 'Recover from a backup file…' }).click();
  // This PC has an account: merge or replace first, then the file step.
  await expect(page.getByRole('heading', { name: 'This PC already has accounts' })).toBeVisible();
  await page.getByRole('button', { name: 'Add missing accounts (merge)' }).click();
  await expect(page.getByRole('heading', { name: 'Recover from a backup file' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  await screenshot(page, 'recover-file-step', { fullPage: false });
  await page.getByLabel('Backup file to recover from').setInputFiles(file);
  await page.getByRole('textbox', { name: 'Backup password' }).fill(FILE_PASSWORD);
  await page.getByRole('button', { name: 'Unlock backup' }).click();
  await expect(page.getByRole('heading', { name: 'Check what comes back' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /^(Add|Restore) 2 accounts/ }).click();
  await expect(page.getByRole('heading', { name: 'Recovery complete' })).toBeVisible({ timeout: 30_000 });
  expect(await accountIssuers(page)).toEqual(['Here', 'Site0', 'Site1']);
  await page.getByRole('button', { name: 'Done' }).click();
  await expectOathtoolCode(page.locator('.tile-code').nth(0), HERE);
  for (const [i, secret] of SECRETS.entries()) await expectOathtoolCode(page.locator('.tile-code').nth(i + 1), secret);
});

test('Settings > Backup offers Recover from a backup file… with accounts on this PC, even where cloud backup is not configured', async ({ page, harness }) => {
  await page.goto(harness.url);
  await add(page, 'Here', HERE);
  await page.getByRole('button', { name: 'Settings' }).click();
  const backup = page.getByRole('region', { name: 'Backup' });
  await expect(backup).toContainText('Cloud backup is not configured'); // the harness has no client id
  await backup.getByRole('button', { name: 'Recover from a backup file…' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'backup-recover-from-file', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'backup-recover-from-file-dark', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'light' });
  await backup.getByRole('button', { name: 'Recover from a backup file…' }).click();
  await expect(page.getByRole('heading', { name: 'This PC already has accounts' })).toBeVisible();
  await page.getByRole('button', { name: 'Add missing accounts (merge)' }).click();
  await expect(page.getByRole('heading', { name: 'Recover from a backup file' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose the backup file…' })).toBeVisible();
});

test('Settings > Backup offers Recover from a backup file… with cloud backup on too', async ({ page, context, emulators }) => {
  test.setTimeout(90_000);
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(harness.url);
    await add(page, 'Here', HERE);
    await turnOnBackup(page, context);
    const backup = page.getByRole('region', { name: 'Backup' });
    await backup.getByRole('button', { name: 'Recover from a backup file…' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'backup-on-recover-from-file', { fullPage: false });
    await backup.getByRole('button', { name: 'Recover from a backup file…' }).click();
    await expect(page.getByRole('heading', { name: 'This PC already has accounts' })).toBeVisible();
  } finally {
    await harness.stop();
  }
});

test('the import preview names the format apart from its sentence', async ({ page, harness }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'import-links-')), 'links.txt');
  writeFileSync(file, SECRETS.map((s, i) => `otpauth://totp/Site${i}:alice?secret=${s}&issuer=Site${i}`).join('\n'));
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Import' });
  await section.getByLabel('Export file to import').setInputFiles(file);
  await expect(section.getByText('Format: List of otpauth:// links')).toBeVisible();
  await expect(section.getByText(/^The file holds 2 accounts\. Tick the ones to import/)).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'import-preview-links', { fullPage: false });
});

async function accountIssuers(page: Page): Promise<string[]> {
  const listed = await callContract(page, 'listAccounts', {});
  if (!listed.ok) throw new Error('listing failed');
  return listed.value.map((a) => a.issuer);
}
