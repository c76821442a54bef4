import { promises as fs } from 'node:fs';
import { ALICE, BACKUP_PASSWORD, cloudArgs, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import path from 'node:path';
import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
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

test('forgot the lock password without backup: “Start over on this PC” after a typed confirmation sets the locked file aside unchanged, and the app opens empty saying where it went', async ({
  page,
  harness,
}) => {
  test.setTimeout(90_000);
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  await page.goto(harness.url);
  expect((await callContract(page, 'turnOnAppLock', { password: PASSWORD })).ok).toBe(true);
  // A write under the lock, so that the previous generation is a locked file too.
  expect((await callContract(page, 'addAccountsFromUri', { uri: 'otpauth://totp/Shop:dave?secret=GEZDGNBVGY3TQOJQ&issuer=Shop' })).ok).toBe(true);
  expect((await callContract(page, 'lockApp', {})).ok).toBe(true);
  const before = await fs.readFile(path.join(harness.dataDir, 'vault.json'));

  const lockScreen = page.getByRole('region', { name: 'Authenticator is locked' });
  await lockScreen.getByRole('button', { name: 'Forgot the password?' }).click();
  const forgot = lockScreen.getByRole('region', { name: 'Forgot the password' });
  await expect(forgot).toContainText('there is no copy to recover them from');
  await forgot.getByRole('button', { name: 'Start over on this PC…' }).click();
  const confirm = forgot.getByRole('alertdialog', { name: 'Start over on this PC?' });
  await expect(confirm).toContainText('cannot be opened without the lock password');
  await expect(confirm).toContainText('set aside under a new name in the same folder');
  // The button waits for the words typed, exactly (case and surrounding spaces aside).
  const words = confirm.getByLabel('Type “start over” to confirm');
  await expect(words).toBeFocused();
  const startOver = confirm.getByRole('button', { name: 'Start over' });
  await expect(startOver).toBeDisabled();
  await words.fill('start');
  await expect(startOver).toBeDisabled();
  await words.fill(' Start Over ');
  await expect(startOver).toBeEnabled();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `lock-screen-start-over-${theme}`);
  }
  await expectNoSeriousViolationsLightAndDark(page, 'starting over on the lock screen');
  await startOver.click();

  // The app opens empty, the lock off, and says where the locked file went; the file is the same bytes.
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  const notice = page.getByRole('status').filter({ hasText: 'Your previous accounts file was kept as' });
  await expect(notice).toContainText('the lock password you forgot');
  const kept = (await fs.readdir(harness.dataDir)).filter((name) => name.startsWith('vault.unreadable-'));
  expect(kept).toHaveLength(1);
  await expect(notice).toContainText(path.join(harness.dataDir, kept[0]!));
  expect(await fs.readFile(path.join(harness.dataDir, kept[0]!))).toEqual(before);
  expect((await fs.readdir(harness.dataDir)).filter((name) => name.startsWith('vault.previous.unreadable-'))).toHaveLength(1);
  expect(await callContract(page, 'getLockStatus', {})).toMatchObject({ ok: true, value: { on: false, locked: false } });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `started-over-notice-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});
