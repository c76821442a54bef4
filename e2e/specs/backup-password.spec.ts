import type { Page } from '@playwright/test';
import type { RunningEmulators } from '../../emulators/index.js';
import { expect, startHarness, test, type Harness } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { ALICE, BACKUP_PASSWORD, cloudArgs, joinBackup, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import { openBackup } from '../../main/core/backup/backup-envelope.js';
import { decodePayload } from '../../main/core/backup/backup-payload.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';

// A backup password change with two PCs on one recovery account (two harnesses on one set of emulators): it holds on
// every PC, the old password opens nothing written after it, and every way out of the change leaves things as they were.

const NEW_PASSWORD = 'violet harbour cactus meadow';
const link = (issuer: string, secret: string) => `otpauth://totp/${issuer}:me@example.com?secret=${secret}&issuer=${issuer}`;
type Pc = Harness & { stop(): Promise<void> };

const startPc = (emulators: RunningEmulators) => startHarness(undefined, cloudArgs(emulators));

async function cloudBytes(emulators: RunningEmulators): Promise<Buffer> {
  const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
  if (!file) throw new Error('no backup in the emulated OneDrive');
  return file.bytes;
}

/** The issuers in the cloud copy, opened with `password`; the error kind when it does not open. */
async function cloudIssuers(emulators: RunningEmulators, password: string): Promise<string[] | string> {
  try {
    return decodePayload((await openBackup(await cloudBytes(emulators), { password })).payload)
      .accounts.map((a) => a.issuer)
      .sort();
  } catch (error) {
    return (error as { kind?: string }).kind ?? 'error';
  }
}

async function openChangePassword(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Change backup password' }).click();
  await expect(page.getByRole('heading', { name: 'Change backup password' })).toBeVisible();
}

async function fillChange(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel('Current backup password').fill(current);
  await page.getByLabel('New backup password', { exact: true }).fill(next);
  await page.getByLabel('Type it again').fill(next);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
}

test.setTimeout(240_000);

test('password change: every way out changes nothing; the change holds on the other PC, which asks for the new one; a third PC restores with it', async ({ browser, emulators }) => {
  const pc1: Pc = await startPc(emulators);
  const pc2: Pc = await startPc(emulators);
  const context1 = await browser.newContext();
  const context2 = await browser.newContext();
  try {
    await pc1.cli('add', link('GitHub', 'JBSWY3DPEHPK3PXP'));
    await pc2.cli('add', link('Contoso', 'GEZDGNBVGY3TQOJQ'));
    const page1 = await context1.newPage();
    await page1.goto(pc1.url);
    await turnOnBackup(page1, context1);
    const page2 = await context2.newPage();
    await page2.goto(pc2.url);
    await joinBackup(page2, context2);
    expect(await cloudIssuers(emulators, BACKUP_PASSWORD)).toEqual(['Contoso', 'GitHub']);
    const joined = await cloudBytes(emulators);

    // Cancel: nothing changes.
    await openChangePassword(page1);
    await fillChange(page1, BACKUP_PASSWORD, NEW_PASSWORD);
    await page1.getByRole('button', { name: 'Cancel' }).click();
    expect((await cloudBytes(emulators)).equals(joined)).toBe(true);

    // A wrong current password: refused, nothing changes.
    await openChangePassword(page1);
    await fillChange(page1, 'not the current password', NEW_PASSWORD);
    await page1.getByRole('button', { name: 'Change password' }).click();
    await expect(page1.getByRole('alert').filter({ hasText: 'The current backup password is not right' })).toBeVisible();
    expect((await cloudBytes(emulators)).equals(joined)).toBe(true);

    // The network down: refused with the reason, nothing changes, the old password still opens the backup.
    await emulators.control.addFault({ target: 'all', reset: true, count: -1 });
    await page1.getByLabel('Current backup password').fill(BACKUP_PASSWORD);
    await page1.getByRole('button', { name: 'Change password' }).click();
    await expect(page1.getByRole('alert').filter({ hasText: 'OneDrive could not be reached' })).toBeVisible({ timeout: 30_000 });
    await emulators.control.clearFaults();
    expect((await cloudBytes(emulators)).equals(joined)).toBe(true);
    await screenshot(page1, 'backup-change-password-failed');

    // The change itself.
    await page1.getByRole('button', { name: 'Change password' }).click();
    await expect(page1.getByRole('heading', { name: 'Change backup password' })).toBeHidden({ timeout: 30_000 });
    await expect(page1.getByText(/Up to date · last backup today/)).toBeVisible();
    await expect(page1.getByRole('status').filter({ hasText: 'Backup password changed. Your other PCs ask for the new one' })).toBeVisible();
    expect(await cloudIssuers(emulators, NEW_PASSWORD)).toEqual(['Contoso', 'GitHub']);
    expect(await cloudIssuers(emulators, BACKUP_PASSWORD)).toBe('wrongPassword');
    const changed = await cloudBytes(emulators);

    // PC 2 keeps working: its change is not written under the old password; it says why and asks for the new one.
    await pc2.cli('rename', JSON.parse((await pc2.cli('list', '--json')).stdout)[0].id, '--issuer', 'Contoso Bank');
    await expect(page2.getByRole('alert').filter({ hasText: 'The backup password was changed on another PC' })).toBeVisible({ timeout: 15_000 });
    await expect(page2.locator('.red-dot')).toHaveCount(1);
    await screenshot(page2, 'backup-password-changed-elsewhere');
    // Nothing else can be done meanwhile: no Back up now, no Change backup password beside the one way on.
    await expect(page2.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
    await expect(page2.getByRole('button', { name: 'Change backup password' })).toHaveCount(0);
    expect((await cloudBytes(emulators)).equals(changed)).toBe(true);
    await page2.getByLabel('Backup password set on the other PC').fill(BACKUP_PASSWORD);
    await page2.getByRole('button', { name: 'Continue backing up' }).click();
    await expect(page2.locator('.form-error').filter({ hasText: 'The backup password is not right' })).toBeVisible();
    expect((await cloudBytes(emulators)).equals(changed)).toBe(true);
    await page2.getByLabel('Backup password set on the other PC').fill(NEW_PASSWORD);
    await page2.getByRole('button', { name: 'Continue backing up' }).click();
    await expect(page2.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 15_000 });
    await expect(page2.locator('.red-dot')).toHaveCount(0);
    expect(await cloudIssuers(emulators, NEW_PASSWORD)).toEqual(['Contoso Bank', 'GitHub']);
    expect(await cloudIssuers(emulators, BACKUP_PASSWORD)).toBe('wrongPassword');

    // PC 1 writes again: still the new password.
    await pc1.cli('add', link('Fabrikam', 'MFRGGZDFMZTWQ2LK'));
    await expect.poll(() => cloudIssuers(emulators, NEW_PASSWORD), { timeout: 15_000 }).toEqual(['Contoso Bank', 'Fabrikam', 'GitHub']);
  } finally {
    await context1.close();
    await context2.close();
    await pc1.stop();
    await pc2.stop();
  }

  // A third PC restores with the new password only.
  const pc3: Pc = await startPc(emulators);
  const context3 = await browser.newContext();
  try {
    const page3 = await context3.newPage();
    await page3.goto(pc3.url);
    await page3.getByRole('button', { name: 'Begin recovery' }).click();
    await signInInNewTab(context3, () => page3.getByRole('button', { name: 'Sign in' }).click(), ALICE);
    await page3.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
    await page3.getByRole('button', { name: 'Unlock backup' }).click();
    await expect(page3.getByRole('alert').filter({ hasText: 'The backup password is not right' })).toBeVisible();
    await page3.getByRole('textbox', { name: 'Backup password' }).fill(NEW_PASSWORD);
    await page3.getByRole('button', { name: 'Unlock backup' }).click();
    await page3.getByRole('button', { name: 'Restore 3 accounts' }).click();
    await expect(page3.getByText('3 accounts were restored')).toBeVisible();
    const restored = JSON.parse((await pc3.cli('list', '--json')).stdout) as { issuer: string }[];
    expect(restored.map((a) => a.issuer).sort()).toEqual(['Contoso Bank', 'Fabrikam', 'GitHub']);
  } finally {
    await context3.close();
    await pc3.stop();
  }
});
