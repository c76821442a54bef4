import type { Page } from '@playwright/test';
import { ALICE, BACKUP_PASSWORD, cloudArgs, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import { callContract, expect, startHarness, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { osKeychainKeyStore } from '../../main/core/keystore/os-keychain-key-store.js';
import { Vault } from '../../main/core/vault/vault.js';

// Settings live in the vault; wherever they change (another window, another process, a restore), every open page
// applies them at once, without a reload.

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const clearDelay = (page: Page) => page.getByLabel('Clear copied codes from the clipboard after');
const hideCodes = (page: Page) => page.getByLabel('Hide codes until the pointer or keyboard focus is on them');

/** What a page shows of the settings: the theme on the document, hidden codes on the app, and the settings form. */
async function expectSettingsShown(page: Page, { theme, hidden, delay }: { theme: 'light' | 'dark' | null; hidden: boolean; delay: string }) {
  if (theme) await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  else await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  if (hidden) await expect(page.locator('.app')).toHaveClass(/hide-codes/);
  else await expect(page.locator('.app')).not.toHaveClass(/hide-codes/);
  if (await clearDelay(page).isVisible()) {
    await expect(clearDelay(page)).toHaveValue(delay);
    if (hidden) await expect(hideCodes(page)).toBeChecked();
    else await expect(hideCodes(page)).not.toBeChecked();
  }
}

test('a setting changed in one window reaches another open window, and a change in the vault by another process reaches both', async ({ page, context, harness }) => {
  expect((await harness.cli('add', GITHUB)).code).toBe(0);
  const other = await context.newPage();
  await other.goto(harness.url);
  await other.getByRole('button', { name: 'Settings' }).click();
  await expectSettingsShown(other, { theme: null, hidden: false, delay: '30' });
  await page.goto(harness.url);
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(1);

  // Changed in the other window's settings page: this one (showing tiles) follows.
  await other.getByLabel('Dark').check();
  await hideCodes(other).check();
  await clearDelay(other).selectOption('60');
  await expectSettingsShown(page, { theme: 'dark', hidden: true, delay: '60' });
  await page.getByRole('button', { name: 'Settings' }).click();
  await expectSettingsShown(page, { theme: 'dark', hidden: true, delay: '60' });

  // Changed in the vault by another process (as the command-line tool or a second instance does): both follow.
  await new Vault(harness.dataDir, osKeychainKeyStore()).update((data) => {
    data.settings = { ...data.settings, theme: 'light', hideCodes: false, clipboardClearSeconds: 120 };
    return { data, result: null };
  });
  for (const p of [page, other]) await expectSettingsShown(p, { theme: 'light', hidden: false, delay: '120' });
  await screenshot(other, 'settings-followed-light');
});

test('restored settings apply at once in every open window', async ({ page, context, emulators }) => {

  // The old PC: dark, codes hidden, a 2-minute clipboard delay, backed up.
  const pc1 = await startHarness(undefined, cloudArgs(emulators));
  try {
    expect((await pc1.cli('add', GITHUB)).code).toBe(0);
    await page.goto(pc1.url);
    expect((await callContract(page, 'updateSettings', { theme: 'dark', hideCodes: true, clipboardClearSeconds: 120 })).ok).toBe(true);
    await turnOnBackup(page, context);
  } finally {
    await pc1.stop();
  }

  // The new PC, with a second window open on its tiles while the first restores.
  const pc2 = await startHarness(undefined, cloudArgs(emulators));
  try {
    const other = await context.newPage();
    await other.goto(pc2.url);
    await page.goto(pc2.url);
    await expectSettingsShown(page, { theme: null, hidden: false, delay: '30' });
    await page.getByRole('button', { name: 'Begin recovery' }).click();
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
    await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    await page.getByRole('button', { name: /^Restore 1 accounts?$/ }).click();
    await expect(page.getByText(/1 account was restored/)).toBeVisible();
    for (const p of [page, other]) await expectSettingsShown(p, { theme: 'dark', hidden: true, delay: '120' });
    await screenshot(page, 'recovery-done-settings-applied');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expectSettingsShown(page, { theme: 'dark', hidden: true, delay: '120' });
  } finally {
    await pc2.stop();
  }
});
