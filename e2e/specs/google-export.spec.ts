import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { migrationLink } from '../qr-images.js';
import { screenshot } from '../screenshot.js';

// A Google Authenticator export split over several QR codes (batch_size > 1), here pasted as links: each code is
// imported whole, the summary says which one it was and asks for the next until all are in.

const ID = 90210;
const codes = [
  [{ issuer: 'GitHub', name: 'gina', secret: 'JBSWY3DPEHPK3PXP' }],
  [{ issuer: 'Slack', name: 'gina@example.com', secret: 'KRSXG5CTMVRXEZLUKRSXG5CT' }],
  [
    { issuer: 'Dropbox', name: 'gina', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP' },
    { issuer: 'Fastmail', name: 'gina@fastmail.example', secret: 'ORSXG5DJNZTXE3DJMVZQ' },
  ],
].map((entries, index) => migrationLink(entries, { index, size: 3, id: ID }));

async function paste(dialog: Locator, link: string) {
  await dialog.getByRole('tab', { name: 'Paste link' }).click();
  await dialog.getByLabel('Setup link').fill(link);
  await dialog.getByRole('button', { name: 'Add account' }).click();
}
const summary = (page: Page, headline: string) => page.getByRole('dialog', { name: 'Add account' }).getByRole('region', { name: headline });

test('each QR code of a split export says which it was and asks for the next, in any order', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });

  await paste(dialog, codes[1]!);
  const second = summary(page, 'QR 2 of 3: imported 1 account. Scan the next QR code.');
  await expect(second.getByRole('listitem')).toHaveText(['Slack, gina@example.com']);
  await second.getByRole('button', { name: 'Scan the next QR code' }).click();
  await expect(dialog.getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');

  // The same code again: refused whole as a duplicate, nothing added.
  await paste(dialog, codes[1]!);
  await expect(dialog.getByRole('alert')).toHaveText(/Slack, gina@example.com is already in your accounts.*Nothing was added/);

  await paste(dialog, codes[2]!);
  const third = summary(page, 'QR 3 of 3: imported 2 accounts. Scan the next QR code.');
  await expect(third.getByRole('listitem')).toHaveText(['Dropbox, gina', 'Fastmail, gina@fastmail.example']);
  await third.getByRole('button', { name: 'Scan the next QR code' }).click();

  await paste(dialog, codes[0]!);
  const last = summary(page, 'QR 1 of 3: imported 1 account. All 3 QR codes of this export are imported.');
  await expect(last).toBeVisible();
  await expect(last.getByRole('button', { name: 'Scan the next QR code' })).toHaveCount(0);
  await screenshot(page, 'import-summary-last');
  await last.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  const tiles = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
  await expect(tiles).toHaveCount(4);
  const fastmail = page.getByRole('listitem', { name: 'Fastmail, gina@fastmail.example' });
  await expectOathtoolCode(fastmail.locator('.tile-code'), 'ORSXG5DJNZTXE3DJMVZQ');
});

test('an export with one bad account adds none of it, and says which', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  const bad = migrationLink([
    { issuer: 'Good', name: 'one', secret: 'JBSWY3DPEHPK3PXP' },
    { issuer: 'Short', name: 'two', secret: 'JBSWY3DP' }, // 5 bytes: too short
  ]);
  await paste(dialog, bad);
  await expect(dialog.getByRole('alert')).toHaveText(/^Account 2 of 2 \(Short, two\): Its secret is too short.*Nothing was added/);
  expect(JSON.parse((await harness.cli('list', '--json')).stdout)).toEqual([]);
});
