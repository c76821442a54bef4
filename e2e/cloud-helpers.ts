import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { EmulatorConfig, RunningEmulators } from '../emulators/index.js';
import { BACKUP_FILE_NAME } from '../main/core/backup/backup-service.js';
import { ALICE, expect, startHarness } from './harness-fixture.js';
import { screenshot } from './screenshot.js';

// Shared by the cloud specs: the harness's arguments for the emulators, and the browser steps of signing in and
// turning backup on. The emulators themselves are the `emulators` fixture (harness-fixture.ts), which starts each
// test with ALICE as their only account.

export { ALICE };
export const BACKUP_PASSWORD = 'plum tractor winter lantern';

/** The harness's arguments for the cloud of these emulators (`--emulators`: they are shared, so PCs share ALICE). */
export const cloudArgs = (emulators: Pick<EmulatorConfig, 'controlUrl'>) => ['--cloud', 'emulated', '--emulators', emulators.controlUrl];

/** Signs in on the emulator's page, in the tab the app opened as its system browser. */
export async function signInInNewTab(context: BrowserContext, click: () => Promise<void>, user: { username: string; password: string }): Promise<void> {
  const [tab] = await Promise.all([context.waitForEvent('page'), click()]);
  await tab.getByLabel('Email, phone, or Skype').fill(user.username);
  await tab.getByLabel('Password').fill(user.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await tab.close();
}

export async function turnOnBackup(page: Page, context: BrowserContext): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Turn on cloud backup' }).click();
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
  await expect(page.getByText(`Signed in as ${ALICE.username}`)).toBeVisible();
  await page.getByLabel('Backup password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await page.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await page.getByLabel('Type it again').fill(BACKUP_PASSWORD);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await screenshot(page, 'backup-set-password');
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  await expect(page.getByText(/Up to date · last backup today/)).toBeVisible();
}


/**
 * PC 1 makes a backup and goes away: a harness of its own on these emulators adds the accounts of `adds` (each the
 * arguments of one `add` of the command-line tool), turns backup on as ALICE in a browser context of its own, and
 * stops. Returns the bytes of the backup it made, for tests to put back into ALICE's OneDrive.
 */
export async function backupMadeByAnotherPc(browser: Browser, emulators: RunningEmulators, adds: string[][]): Promise<Buffer> {
  const pc1 = await startHarness(undefined, cloudArgs(emulators));
  const context = await browser.newContext();
  try {
    for (const args of adds) expect((await pc1.cli('add', ...args)).code).toBe(0);
    const page = await context.newPage();
    await page.goto(pc1.url);
    await turnOnBackup(page, context);
    return (await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME))!.bytes;
  } finally {
    await context.close();
    await pc1.stop();
  }
}
