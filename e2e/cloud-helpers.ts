import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { EmulatorControl } from './emulators/index.js';
import { callContract, expect, type Harness } from './harness-fixture.js';
import { screenshot } from './screenshot.js';
import { BACKUP_FILE_NAME } from '../main/core/backup/backup-service.js';

// Shared by the cloud specs: the emulated recovery accounts, the browser steps of signing in and turning backup on,
// and what an abandoned flow must leave as it was.

export const ALICE = { username: 'alice@outlook.com', password: 'alice-password', displayName: 'Alice' };
/** Another personal Microsoft account: the wrong one to sign in with. */
export const BOB = { username: 'bob@outlook.com', password: 'bob-password', displayName: 'Bob' };
export const BACKUP_PASSWORD = 'plum tractor winter lantern';

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
  await tab.getByRole('button', { name: button }).click();
  await tab.waitForLoadState();
  await tab.close();
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
  await page.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await page.getByLabel('Type it again').fill(BACKUP_PASSWORD);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await screenshot(page, 'backup-set-password');
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  await expect(page.getByText(/Up to date · last backup today/)).toBeVisible();
}

/** A second PC joins the backup another PC made: it unlocks the existing backup with its password. */
export async function joinBackup(page: Page, context: BrowserContext): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await signInToTurnOn(page, context);
  await expect(page.getByRole('heading', { name: 'Unlock your existing backup' })).toBeVisible();
  await page.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  await expect(page.getByText(/Up to date · last backup today/)).toBeVisible();
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
