import type { Page } from '@playwright/test';
import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import {
  ALICE,
  answerSignIn,
  BACKUP_PASSWORD,
  backupMadeByAnotherPc,
  BOB,
  expectNoRecoveryAccountSignedIn,
  joinBackup,
  pcAndCloud,
  signInInNewTab,
  signInToTurnOn,
} from '../cloud-helpers.js';
import type { RunningEmulators } from '../../emulators/index.js';
import { callContract, expect, resetEmulators, startHarness, test, type Harness } from '../harness-fixture.js';
import { pngOfQr } from '../qr-images.js';
import { screenshot } from '../screenshot.js';
import { tilesSettled, openDetails } from '../tile-list.js';
import { openBackup } from '../../main/core/backup/backup-envelope.js';
import { decodePayload } from '../../main/core/backup/backup-payload.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';

// The ways out of the backup flows that the other specs leave open: turning backup on where another PC's backup is
// already waiting (Cancel at each step, a wrong password, OneDrive down, the app stopped halfway), signing in again
// after the sign-in expired (cancelled in the browser, the sign-in service or OneDrive down, another Microsoft
// account), and "Scan QR code to recover" a work or school account (closed, a code that is no setup code, the app
// stopped with the dialog open). After each: the vault file byte for byte as before, the command-line tool lists the
// same, and the backup in OneDrive is byte for byte what it was; and no flow leaves a recovery account signed in that
// backup does not use.

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const CONTOSO = 'otpauth://totp/Contoso:alice@contoso.com?secret=MFRGGZDFMZTWQ2LK&issuer=Contoso';
const FABRIKAM = 'otpauth://totp/Fabrikam:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Fabrikam';
const NEW_CONTOSO_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBV';

type Pc = Harness & { stop(): Promise<void> };
let emulators: RunningEmulators;
/** Another PC's backup (GitHub, and Contoso: a work account tied to that PC), put in Alice's app folder before each test. */
let backup: Buffer;
const cloudArgs = () => ['--cloud', 'emulated', '--emulators', emulators.controlUrl];
const startPc = (dataDir?: string): Promise<Pc> => startHarness(dataDir, cloudArgs());

test.beforeAll(async ({ browser, workerEmulators }) => {
  emulators = workerEmulators;
  await resetEmulators(emulators);
  backup = await backupMadeByAnotherPc(browser, emulators, [[GITHUB], ['--kind', 'workOrSchool', '--device-bound', CONTOSO]]);
});

let pc: Pc;
test.beforeEach(async () => {
  await resetEmulators(emulators);
  await emulators.control.createUser(BOB);
  await emulators.control.putFile(ALICE.username, BACKUP_FILE_NAME, backup);
  pc = await startPc();
});
test.afterEach(async () => {
  await pc.stop();
});

test.setTimeout(300_000);

const state = () => pcAndCloud(pc, emulators.control);
const nothingInBobsOneDrive = async () => expect(await emulators.control.readFile(BOB.username, BACKUP_FILE_NAME)).toBeNull();

async function cloudIssuers(): Promise<string[]> {
  const file = await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME);
  return decodePayload((await openBackup(file!.bytes, { password: BACKUP_PASSWORD })).payload)
    .accounts.map((a) => a.issuer)
    .sort();
}

async function backupState(page: Page): Promise<string> {
  const status = await callContract(page, 'getBackupStatus', {});
  return status.ok ? status.value.state : status.error.kind;
}

/** Looked at and checked: screenshots and axe's checks, in the light and the dark theme. */
async function lookAt(page: Page, name: string, where: string): Promise<void> {
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await expectNoSeriousViolationsLightAndDark(page, where);
}

/** The settings page says backup is off, and turning it on starts with signing in. */
async function expectBackupOff(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Turn on cloud backup' })).toBeVisible();
  expect(await backupState(page)).toBe('off');
  await expectNoRecoveryAccountSignedIn(page);
}

test('turn on backup where another PC’s backup waits: Cancel at each step, a wrong password, OneDrive down and a restart change nothing and leave nobody signed in', async ({ page, context }) => {
  expect((await pc.cli('add', FABRIKAM)).code).toBe(0);
  const before = await state();
  const unchanged = async () => expect(await state()).toEqual(before);
  await page.goto(pc.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const unlockHeading = page.getByRole('heading', { name: 'Unlock your existing backup' });
  const password = page.getByLabel('Backup password', { exact: true });
  const turnOn = page.getByRole('button', { name: 'Turn on backup' });

  await test.step('Cancel at the sign-in step', async () => {
    await page.getByRole('button', { name: 'Turn on cloud backup' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to your recovery account' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectBackupOff(page);
    await unchanged();
  });

  await test.step('Cancel at the password step, after signing in', async () => {
    await signInToTurnOn(page, context);
    await expect(unlockHeading).toBeVisible();
    await expect(page.getByText(/already holds a backup from .* \(2 accounts/)).toBeVisible();
    await lookAt(page, 'turn-on-unlock-existing', 'turn on: unlock the existing backup');
    await password.fill(BACKUP_PASSWORD);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectBackupOff(page);
    await unchanged();
    // A new Turn on asks to sign in again.
    await page.getByRole('button', { name: 'Turn on cloud backup' }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  await test.step('A wrong password for the existing backup is refused, then Cancel', async () => {
    await signInToTurnOn(page, context);
    await password.fill('not the backup password');
    await turnOn.click();
    await expect(page.getByRole('alert')).toHaveText('The backup password is not right. Check it and try again.');
    await expect(unlockHeading).toBeVisible();
    await lookAt(page, 'turn-on-wrong-password', 'turn on: wrong password');
    await unchanged();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectBackupOff(page);
    await unchanged();
  });

  await test.step('OneDrive down while signing in', async () => {
    await emulators.control.addFault({ target: 'graph', reset: true, count: -1 });
    await signInInNewTab(context, async () => {
      await page.getByRole('button', { name: 'Turn on cloud backup' }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    }, ALICE);
    await expect(page.getByRole('alert')).toHaveText(/OneDrive could not be reached/, { timeout: 30_000 }); // after the client's retries
    await lookAt(page, 'turn-on-network-at-sign-in', 'turn on: OneDrive down while signing in');
    await emulators.control.clearFaults();
    await unchanged();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectBackupOff(page);
    await unchanged();
  });

  await test.step('OneDrive down at the password step', async () => {
    await signInToTurnOn(page, context);
    await emulators.control.addFault({ target: 'all', reset: true, count: -1 });
    await password.fill(BACKUP_PASSWORD);
    await turnOn.click();
    await expect(page.getByRole('alert')).toHaveText(/OneDrive could not be reached/, { timeout: 30_000 });
    await expect(unlockHeading).toBeVisible();
    await lookAt(page, 'turn-on-network-at-password', 'turn on: OneDrive down at the password step');
    await emulators.control.clearFaults();
    await unchanged();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectBackupOff(page);
    await unchanged();
  });

  await test.step('The app stopped at the password step, and started again', async () => {
    await signInToTurnOn(page, context);
    await password.fill(BACKUP_PASSWORD);
    await pc.stop();
    await unchanged();
    pc = await startPc(pc.dataDir);
    await page.goto(pc.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expectBackupOff(page);
    await unchanged();
  });

  await test.step('After all that, a wrong password and then the right one join the backup', async () => {
    await signInToTurnOn(page, context);
    await password.fill('still not the backup password');
    await turnOn.click();
    await expect(page.getByRole('alert')).toHaveText(/not right/);
    await password.fill(BACKUP_PASSWORD);
    await turnOn.click();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 30_000 });
    expect(await cloudIssuers()).toEqual(['Contoso', 'Fabrikam', 'GitHub']);
    expect((await state()).vault).toBe(before.vault);
  });
});

test('sign in again after the sign-in expired: cancelled, the sign-in service down, another Microsoft account and OneDrive down change nothing; the backup stays with its account', async ({ page, context }) => {
  expect((await pc.cli('add', FABRIKAM)).code).toBe(0);
  await page.goto(pc.url);
  await joinBackup(page, context);
  await emulators.control.expireAccessTokens(ALICE.username);
  await emulators.control.revokeRefreshTokens(ALICE.username);
  await page.getByRole('button', { name: 'Back up now' }).click();
  const fix = page.getByRole('button', { name: 'Sign in to the recovery account' });
  await expect(fix).toBeVisible();
  const problem = page.getByRole('alert');
  const before = await state();
  const unchanged = async () => expect(await state()).toEqual(before);
  const stillAsksToSignIn = async () => {
    await expect(problem).toContainText(/Sign in to your recovery account .*again/);
    await expect(fix).toBeVisible();
    await expect(page.locator('.red-dot')).toHaveCount(1);
  };

  await test.step('Cancel on the sign-in page', async () => {
    await answerSignIn(context, () => fix.click(), ALICE, 'Cancel');
    await expect(problem).toContainText(/cancelled/i);
    await stillAsksToSignIn();
    await unchanged();
  });

  await test.step('The sign-in service down while signing in', async () => {
    await emulators.control.addFault({ target: 'login', pathContains: '/token', reset: true, count: -1 });
    await answerSignIn(context, () => fix.click(), ALICE, 'Sign in');
    await expect(problem).toContainText(/could not be reached/, { timeout: 30_000 });
    await emulators.control.clearFaults();
    await stillAsksToSignIn();
    await unchanged();
  });

  await test.step('Another Microsoft account is refused, naming both, and the backup does not go there', async () => {
    await signInInNewTab(context, () => fix.click(), BOB);
    await expect(problem).toContainText('You signed in as bob@outlook.com, but this PC backs up to alice@outlook.com.');
    await lookAt(page, 'sign-in-again-other-account', 'sign in again: another account');
    await stillAsksToSignIn();
    await unchanged();
    await nothingInBobsOneDrive();
    // Backing up now, or after a change, still needs Alice: nothing goes to Bob's OneDrive.
    await page.getByRole('button', { name: 'Back up now' }).click();
    await stillAsksToSignIn();
    await expect(page.getByText(`${ALICE.displayName} · ${ALICE.username}`)).toBeVisible();
    await nothingInBobsOneDrive();
    await unchanged();
  });

  await test.step('OneDrive down after signing in: the sign-in is taken, the backup waits for the network', async () => {
    await emulators.control.addFault({ target: 'graph', reset: true, count: -1 });
    await signInInNewTab(context, () => fix.click(), ALICE);
    await expect(problem).toContainText('OneDrive could not be reached', { timeout: 30_000 });
    await expect(fix).toHaveCount(0);
    await emulators.control.clearFaults();
    await unchanged();
    await page.getByRole('button', { name: 'Try again now' }).click();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.red-dot')).toHaveCount(0);
    expect(await cloudIssuers()).toEqual(['Contoso', 'Fabrikam', 'GitHub']);
    await nothingInBobsOneDrive();
  });
});

test('scan QR code to recover a work account: closing the dialog, a code that is no setup code and a restart with the dialog open leave it needing verification', async ({ page, context }) => {
  await page.goto(pc.url);
  await page.getByRole('button', { name: 'Begin recovery' }).click();
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
  await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Unlock backup' }).click();
  await page.getByRole('button', { name: 'Restore 2 accounts' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  // The restore's first backup is made (so that it is not mistaken for a change made below).
  await expect.poll(() => backupState(page), { timeout: 30_000 }).toBe('upToDate');
  const before = await state();
  const unchanged = async () => expect(await state()).toEqual(before);
  expect(before.list).toEqual([expect.objectContaining({ issuer: 'GitHub', needsVerification: false }), expect.objectContaining({ issuer: 'Contoso', needsVerification: true })]);
  const dialog = page.getByRole('dialog', { name: 'Recover Contoso' });
  const openDialog = async () => {
    await tilesSettled(page);
    await openDetails(page, 'Contoso, alice@contoso.com');
    await page.getByRole('button', { name: 'Scan QR code to recover' }).click();
    await expect(dialog).toBeVisible();
  };
  const stillNeedsVerification = async () => {
    await expect(page.getByRole('heading', { name: 'Action required' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Scan QR code to recover' })).toBeVisible();
  };

  await test.step('Closed with its ✕, and with Escape', async () => {
    await openDialog();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await stillNeedsVerification();
    await page.getByRole('button', { name: 'Scan QR code to recover' }).click();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Scan QR code to recover' })).toBeFocused(); // the account view stays
    await stillNeedsVerification();
    await unchanged();
  });

  await test.step('A link that is no setup link, and a QR code that is no setup code', async () => {
    await page.getByRole('button', { name: 'Scan QR code to recover' }).click();
    await dialog.getByRole('tab', { name: 'Paste link' }).click();
    await dialog.getByRole('textbox', { name: 'Setup link' }).fill('https://mysignins.microsoft.com/security-info');
    await dialog.getByRole('button', { name: 'Recover account' }).click();
    await expect(dialog.getByRole('alert')).toContainText('otpauth://');
    await lookAt(page, 'recover-work-bad-link', 'recover: a link that is no setup link');
    await unchanged();
    await dialog.getByRole('tab', { name: 'Scan QR code' }).click();
    const notSetup = await pngOfQr('https://mysignins.microsoft.com/security-info');
    await dialog.getByLabel('QR code picture').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: notSetup });
    await expect(dialog.getByRole('alert')).toContainText('is not an authenticator setup code');
    await lookAt(page, 'recover-work-not-a-setup-code', 'recover: a QR code that is no setup code');
    await expect(dialog).toBeVisible();
    await unchanged();
  });

  await test.step('The app stopped with the dialog open, and started again', async () => {
    await pc.stop();
    await unchanged();
    pc = await startPc(pc.dataDir);
    await page.goto(pc.url);
    await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: 'Action required' })).toHaveCount(1);
    await openDialog();
    await unchanged();
  });

  await test.step('Then its new setup code recovers it', async () => {
    await dialog.getByRole('tab', { name: 'Paste link' }).click();
    await dialog.getByRole('textbox', { name: 'Setup link' }).fill(`otpauth://totp/Contoso:alice@contoso.com?secret=${NEW_CONTOSO_SECRET}&issuer=Contoso`);
    await dialog.getByRole('button', { name: 'Recover account' }).click();
    await expect(dialog).toBeHidden();
    const after = JSON.parse((await pc.cli('list', '--json')).stdout) as { issuer: string; needsVerification: boolean }[];
    expect(after.find((a) => a.issuer === 'Contoso')?.needsVerification).toBe(false);
  });
});
