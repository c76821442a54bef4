import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness-fixture.js';

const LINKS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://hotp/Bank:alice?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=Bank&counter=3',
];

/** axe-core's WCAG A/AA rules; serious and critical findings fail the test, with their details. */
async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('no serious accessibility violations on any screen, light and dark', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expectNoSeriousViolations(page, 'empty');
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(2);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousViolations(page, `tiles (${scheme})`);
  }
  await page.getByRole('button', { name: 'Details for GitHub, alice' }).click();
  await expectNoSeriousViolations(page, 'account view');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add account' }).click();
  for (const tab of ['Scan QR code', 'Paste link', 'Enter setup key']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectNoSeriousViolations(page, `add dialog: ${tab}`);
  }
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expectNoSeriousViolations(page, 'settings');
});
