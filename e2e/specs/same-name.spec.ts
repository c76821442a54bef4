import type { Page } from '@playwright/test';
import { expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

// A new account named like one here with another setup key (main/core/accounts/same-name.ts): the add dialog asks
// before anything is added; each answer does what it says, codes checked with oathtool; the command-line tool tells
// the two accounts apart by id.

const OLD_KEY = 'JBSWY3DPEHPK3PXP';
const NEW_KEY = 'MFRGGZDFMZTWQ2LK';
const link = (secret: string) => `otpauth://totp/GitHub:alice?secret=${secret}&issuer=GitHub`;

const tiles = (page: Page) => page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { name: 'GitHub, alice' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Add account' });
const question = (page: Page) => dialog(page).getByRole('alertdialog', { name: 'Same name, different key' });

async function submitLink(page: Page, uri: string) {
  if (!(await dialog(page).isVisible())) await page.getByRole('button', { name: 'Add account' }).first().click();
  await dialog(page).getByRole('tab', { name: 'Paste link' }).click();
  await dialog(page).getByLabel('Setup link').fill(uri);
  await dialog(page).getByRole('button', { name: 'Add account' }).click();
}

test('a pasted link with the name of an account here asks first; "Add as a second account" keeps both, and the tool lists both ids', async ({ page, harness }) => {
  await page.goto(harness.url);
  await submitLink(page, link(OLD_KEY));
  await expect(dialog(page)).toBeHidden();

  await submitLink(page, link(NEW_KEY));
  await expect(question(page)).toContainText('You already have GitHub, alice. This is a different setup key: the provider may have reset it.');
  await expect(question(page).getByRole('button', { name: 'Add as a second account' })).toBeFocused();
  await expect(tiles(page)).toHaveCount(1);
  await screenshot(page, 'same-name-question');

  await question(page).getByRole('button', { name: 'Add as a second account' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(tiles(page)).toHaveCount(2);
  await expectOathtoolCode(tiles(page).nth(0).locator('.tile-code'), OLD_KEY);
  await expectOathtoolCode(tiles(page).nth(1).locator('.tile-code'), NEW_KEY);

  const ids = (JSON.parse((await harness.cli('list', '--json')).stdout) as { id: string }[]).map((a) => a.id);
  const ambiguous = await harness.cli('code', 'github');
  expect(ambiguous.code).toBe(2);
  for (const id of ids) expect(ambiguous.stderr).toContain(`${id} GitHub, alice (added `);
});

test('by the manual form: Cancel adds nothing and keeps the form; "Replace the old key" leaves one tile with the new key’s codes', async ({ page, harness }) => {
  await page.goto(harness.url);
  await submitLink(page, link(OLD_KEY));
  await expect(dialog(page)).toBeHidden();

  await page.getByRole('button', { name: 'Add account' }).first().click();
  await dialog(page).getByRole('tab', { name: 'Enter setup key' }).click();
  await dialog(page).getByLabel('Issuer').fill('GitHub');
  await dialog(page).getByLabel('Account name').fill('alice');
  await dialog(page).getByLabel('Setup key', { exact: true }).fill(NEW_KEY);
  await dialog(page).getByRole('button', { name: 'Add account' }).click();

  await question(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(question(page)).toBeHidden();
  // The focus goes back to the button that asked, not to the page.
  await expect(dialog(page).getByRole('button', { name: 'Add account' })).toBeFocused();
  await expect(dialog(page).getByLabel('Setup key', { exact: true })).toHaveValue(NEW_KEY);
  await expect(dialog(page).getByRole('alert')).toHaveCount(0);
  await expect(tiles(page)).toHaveCount(1);
  await expectOathtoolCode(tiles(page).locator('.tile-code'), OLD_KEY);

  await dialog(page).getByRole('button', { name: 'Add account' }).click();
  await question(page).getByRole('button', { name: 'Replace the old key' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(tiles(page)).toHaveCount(1);
  await expectOathtoolCode(tiles(page).locator('.tile-code'), NEW_KEY);
  await screenshot(page, 'same-name-replaced');
});
