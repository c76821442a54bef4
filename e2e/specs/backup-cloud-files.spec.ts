import type { RunningEmulators } from '../../emulators/index.js';
import { expect, startHarness, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { ALICE, BACKUP_PASSWORD, cloudArgs, turnOnBackup } from '../cloud-helpers.js';
import { openBackup, readBackupHeader } from '../../main/core/backup/backup-envelope.js';
import { decodePayload } from '../../main/core/backup/backup-payload.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';

// What a cloud file can do to this PC. One made by a newer version of the app: backups pause with the reason and two
// ways out (update the app; or replace the cloud copy with this PC's accounts, after a confirm that says what that
// loses). One too large to be a backup, or asking for a key derivation scrypt refuses: "damaged", nothing written.

const link = (issuer: string, secret: string) => `otpauth://totp/${issuer}:me@example.com?secret=${secret}&issuer=${issuer}`;

async function cloudFile(emulators: RunningEmulators): Promise<Buffer> {
  const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
  if (!file) throw new Error('no backup in the emulated OneDrive');
  return file.bytes;
}

test('backup: a newer version’s backup pauses backups; replacing it needs a confirm and writes this PC’s accounts', async ({ page, context, emulators }) => {
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await harness.cli('add', link('GitHub', 'JBSWY3DPEHPK3PXP'));
    await page.goto(harness.url);
    await turnOnBackup(page, context);

    // Another PC, on a newer version of the app, writes the backup in a format this version does not know.
    const newer = Buffer.from((await cloudFile(emulators)).toString('utf8').replace('"version":1,', '"version":2,'), 'utf8');
    await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, newer);
    await harness.cli('add', link('Contoso', 'GEZDGNBVGY3TQOJQ'));

    const problem = page.getByRole('alert').filter({ hasText: 'made by a newer version of the app' });
    await expect(problem).toBeVisible({ timeout: 30_000 });
    await expect(problem).toContainText('Backups from this PC are paused and nothing was written');
    await expect(problem).toContainText('Update the app on this PC');
    await expect(page.getByText('Out of date', { exact: true })).toBeVisible();
    await screenshot(page, 'backup-too-new-paused');
    expect((await cloudFile(emulators)).equals(newer)).toBe(true);

    // The replacement is asked for, and says what is lost; Cancel changes nothing.
    await problem.getByRole('button', { name: 'Replace the backup in OneDrive…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Replace the backup in OneDrive with this PC’s accounts?' });
    await expect(confirm).toBeVisible();
    await expect(confirm).toHaveAccessibleDescription(/Accounts in that backup that are not on this PC are lost from the backup/);
    await screenshot(page, 'backup-too-new-confirm-replace');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    expect((await cloudFile(emulators)).equals(newer)).toBe(true);

    await problem.getByRole('button', { name: 'Replace the backup in OneDrive…' }).click();
    await confirm.getByRole('button', { name: 'Replace the backup in OneDrive' }).click();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 30_000 });
    await screenshot(page, 'backup-too-new-replaced');
    const replaced = await cloudFile(emulators);
    expect(readBackupHeader(replaced).formatVersion).toBe(1);
    expect(decodePayload((await openBackup(replaced, { password: BACKUP_PASSWORD })).payload).accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Contoso']);
    const upload = (await emulators.control.requests('graph')).filter((r) => r.method === 'PUT').at(-1);
    expect(upload?.ifMatch).toBeTruthy(); // If-Match the copy found too new, never a blind overwrite
  } finally {
    await harness.stop();
  }
});

test('backup: a 64 MiB cloud file, and one with "r":1,"n":65536, are reported as damaged and nothing is written', async ({ page, context, emulators }) => {
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await harness.cli('add', link('GitHub', 'JBSWY3DPEHPK3PXP'));
    await page.goto(harness.url);
    await turnOnBackup(page, context);
    const good = await cloudFile(emulators);

    const huge = await emulators.control.fillFile(ALICE.username, BACKUP_FILE_NAME, 64 * 2 ** 20);
    await page.getByRole('button', { name: 'Back up now' }).click();
    const tooLarge = page.getByRole('alert').filter({ hasText: 'larger than any backup this app makes' });
    await expect(tooLarge).toBeVisible({ timeout: 30_000 });
    await expect(tooLarge).toContainText('Nothing was written. To make a new one, turn backup off here, deleting the copy in OneDrive');
    await expect(tooLarge.getByRole('button', { name: 'Turn backup off…' })).toBeVisible();
    await screenshot(page, 'backup-cloud-file-too-large');
    expect((await emulators.control.files(ALICE.username)).find((f) => f.name === BACKUP_FILE_NAME)?.eTag).toBe(huge.eTag);

    const refusedKdf = good.toString('utf8').replace(/"n":\d+,"r":\d+,/, '"n":65536,"r":1,');
    expect(refusedKdf).toContain('"n":65536,"r":1,');
    await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, refusedKdf);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'damaged or was changed outside this app' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    await screenshot(page, 'backup-cloud-file-kdf-refused');
    expect((await cloudFile(emulators)).toString('utf8')).toBe(refusedKdf);
  } finally {
    await harness.stop();
  }
});
