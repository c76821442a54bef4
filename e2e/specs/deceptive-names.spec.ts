import { expect, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';

// Names that would show something other than what they hold are refused in main, pointing at their field, whichever
// way they come in; nothing is added.

test('the manual form and a pasted link refuse a name with a bidi override or a zero-width character, pointing at the field', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('tab', { name: 'Enter setup key' }).click();
  const submit = dialog.getByRole('button', { name: 'Add account' });

  await dialog.getByLabel('Issuer').fill('moc.\u202eelgoog');
  await dialog.getByLabel('Account name').fill('alice');
  await dialog.getByLabel('Setup key', { exact: true }).fill('jbsw y3dp ehpk 3pxp');
  await submit.click();
  await expect(dialog.getByRole('alert')).toHaveText(/The issuer contains a hidden or control character \(U\+202E\)/);
  await expect(dialog.getByLabel('Issuer')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'add-dialog-deceptive-issuer');

  await dialog.getByLabel('Issuer').fill('Google');
  await dialog.getByLabel('Account name').fill('ali\u200bce');
  await submit.click();
  await expect(dialog.getByRole('alert')).toHaveText(/The account name contains a hidden or control character \(U\+200B\)/);
  await expect(dialog.getByLabel('Account name')).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByRole('tab', { name: 'Paste link' }).click();
  await dialog.getByLabel('Setup link').fill('otpauth://totp/Pay%E2%80%8Dpal:alice?secret=JBSWY3DPEHPK3PXP');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/The issuer contains a hidden or control character \(U\+200D\)/);

  const list = await harness.cli('list', '--json');
  expect(JSON.parse(list.stdout)).toEqual([]);
});
