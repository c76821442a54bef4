import type { Page } from '@playwright/test';
import { callContract, expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { openDetails } from '../tile-list.js';

const SECRET = 'JBSWY3DPEHPK3PXP';

/** The current and the next code of the full-screen view, as shown. */
const shownCodes = (page: Page) => page.locator('.details-code, .details-next');

test('hide codes: the full-screen view shows no digits until hovered, focused or revealed', async ({ page, harness }) => {
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  await page.goto(harness.url);
  expect((await callContract(page, 'updateSettings', { hideCodes: true })).ok).toBe(true);
  await page.reload();
  await expect(page.locator('.app')).toHaveClass(/hide-codes/);
  await openDetails(page, 'GitHub, alice');
  await page.mouse.move(0, 0);
  const view = page.getByRole('dialog', { name: 'GitHub' });
  const code = view.locator('.details-code');
  const next = view.locator('.details-next');
  await expect(code).toBeVisible();
  await expect(next).toBeVisible();

  // Neither the current nor the next code is on the page (not merely blurred): no digit in either.
  await expect(shownCodes(page)).toHaveCount(2);
  for (const shown of await shownCodes(page).all()) await expect(shown).not.toHaveText(/\d/);
  for (const theme of ['light', 'dark'] as const) {
    expect((await callContract(page, 'updateSettings', { theme })).ok).toBe(true);
    await page.reload();
    await openDetails(page, 'GitHub, alice');
    await page.mouse.move(0, 0);
    await expect(code).not.toHaveText(/\d/);
    await screenshot(page, `details-hidden-${theme}`);
  }

  // Hovering the code shows both, as on a tile; moving away hides them again.
  await code.hover();
  await expectOathtoolCode(code, SECRET);
  await expect(next).toHaveText(/^\d{3} \d{3}$/);
  await page.mouse.move(0, 0);
  await expect(code).not.toHaveText(/\d/);
  await expect(next).not.toHaveText(/\d/);

  // Keyboard focus on Copy shows the code, as on a tile (Tab from the last action, Delete…); Tab on hides it again.
  await view.getByRole('button', { name: 'Delete…' }).focus();
  await page.keyboard.press('Tab');
  await expect(view.getByRole('button', { name: 'Copy', exact: true })).toBeFocused();
  await expectOathtoolCode(code, SECRET);
  await page.keyboard.press('Tab');
  await expect(code).not.toHaveText(/\d/);

  // "Show codes" keeps them shown until pressed again.
  const toggle = view.getByRole('button', { name: 'Show codes' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(0, 0);
  await expectOathtoolCode(code, SECRET);
  await expect(next).toHaveText(/^\d{3} \d{3}$/);
  await screenshot(page, 'details-hidden-revealed-dark');
  await toggle.click();
  await expect(code).not.toHaveText(/\d/);

  // With hide codes off the codes show as before, and there is no toggle.
  expect((await callContract(page, 'updateSettings', { hideCodes: false })).ok).toBe(true);
  await page.reload();
  await openDetails(page, 'GitHub, alice');
  await expectOathtoolCode(code, SECRET);
  await expect(view.getByRole('button', { name: 'Show codes' })).toHaveCount(0);
});
