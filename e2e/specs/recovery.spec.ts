import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { RunningEmulators } from '../../emulators/index.js';
import { ALICE, answerReachedTheApp, BACKUP_PASSWORD, cloudArgs, pcAndCloud, signInInNewTab, turnOnBackup } from '../cloud-helpers.js';
import { expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode, oathtoolTotp } from '../oathtool.js';
import { tilesSettled, openDetails } from '../tile-list.js';
import { pngOfQr } from '../qr-images.js';
import { screenshot } from '../screenshot.js';
import { openBackup } from '../../main/core/backup/backup-envelope.js';
import { decodePayload } from '../../main/core/backup/backup-payload.js';
import { BACKUP_FILE_NAME } from '../../main/core/backup/backup-service.js';

// Recovery on a new PC: two harnesses with their own data folders are two PCs sharing one (emulated) recovery account.

const BOB = { username: 'bob@outlook.com', password: 'bob-password', displayName: 'Bob' };
const tiles = (page: Page) => page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
const order = async (page: Page) => tiles(page).evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const FABRIKAM = 'otpauth://totp/Fabrikam:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Fabrikam';
const MICROSOFT = 'otpauth://totp/Microsoft:alice@outlook.com?secret=MFRGGZDFMZTWQ2LK&issuer=Microsoft';
const CONTOSO = 'otpauth://totp/Contoso:alice@contoso.com?secret=MFRGGZDFMZTWQ2LK&issuer=Contoso';
// The new setup codes the account providers give on the new PC.
const NEW_MICROSOFT_SECRET = 'NBSWY3DPO5XXE3DEMFRGGZDF';
const NEW_CONTOSO_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBV';

test.beforeEach(async ({ emulators }) => {
  await emulators.control.createUser(BOB);
});

/** PC 1: four accounts (two tied to the PC), reordered, backed up through the settings page. */
async function oldPcWithBackup(page: Page, context: Parameters<typeof turnOnBackup>[1], emulators: RunningEmulators): Promise<string[]> {
  const pc1 = await startHarness(undefined, cloudArgs(emulators));
  try {
    expect((await pc1.cli('add', GITHUB, FABRIKAM)).code).toBe(0);
    expect((await pc1.cli('add', '--kind', 'microsoftPersonal', '--device-bound', MICROSOFT)).code).toBe(0);
    expect((await pc1.cli('add', '--kind', 'workOrSchool', '--device-bound', CONTOSO)).code).toBe(0);
    const fabrikam = (JSON.parse((await pc1.cli('list', '--json')).stdout) as { id: string; issuer: string }[]).find((a) => a.issuer === 'Fabrikam')!;
    expect((await pc1.cli('move', fabrikam.id, '--to', '0')).code).toBe(0);
    await page.goto(pc1.url);
    const oldOrder = ['Fabrikam, alice', 'GitHub, alice', 'Microsoft, alice@outlook.com', 'Contoso, alice@contoso.com'];
    await expect.poll(() => order(page)).toEqual(oldOrder);
    await turnOnBackup(page, context);
    return oldOrder;
  } finally {
    await pc1.stop();
  }
}

test('recovery: a new PC gets the same tiles in the same order with the same codes; device-bound ones are marked and recovered', async ({ page, context, emulators }) => {
  const oldOrder = await oldPcWithBackup(page, context, emulators);
  const pc2 = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(pc2.url);
    await expect(page.getByRole('button', { name: 'Begin recovery' })).toBeVisible();
    await screenshot(page, 'recovery-empty-state');
    await page.getByRole('button', { name: 'Begin recovery' }).click();
    await screenshot(page, 'recovery-sign-in');
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
    await expect(page.getByText(/Found a backup in alice@outlook.com’s OneDrive: 4 accounts from/)).toBeVisible();
    await screenshot(page, 'recovery-password');

    // A wrong password can be retried; the cloud copy is not touched.
    const before = (await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME))!.eTag;
    await page.getByRole('textbox', { name: 'Backup password' }).fill('not the password');
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not right' })).toBeVisible();
    await screenshot(page, 'recovery-wrong-password');
    expect((await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME))!.eTag).toBe(before);

    await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    const preview = page.getByRole('list', { name: 'Accounts in the backup' });
    await expect(preview.getByRole('listitem')).toHaveText([/Fabrikam/, /GitHub/, /Microsoft.*Action required after restore/, /Contoso.*Action required after restore/]);
    await screenshot(page, 'recovery-preview');
    await page.getByRole('button', { name: 'Restore 4 accounts' }).click();
    await expect(page.getByText(/4 accounts were restored/)).toBeVisible();
    // A cloud restore turns backup on, to the recovery account it came from, and the Done step names it.
    await expect(page.getByText(/4 accounts were restored/)).toContainText(`Backup is on, to ${ALICE.username}.`);
    await expect(page.getByText(/Action required for 2 accounts/)).toBeVisible();
    await screenshot(page, 'recovery-done');
    await page.getByRole('button', { name: 'Done' }).click();

    await expect.poll(() => order(page)).toEqual(oldOrder);
    // Compared with the oracle at the moment of reading; a read across a rollover is tried again.
    await expect
      .poll(async () => {
        const now = Math.floor(Date.now() / 1000);
        const codes = (await page.locator('.tile-code').allInnerTexts()).map((t) => t.replace(/\s/g, ''));
        return ['GEZDGNBVGY3TQOJQ', 'JBSWY3DPEHPK3PXP'].every((secret, index) => codes[index] === oathtoolTotp(secret, now));
      })
      .toBe(true);
    await tilesSettled(page);
    await expect(tiles(page).nth(2)).toContainText('Action required');
    await expect(tiles(page).nth(3)).toContainText('Action required');
    await screenshot(page, 'recovery-tiles');

    // Personal Microsoft account: "Sign in to recover" as that account (another one is refused), then its new QR code.
    await openDetails(page, 'Microsoft, alice@outlook.com');
    await screenshot(page, 'recovery-action-personal');
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in to recover' }).click(), BOB);
    await expect(page.getByRole('alert')).toHaveText(/You signed in as bob@outlook.com, but this account is alice@outlook.com/);
    await screenshot(page, 'recovery-action-wrong-account');
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in to recover' }).click(), ALICE);
    await expect(page.getByText('Signed in as alice@outlook.com.')).toBeVisible();
    await page.getByRole('button', { name: 'Scan QR code…' }).click();
    const recover = page.getByRole('dialog', { name: 'Recover Microsoft' });
    await screenshot(page, 'recovery-action-scan');
    const png = await pngOfQr(`otpauth://totp/Microsoft:alice@outlook.com?secret=${NEW_MICROSOFT_SECRET}&issuer=Microsoft`);
    await recover.getByLabel('QR code picture').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
    await expect(recover).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'is recovered: its codes work here again' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Microsoft' })).toBeFocused();
    await expectDetailsCode(page, NEW_MICROSOFT_SECRET);
    await screenshot(page, 'recovery-action-done');

    // Work or school account: "Scan QR code to recover", here with the link pasted; a bad one is explained first.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await tilesSettled(page);
    await openDetails(page, 'Contoso, alice@contoso.com');
    await expect(page.getByRole('button', { name: 'Sign in to recover' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Scan QR code to recover' }).click();
    const recoverWork = page.getByRole('dialog', { name: 'Recover Contoso' });
    await recoverWork.getByRole('tab', { name: 'Enter setup key' }).click();
    await recoverWork.getByRole('textbox', { name: 'Setup key' }).fill('not base32!');
    await recoverWork.getByRole('button', { name: 'Recover account' }).click();
    await expect(recoverWork.getByRole('alert')).toHaveText(/not valid base32/);
    await screenshot(page, 'recovery-action-bad-key');
    await recoverWork.getByRole('textbox', { name: 'Setup key' }).fill(NEW_CONTOSO_SECRET.toLowerCase().replace(/(.{4})/g, '$1 '));
    await recoverWork.getByRole('button', { name: 'Recover account' }).click();
    await expect(recoverWork).toBeHidden();
    await expectDetailsCode(page, NEW_CONTOSO_SECRET);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(tiles(page).filter({ hasText: 'Action required' })).toHaveCount(0);
    await expect.poll(() => order(page)).toEqual(oldOrder);

    // Backup is on, to the same recovery account.
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByText(`${ALICE.displayName} · ${ALICE.username}`)).toBeVisible();
    await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 15_000 });
  } finally {
    await pc2.stop();
  }
});

/** The full-screen view's code is the one oathtool makes from the secret (this second or the next). */
async function expectDetailsCode(page: Page, secret: string): Promise<void> {
  await expectOathtoolCode(page.locator('.details-code'), secret);
}

test('recovery: the wrong Microsoft account says where the backup is not, and another account can be tried', async ({ page, context, emulators }) => {
  await oldPcWithBackup(page, context, emulators);
  const pc2 = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(pc2.url);
    await page.getByRole('button', { name: 'Begin recovery' }).click();
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), BOB);
    await expect(page.getByRole('alert').filter({ hasText: 'Your backup is not stored with bob@outlook.com' })).toBeVisible();
    await screenshot(page, 'recovery-not-found');
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in with a different account' }).click(), ALICE);
    await expect(page.getByText(/Found a backup in alice@outlook.com’s OneDrive/)).toBeVisible();

    // Cancel leaves the app as it was: no accounts, backup off.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: 'Begin recovery' })).toBeVisible();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('button', { name: 'Turn on cloud backup' })).toBeVisible();
  } finally {
    await pc2.stop();
  }
});

test('recovery: with accounts already here it explains and lists them; merge adds only the missing ones', async ({ page, context, emulators }) => {
  await oldPcWithBackup(page, context, emulators);
  const pc2 = await startHarness(undefined, cloudArgs(emulators));
  try {
    expect((await pc2.cli('add', GITHUB, 'otpauth://totp/Local:me?secret=KRUGS4ZANFZSAYJA&issuer=Local')).code).toBe(0);
    await page.goto(pc2.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    await expect(page.getByRole('heading', { name: 'This PC already has accounts' })).toBeVisible();
    await expect(page.getByText('Local, me')).toBeVisible();
    await screenshot(page, 'recovery-existing-accounts');
    await page.getByRole('button', { name: 'Add missing accounts (merge)' }).click();
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
    await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    await expect(page.getByText('Already on this PC')).toHaveCount(1);
    await screenshot(page, 'recovery-merge-preview');
    await page.getByRole('button', { name: 'Add 3 accounts' }).click();
    await expect(page.getByText(/3 accounts were added \(1 already on this PC\)/)).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => order(page)).toEqual(['GitHub, alice', 'Local, me', 'Fabrikam, alice', 'Microsoft, alice@outlook.com', 'Contoso, alice@contoso.com']);
  } finally {
    await pc2.stop();
  }
});

test('recovery: a setup code for another account is refused, naming both, with the vault unchanged, unless the provider changed the name', async ({ page, context, emulators }) => {
  await oldPcWithBackup(page, context, emulators);
  const pc2 = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(pc2.url);
    await page.getByRole('button', { name: 'Begin recovery' }).click();
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
    await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
    await page.getByRole('button', { name: 'Unlock backup' }).click();
    await page.getByRole('button', { name: 'Restore 4 accounts' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await tilesSettled(page);
    const vaultFile = path.join(pc2.dataDir, 'vault.json');
    const listed = async () => JSON.parse((await pc2.cli('list', '--json')).stdout) as { issuer: string; name: string; needsVerification: boolean }[];

    // Signed in as alice, then a QR code for someone else's Microsoft account: refused, naming both; nothing saved.
    await openDetails(page, 'Microsoft, alice@outlook.com');
    await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in to recover' }).click(), ALICE);
    await page.getByRole('button', { name: 'Scan QR code…' }).click();
    const recover = page.getByRole('dialog', { name: 'Recover Microsoft' });
    const vaultBefore = await readFile(vaultFile);
    const listedBefore = await listed();
    const someoneElse = await pngOfQr(`otpauth://totp/Microsoft:someone@else.com?secret=${NEW_MICROSOFT_SECRET}&issuer=Microsoft`);
    await recover.getByLabel('QR code picture').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: someoneElse });
    const refusal = recover.getByRole('alert');
    await expect(refusal).toContainText('“someone@else.com”');
    await expect(refusal).toContainText('“alice@outlook.com”');
    await expect(recover.getByRole('button', { name: 'Scan another code' })).toBeFocused();
    await screenshot(page, 'recovery-action-other-account');
    expect((await readFile(vaultFile)).equals(vaultBefore)).toBe(true);
    expect(await listed()).toEqual(listedBefore);
    expect((await listed()).find((a) => a.issuer === 'Microsoft')).toMatchObject({ name: 'alice@outlook.com', needsVerification: true });

    // Another code: the right one is taken, and the account keeps its name.
    await recover.getByRole('button', { name: 'Scan another code' }).click();
    const right = await pngOfQr(`otpauth://totp/Microsoft:alice@outlook.com?secret=${NEW_MICROSOFT_SECRET}&issuer=Microsoft`);
    await recover.getByLabel('QR code picture').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: right });
    await expect(recover).toBeHidden();
    await expectDetailsCode(page, NEW_MICROSOFT_SECRET);

    // A work account whose organisation renamed it: refused at first, taken once the person confirms the change.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await tilesSettled(page);
    await openDetails(page, 'Contoso, alice@contoso.com');
    await page.getByRole('button', { name: 'Scan QR code to recover' }).click();
    const recoverWork = page.getByRole('dialog', { name: 'Recover Contoso' });
    await recoverWork.getByRole('tab', { name: 'Paste link' }).click();
    await recoverWork.getByRole('textbox', { name: 'Setup link' }).fill(`otpauth://totp/Contoso:alice.smith@contoso.com?secret=${NEW_CONTOSO_SECRET}&issuer=Contoso`);
    await recoverWork.getByRole('button', { name: 'Recover account' }).click();
    await expect(recoverWork.getByRole('alert')).toContainText('“alice.smith@contoso.com”');
    await expect(recoverWork.getByRole('alert')).toContainText('“alice@contoso.com”');
    await recoverWork.getByRole('button', { name: 'The provider changed it — use this key' }).click();
    await expect(recoverWork).toBeHidden();
    await expectDetailsCode(page, NEW_CONTOSO_SECRET);
    expect((await listed()).find((a) => a.issuer === 'Contoso')).toMatchObject({ name: 'alice@contoso.com', needsVerification: false });
  } finally {
    await pc2.stop();
  }
});

const LOCAL = 'otpauth://totp/Local:me?secret=KRUGS4ZANFZSAYJA&issuer=Local';

/** Settings > Backup > Restore from a backup on a PC with accounts, then "remove these accounts": the sign-in step. */
async function chooseRemove(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(page.getByRole('heading', { name: 'This PC already has accounts' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove these accounts…' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your recovery account' })).toBeVisible();
}

/** From the sign-in step to the preview. */
async function signInAndUnlock(page: Page, context: BrowserContext): Promise<void> {
  await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
  await page.getByRole('textbox', { name: 'Backup password' }).fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Unlock backup' }).click();
  await expect(page.getByRole('heading', { name: 'Check what comes back' })).toBeVisible();
}

test('recovery: removing the accounts here happens only at Restore; every way out before it leaves the PC as it was', async ({ page, context, emulators }) => {
  test.setTimeout(420_000); // six recoveries, each begun again, on a machine that may be busy
  const oldOrder = await oldPcWithBackup(page, context, emulators);
  let pc2 = await startHarness(undefined, cloudArgs(emulators));
  try {
    expect((await pc2.cli('add', GITHUB, LOCAL)).code).toBe(0);
    const before = await pcAndCloud(pc2, emulators.control);
    const unchanged = async () => expect(await pcAndCloud(pc2, emulators.control)).toEqual(before);

    await test.step('Cancel at the sign-in step', async () => {
      await chooseRemove(page, pc2.url);
      await unchanged();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(tiles(page)).toHaveCount(2);
      await unchanged();
    });

    await test.step('The sign-in cancelled in the browser, then a sign-in abandoned (its tab closed) and the recovery cancelled', async () => {
      await chooseRemove(page, pc2.url);
      const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Sign in' }).click()]);
      await answerReachedTheApp(tab, () => tab.getByRole('button', { name: 'Cancel' }).click());
      await tab.close();
      await expect(page.getByRole('alert')).toHaveText(/cancelled/i);
      await unchanged();
      const [abandoned] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Try again' }).click()]);
      await abandoned.close();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(tiles(page)).toHaveCount(2);
      await unchanged();
    });

    await test.step('A wrong password, then Cancel', async () => {
      await chooseRemove(page, pc2.url);
      await signInInNewTab(context, () => page.getByRole('button', { name: 'Sign in' }).click(), ALICE);
      await page.getByRole('textbox', { name: 'Backup password' }).fill('not the password');
      await page.getByRole('button', { name: 'Unlock backup' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'not right' })).toBeVisible();
      await unchanged();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await unchanged();
    });

    await test.step('Cancel at the preview, which says what would be removed', async () => {
      await chooseRemove(page, pc2.url);
      await signInAndUnlock(page, context);
      await expect(page.getByRole('list', { name: 'Removed from this PC' }).getByRole('listitem')).toHaveText([/GitHub, alice.*backup’s copy replaces it/, /Local, me.*Not in the backup/]);
      await unchanged();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(tiles(page)).toHaveCount(2);
      await unchanged();
    });

    await test.step('The app stopped at the preview (a crash, a restart) and started again', async () => {
      await chooseRemove(page, pc2.url);
      await signInAndUnlock(page, context);
      await pc2.stop();
      await unchanged();
      pc2 = await startHarness(pc2.dataDir, cloudArgs(emulators));
      await unchanged();
      await page.goto(pc2.url);
      await expect(tiles(page)).toHaveCount(2);
    });

    await test.step('Then the removal and the restore, together', async () => {
      await chooseRemove(page, pc2.url);
      await expect(page.getByText('The accounts on this PC stay as they are until you have checked what comes back and confirmed it')).toBeVisible();
      await screenshot(page, 'recovery-remove-sign-in');
      await signInAndUnlock(page, context);
      await expect(page.getByRole('list', { name: 'Accounts in the backup' }).getByRole('listitem')).toHaveCount(4);
      await screenshot(page, 'recovery-remove-preview');
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, 'recovery-remove-preview-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.getByRole('button', { name: 'Remove 2 and restore 4 accounts' }).click();
      await expect(page.getByText(/2 accounts were removed and 4 accounts were restored/)).toBeVisible();
      await screenshot(page, 'recovery-remove-done');
      await page.getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => order(page)).toEqual(oldOrder);
      const listed = JSON.parse((await pc2.cli('list', '--json')).stdout) as { issuer: string }[];
      expect(listed.map((a) => a.issuer)).toEqual(['Fabrikam', 'GitHub', 'Microsoft', 'Contoso']);
      // Backup is on with the recovery account, and the backup in OneDrive still has no Local account.
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 15_000 });
      const cloud = (await emulators.control.readFile(ALICE.username, BACKUP_FILE_NAME))!.bytes;
      const payload = decodePayload((await openBackup(cloud, { password: BACKUP_PASSWORD })).payload);
      expect(payload.accounts.map((a) => a.issuer)).toEqual(['Fabrikam', 'GitHub', 'Microsoft', 'Contoso']);
    });
  } finally {
    await pc2.stop();
  }
});

test('recovery: an account added during a recovery on an empty PC: Restore is refused and offers merge or remove right there, without signing in again', async ({ page, context, emulators }) => {
  const oldOrder = await oldPcWithBackup(page, context, emulators);
  const pc2 = await startHarness(undefined, cloudArgs(emulators));
  try {
    await page.goto(pc2.url);
    await page.getByRole('button', { name: 'Begin recovery' }).click();
    await signInAndUnlock(page, context);
    // Meanwhile an account arrives (here through the command-line tool; another window would do the same).
    expect((await pc2.cli('add', LOCAL)).code).toBe(0);
    const before = await pcAndCloud(pc2, emulators.control);
    let tabs = 0;
    context.on('page', () => tabs++);

    await page.getByRole('button', { name: 'Restore 4 accounts' }).click();
    await expect(page.getByRole('alert')).toHaveText(/1 account \(Local, me\).*nothing was changed/);
    await expect(page.getByRole('button', { name: 'Add missing accounts (merge)' })).toBeVisible();
    await screenshot(page, 'recovery-refused-choice');
    expect(await pcAndCloud(pc2, emulators.control)).toEqual(before);
    await page.getByRole('button', { name: 'Remove these accounts…' }).click();
    await expect(page.getByRole('list', { name: 'Removed from this PC' }).getByRole('listitem')).toHaveText([/Local, me.*Not in the backup/]);
    await page.getByRole('button', { name: 'Remove 1 and restore 4 accounts' }).click();
    await expect(page.getByText(/1 account was removed and 4 accounts were restored/)).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => order(page)).toEqual(oldOrder);
    expect(tabs).toBe(0); // no second sign-in
  } finally {
    await pc2.stop();
  }
});
