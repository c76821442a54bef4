import type { Page } from '@playwright/test';
import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { expect, test } from '../harness-fixture.js';
import { oathtoolTotp } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { tilesSettled } from '../tile-list.js';

// The tiles as a person meets them: logos, the one copy affordance and its confirmation, the menu, and the keyboard:
// one tab stop for the grid, arrows between tiles, Enter or Ctrl+C copies, / or typing searches, ? lists the keys.

const SECRETS = { GitHub: 'JBSWY3DPEHPK3PXP', Snapchat: 'GEZDGNBVGY3TQOJQ', Dropbox: 'MFRGGZDFMZTWQ2LK', Contoso: 'KRSXG5CTMVRXEZLU' };
const LINKS = Object.entries(SECRETS).map(([issuer, secret]) => `otpauth://totp/${issuer}:alice?secret=${secret}&issuer=${issuer}`);

const copyButton = (page: Page, issuer: string) => page.getByRole('button', { name: `Copy code for ${issuer}, alice`, exact: true });
const tile = (page: Page, issuer: string) => page.getByRole('listitem', { name: `${issuer}, alice`, exact: true });

/** The codes oathtool gives between two readings of main's clock (a rollover may fall in between). */
const oracle = (secret: string, before: number, after: number) => [oathtoolTotp(secret, Math.floor(before / 1000)), oathtoolTotp(secret, Math.floor(after / 1000))];

test('the grid is one tab stop; arrows, Home and End move between tiles; Tab comes back to the last one', async ({ page, harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.setViewportSize({ width: 1280, height: 720 }); // three columns
  await page.goto(harness.url);
  await tilesSettled(page);
  // Only one tile's copy button is in the Tab order.
  await expect(page.locator('.tile-main[tabindex="0"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Settings' }).focus();
  await page.keyboard.press('Tab');
  await expect(copyButton(page, 'GitHub')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(copyButton(page, 'Snapchat')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // one row down: the fifth place is empty, so the last tile
  await expect(copyButton(page, 'Contoso')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // the last row: Down stays, it does not go sideways
  await expect(copyButton(page, 'Contoso')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(copyButton(page, 'GitHub')).toBeFocused();
  await page.keyboard.press('End');
  await expect(copyButton(page, 'Contoso')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(copyButton(page, 'Dropbox')).toBeFocused();
  await expect(page.locator('.tile-main[tabindex="0"]')).toHaveCount(1);
  // Tab moves on to the focused tile's own controls, then out of the grid; Shift+Tab comes back to the same tile.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Reorder Dropbox, alice' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'More actions for Dropbox, alice' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(copyButton(page, 'Dropbox')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(copyButton(page, 'GitHub')).toBeFocused();
});

test('Enter and Ctrl+C copy the focused tile: the clipboard holds oathtool’s code and the tile says “Copied”', async ({ page, controlledHarness: harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  await copyButton(page, 'GitHub').focus();
  await page.keyboard.press('ArrowRight');
  let before = await harness.controls.now();
  await page.keyboard.press('Enter');
  await expect(tile(page, 'Snapchat')).toContainText('Copied');
  let after = await harness.controls.now();
  expect(oracle(SECRETS.Snapchat, before, after)).toContain(await harness.controls.readClipboard());
  await expect(page.locator('.toast')).toContainText('Copied');
  await screenshot(page, 'tile-copied', { fullPage: false });
  // The confirmation goes by itself; the other tiles never said it.
  await expect(tile(page, 'GitHub')).not.toContainText('Copied');
  await expect(tile(page, 'Snapchat')).not.toContainText('Copied', { timeout: 5000 });

  await page.keyboard.press('ArrowRight');
  before = await harness.controls.now();
  await page.keyboard.press('Control+c');
  await expect(tile(page, 'Dropbox')).toContainText('Copied');
  after = await harness.controls.now();
  expect(oracle(SECRETS.Dropbox, before, after)).toContain(await harness.controls.readClipboard());

  // In the search box: Enter copies when exactly one account matches; with more, it copies nothing and Down goes on
  // to the first tile shown.
  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  await search.fill('snap');
  before = await harness.controls.now();
  await search.press('Enter');
  await expect.poll(async () => oracle(SECRETS.Snapchat, before, await harness.controls.now()).includes(await harness.controls.readClipboard())).toBe(true);
  await expect(page.locator('.toast')).toContainText('Copied');
  await search.fill('o'); // Dropbox and Contoso
  const held = await harness.controls.readClipboard();
  await search.press('Enter');
  await search.press('ArrowDown');
  await expect(copyButton(page, 'Dropbox')).toBeFocused();
  expect(await harness.controls.readClipboard()).toBe(held);
});

test('/ and typing anywhere search; ? lists the shortcuts; the tile menu works by keyboard', async ({ page, harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  await copyButton(page, 'GitHub').focus();
  await page.keyboard.type('dro');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('dro');
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');

  await copyButton(page, 'GitHub').focus();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue(''); // the slash itself is not typed

  await copyButton(page, 'GitHub').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Copy the code of the focused account');
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // The menu: Enter opens it on its first item, arrows move, Escape closes it with the focus back on its button.
  const more = page.getByRole('button', { name: 'More actions for Snapchat, alice' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Open full view' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Copy code' })).toBeFocused();
  await screenshot(page, 'tile-menu', { fullPage: false });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(more).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Snapchat' })).toBeVisible();
});

test('the tile menu offers only the moves that do something: no Move up on the first tile, no Move down on the last', async ({ page, harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  const moves = async (issuer: string) => {
    await page.getByRole('button', { name: `More actions for ${issuer}, alice` }).click();
    const items = await page.getByRole('menuitem').allInnerTexts();
    await page.keyboard.press('Escape');
    return items.filter((item) => item.startsWith('Move'));
  };
  expect(await moves('GitHub')).toEqual(['Move down']);
  expect(await moves('Snapchat')).toEqual(['Move up', 'Move down']);
  expect(await moves('Contoso')).toEqual(['Move up']);
  // Moved to the top, Contoso loses Move up and GitHub, now second, gains it.
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'More actions for Contoso, alice' }).click();
    await page.getByRole('menuitem', { name: 'Move up' }).click();
  }
  expect(await moves('Contoso')).toEqual(['Move down']);
  expect(await moves('GitHub')).toEqual(['Move up', 'Move down']);
  expect(await moves('Dropbox')).toEqual(['Move up']);
});

test('services get their logo by issuer, others their initial; light and dark pass axe with the brand colours', async ({ page, harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  await expect(tile(page, 'GitHub').locator('.provider-icon[data-brand="github"] svg path')).toHaveCount(1);
  await expect(tile(page, 'Snapchat').locator('.provider-icon[data-brand="snapchat"]')).toHaveCount(1);
  await expect(tile(page, 'Dropbox').locator('.provider-icon[data-brand="dropbox"]')).toHaveCount(1);
  await expect(tile(page, 'Contoso').locator('.provider-icon')).toHaveText('C');
  // Snapchat's yellow is darkened on the light plate, GitHub's near-black lightened on the dark one.
  const iconColour = (issuer: string) => tile(page, issuer).locator('.provider-icon').evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).color);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await iconColour('Snapchat')).not.toBe('rgb(255, 252, 0)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await iconColour('GitHub')).not.toBe('rgb(24, 23, 23)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoSeriousViolationsLightAndDark(page, 'tiles with logos');
});
