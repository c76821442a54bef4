import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { cloudArgs } from '../cloud-helpers.js';
import { callContract, expect, startHarness, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const FILE_PASSWORD = 'plum tractor winter lantern';
const LOCK_PASSWORD = 'correct horse battery staple';

// The app lock is per PC: no backup carries it. After a recovery, the Done step says that it is off here and offers
// the way to the setting; where it is already on (a merge into a locked PC), it says nothing of it.

test('after a recovery from a backup file, Done says the app lock is off on this PC and its button opens the setting', async ({ page, emulators }) => {
  test.setTimeout(120_000);
  // The old PC: one account, the lock on there (it stays there), a backup file saved.
  const old = await startHarness();
  let file: string;
  try {
    expect((await old.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
    const oldPage = await page.context().browser()!.newPage();
    await oldPage.goto(old.url);
    expect((await callContract(oldPage, 'turnOnAppLock', { password: LOCK_PASSWORD })).ok).toBe(true);
    const saved = await callContract(oldPage, 'exportAccounts', { format: 'backup', password: FILE_PASSWORD });
    if (!saved.ok || saved.value.outcome !== 'saved') throw new Error(`the backup file was not saved: ${JSON.stringify(saved)}`);
    file = saved.value.path;
    await oldPage.close();
  } finally {
    await old.stop();
  }

  // The new PC, its copy of the app able to back up to the cloud (backup not turned on): recover from the file.
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Begin recovery' }).click();
    await page.getByLabel('Backup file to recover from').setInputFiles(file);
    await page.getByRole('textbox', { name: 'Backup password' }).fill(FILE_PASSWORD);
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    await page.getByRole('button', { name: 'Restore 1 account' }).click({ timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Recovery complete' })).toBeVisible({ timeout: 30_000 });

    // A restore from a file leaves backup as it was (off here), and the Done step says so rather than that it is on.
    await expect(page.getByText('1 account was restored.')).toContainText('Backup is off on this PC: turn it on in Settings > Backup');
    await expect(page.getByText('1 account was restored.')).not.toContainText('Backup is on');
    const lockNote = page.getByRole('region', { name: 'App lock' });
    await expect(lockNote).toContainText('The app lock is off on this PC. It is set on each PC, so no backup brings it back');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `recovery-done-app-lock-off-${theme}`);
    }
    await expectNoSeriousViolationsLightAndDark(page, 'recovery done, app lock off');
    await lockNote.getByRole('button', { name: 'Turn on app lock…' }).click();

    // Settings, at the App lock, the focus on its button; turned on there, a new recovery's Done would not say it.
    const lockGroup = page.getByRole('group', { name: 'App lock' });
    await expect(lockGroup.getByRole('button', { name: 'Turn on app lock…' })).toBeFocused();
    await expect(lockGroup).toBeInViewport();
    expect(await callContract(page, 'getLockStatus', {})).toMatchObject({ ok: true, value: { on: false } });
  } finally {
    await harness.stop();
  }
});

test('a recovery into a PC whose app lock is on says nothing of the lock', async ({ page, harness, browser }) => {
  test.setTimeout(120_000);
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  await page.goto(harness.url);
  const saved = await callContract(page, 'exportAccounts', { format: 'backup', password: FILE_PASSWORD });
  if (!saved.ok || saved.value.outcome !== 'saved') throw new Error(`the backup file was not saved: ${JSON.stringify(saved)}`);

  // A new PC whose owner turned the lock on before recovering.
  const second = await startHarness();
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto(second.url);
    expect(await callContract(other, 'turnOnAppLock', { password: LOCK_PASSWORD })).toMatchObject({ ok: true, value: { on: true } });
    await other.getByRole('button', { name: 'Begin recovery' }).click();
    await other.getByLabel('Backup file to recover from').setInputFiles(saved.value.path);
    await other.getByRole('textbox', { name: 'Backup password' }).fill(FILE_PASSWORD);
    await other.getByRole('button', { name: 'Unlock backup' }).click();
    await other.getByRole('button', { name: 'Restore 1 account' }).click({ timeout: 30_000 });
    await expect(other.getByRole('heading', { name: 'Recovery complete' })).toBeVisible({ timeout: 30_000 });
    await expect(other.getByRole('button', { name: 'Done' })).toBeVisible();
    await expect(other.getByRole('region', { name: 'App lock' })).toHaveCount(0);
    // This copy of the app has no cloud backup configured: the Done step says nothing of backup.
    await expect(other.getByText('1 account was restored.')).toHaveText('1 account was restored.');
  } finally {
    await context.close();
    await second.stop();
  }
});
