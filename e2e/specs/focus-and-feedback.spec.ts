import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../axe.js';
import { expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { animationsSettled } from '../settled.js';
import { tilesSettled } from '../tile-list.js';

// Where the keyboard focus goes after each action that removes what had it (leaving the full-screen view, a delete,
// the add dialog closing), that Tab stays inside the add dialog, and the visible confirmations with Undo for a delete.

const tiles = (page: Page) => page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
const order = (page: Page) => tiles(page).evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
const copyButton = (page: Page, label: string) => page.getByRole('button', { name: `Copy code for ${label}`, exact: true });
/** The tile's menu button, where the focus returns from the full-screen view it opened. */
const detailsButton = (page: Page, label: string) => page.getByRole('button', { name: `More actions for ${label}`, exact: true });
const toast = (page: Page) => page.locator('.toast');
/** The toast once its entrance animation has finished (a screenshot or a contrast check in the middle of it is pale). */
async function toastSettled(page: Page) {
  await expect(toast(page)).toBeVisible();
  await animationsSettled(toast(page));
}

const SECRETS = { GitHub: 'JBSWY3DPEHPK3PXP', Google: 'GEZDGNBVGY3TQOJQ', Dropbox: 'MFRGGZDFMZTWQ2LK', Bank: 'KRSXG5CTMVRXEZLU' };
const FOUR = Object.entries(SECRETS).map(([issuer, secret]) => `otpauth://totp/${issuer}:alice?secret=${secret}&issuer=${issuer}`);

/** `count` accounts, Service0 … (distinct keys), enough for the virtualised grid. */
const many = (count: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, i) => `otpauth://totp/Service${i}:user${i}?secret=JBSWY3DPEHPK3Q${alphabet[i % 32]}${alphabet[Math.floor(i / 32)]}&issuer=Service${i}`);
};

async function openDetails(page: Page, label: string) {
  await detailsButton(page, label).click();
  await page.getByRole('menuitem', { name: 'Open full view' }).click();
  await expect(page.getByRole('dialog', { name: label.split(',')[0]! })).toBeVisible();
}

async function deleteShown(page: Page) {
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete account' }).click();
}

async function addByLink(page: Page, link: string) {
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('tab', { name: 'Paste link' }).click();
  await dialog.getByLabel('Setup link').fill(link);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toBeHidden();
}

/** Tab (or Shift+Tab) `times` times; after each press the focus must still be inside `dialog`. */
async function tabAround(page: Page, dialog: Locator, times: number, key = 'Tab') {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await expect(dialog.locator(':focus'), `after ${key} #${i + 1}`).toHaveCount(1);
  }
}

test('Tab and Shift+Tab stay inside the add dialog, on every tab, also when its button is disabled', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  // Paste link: the field is focused and "Add account" is disabled while it is empty: the field is the last stop.
  await dialog.getByRole('tab', { name: 'Paste link' }).click();
  await expect(dialog.getByLabel('Setup link')).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Add account' })).toBeDisabled();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused(); // round to the first stop
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByLabel('Setup link')).toBeFocused(); // and back
  await tabAround(page, dialog, 7);
  await tabAround(page, dialog, 7, 'Shift+Tab');

  for (const name of ['Scan QR code', 'Enter setup key']) {
    await dialog.getByRole('tab', { name }).click();
    await tabAround(page, dialog, 12);
    await tabAround(page, dialog, 12, 'Shift+Tab');
  }
  // Escape still closes it, and the focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Add account' }).first()).toBeFocused();
});

test('the focus returns to the tile after the full-screen view, goes to a neighbour after a delete, to a new tile after adding', async ({ page, harness }) => {
  expect((await harness.cli('add', ...FOUR)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);

  // Back, and Escape, return to the tile whose details were open.
  await openDetails(page, 'Google, alice');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(detailsButton(page, 'Google, alice')).toBeFocused();
  await openDetails(page, 'Dropbox, alice');
  await page.keyboard.press('Escape');
  await expect(detailsButton(page, 'Dropbox, alice')).toBeFocused();

  // A delete: the next tile; the last one's: the one before; the only one's: Add account.
  await openDetails(page, 'Google, alice');
  await deleteShown(page);
  await expect(copyButton(page, 'Dropbox, alice')).toBeFocused();
  await openDetails(page, 'Bank, alice');
  await deleteShown(page);
  await expect(copyButton(page, 'Dropbox, alice')).toBeFocused();
  await openDetails(page, 'GitHub, alice');
  await deleteShown(page);
  await expect(copyButton(page, 'Dropbox, alice')).toBeFocused();
  await openDetails(page, 'Dropbox, alice');
  await deleteShown(page);
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add account' }).first()).toBeFocused();

  // Adding: the new tile.
  await addByLink(page, FOUR[0]!);
  await expect(copyButton(page, 'GitHub, alice')).toBeFocused();
  await addByLink(page, FOUR[1]!);
  await expect(copyButton(page, 'Google, alice')).toBeFocused();
});

test('leaving Settings by Back or Escape puts the focus on the Settings button, not on the page', async ({ page, harness }) => {
  expect((await harness.cli('add', ...FOUR)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  const settings = page.getByRole('button', { name: 'Settings', exact: true });
  await settings.click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(settings).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(settings).toBeFocused();
});

test('with more than 60 accounts (virtualised) the focus still finds its tile, scrolled into view', async ({ page, harness }) => {
  const links = many(70);
  expect((await harness.cli('add', ...links)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 1e7));

  await openDetails(page, 'Service65, user65');
  await page.keyboard.press('Escape');
  await expect(detailsButton(page, 'Service65, user65')).toBeFocused();
  await expect(detailsButton(page, 'Service65, user65')).toBeInViewport();

  await openDetails(page, 'Service65, user65');
  await deleteShown(page);
  await expect(copyButton(page, 'Service66, user66')).toBeFocused();
  await expect(copyButton(page, 'Service66, user66')).toBeInViewport();

  // From the top of the list, a new account goes to the end, far below: it is scrolled to and focused.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await addByLink(page, 'otpauth://totp/Zeta:zoe?secret=NBSWY3DPO5XXE3DE&issuer=Zeta');
  await expect(copyButton(page, 'Zeta, zoe')).toBeFocused();
  await expect(copyButton(page, 'Zeta, zoe')).toBeInViewport();
});

test('copy, add and delete show a visible confirmation; Undo puts a deleted account back in its place', async ({ page, controlledHarness: harness }) => {
  expect((await harness.cli('add', ...FOUR)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);

  await copyButton(page, 'GitHub, alice').click();
  await expect(toast(page)).toBeVisible();
  await expect(toast(page).getByRole('status')).toHaveText('Copied · clears in 30 s');
  await expect(copyButton(page, 'GitHub, alice')).toBeFocused(); // the confirmation does not take the focus
  await toastSettled(page);
  await screenshot(page, 'toast-copied', { fullPage: false });

  const before = await order(page);
  await openDetails(page, 'Google, alice');
  await deleteShown(page);
  // Screen readers also hear the shortcut, since the button comes after every tile.
  await expect(toast(page).getByRole('status')).toHaveText('Deleted Google, alice. Ctrl+Z undoes it');
  const undo = toast(page).getByRole('button', { name: 'Undo deleting Google, alice' });
  await expect(undo).toBeVisible();
  await expect(tiles(page)).toHaveCount(3);

  // Undo from the keyboard: Tab reaches it from the last tile.
  await copyButton(page, 'Bank, alice').focus();
  await page.keyboard.press('Tab'); // the tile's Details
  await page.keyboard.press('Tab'); // its drag handle
  await page.keyboard.press('Tab');
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toast(page).getByRole('status')).toHaveText('Restored Google, alice');
  await expect.poll(() => order(page)).toEqual(before);
  await expect(copyButton(page, 'Google, alice')).toBeFocused();
  const restored = page.getByRole('listitem', { name: 'Google, alice' });
  await expectOathtoolCode(restored.locator('.tile-code'), SECRETS.Google, {}, () => harness.controls.now());
  const listed = JSON.parse((await harness.cli('list', '--json')).stdout) as { issuer: string }[];
  expect(listed.map((a) => a.issuer)).toEqual(['GitHub', 'Google', 'Dropbox', 'Bank']);

  // Ctrl+Z undoes too; once the undo window has passed, it is too late and the account stays deleted.
  await openDetails(page, 'Dropbox, alice');
  await deleteShown(page);
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(toast(page).getByRole('status')).toHaveText('Restored Dropbox, alice');
  await expect.poll(() => order(page)).toEqual(before);

  await openDetails(page, 'Bank, alice');
  await deleteShown(page);
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toBeVisible();
  await toast(page).hover(); // it stays while the pointer is on it, however long the checks take
  await toastSettled(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `toast-deleted-${scheme}`, { fullPage: false });
    await expectNoSeriousViolations(page, `toast (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await harness.controls.advanceClock(10_000);
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page).getByRole('status')).toHaveText(/too late/i);
  await expect(toast(page).getByRole('button', { name: 'Dismiss' })).toBeFocused(); // where Undo was
  await toastSettled(page);
  await screenshot(page, 'toast-too-late', { fullPage: false });
  await expect(tiles(page)).toHaveCount(3);
  expect(JSON.parse((await harness.cli('list', '--json')).stdout)).toHaveLength(3);

  await addByLink(page, FOUR[3]!);
  await expect(toast(page).getByRole('status')).toHaveText('Added Bank, alice');
  await expect(copyButton(page, 'Bank, alice')).toBeFocused();
  await expect(toast(page)).toBeHidden({ timeout: 10_000 }); // it goes by itself
});
