import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../axe.js';
import { callContract, expect, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';

// Settings > Desktop in the harness: the quick picker's shortcut (recorded from the keys pressed, with an off
// switch), start at login (not available in a browser), and the tray options; what is chosen is what main stores.

async function openDesktopSettings(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Desktop' });
  await expect(section).toBeVisible();
  return section;
}

async function storedSettings(page: Page) {
  const reply = await callContract(page, 'getSettings', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

test('the quick picker shortcut is recorded from the keys pressed; a key that would swallow typing is refused; Escape keeps the old one', async ({ page, harness }) => {
  const section = await openDesktopSettings(page, harness.url);
  const field = section.getByRole('button', { name: 'Quick picker shortcut' });
  await expect(field).toHaveText('Ctrl+Alt+A');
  await expect(field).toHaveAccessibleName('Quick picker shortcut Ctrl+Alt+A');
  await expect(section.getByText('this page has no global shortcuts')).toBeVisible();

  await field.click();
  await expect(field).toHaveText('Press the keys…');
  await page.keyboard.press('Shift+A');
  await expect(section.getByRole('status')).toHaveText('Hold Ctrl or Alt with a letter, digit or function key.');
  await page.keyboard.press('Control+Shift+K');
  await expect(field).toHaveText('Ctrl+Shift+K');
  await expect.poll(async () => (await storedSettings(page)).quickPickerShortcut).toBe('CommandOrControl+Shift+K');

  // Escape while recording: the old shortcut stays, and the settings page does not go back.
  await field.click();
  await page.keyboard.press('Escape');
  await expect(field).toHaveText('Ctrl+Shift+K');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  // The off switch: stored, and the shortcut cannot be changed while off.
  await section.getByLabel('Open the quick picker with a shortcut, from any app').uncheck();
  await expect(field).toBeDisabled();
  await expect.poll(async () => (await storedSettings(page)).quickPickerOn).toBe(false);
});

test('start at login says it is not available here; the tray options are stored', async ({ page, harness }) => {
  const section = await openDesktopSettings(page, harness.url);
  await expect(section.getByText('Not available here')).toBeVisible();
  await section.getByLabel('Accounts listed in the tray menu').selectOption('5');
  await section.getByLabel('Opens the quick picker').check();
  await expect.poll(async () => {
    const { trayMaxAccounts, trayClick } = await storedSettings(page);
    return { trayMaxAccounts, trayClick };
  }).toEqual({ trayMaxAccounts: 5, trayClick: 'openQuickPicker' });
  // A page opened afterwards shows what was stored.
  const again = await openDesktopSettings(page, harness.url);
  await expect(again.getByLabel('Accounts listed in the tray menu')).toHaveValue('5');
  await expect(again.getByLabel('Opens the quick picker')).toBeChecked();
});

test('Settings > Desktop: no serious accessibility violations, light and dark (screenshots)', async ({ page, harness }) => {
  const section = await openDesktopSettings(page, harness.url);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousViolations(page, `desktop settings (${scheme})`);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `.test-output/screens/settings-desktop-${scheme}.png` });
  }
  await section.getByRole('button', { name: 'Quick picker shortcut' }).click();
  await expectNoSeriousViolations(page, 'desktop settings, recording a shortcut');
  await screenshot(page, 'settings-desktop-recording', { fullPage: false });
});
