import type { Page } from '@playwright/test';
import { callContract, expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { tilesSettled, openDetails } from '../tile-list.js';
import { decodeSvgQrPath } from '../qr-images.js';
import { screenshot } from '../screenshot.js';

// "Show QR code and setup key" in the full-screen view: the one place a secret reaches the page, and only on request.

const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const LINK = `otpauth://totp/Dropbox:alice@example.com?secret=${SECRET}&issuer=Dropbox&algorithm=SHA256&digits=8&period=60`;

/** Every form of the key a leak could take: as shown (grouped), compact, lower case. */
const keyForms = [SECRET, SECRET.toLowerCase(), SECRET.replace(/(.{4})(?=.)/g, '$1 ')];
const domHasKey = async (page: Page) => {
  const dom = await page.content();
  return keyForms.some((form) => dom.includes(form));
};

test('the QR code and setup key are shown only after a warning and main’s own confirmation, read back as the account, and hide again', async ({ page, harness }) => {
  expect((await harness.cli('add', LINK)).code).toBe(0);
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  const framesWithKey = () => frames.filter((f) => f.includes(SECRET)).length;

  await page.goto(harness.url);
  await tilesSettled(page);
  await openDetails(page, 'Dropbox, alice@example.com');
  const view = page.getByRole('dialog', { name: 'Dropbox' });
  const show = view.getByRole('button', { name: 'Show QR code and setup key…' });

  // The warning first; Cancel has the focus, Escape backs out, nothing was fetched.
  await show.click();
  const warning = view.getByRole('alertdialog', { name: 'Show the QR code and setup key?' });
  await expect(warning).toContainText('Anyone who sees them can make your codes for Dropbox, alice@example.com');
  await expect(warning.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 'show-setup-warning');
  await page.keyboard.press('Escape');
  await expect(warning).toBeHidden();
  await expect(show).toBeFocused();
  await expect(view).toBeVisible(); // Escape closed the warning, not the view
  expect(framesWithKey()).toBe(0);

  // Main asks itself (the harness: in its terminal; the desktop app: a dialog of its own); declined there, nothing comes.
  await show.click();
  await view.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
  await expect(view.getByRole('status').filter({ hasText: 'Waiting for your confirmation' })).toBeVisible();
  await screenshot(page, 'show-setup-waiting');
  expect(await harness.answerSecretRelease('no')).toBe('Dropbox, alice@example.com');
  await expect(view.getByRole('alert')).toHaveText('The setup key of Dropbox, alice@example.com was not shown: it was not confirmed.');
  expect(framesWithKey()).toBe(0);
  await view.getByRole('button', { name: 'Hide' }).click();

  // Shown: the key grouped in fours, and a QR code that decodes to the account's link.
  await show.click();
  await view.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
  expect(await harness.answerSecretRelease('yes')).toBe('Dropbox, alice@example.com');
  const panel = view.getByRole('region', { name: 'QR code and setup key' });
  await expect(panel.getByRole('heading', { name: 'QR code and setup key' })).toBeFocused();
  await expect(panel.locator('.setup-key')).toHaveText('MFRG GZDF MZTW Q2LK NNWG 23TP OBYX E43U');
  await expect(panel).toContainText('time-based (TOTP), every 60 seconds, SHA-256, 8 digits');
  const qr = panel.getByRole('img', { name: 'QR code for Dropbox, alice@example.com' });
  const side = Number((await qr.getAttribute('viewBox'))!.split(' ')[2]);
  const uri = decodeSvgQrPath((await qr.locator('path').getAttribute('d'))!, side);
  expect(uri).toBe(`otpauth://totp/Dropbox:alice%40example.com?secret=${SECRET}&issuer=Dropbox&algorithm=SHA256&digits=8&period=60`);
  // What another app would compute from it is what this app shows.
  const params = new URL(uri!).searchParams;
  await expectOathtoolCode(view.locator('.details-code'), params.get('secret')!, { digits: 8, period: 60, algorithm: 'sha256' });
  await expect(view.getByRole('button', { name: 'Copy setup key' })).toHaveCount(0); // shown only, never put on the clipboard
  await screenshot(page, 'show-setup');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'show-setup-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(framesWithKey()).toBe(1);

  // Escape hides it, and the key leaves the page.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(show).toBeFocused();
  expect(await domHasKey(page)).toBe(false);

  // Hide hides it.
  await show.click();
  await view.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
  expect(await harness.answerSecretRelease('yes')).toBe('Dropbox, alice@example.com');
  await expect(panel.locator('.setup-key')).toBeVisible();
  await panel.getByRole('button', { name: 'Hide' }).click();
  await expect(panel).toBeHidden();
  expect(await domHasKey(page)).toBe(false);

  // Leaving the window hides it. Headless pages never really lose focus, so the window's blur event is sent by hand.
  await show.click();
  await view.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
  expect(await harness.answerSecretRelease('yes')).toBe('Dropbox, alice@example.com');
  await expect(panel.locator('.setup-key')).toBeVisible();
  await page.evaluate(() => (globalThis as unknown as { dispatchEvent(event: Event): boolean }).dispatchEvent(new Event('blur')));
  await expect(panel).toBeHidden();
  expect(await domHasKey(page)).toBe(false);

  // Back leaves the view, and the key with it.
  await show.click();
  await view.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
  expect(await harness.answerSecretRelease('yes')).toBe('Dropbox, alice@example.com');
  await expect(panel.locator('.setup-key')).toBeVisible();
  await view.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
  expect(await domHasKey(page)).toBe(false);

  // One reply per explicit request, and no other message ever carried the key.
  expect(framesWithKey()).toBe(4);
  for (const frame of frames.filter((f) => f.includes(SECRET))) expect(frame).toContain('"uri":"otpauth://totp/Dropbox:alice%40example.com?secret=');
});

test('with the app lock on, the setup key needs the lock password, checked by main, before main asks its question', async ({ page, harness }) => {
  expect((await harness.cli('add', LINK)).code).toBe(0);
  const LOCK_PASSWORD = 'lantern orchard drifting quietly';
  await page.goto(harness.url);
  await tilesSettled(page);
  expect(await callContract(page, 'turnOnAppLock', { password: LOCK_PASSWORD })).toMatchObject({ ok: true });
  await openDetails(page, 'Dropbox, alice@example.com');
  const view = page.getByRole('dialog', { name: 'Dropbox' });
  await view.getByRole('button', { name: 'Show QR code and setup key…' }).click();
  const warning = view.getByRole('alertdialog', { name: 'Show the QR code and setup key?' });
  await warning.getByRole('button', { name: 'Show QR code and setup key' }).click();
  await expect(warning.getByText('Enter the lock password to show the setup key.')).toBeVisible();

  await warning.getByLabel('Lock password').fill('not the lock password');
  await warning.getByRole('button', { name: 'Show QR code and setup key' }).click();
  await expect(view.getByRole('alert')).toContainText(/password/i);
  expect(await domHasKey(page)).toBe(false);
  await screenshot(page, 'show-setup-lock-password-wrong');
  await view.getByRole('button', { name: 'Hide' }).click();

  await view.getByRole('button', { name: 'Show QR code and setup key…' }).click();
  await view.getByLabel('Lock password').fill(LOCK_PASSWORD);
  await view.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
  expect(await harness.answerSecretRelease('yes')).toBe('Dropbox, alice@example.com');
  await expect(view.getByRole('region', { name: 'QR code and setup key' }).locator('.setup-key')).toHaveText('MFRG GZDF MZTW Q2LK NNWG 23TP OBYX E43U');
});
