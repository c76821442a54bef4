import type { RunningEmulators } from '../../emulators/index.js';
import { expect, startHarness, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { ALICE, BACKUP_PASSWORD, cloudArgs, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import { openBackup } from '../../main/core/backup/backup-envelope.js';
import { decodePayload } from '../../main/core/backup/backup-payload.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';

// Cloud backup end to end: the harness with --cloud emulated (real MSAL, real Graph client) against the local
// emulators of Microsoft's sign-in and OneDrive; the "system browser" is a new tab of this browser.

const link = (issuer: string, secret: string) => `otpauth://totp/${issuer}:me@example.com?secret=${secret}&issuer=${issuer}`;

async function cloudIssuers(emulators: RunningEmulators): Promise<string[]> {
  const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
  if (!file) return [];
  return decodePayload((await openBackup(file.bytes, { password: BACKUP_PASSWORD })).payload).accounts.map((a) => a.issuer);
}

test('backup: turn on, changes follow, network down is reported with a red dot, and it recovers', async ({ page, context, emulators }) => {
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await harness.cli('add', link('GitHub', 'JBSWY3DPEHPK3PXP'));
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await screenshot(page, 'backup-off');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await turnOnBackup(page, context);
    await expect(page.getByText(`${ALICE.displayName} · ${ALICE.username}`)).toBeVisible();
    await screenshot(page, 'backup-up-to-date');
    expect(await cloudIssuers(emulators)).toEqual(['GitHub']);
    const bytes = (await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME))!.bytes.toString('latin1');
    expect(bytes).not.toContain('GitHub');
    expect(bytes).not.toContain('JBSWY3DPEHPK3PXP');

    // A change made anywhere (here: the command-line tool) is backed up by itself.
    await harness.cli('add', link('Contoso', 'GEZDGNBVGY3TQOJQ'));
    await expect.poll(() => cloudIssuers(emulators), { timeout: 15_000 }).toEqual(['GitHub', 'Contoso']);

    // The network goes down: the page says so and the Settings button carries a red dot; nothing local is lost.
    await emulators.control.addFault({ target: 'all', reset: true, count: -1 });
    await harness.cli('add', link('Offline', 'MFRGGZDFMZTWQ2LK'));
    await expect(page.getByText('Out of date', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'OneDrive could not be reached' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Settings' })).toHaveAccessibleDescription('Backup out of date');
    await screenshot(page, 'backup-out-of-date');

    await emulators.control.clearFaults();
    await page.getByRole('button', { name: 'Try again now' }).click();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.red-dot')).toHaveCount(0);
    expect(await cloudIssuers(emulators)).toEqual(['GitHub', 'Contoso', 'Offline']);
  } finally {
    await harness.stop();
  }
});

test('backup: an expired sign-in asks to sign in again; after signing in the dot goes away', async ({ page, context, emulators }) => {
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(harness.url);
    await turnOnBackup(page, context);
    await emulators.control.expireAccessTokens(ALICE.username);
    await emulators.control.revokeRefreshTokens(ALICE.username);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /Sign in to your recovery account .*again/ })).toBeVisible();
    await expect(page.locator('.red-dot')).toHaveCount(1);
    await screenshot(page, 'backup-sign-in-required');
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in to the recovery account' }).click(), ALICE);
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible();
    await expect(page.locator('.red-dot')).toHaveCount(0);

    // Turning off asks whether to delete the cloud copy; by default it stays.
    await page.getByRole('button', { name: 'Turn off backup' }).click();
    await screenshot(page, 'backup-turn-off');
    await page.getByLabel(/Also delete the backup from OneDrive/).check();
    await page.getByRole('button', { name: 'Turn off backup' }).click();
    await expect(page.getByRole('button', { name: 'Turn on cloud backup' })).toBeVisible();
    expect(await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME)).toBeNull();
  } finally {
    await harness.stop();
  }
});

test('backup: a backup deleted from OneDrive is reported, not quietly rewritten; "Make a new backup now" writes one', async ({ page, context, emulators }) => {
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await harness.cli('add', link('GitHub', 'JBSWY3DPEHPK3PXP'));
    await page.goto(harness.url);
    await turnOnBackup(page, context);
    expect(await emulators.control.deleteFile(ALICE.username, BACKUP_FILE_NAME)).toBe(true);

    await harness.cli('add', link('Contoso', 'GEZDGNBVGY3TQOJQ'));
    await expect(page.getByRole('alert').filter({ hasText: 'Your backup in OneDrive no longer exists' })).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.red-dot')).toHaveCount(1);
    await screenshot(page, 'backup-deleted');
    expect(await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME)).toBeNull();

    await page.getByRole('button', { name: 'Make a new backup now' }).click();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible();
    await expect(page.locator('.red-dot')).toHaveCount(0);
    expect(await cloudIssuers(emulators)).toEqual(['GitHub', 'Contoso']);
  } finally {
    await harness.stop();
  }
});

test('backup: OneDrive asking to wait (429, Retry-After 120 s) is said at once, with the next try and a red dot; "Try again now" gets past it', async ({ page, context, emulators }) => {
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await harness.cli('add', link('GitHub', 'JBSWY3DPEHPK3PXP'));
    await page.goto(harness.url);
    await turnOnBackup(page, context);
    await emulators.control.addFault({ target: 'graph', method: 'PUT', status: 429, retryAfterSeconds: 120, count: 1 });
    await harness.cli('add', link('Contoso', 'GEZDGNBVGY3TQOJQ'));
    // Within seconds, not after Retry-After: out of date, why, and when the app tries again.
    const problem = page.getByRole('alert').filter({ hasText: 'OneDrive asked the app to wait' });
    await expect(problem).toBeVisible({ timeout: 10_000 });
    await expect(problem).toContainText(/tries again by itself today at/);
    await expect(page.getByText('Out of date', { exact: true })).toBeVisible();
    await expect(page.locator('.red-dot')).toHaveCount(1);
    await screenshot(page, 'backup-throttled');
    expect(await cloudIssuers(emulators)).toEqual(['GitHub']);

    await page.getByRole('button', { name: 'Try again now' }).click();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.red-dot')).toHaveCount(0);
    expect(await cloudIssuers(emulators)).toEqual(['GitHub', 'Contoso']);
  } finally {
    await harness.stop();
  }
});
