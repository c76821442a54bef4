import { promises as fs } from 'node:fs';
import path from 'node:path';
import { base32nopad } from '@scure/base';
import type { Page } from '@playwright/test';
import { expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;

/**
 * Opens the add dialog on its link tab (unless a failed submit left it open) and submits `link`. The tile of a new
 * account can show before the dialog closes (the change event outruns the reply), so a caller that expects success
 * uses `addByLink`, which waits for the dialog to close before the next step looks at it.
 */
async function submitLink(page: Page, link: string) {
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Add account' }).first().click();
  await dialog.getByRole('tab', { name: 'Paste link' }).click();
  await dialog.getByLabel('Setup link').fill(link);
  await dialog.getByRole('button', { name: 'Add account' }).click();
}

async function addByLink(page: Page, link: string) {
  await submitLink(page, link);
  await expect(page.getByRole('dialog', { name: 'Add account' })).toBeHidden();
}

test('adding an account by link shows its tile with the code oathtool computes', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await screenshot(page, 'empty');

  await addByLink(page, LINK);

  const list = page.getByRole('list', { name: 'Accounts' });
  const tile = list.getByRole('listitem', { name: 'Example, alice@example.com' });
  await expect(tile).toBeVisible();
  await expect(tile).toContainText('Example');
  await expect(tile).toContainText('alice@example.com');
  await expectOathtoolCode(tile.locator('.tile-code'), SECRET);
  await screenshot(page, 'one-account');

  const listed = await harness.cli('list', '--json');
  expect(JSON.parse(listed.stdout)).toMatchObject([{ issuer: 'Example', name: 'alice@example.com', type: 'totp' }]);
});

test('no message to the page and nothing in its DOM contains a secret', async ({ page, harness }) => {
  const secrets = ['KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];
  const forms = secrets.flatMap((s) => {
    const bytes = Buffer.from(base32nopad.decode(s));
    return [s, s.toLowerCase(), bytes.toString('hex'), bytes.toString('base64'), bytes.toString('latin1')];
  });
  const received: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));

  await page.goto(harness.url);
  for (const [i, secret] of secrets.entries()) {
    await addByLink(page, `otpauth://totp/Leak${i}:user${i}?secret=${secret}&issuer=Leak${i}`);
    await expect(page.getByRole('listitem', { name: new RegExp(`Leak${i}`) })).toBeVisible();
  }
  // An account added elsewhere (the command-line tool) reaches the page through the same events.
  const viaCli = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
  expect((await harness.cli('add', `otpauth://totp/Cli:carol?secret=${viaCli}&issuer=Cli`)).code).toBe(0);
  await expect(page.getByRole('listitem', { name: /Cli/ })).toBeVisible();
  forms.push(viaCli, viaCli.toLowerCase());

  expect(received.length).toBeGreaterThan(3);
  const dom = await page.content();
  const inputs = await page.locator('input').evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value));
  for (const form of forms) {
    for (const frame of received) expect(frame.includes(form), `a message to the page contains ${form}`).toBe(false);
    expect(dom.includes(form), `the DOM contains ${form}`).toBe(false);
    expect(inputs.join('\n').includes(form)).toBe(false);
  }
});

test('a bad link says what is wrong and adds nothing', async ({ page, harness }) => {
  await page.goto(harness.url);
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  const field = dialog.getByLabel('Setup link');
  const cases: [string, RegExp][] = [
    ['https://example.com', /not an otpauth:\/\/ link/],
    ['otpauth://totp/X:y?issuer=X', /no secret/],
    ['otpauth://totp/X:y?secret=NOT-BASE32!', /not valid base32/],
    ['otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', /Unknown algorithm "MD5"/],
    ['otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=12', /6 to 8 digits/],
  ];
  for (const [link, message] of cases) {
    await submitLink(page, link);
    await expect(dialog.getByRole('alert')).toHaveText(message);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue(link); // what the person typed is kept, to fix it
  }
  await screenshot(page, 'bad-link');
  await addByLink(page, LINK);
  await expect(page.getByRole('listitem', { name: /Example/ })).toBeVisible();
  await submitLink(page, LINK);
  await expect(dialog.getByRole('alert')).toHaveText(/already in your accounts/);
  expect(JSON.parse((await harness.cli('list', '--json')).stdout)).toHaveLength(1);
});

test('a damaged vault is explained and its previous version can be restored', async ({ page }) => {
  const harness = await startHarness();
  try {
    expect((await harness.cli('add', LINK)).code).toBe(0);
    expect((await harness.cli('add', 'otpauth://totp/Second:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Second')).code).toBe(0);
    const vaultFile = path.join(harness.dataDir, 'vault.json');
    const bytes = await fs.readFile(vaultFile);
    const at = bytes.length - 40;
    bytes[at] = bytes[at]! ^ 0x01; // one flipped bit in the ciphertext
    await fs.writeFile(vaultFile, bytes);

    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Your accounts file is damaged' })).toBeVisible();
    await screenshot(page, 'vault-damaged');
    await page.getByRole('button', { name: 'Restore previous version' }).click();
    // The previous generation is the vault before the second add.
    await expect(page.getByRole('listitem', { name: /Example/ })).toBeVisible();
    await expect(page.getByRole('listitem', { name: /Second/ })).toHaveCount(0);
  } finally {
    await harness.stop();
  }
});
