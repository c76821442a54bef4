import type { Page } from '@playwright/test';
import { callContract, expect, harnessPage, test, type ControlledHarness } from '../harness-fixture.js';
import { oathtoolTotp } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { tilesSettled, openDetails } from '../tile-list.js';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const GOOGLE = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const grouped = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
const menuItems = (page: Page) => page.getByRole('menu', { name: 'Tray menu' }).getByRole('menuitem');

async function addBoth(harness: ControlledHarness): Promise<{ github: string; google: string }> {
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`)).code).toBe(0);
  expect((await harness.cli('add', `otpauth://totp/Google:alice@example.com?secret=${GOOGLE}&issuer=Google`)).code).toBe(0);
  const list = JSON.parse((await harness.cli('list', '--json')).stdout) as { id: string; issuer: string }[];
  return { github: list.find((a) => a.issuer === 'GitHub')!.id, google: list.find((a) => a.issuer === 'Google')!.id };
}

const trayPage = (harness: ControlledHarness) => harnessPage(harness, '/tray');

/** The label the tray shows for GitHub at main's current time (retried by the caller across a rollover). */
async function githubLabel(harness: ControlledHarness): Promise<string> {
  return `GitHub, alice ${grouped(oathtoolTotp(GITHUB, Math.floor((await harness.controls.now()) / 1000)))}`;
}

test('choosing a tray item copies the code oathtool computes, notifies, and the clipboard clears after the delay', async ({ page, controlledHarness: harness }) => {
  await addBoth(harness);
  await page.goto(trayPage(harness));
  const items = menuItems(page);
  await expect(items).toHaveText([/^GitHub, alice \d{3} \d{3}$/, /^Google, alice@example\.com \d{3} \d{3}$/, 'Open Authenticator', 'Quit']);
  await expect.poll(async () => (await items.first().innerText()) === (await githubLabel(harness))).toBe(true);
  await screenshot(page, 'tray');

  const before = await harness.controls.now();
  await items.first().click();
  await expect(page.getByRole('status')).toHaveText('Code for GitHub, alice copied; clears in 30 s');
  const after = await harness.controls.now();
  const copied = await harness.controls.readClipboard();
  expect([oathtoolTotp(GITHUB, Math.floor(before / 1000)), oathtoolTotp(GITHUB, Math.floor(after / 1000))]).toContain(copied);

  // Past the delay on main's clock: cleared. The menu rolled over on the way, to oathtool's next code.
  await harness.controls.advanceClock(31_000);
  await expect.poll(() => harness.controls.readClipboard()).toBe('');
  await expect.poll(async () => (await items.first().innerText()) === (await githubLabel(harness))).toBe(true);
});

test('the tray keeps what the person copied since', async ({ page, controlledHarness: harness }) => {
  await addBoth(harness);
  await page.goto(trayPage(harness));
  await menuItems(page).nth(1).click();
  await expect(page.getByRole('status')).toHaveText('Code for Google, alice@example.com copied; clears in 30 s');
  await harness.controls.writeClipboard('https://example.com/something-else');
  await harness.controls.advanceClock(45_000);
  await page.waitForTimeout(200);
  expect(await harness.controls.readClipboard()).toBe('https://example.com/something-else');
});

test('a rename and a reorder show in the tray menu; pinned accounts when there are many', async ({ page, controlledHarness: harness }) => {
  const { github, google } = await addBoth(harness);
  await page.goto(trayPage(harness));
  const items = menuItems(page);
  await expect(items.first()).toHaveText(/^GitHub, alice/);

  // Renamed by the command-line tool: the harness follows the vault file and pushes a new menu.
  expect((await harness.cli('rename', github, '--issuer', 'GitHub Work')).code).toBe(0);
  await expect(items.first()).toHaveText(/^GitHub Work, alice \d{3} \d{3}$/);

  // Reordered through the contract, as the window's drag and drop does.
  expect((await callContract(page, 'moveAccount', { id: google, toIndex: 0 })).ok).toBe(true);
  await expect(items).toHaveText([/^Google, /, /^GitHub Work, /, 'Open Authenticator', 'Quit']);

  // Over the limit, only pinned accounts plus "All accounts…", which opens the window.
  expect((await callContract(page, 'updateSettings', { trayMaxAccounts: 1 })).ok).toBe(true);
  await expect(items).toHaveText(['Pin accounts to list them here', 'All accounts…', 'Open Authenticator', 'Quit']);
  expect((await callContract(page, 'setPinned', { id: github, pinned: true })).ok).toBe(true);
  await expect(items).toHaveText([/^GitHub Work, alice \d{3} \d{3}$/, 'All accounts…', 'Open Authenticator', 'Quit']);
  await screenshot(page, 'tray-pinned');
  await page.getByRole('menuitem', { name: 'All accounts…' }).click();
  await expect(page).toHaveURL(new URL('/', harness.url).origin + '/');
});

test('an empty vault shows "No accounts yet", disabled', async ({ page, controlledHarness: harness }) => {
  await page.goto(trayPage(harness));
  await expect(menuItems(page)).toHaveText(['No accounts yet', 'Open Authenticator', 'Quit']);
  await expect(page.getByRole('menuitem', { name: 'No accounts yet' })).toBeDisabled();
  await page.getByRole('menuitem', { name: 'Quit' }).click();
  await expect(page.getByRole('status')).toHaveText(/would quit/);
  await screenshot(page, 'tray-empty');
});

test('pinning from the full-screen view decides what a long tray menu lists', async ({ page, controlledHarness: harness }) => {
  await addBoth(harness);
  await page.goto(harness.url);
  expect((await callContract(page, 'updateSettings', { trayMaxAccounts: 1 })).ok).toBe(true);
  await tilesSettled(page);
  await openDetails(page, /^Google/);
  await page.getByRole('button', { name: 'Pin to tray' }).click();
  await expect(page.getByRole('button', { name: 'Unpin from tray' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listitem', { name: /^Google/ })).toContainText('pinned to the tray');

  await page.goto(trayPage(harness));
  await expect(menuItems(page)).toHaveText([/^Google, /, 'All accounts…', 'Open Authenticator', 'Quit']);
});
