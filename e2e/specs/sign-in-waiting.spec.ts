import type { BrowserContext, Page } from '@playwright/test';
import type { RunningEmulators } from '../../emulators/index.js';
import { ALICE, BACKUP_PASSWORD, backupMadeByAnotherPc, cloudArgs, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import { expect, resetEmulators, startControlledHarness, test, type ControlledHarness } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { tilesSettled, openDetails } from '../tile-list.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';

// The app cannot see the sign-in tab. Every sign-in (turn on backup, sign in again, recovery, sign in to recover)
// offers at once to open the sign-in page again (the same pending sign-in: main re-opens its URL), stops after
// 5 minutes by main's clock with a message and a way to sign in again, and its Cancel ends the sign-in in main:
// the loopback listener closes, so a tab still open can no longer sign the app in.

const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const MICROSOFT = 'otpauth://totp/Microsoft:alice@outlook.com?secret=MFRGGZDFMZTWQ2LK&issuer=Microsoft';

/** A backup of GitHub and a device-bound personal Microsoft account, made once by a first PC. */
let backup: Buffer;

test.beforeAll(async ({ browser, workerEmulators }) => {
  await resetEmulators(workerEmulators);
  backup = await backupMadeByAnotherPc(browser, workerEmulators, [[GITHUB], ['--kind', 'microsoftPersonal', '--device-bound', MICROSOFT]]);
});

let pc: ControlledHarness & { stop(): Promise<void> };
test.beforeEach(async ({ emulators }) => {
  pc = await startControlledHarness(undefined, cloudArgs(emulators));
});
test.afterEach(async () => {
  await pc.stop();
});

const cloudFile = async (emulators: RunningEmulators) => (await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME))?.bytes.toString('base64') ?? null;
const accountsHere = async () => JSON.parse((await pc.cli('list', '--json')).stdout) as { issuer: string; needsVerification: boolean }[];

/** Clicks what opens the sign-in page, and returns the tab it opened in. */
async function openedTab(context: BrowserContext, click: () => Promise<void>): Promise<Page> {
  const [tab] = await Promise.all([context.waitForEvent('page'), click()]);
  await tab.getByLabel('Email, phone, or Skype').waitFor();
  return tab;
}

/**
 * Starts a sign-in with `start` and leaves its tab open; `cancel` is the flow's Cancel. Afterwards the person signs
 * in, in that tab: the app's loopback listener is gone, so the answer never arrives (the old code signed in).
 */
async function cancelWhileWaiting(page: Page, context: BrowserContext, start: () => Promise<void>, cancel: () => Promise<void>): Promise<void> {
  const tab = await openedTab(context, start);
  await expect(page.getByRole('button', { name: 'Open the sign-in page again' })).toBeVisible();
  await cancel();
  const refused = tab.waitForEvent('requestfailed', (request) => /^http:\/\/localhost:\d+\/$/.test(request.url()));
  await tab.getByLabel('Email, phone, or Skype').fill(ALICE.username);
  await tab.getByLabel('Password').fill(ALICE.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await refused;
  await tab.close();
}

/** The person closes the sign-in tab; the app offers at once to open it again, and does: the same sign-in page. */
async function closeAndOpenAgain(page: Page, context: BrowserContext, start: () => Promise<void>, shot?: string): Promise<Page> {
  const first = await openedTab(context, start);
  const url = first.url();
  await first.close();
  const reopen = page.getByRole('button', { name: 'Open the sign-in page again' });
  await expect(reopen).toBeVisible();
  await expect(reopen).toBeFocused();
  if (shot) await screenshot(page, shot);
  const again = await openedTab(context, () => reopen.click());
  expect(again.url()).toBe(url);
  return again;
}

async function signInThere(tab: Page): Promise<void> {
  await tab.getByLabel('Email, phone, or Skype').fill(ALICE.username);
  await tab.getByLabel('Password').fill(ALICE.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await tab.close();
}

/** Nobody finishes: after 5 minutes of main's clock the sign-in stops and says so. */
async function timeOut(page: Page, shot?: string): Promise<void> {
  await pc.controls.advanceClock(SIGN_IN_TIMEOUT_MS);
  await expect(page.getByRole('alert').filter({ hasText: 'The sign-in was not finished within 5 minutes' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open the sign-in page again' })).toHaveCount(0);
  if (shot) await screenshot(page, shot);
}

test('turn on backup: Cancel ends the sign-in in main, a closed tab opens again, a sign-in left waiting times out, and Sign in again works', async ({ page, context, emulators }) => {
  await page.goto(pc.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const turnOn = page.getByRole('button', { name: 'Turn on cloud backup' });
  await turnOn.click();
  const signIn = () => page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await cancelWhileWaiting(page, context, signIn, () => page.getByRole('button', { name: 'Cancel' }).click());
  await expect(turnOn).toBeVisible();

  await turnOn.click();
  const tab = await closeAndOpenAgain(page, context, signIn, 'sign-in-waiting-turn-on');
  await tab.close();
  await timeOut(page, 'sign-in-timed-out-turn-on');
  expect(await cloudFile(emulators)).toBeNull();

  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in again' }).click(), ALICE);
  await expect(page.getByText(`Signed in as ${ALICE.username}`)).toBeVisible();
  await page.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await page.getByLabel('Type it again').fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Turn on backup' }).click();
  await expect(page.getByText(/Up to date · last backup/)).toBeVisible();
  expect(await cloudFile(emulators)).not.toBeNull();
});

test('sign in again (expired sign-in): Cancel ends it in main, a closed tab opens again, and after a timeout the fix signs in', async ({ page, context, emulators }) => {
  await page.goto(pc.url);
  await turnOnBackup(page, context);
  await emulators.control.expireAccessTokens(ALICE.username);
  await emulators.control.revokeRefreshTokens(ALICE.username);
  await page.getByRole('button', { name: 'Back up now' }).click();
  const fix = page.getByRole('button', { name: 'Sign in to the recovery account' });
  await expect(fix).toBeVisible();
  const cloud = await cloudFile(emulators);

  await cancelWhileWaiting(page, context, () => fix.click(), () => page.getByRole('button', { name: 'Cancel' }).click());
  await expect(fix).toBeVisible();

  const tab = await closeAndOpenAgain(page, context, () => fix.click(), 'sign-in-waiting-sign-in-again');
  await tab.close();
  await timeOut(page, 'sign-in-timed-out-sign-in-again');
  expect(await cloudFile(emulators)).toBe(cloud);

  const again = await closeAndOpenAgain(page, context, () => fix.click());
  await signInThere(again);
  await expect(page.getByText(/Up to date · last backup/)).toBeVisible();
  await expect(page.locator('.red-dot')).toHaveCount(0);
});

test('recovery: Cancel ends the sign-in in main, a closed tab opens again, and after a timeout Sign in again works', async ({ page, context, emulators }) => {
  await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, backup);
  await page.goto(pc.url);
  const begin = page.getByRole('button', { name: 'Begin recovery' });
  const signIn = () => page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await begin.click();
  await cancelWhileWaiting(page, context, signIn, () => page.getByRole('button', { name: 'Cancel' }).click());
  await expect(begin).toBeVisible();

  await begin.click();
  const tab = await closeAndOpenAgain(page, context, signIn, 'sign-in-waiting-recovery');
  await tab.close();
  await timeOut(page, 'sign-in-timed-out-recovery');

  const again = await closeAndOpenAgain(page, context, () => page.getByRole('button', { name: 'Sign in again' }).click());
  await signInThere(again);
  await expect(page.getByText(/Found a backup in alice@outlook.com’s OneDrive: 2 accounts/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(begin).toBeVisible();
  // Nothing changed on this PC, nor in OneDrive.
  expect(await accountsHere()).toEqual([]);
  expect(await cloudFile(emulators)).toBe(backup.toString('base64'));
});

test('sign in to recover: Cancel ends the sign-in in main, a closed tab opens again, and after a timeout it signs in', async ({ page, context, emulators }) => {
  await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, backup);
  await page.goto(pc.url);
  await page.getByRole('button', { name: 'Begin recovery' }).click();
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in', exact: true }).click(), ALICE);
  await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Unlock backup' }).click();
  await page.getByRole('button', { name: 'Restore 2 accounts' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(2);
  await tilesSettled(page);
  await openDetails(page, 'Microsoft, alice@outlook.com');
  const recover = page.getByRole('button', { name: 'Sign in to recover' });

  await cancelWhileWaiting(page, context, () => recover.click(), () => page.getByRole('button', { name: 'Cancel' }).click());
  await expect(recover).toBeVisible();

  const tab = await closeAndOpenAgain(page, context, () => recover.click(), 'sign-in-waiting-recover');
  await tab.close();
  await timeOut(page, 'sign-in-timed-out-recover');
  expect((await accountsHere()).find((a) => a.issuer === 'Microsoft')?.needsVerification).toBe(true);

  const again = await closeAndOpenAgain(page, context, () => recover.click());
  await signInThere(again);
  await expect(page.getByText('Signed in as alice@outlook.com.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scan QR code…' })).toBeVisible();
});
