import { expectNoSeriousViolations } from '../axe.js';
import { expect, test } from '../harness-fixture.js';
import { migrationLink } from '../qr-images.js';
import { tilesSettled, openDetails } from '../tile-list.js';

const LINKS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://hotp/Bank:alice?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=Bank&counter=3',
];


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
  await tilesSettled(page);
  await openDetails(page, 'GitHub, alice');
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

test('no serious accessibility violations on the QR sources, the import summary and the shown setup key', async ({ page, harness }) => {
  expect((await harness.cli('add', LINKS[0]!)).code).toBe(0);
  await page.goto(harness.url);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // This browser has no camera: the camera view shows its problem and the way out.
    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/No camera was found/);
    await expectNoSeriousViolations(page, `camera problem (${scheme})`);
    await dialog.getByRole('button', { name: 'Close camera' }).click();

    await dialog.getByRole('tab', { name: 'Paste link' }).click();
    const secret = scheme === 'light' ? 'MFRGGZDFMZTWQ2LKNNWG23TP' : 'ORSXG5DJNZTXE3DJMVZQ';
    await dialog.getByLabel('Setup link').fill(migrationLink([{ issuer: `Export ${scheme}`, name: 'a', secret }], { index: 0, size: 2, id: 5 }));
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog.getByRole('button', { name: 'Scan the next QR code' })).toBeVisible();
    await expectNoSeriousViolations(page, `import summary (${scheme})`);
    await dialog.getByRole('button', { name: 'Done' }).click();

    await tilesSettled(page);
    await openDetails(page, 'GitHub, alice');
    await page.getByRole('button', { name: 'Show QR code and setup key…' }).click();
    await expectNoSeriousViolations(page, `show setup warning (${scheme})`);
    await page.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
    await harness.answerSecretRelease('yes');
    await expect(page.getByRole('img', { name: 'QR code for GitHub, alice' })).toBeVisible();
    await expectNoSeriousViolations(page, `shown setup key (${scheme})`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  }
});
