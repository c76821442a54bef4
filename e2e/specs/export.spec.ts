import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import jsQR from 'jsqr';
import { parseMigrationUri } from '../../main/core/import/google-migration.js';
import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { callContract, expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

// Settings > Export in the window, against the harness: files go into its exports folder (the page names no path),
// plain exports wait for the answer typed in the harness's terminal, and Google's QR codes are read back from the
// drawn canvas with jsQR and the migration parser.

const FILE_PASSWORD = 'quiet harbour lanterns drifting';
const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];
const aegisReader = path.resolve(import.meta.dirname, '../../main/core/export/testing/aegis_reader.py');

async function addAccounts(page: Page) {
  await page.goto(page.url());
  for (const [i, secret] of SECRETS.entries()) {
    expect(await callContract(page, 'addAccountsFromUri', { uri: `otpauth://totp/Site${i}:alice?secret=${secret}&issuer=Site${i}` })).toMatchObject({ ok: true });
  }
  expect(
    await callContract(page, 'addAccountManually', { kind: 'microsoftPersonal', issuer: 'Microsoft', name: 'alice@outlook.com', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, deviceBound: true }),
  ).toMatchObject({ ok: true });
}

async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export accounts…' }).click();
  return page.getByRole('dialog', { name: 'Export accounts' });
}

test('an encrypted Aegis file through Settings: weak password refused, saved 0600 where the window says, read by an independent reader', async ({ page, harness }) => {
  await page.goto(harness.url);
  await addAccounts(page);
  const dialog = await openExport(page);
  await expect(dialog.getByRole('radio', { name: /Encrypted file for another app/ })).toBeChecked();
  await dialog.getByLabel('File password').fill('password1');
  await dialog.getByLabel('Type it again').fill('password1');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.locator('.field-error').first()).not.toBeEmpty();
  await dialog.getByLabel('File password').fill(FILE_PASSWORD);
  await dialog.getByLabel('Type it again').fill(FILE_PASSWORD);
  await screenshot(page, 'export-form', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'export-form-dark', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoSeriousViolationsLightAndDark(page, 'export form');
  await dialog.getByRole('button', { name: 'Export' }).click();

  const summary = dialog.getByRole('region', { name: 'Exported 2 accounts' });
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary.getByRole('list', { name: 'Left out' })).toContainText('Microsoft, alice@outlook.com: its sign-in approvals are tied to this PC');
  const exportsDir = path.join(harness.dataDir, 'exports');
  const [name] = readdirSync(exportsDir);
  const file = path.join(exportsDir, name!);
  await expect(summary).toContainText(file);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  await screenshot(page, 'export-summary', { fullPage: false });
  await expectNoSeriousViolationsLightAndDark(page, 'export summary');

  const vault = JSON.parse(execFileSync('python3', [aegisReader, file], { input: FILE_PASSWORD, encoding: 'utf8' })) as { entries: { issuer: string; info: { secret: string } }[] };
  expect(vault.entries.map((e) => [e.issuer, e.info.secret])).toEqual([['Site0', SECRETS[0]], ['Site1', SECRETS[1]]]);
});

test('a backup file saved from one harness recovers a second one, without any cloud: same accounts, codes as oathtool', async ({ page, harness, browser }) => {
  await page.goto(harness.url);
  await addAccounts(page);
  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: /Backup file \(this app\)/ }).check();
  await dialog.getByLabel('File password').fill(FILE_PASSWORD);
  await dialog.getByLabel('Type it again').fill(FILE_PASSWORD);
  // Pressed at once, before the window has estimated the strength: Export goes on (main judges the password).
  await dialog.getByRole('button', { name: 'Export' }).click();
  // The backup carries the device-bound account marked, without its secret: it counts it as left out, with why.
  const summary = dialog.getByRole('region', { name: 'Exported 2 accounts' });
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary.getByRole('list', { name: 'Left out' })).toContainText('Microsoft, alice@outlook.com: in the file without its secret');
  const exportsDir = path.join(harness.dataDir, 'exports');
  const file = path.join(exportsDir, readdirSync(exportsDir)[0]!);

  const second = await startHarness();
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto(second.url);
    await other.getByRole('button', { name: 'Begin recovery' }).click();
    await expect(other.getByRole('button', { name: 'Recover from a backup file…' })).toBeVisible();
    await screenshot(other, 'recover-from-file-choice');
    await other.getByLabel('Backup file to recover from').setInputFiles(file);
    await expect(other.getByText('This backup file holds 3 accounts')).toBeVisible();
    await screenshot(other, 'recover-from-file-password');
    await expectNoSeriousViolationsLightAndDark(other, 'recover from a file');
    await other.getByRole('textbox', { name: 'Backup password' }).fill('not the password at all');
    await other.getByRole('button', { name: 'Unlock backup' }).click();
    await expect(other.locator('#recovery-failure')).toBeVisible({ timeout: 30_000 });
    await other.getByRole('textbox', { name: 'Backup password' }).fill(FILE_PASSWORD);
    await other.getByRole('button', { name: 'Unlock backup' }).click();
    await expect(other.getByRole('heading', { name: 'Check what comes back' })).toBeVisible({ timeout: 30_000 });
    await screenshot(other, 'recover-from-file-preview');
    await other.getByRole('button', { name: 'Restore 3 accounts' }).click();
    await expect(other.getByRole('heading', { name: 'Recovery complete' })).toBeVisible({ timeout: 30_000 });
    await screenshot(other, 'recover-from-file-done');
    const listed = await callContract(other, 'listAccounts', {});
    if (!listed.ok) throw new Error('listing failed');
    expect(listed.value.map((a) => [a.issuer, a.deviceBound || a.needsVerification])).toEqual([['Site0', false], ['Site1', false], ['Microsoft', true]]);
    await other.getByRole('button', { name: 'Done' }).click();
    for (const [i, secret] of SECRETS.entries()) await expectOathtoolCode(other.locator('.tile-code').nth(i), secret);
  } finally {
    await context.close();
    await second.stop();
  }
});

test('plain exports wait for the answer in the terminal; declined saves nothing; Google QR codes are shown one by one and read back', async ({ page, harness }) => {
  await page.goto(harness.url);
  await addAccounts(page);
  // Eleven more accounts, so the transfer takes two QR codes (ten accounts per code).
  const more = Array.from({ length: 11 }, (_, i) => `otpauth://totp/Bulk${i}:bob?secret=${'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4' + 'ABCDEFGHIJK'[i]!}A&issuer=Bulk${i}`);
  for (const uri of more) expect(await callContract(page, 'addAccountsFromUri', { uri })).toMatchObject({ ok: true });

  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: /Plain list of otpauth/ }).check();
  await expect(dialog.getByRole('note')).toContainText('Anyone who gets this file can make the codes');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Waiting for your confirmation: the app asks you itself (the browser harness, in its terminal).');
  await screenshot(page, 'export-waiting', { fullPage: false });
  expect(await harness.answerExport('no')).toBe('the otpauth:// links of 13 accounts (a plain text file)');
  await expect(dialog.getByRole('alert')).toHaveText('Nothing was exported: the export was not confirmed.');
  expect(readdirSync(path.join(harness.dataDir)).includes('exports')).toBe(false);

  await dialog.getByRole('radio', { name: /QR codes for Google Authenticator/ }).check();
  await dialog.getByRole('button', { name: 'Show QR codes' }).click();
  expect(await harness.answerExport('yes')).toBe('Google Authenticator transfer QR codes of 13 accounts');

  const read: string[] = [];
  for (const n of [1, 2]) {
    await expect(dialog.getByRole('heading', { name: `QR ${n} of 2` })).toBeVisible();
    const canvas = dialog.getByRole('img', { name: `Transfer QR code ${n} of 2` });
    // Reading the canvas moves some 3 million numbers out of the page: slow on a loaded machine, hence the longer wait.
    await expect.poll(async () => (read[n - 1] = (await decodeCanvas(page)) ?? ''), { timeout: 20_000 }).toMatch(/^otpauth-migration:\/\/offline\?data=/);
    const box = await canvas.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(360); // large enough for a phone's camera
    if (n === 1) {
      await screenshot(page, 'export-qr', { fullPage: false });
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, 'export-qr-dark', { fullPage: false });
      await page.emulateMedia({ colorScheme: 'light' });
      await expectNoSeriousViolationsLightAndDark(page, 'export QR codes');
      await dialog.getByRole('button', { name: 'Next' }).click();
    }
  }
  const parsed = read.map((link) => parseMigrationUri(link));
  expect(parsed.map((p) => [p.batch.index, p.batch.size])).toEqual([[0, 2], [1, 2]]);
  expect(parsed[0]!.batch.id).toBe(parsed[1]!.batch.id);
  const issuers = parsed.flatMap((p) => p.drafts.map((d) => d.issuer));
  expect(issuers).toEqual(['Site0', 'Site1', ...more.map((_, i) => `Bulk${i}`)]); // the device-bound one absent
  expect(parsed[0]!.drafts[0]!.secret).toBe(SECRETS[0]);

  await dialog.getByRole('button', { name: 'Previous' }).click();
  await expect(dialog.getByRole('heading', { name: 'QR 1 of 2' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Done scanning' }).click();
  await expect(dialog.getByRole('region', { name: 'Shown 13 accounts as QR codes' })).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(0);
  expect(readdirSync(harness.dataDir).includes('exports')).toBe(false); // never written to disk
});

test('with the app lock on, a plain export needs the lock password, checked by main before it asks', async ({ page, harness }) => {
  const LOCK_PASSWORD = 'lantern orchard drifting quietly';
  await page.goto(harness.url);
  await addAccounts(page);
  expect(await callContract(page, 'turnOnAppLock', { password: LOCK_PASSWORD })).toMatchObject({ ok: true });
  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: /Plain list of otpauth/ }).check();
  await dialog.getByLabel('Lock password').fill('not the lock password');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('That is not the lock password.');
  await expect(dialog.getByLabel('Lock password')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'export-lock-password', { fullPage: false });
  await expectNoSeriousViolationsLightAndDark(page, 'export with the lock password');
  // Only one account, chosen from the list.
  await dialog.getByRole('radio', { name: 'Choose accounts' }).check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose at least one account to export.');
  await dialog.getByRole('list', { name: 'Accounts to export' }).getByRole('checkbox', { name: 'Site1, alice' }).check();
  await dialog.getByLabel('Lock password').fill(LOCK_PASSWORD);
  await dialog.getByRole('button', { name: 'Export' }).click();
  expect(await harness.answerExport('yes')).toBe('the otpauth:// links of 1 account (a plain text file)');
  const summary = dialog.getByRole('region', { name: 'Exported 1 account' });
  await expect(summary).toBeVisible();
  const exportsDir = path.join(harness.dataDir, 'exports');
  const file = path.join(exportsDir, readdirSync(exportsDir)[0]!);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readFileSync(file, 'utf8').trim().split('\n').map((line) => new URL(line).searchParams.get('secret'))).toEqual([SECRETS[1]]);
});

/** The pixels of the dialog's canvas, read back by jsQR as a phone's camera would. */
async function decodeCanvas(page: Page): Promise<string | null> {
  type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { width: number; height: number; data: ArrayLike<number> } } };
  const { width, height, pixels } = await page.locator('dialog canvas').evaluate((element) => {
    const canvas = element as unknown as Canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, pixels: Array.from(data.data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data ?? null;
}

test('at 1280x800 the Export button is in view without scrolling, and the plain export’s warning has the warning style', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(harness.url);
  await addAccounts(page);
  const dialog = await openExport(page);
  const button = dialog.getByRole('button', { name: 'Export', exact: true });
  await expect(button).toBeInViewport({ ratio: 1 });
  await dialog.getByRole('radio', { name: /Plain list of otpauth/ }).check();
  const warning = dialog.getByRole('note');
  await expect(warning).toContainText('Not encrypted');
  // The level's colour on its leading edge, resolved from the theme's own --warning (not --info).
  const colours = await warning.evaluate((note) => {
    const view = note.ownerDocument.defaultView!;
    const probe = (level: string) => {
      const span = note.ownerDocument.createElement('span');
      span.style.color = `var(--${level})`;
      note.append(span);
      const colour = view.getComputedStyle(span).color;
      span.remove();
      return colour;
    };
    return { edge: view.getComputedStyle(note).borderLeftColor, warning: probe('warning'), info: probe('info') };
  });
  expect(colours.warning).not.toBe(colours.info);
  expect(colours.edge).toBe(colours.warning);
  await expect(button).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'export-plain-warning', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'export-plain-warning-dark', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('radio', { name: /Backup file \(this app\)/ }).check();
  await expect(button).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'export-form-1280x800', { fullPage: false });
});
