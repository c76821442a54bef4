import { promises as fs } from 'node:fs';
import { ALICE, BACKUP_PASSWORD, cloudArgs, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import { callContract, expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PASSWORD = 'correct horse battery staple';

test('forgot the lock password with backup on: this PC’s data is set aside after a confirmation, and Begin recovery brings the accounts back', async ({
  page,
  context,
  emulators,
}) => {
  test.setTimeout(150_000);
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
    await page.goto(harness.url);
    await turnOnBackup(page, context);
    expect((await callContract(page, 'turnOnAppLock', { password: PASSWORD })).ok).toBe(true);
    expect((await callContract(page, 'lockApp', {})).ok).toBe(true);

    const lockScreen = page.getByRole('region', { name: 'Authenticator is locked' });
    await lockScreen.getByRole('button', { name: 'Forgot the password?' }).click();
    const forgot = lockScreen.getByRole('region', { name: 'Forgot the password' });
    await expect(forgot).toContainText(`backed up to ${ALICE.username}`);
    await forgot.getByRole('button', { name: 'Remove this PC’s data…' }).click();
    const confirm = forgot.getByRole('alertdialog', { name: 'Remove this PC’s accounts and settings?' });
    await expect(confirm).toContainText('anything changed since the last backup');
    await expect(confirm).toContainText('set aside under a new name');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `lock-screen-forgot-backup-${theme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await confirm.getByRole('button', { name: 'Remove and begin recovery' }).click();

    // The locked file is kept aside, and recovery starts.
    await expect.poll(async () => (await fs.readdir(harness.dataDir)).filter((name) => name.startsWith('vault.unreadable-'))).toHaveLength(1);
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
    await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    await page.getByRole('button', { name: /Restore 1 account/ }).click();
    await expect(page.getByText(/1 account was restored|restored/)).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
    const tile = page.getByRole('button', { name: /Copy code for GitHub, alice/ });
    await expect(tile).toBeVisible();
    await expectOathtoolCode(tile.locator('.tile-code'), SECRET);
    expect(await callContract(page, 'getLockStatus', {})).toMatchObject({ ok: true, value: { on: false, locked: false } });
  } finally {
    await harness.stop();
  }
});
