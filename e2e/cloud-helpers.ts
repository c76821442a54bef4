import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { EmulatorConfig, EmulatorControl, RunningEmulators } from '../emulators/index.js';
import { BACKUP_FILE_NAME } from '../main/core/backup/backup-service.js';
import { passwordStrength, weakPasswordMessage } from '../shared/password-strength.js';
import { ALICE, callContract, expect, startHarness, type Harness } from './harness-fixture.js';
import { screenshot } from './screenshot.js';

// Shared by the cloud specs: the harness's arguments for the emulators, and the browser steps of signing in and
// turning backup on. The emulators themselves are the `emulators` fixture (harness-fixture.ts), which starts each
// test with ALICE as their only account.

export { ALICE };
/** Another personal Microsoft account: the wrong one to sign in with. */
export const BOB = { username: 'bob@outlook.com', password: 'bob-password', displayName: 'Bob' };
export const BACKUP_PASSWORD = 'plum tractor winter lantern';
/** At least 8 characters, but a common password: zxcvbn scores it under 3. */
export const WEAK_PASSWORD = 'password1234';

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

/** Fills in the sign-in page in the tab the app opened, and presses `button`, whatever the app makes of it. */
export async function answerSignIn(context: BrowserContext, click: () => Promise<void>, user: { username: string; password: string }, button: 'Sign in' | 'Cancel'): Promise<void> {
  const [tab] = await Promise.all([context.waitForEvent('page'), click()]);
  await tab.getByLabel('Email, phone, or Skype').fill(user.username);
  await tab.getByLabel('Password').fill(user.password);
  await answerReachedTheApp(tab, () => tab.getByRole('button', { name: button }).click());
  await tab.close();
}

/**
 * Presses a button of the sign-in page and waits until its answer (a code, or an error such as access_denied, posted
 * as a form) has reached the app's loopback redirect, another origin: a tab closed before that would leave the app
 * waiting (a person may do so, but that is another test).
 */
export async function answerReachedTheApp(tab: Page, press: () => Promise<void>): Promise<void> {
  const signInPage = new URL(tab.url()).origin;
  await press();
  await tab.waitForURL((url) => url.origin !== signInPage);
  await tab.waitForLoadState();
}

/** From the settings page with backup off: Turn on cloud backup, and sign in as `user`; the password step is next. */
export async function signInToTurnOn(page: Page, context: BrowserContext, user: { username: string; password: string } = ALICE): Promise<void> {
  await page.getByRole('button', { name: 'Turn on cloud backup' }).click();
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), user);
  await expect(page.getByText(`Signed in as ${user.username}`)).toBeVisible();
}

export async function turnOnBackup(page: Page, context: BrowserContext): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await signInToTurnOn(page, context);
  await page.getByLabel('Backup password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  // Long enough but easy to guess: the reason and a suggestion under the field, the same sentence main refuses it with.
  await page.getByLabel('Backup password', { exact: true }).fill(WEAK_PASSWORD);
  await expect(page.locator('.field-error').filter({ hasText: weakPasswordMessage(passwordStrength(WEAK_PASSWORD)) })).toBeVisible();
  await page.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await page.getByLabel('Type it again').fill(BACKUP_PASSWORD);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await screenshot(page, 'backup-set-password');
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  // Main checks the password's strength (zxcvbn loads its dictionaries on first use) and derives the key (scrypt,
  // 128 MiB) before the first upload: seconds on a loaded test machine.
  await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 20_000 });
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

/** A second PC joins the backup another PC made: it unlocks the existing backup with its password. */
export async function joinBackup(page: Page, context: BrowserContext): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await signInToTurnOn(page, context);
  await expect(page.getByRole('heading', { name: 'Unlock your existing backup' })).toBeVisible();
  await page.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  // Opening derives the key (scrypt, 128 MiB), and a key wrapped below today's cost is wrapped again: seconds under load.
  await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 20_000 });
}

/**
 * What an abandoned flow must leave as it was: the vault file byte for byte, what the command-line tool lists, and
 * the backup in `username`'s OneDrive app folder byte for byte (null: none there).
 */
export async function pcAndCloud(pc: Harness, control: EmulatorControl, username = ALICE.username): Promise<{ vault: string; list: unknown; cloud: string | null }> {
  const list = await pc.cli('list', '--json');
  expect(list.code).toBe(0);
  const cloud = await control.readFile(username, BACKUP_FILE_NAME);
  return { vault: (await readFile(path.join(pc.dataDir, 'vault.json'))).toString('base64'), list: JSON.parse(list.stdout), cloud: cloud?.bytes.toString('base64') ?? null };
}

/**
 * Nobody is left signed in to a recovery account on this PC (backup off): turning backup on without signing in first
 * is refused as such. Signed in, the same call would get as far as the backup's password (here a wrong one, so that
 * the probe itself changes nothing either way).
 */
export async function expectNoRecoveryAccountSignedIn(page: Page): Promise<void> {
  const result = await callContract(page, 'turnOnBackup', { password: 'not the backup password at all' });
  expect(result.ok ? 'backup turned on' : result.error.kind).toBe('signInRequired');
}
