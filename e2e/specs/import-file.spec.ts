import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toBuffer } from 'qrcode';
import { expectNoSeriousViolations } from '../axe.js';
import { callContract, expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { awkwardAccounts, base32 } from '../../main/core/import/testing/awkward-accounts.js';
import { bitwardenProtected, migrationLink, otpauthLink } from '../../main/core/import/testing/export-files.js';

// A new user brings a password-protected Bitwarden export (Argon2id, 64 MiB, parallelism 4: Bitwarden's own
// settings) made by the tests from Bitwarden's description, through Settings > Import.

const PASSWORD = 'moving in 2026';
const accounts = awkwardAccounts();

test('an encrypted export through Settings: password, progress, preview with the duplicate unticked, report; codes match oathtool', async ({ page, harness }) => {
  test.setTimeout(180_000); // two Argon2id derivations (64 MiB) on a shared machine
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'import-e2e-')), 'bitwarden_encrypted_export.json');
  writeFileSync(file, await bitwardenProtected(accounts, PASSWORD, { kind: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 }));

  await page.goto(harness.url);
  // One of the file's accounts is here already.
  expect(await callContract(page, 'addAccountsFromUri', { uri: otpauthLink(accounts[0]!) })).toMatchObject({ ok: true });

  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Import' });
  await section.getByLabel('Export file to import').setInputFiles(file);
  await expect(section.getByText('Format: Bitwarden (JSON)')).toBeVisible();
  await expect(section.getByText('The file is encrypted. Enter the password it was exported with.')).toBeVisible();
  await screenshot(page, 'import-password');

  await section.getByLabel('Password of the export file').fill('not the password');
  await section.getByRole('button', { name: 'Unlock' }).click();
  await expect(section.getByRole('status')).toContainText('Deriving the key with Argon2id');
  await screenshot(page, 'import-progress');
  await expect(section.getByRole('alert')).toContainText('The password is not right', { timeout: 60_000 });

  await section.getByLabel('Password of the export file').fill(PASSWORD);
  await section.getByRole('button', { name: 'Unlock' }).click();
  const list = section.getByRole('list', { name: 'Accounts in the file' });
  await expect(list.getByRole('listitem')).toHaveCount(accounts.length, { timeout: 60_000 });
  const boxes = list.getByRole('checkbox');
  await expect(boxes.nth(0)).not.toBeChecked();
  await expect(boxes.nth(0)).toBeDisabled();
  await expect(list.getByRole('listitem').nth(0)).toContainText('Already here');
  await expect(list.getByRole('listitem').nth(5)).toContainText('Not importable');
  const importable = accounts.filter((a, i) => i > 0 && a.expect.usable).length;
  await expect(section.getByRole('button', { name: `Import ${importable} accounts` })).toBeEnabled();
  await screenshot(page, 'import-preview');
  await expectNoSeriousViolations(page, 'import preview');

  await section.getByRole('button', { name: `Import ${importable} accounts` }).click();
  const report = section.getByRole('status');
  await expect(report).toContainText(`Imported ${importable} accounts`);
  await expect(report.getByRole('list', { name: 'Not imported' }).getByRole('listitem')).toHaveCount(accounts.filter((a) => !a.expect.usable).length);
  await expect(report.getByRole('list', { name: 'Duplicates' }).getByRole('listitem')).toHaveCount(1);
  await screenshot(page, 'import-report');
  await expectNoSeriousViolations(page, 'import report');
  await report.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: /Back/ }).click();
  const bank = accounts[1]!;
  const tile = page.getByRole('listitem', { name: `${bank.issuer}, ${bank.name}` });
  await expectOathtoolCode(tile.locator('.tile-code'), base32(bank.key), { digits: bank.digits, period: bank.period, algorithm: 'sha256' });
  await screenshot(page, 'import-tiles');
});

test('Google Authenticator QR pictures, several at once: a missing one of the batch is said, the others are imported', async ({ page, harness }) => {
  const google = accounts.filter((a) => a.expect.usable && a.type === 'totp').map((a) => ({ ...a, digits: 6, period: 30 }));
  const dir = mkdtempSync(path.join(tmpdir(), 'import-qr-'));
  const pictures = await Promise.all(
    [0, 2].map(async (index) => {
      const file = path.join(dir, `google-export-${index + 1}.png`);
      writeFileSync(file, await toBuffer(migrationLink([google[index]!], { index, size: 3, id: 4242 }), { type: 'png', scale: 4 }));
      return file;
    }),
  );
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Import' });
  await section.getByLabel('Export file to import').setInputFiles(pictures);
  await expect(section.getByRole('alert')).toContainText('QR code 2 of 3');
  const list = section.getByRole('list', { name: 'Accounts in the file' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await screenshot(page, 'import-qr-batch');
  await section.getByRole('button', { name: 'Import 2 accounts' }).click();
  await expect(section.getByRole('status')).toContainText('Imported 2 accounts');
});
