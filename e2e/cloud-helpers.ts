import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './harness-fixture.js';
import { screenshot } from './screenshot.js';

// Shared by the cloud specs: the emulated recovery account and the browser steps of signing in and turning backup on.

export const ALICE = { username: 'alice@outlook.com', password: 'alice-password', displayName: 'Alice' };
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

