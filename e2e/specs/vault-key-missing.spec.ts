import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ALICE, BACKUP_PASSWORD, cloudArgs, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import { expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { KEYCHAIN_SERVICE } from '../../main/core/keystore/key-store.js';
import { osKeychainKeyStore } from '../../main/core/keystore/os-keychain-key-store.js';

// The keychain lost the vault's key (reset, or the data folder copied from another PC): the page must not be a dead
// end. It offers "Begin recovery" (from the cloud backup) and "Start over" (the unreadable file set aside, never
// deleted), and Settings still opens.

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const FABRIKAM = 'otpauth://totp/Fabrikam:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Fabrikam';
const NEW_ONE = 'otpauth://totp/Example:new@example.com?secret=MFRGGZDFMZTWQ2LK&issuer=Example';

/**
 * A keychain reset: every key the app filed is gone (the vault key, the backup key, the token cache key). The specs
 * run one at a time (workers: 1) in a throw-away keyring, so no other test's keys are lost with them.
 */
async function resetKeychain(): Promise<void> {
  const store = osKeychainKeyStore(KEYCHAIN_SERVICE);
  const credentials = await store.findCredentials();
  expect(credentials.length).toBeGreaterThan(0);
  for (const { account } of credentials) await store.deletePassword(account);
}

const setAsideFiles = async (dataDir: string) => (await fs.readdir(dataDir)).filter((name) => name.includes('.unreadable-')).sort();

async function expectKeyMissingPage(page: Page, dataDir: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'The key to your accounts is missing' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(path.join(dataDir, 'vault.json'));
  await expect(page.getByRole('button', { name: 'Begin recovery' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start over…' })).toBeVisible();
}

test('vault key missing: Settings opens; Start over keeps the unreadable file byte for byte, and adding an account works', async ({ page, emulators }) => {
  const before = await startHarness(undefined, cloudArgs(emulators));
  const { dataDir } = before;
  try {
    expect((await before.cli('add', GITHUB)).code).toBe(0);
    expect((await before.cli('add', FABRIKAM)).code).toBe(0);
  } finally {
    await before.stop();
  }
  const vault = await fs.readFile(path.join(dataDir, 'vault.json'));
  const previous = await fs.readFile(path.join(dataDir, 'vault.previous.json'));
  await resetKeychain();

  const harness = await startHarness(dataDir, cloudArgs(emulators));
  try {
    await page.goto(harness.url);
    await expectKeyMissingPage(page, dataDir);
    await screenshot(page, 'vault-key-missing');

    // Settings opens (it was a dead button here), and Back returns to the problem.
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Turn on cloud backup' })).toBeVisible();
    await screenshot(page, 'vault-key-missing-settings');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expectKeyMissingPage(page, dataDir);

    // Start over asks first, saying what happens to the file; "Keep it" changes nothing.
    await page.getByRole('button', { name: 'Start over…' }).click();
    await expect(page.getByText(/set aside under a new name in the same folder/)).toBeVisible();
    await screenshot(page, 'vault-key-missing-start-over');
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await fs.readFile(path.join(dataDir, 'vault.json'))).toEqual(vault);
    await page.getByRole('button', { name: 'Start over…' }).click();
    await page.getByRole('button', { name: 'Set it aside and start over' }).click();

    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    const kept = await setAsideFiles(dataDir);
    expect(kept).toEqual([expect.stringMatching(/^vault\.previous\.unreadable-.+\.json$/), expect.stringMatching(/^vault\.unreadable-.+\.json$/)]);
    expect(await fs.readFile(path.join(dataDir, kept[1]!))).toEqual(vault);
    expect(await fs.readFile(path.join(dataDir, kept[0]!))).toEqual(previous);
    await expect(page.getByRole('status').filter({ hasText: 'kept as' })).toContainText(path.join(dataDir, kept[1]!));
    await screenshot(page, 'vault-key-missing-started-over');

    // Adding an account works again, in a new vault; the file set aside stays as it was.
    await page.getByRole('button', { name: 'Add account' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByRole('tab', { name: 'Paste link' }).click();
    await dialog.getByLabel('Setup link').fill(NEW_ONE);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(1);
    await expectOathtoolCode(page.locator('.tile-code').first(), 'MFRGGZDFMZTWQ2LK');
    expect((JSON.parse((await harness.cli('list', '--json')).stdout) as { issuer: string }[]).map((a) => a.issuer)).toEqual(['Example']);
    expect(await fs.readFile(path.join(dataDir, kept[1]!))).toEqual(vault);
  } finally {
    await harness.stop();
  }
});

test('vault key missing: Begin recovery restores the backup and sets the unreadable file aside', async ({ page, context, emulators }) => {
  const before = await startHarness(undefined, cloudArgs(emulators));
  const { dataDir } = before;
  try {
    expect((await before.cli('add', GITHUB)).code).toBe(0);
    expect((await before.cli('add', FABRIKAM)).code).toBe(0);
    await page.goto(before.url);
    await turnOnBackup(page, context);
  } finally {
    await before.stop();
  }
  const vault = await fs.readFile(path.join(dataDir, 'vault.json'));
  await resetKeychain();

  const harness = await startHarness(dataDir, cloudArgs(emulators));
  try {
    await page.goto(harness.url);
    await expectKeyMissingPage(page, dataDir);
    await page.getByRole('button', { name: 'Begin recovery' }).click();
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
    await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    await expect(page.getByText(/cannot be opened on this PC/)).toContainText(path.join(dataDir, 'vault.json'));
    await screenshot(page, 'vault-key-missing-recovery-preview');
    expect(await fs.readFile(path.join(dataDir, 'vault.json'))).toEqual(vault); // nothing written before Restore
    await page.getByRole('button', { name: 'Restore 2 accounts' }).click();
    await expect(page.getByText(/2 accounts were restored/)).toBeVisible();
    const kept = await setAsideFiles(dataDir);
    expect(kept).toHaveLength(2);
    await expect(page.getByText(/kept as/)).toContainText(path.join(dataDir, kept[1]!));
    await screenshot(page, 'vault-key-missing-recovery-done');
    expect(await fs.readFile(path.join(dataDir, kept[1]!))).toEqual(vault);
    await page.getByRole('button', { name: 'Done' }).click();

    const tiles = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
    await expect(tiles).toHaveCount(2);
    await expect(tiles.first()).toContainText('GitHub');
    await expectOathtoolCode(page.locator('.tile-code').first(), 'JBSWY3DPEHPK3PXP');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 15_000 });
  } finally {
    await harness.stop();
  }
});
