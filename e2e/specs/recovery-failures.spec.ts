import type { Page } from '@playwright/test';
import { ALICE, answerSignIn, BACKUP_PASSWORD, backupMadeByAnotherPc, cloudArgs, signInInNewTab } from '../cloud-helpers.js';
import { expect, resetEmulators, startHarness, test, type Harness } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';

// Every way recovery can fail on a new PC, each with its own message and way out; after each, the new PC still
// has no accounts and backup off, and the backup in OneDrive is byte for byte what it was.

const WORKER = { username: 'alice@contoso.com', password: 'work-password', kind: 'work' as const };
/** The backup PC 1 made (two accounts), put back into Alice's app folder before each test. */
let backup: Buffer;

test.beforeAll(async ({ browser, workerEmulators }) => {
  await resetEmulators(workerEmulators);
  backup = await backupMadeByAnotherPc(browser, workerEmulators, [
    ['otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', 'otpauth://totp/Fabrikam:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Fabrikam'],
  ]);
});

let pc2: Harness & { stop(): Promise<void> };
/** What the app folder must hold after the test: the bytes the test put there (null: no file). */
let expectedCloud: Buffer | null;
test.beforeEach(async ({ emulators }) => {
  expectedCloud = backup;
  await emulators.control.createUser(WORKER);
  await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, backup);
  pc2 = await startHarness(undefined, cloudArgs(emulators));
});
test.afterEach(async ({ page, emulators }) => {
  // Nothing changed on the new PC, nor in OneDrive.
  expect(JSON.parse((await pc2.cli('list', '--json')).stdout)).toEqual([]);
  await page.goto(pc2.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('button', { name: 'Turn on cloud backup' })).toBeVisible();
  await pc2.stop();
  const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
  expect(file?.bytes.toString('base64') ?? null).toBe(expectedCloud?.toString('base64') ?? null);
});

async function beginRecovery(page: Page): Promise<void> {
  await page.goto(pc2.url);
  await page.getByRole('button', { name: 'Begin recovery' }).click();
}

const failure = (page: Page) => page.getByRole('alert');

test('recovery failure: no backup in this recovery account (it was deleted) names the account and offers another', async ({ page, context, emulators }) => {
  await emulators.control.deleteFile(ALICE.username, BACKUP_FILE_NAME);
  expectedCloud = null;
  await beginRecovery(page);
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
  // The app folder cannot tell a backup made with another account from a deleted one: both are said, with the way back.
  await expect(failure(page)).toHaveText(/Your backup is not stored with alice@outlook\.com/);
  await expect(failure(page)).toHaveText(/different Microsoft account/);
  await expect(failure(page)).toHaveText(/deleted.*recycle bin/i);
  await expect(page.getByRole('button', { name: 'Sign in with a different account' })).toBeVisible();
  await screenshot(page, 'recovery-error-no-backup');
  // The way to the recycle bin: main opens OneDrive, its own fixed help page (the page names only the topic), in the
  // "system browser" (here a tab; no network, so OneDrive answers from a stub).
  await context.route('https://onedrive.live.com/**', (route) => route.fulfill({ contentType: 'text/plain', body: 'OneDrive' }));
  const [oneDrive] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open OneDrive (recycle bin)' }).click()]);
  await expect(oneDrive).toHaveURL('https://onedrive.live.com/');
  await oneDrive.close();
  // Put back from the recycle bin: looking again finds it, without another sign-in.
  await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, backup);
  expectedCloud = backup;
  let tabs = 0;
  context.on('page', () => tabs++);
  await page.getByRole('button', { name: 'Look again' }).click();
  await expect(page.getByText(/Found a backup in alice@outlook.com’s OneDrive/)).toBeVisible();
  expect(tabs).toBe(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('recovery failure: sign-in cancelled in the browser says so and can be tried again', async ({ page, context }) => {
  await beginRecovery(page);
  await answerSignIn(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE, 'Cancel');
  await expect(failure(page)).toHaveText(/cancelled/i);
  await screenshot(page, 'recovery-error-cancelled');
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Try again' }).click(), ALICE);
  await expect(page.getByText(/Found a backup in alice@outlook.com’s OneDrive: 2 accounts/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('recovery failure: a work or school account where a personal one is needed', async ({ page, context }) => {
  await beginRecovery(page);
  await answerSignIn(context, () => page.getByRole('button', { name: 'Sign in' }).click(), WORKER, 'Sign in');
  await expect(failure(page)).toHaveText(/work or school account\. The recovery account must be a personal Microsoft account/);
  await screenshot(page, 'recovery-error-work-account');
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in with a different account' }).click(), ALICE);
  await expect(page.getByText(/Found a backup in alice@outlook.com’s OneDrive/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('recovery failure: OneDrive unreachable is a network problem that a retry gets past', async ({ page, context, emulators }) => {
  await emulators.control.addFault({ target: 'graph', reset: true, count: -1 });
  await beginRecovery(page);
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
  await expect(failure(page)).toHaveText('OneDrive could not be reached. Check the internet connection. Nothing on this PC or in OneDrive was changed.', { timeout: 30_000 }); // after the client's retries (about 7 s)
  await screenshot(page, 'recovery-error-network');
  await emulators.control.clearFaults();
  // Trying again downloads the backup again with the same sign-in (no browser this time), and finds it.
  let tabs = 0;
  context.on('page', () => tabs++);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText(/Found a backup in alice@outlook.com’s OneDrive/)).toBeVisible();
  expect(tabs).toBe(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('recovery failure: a damaged or changed backup restores nothing', async ({ page, context, emulators }) => {
  const text = backup.toString('latin1');
  const at = text.lastIndexOf('"ciphertext":"') + 40; // the payload's, not the wrapped key's
  const changed = Buffer.from(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1), 'latin1');
  await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, changed);
  expectedCloud = changed;
  await beginRecovery(page);
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
  await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Unlock backup' }).click();
  await expect(failure(page)).toHaveText(/The backup file is damaged or was changed; nothing was restored\. If your old PC still has your accounts, make a new backup there/);
  await screenshot(page, 'recovery-error-damaged');
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('recovery failure: a backup written by a newer version asks to update the app', async ({ page, context, emulators }) => {
  const newer = Buffer.from(backup.toString('utf8').replace('"version":1,', '"version":2,'));
  expect(newer.equals(backup)).toBe(false);
  await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, newer);
  expectedCloud = newer;
  await beginRecovery(page);
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
  await expect(failure(page)).toHaveText(/made by a newer version of the app\. Update the app to open it\./);
  await screenshot(page, 'recovery-error-too-new');
  await page.getByRole('button', { name: 'Cancel' }).click();
});
