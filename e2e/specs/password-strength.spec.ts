import { cloudArgs, signInToTurnOn, WEAK_PASSWORD } from '../cloud-helpers.js';
import { ALICE, callContract, expect, startHarness, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';
import { passwordStrength, weakPasswordMessage } from '../../shared/password-strength.js';

// The strength of a new backup password is decided in main: a page that skips its own check (a compromised or
// outdated window) still cannot set a weak one. The window shows the same reason and suggestion as it is typed.

test('a weak backup password is refused by main even when the page skips its own check; the form says why as it is typed', async ({ page, context, emulators }) => {
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await signInToTurnOn(page, context);

    const message = weakPasswordMessage(passwordStrength(WEAK_PASSWORD));
    for (const password of [WEAK_PASSWORD, 'qwertyuiop', 'aaaaaaaaaaaaaaaa']) {
      const result = await callContract(page, 'turnOnBackup', { password });
      expect(result.ok ? 'backup turned on' : result.error, password).toEqual({ kind: 'weakPassword', field: 'password', message: weakPasswordMessage(passwordStrength(password)) });
    }
    expect(await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME)).toBeNull();

    // The form, as a person sees it: the reason and a suggestion under the field while typing, the meter below Strong.
    await page.getByLabel('Backup password', { exact: true }).fill(WEAK_PASSWORD);
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByText(/^Strength: (Very weak|Weak|Fair)$/)).toBeVisible();
    await screenshot(page, 'backup-weak-password-typing');
    await page.getByLabel('Type it again').fill(WEAK_PASSWORD);
    await page.getByRole('button', { name: 'Turn on backup' }).click();
    await expect(page.locator('.field-error').filter({ hasText: message })).toBeVisible();
    await screenshot(page, 'backup-weak-password');
    expect(await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME)).toBeNull();
  } finally {
    await harness.stop();
  }
});
