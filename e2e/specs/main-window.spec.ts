import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode, oathtoolTotp } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { tilesSettled, openDetails } from '../tile-list.js';

const tiles = (page: Page) => page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
const order = async (page: Page) => (await tiles(page).evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? '')));

const FIVE = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Google:alice%40gmail.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google',
  'otpauth://totp/Dropbox:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TP&issuer=Dropbox&digits=8&algorithm=SHA256',
  'otpauth://hotp/Bank:alice?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=Bank&counter=3',
  'otpauth://totp/Steam:alice?secret=ONSWG4TFORQW24DM&issuer=Steam&encoder=steam',
];

test('adding by the manual form: each field error points at its field, then it works', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('tab', { name: 'Enter setup key' }).click();
  await screenshot(page, 'add-dialog-manual');
  const submit = dialog.getByRole('button', { name: 'Add account' });

  await submit.click();
  await expect(dialog.getByRole('alert')).toHaveText(/Enter an account name or an issuer/);
  // Either one will do: both are marked, and the focus is on the first.
  await expect(dialog.getByLabel('Issuer')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Account name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Issuer')).toBeFocused();
  await dialog.getByLabel('Issuer').fill('Acme');
  await dialog.getByLabel('Account name').fill('carol@acme.example');
  await dialog.getByLabel('Setup key', { exact: true }).fill('jbsw y3dp ehpk 3pxq 1');
  await submit.click();
  await expect(dialog.getByRole('alert')).toHaveText(/not valid base32: "1"/);
  await expect(dialog.getByLabel('Setup key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Setup key', { exact: true })).toBeFocused();
  await dialog.getByLabel('Setup key', { exact: true }).fill('jbsw y3dp ehpk 3pxq');
  await dialog.getByText('Advanced').click();
  await dialog.getByLabel('Period (seconds)').fill('2');
  await submit.click();
  await expect(dialog.getByRole('alert')).toHaveText(/period must be 5 to 3600/);
  await expect(dialog.getByLabel('Period (seconds)')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Period (seconds)')).toBeFocused();
  await screenshot(page, 'add-dialog-error');
  await dialog.getByLabel('Period (seconds)').fill('60');
  await dialog.getByLabel('Algorithm').selectOption('SHA512');
  await dialog.getByLabel('Digits').fill('8');
  await submit.click();
  await expect(dialog).toBeHidden();

  const tile = page.getByRole('listitem', { name: 'Acme, carol@acme.example' });
  await expectOathtoolCode(tile.locator('.tile-code'), 'JBSWY3DPEHPK3PXQ', { digits: 8, period: 60, algorithm: 'sha512' });
});

test('the manual form can tie a Microsoft account to this PC; other kinds cannot be', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('tab', { name: 'Enter setup key' }).click();
  const tied = dialog.getByRole('checkbox', { name: 'Tied to this PC (sign-in approvals)' });
  await expect(tied).toHaveCount(0);
  await dialog.getByLabel('Kind of account').selectOption('microsoftPersonal');
  await tied.check();
  await screenshot(page, 'add-dialog-device-bound');
  // Back to "other" and again: the box starts unticked, so a switch never carries the choice over unseen.
  await dialog.getByLabel('Kind of account').selectOption('other');
  await expect(tied).toHaveCount(0);
  await dialog.getByLabel('Kind of account').selectOption('microsoftPersonal');
  await expect(tied).not.toBeChecked();
  await tied.check();
  await dialog.getByLabel('Issuer').fill('Microsoft');
  await dialog.getByLabel('Account name').fill('erin@outlook.com');
  await dialog.getByLabel('Setup key', { exact: true }).fill('KRUGS4ZANFZSAYJA');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toBeHidden();

  const listed = JSON.parse((await harness.cli('list', '--json')).stdout) as { name: string; kind: string; deviceBound: boolean }[];
  expect(listed).toEqual([expect.objectContaining({ name: 'erin@outlook.com', kind: 'microsoftPersonal', deviceBound: true })]);
  await tilesSettled(page);
  await openDetails(page, 'Microsoft, erin@outlook.com');
  await expect(page.getByText('this account is tied to this device')).toBeVisible();
  await expect(page.getByRole('button', { name: /Show QR code and setup key/ })).toHaveCount(0);
});

test('five accounts: every code matches oathtool, search filters, reorder by keyboard survives a restart', async ({ page }) => {
  const first = await startHarness();
  try {
    expect((await first.cli('add', ...FIVE)).code).toBe(0);
    await page.goto(first.url);
    await expect(tiles(page)).toHaveCount(5);
    await expectOathtoolCode(page.locator('.tile-code').first(), 'JBSWY3DPEHPK3PXP');
    await screenshot(page, 'five-accounts');

    // Search (Ctrl+F) over issuer and name.
    await page.keyboard.press('Control+f');
    await expect(page.getByRole('searchbox', { name: 'Search accounts' })).toBeFocused();
    await page.keyboard.type('drop');
    await expect(tiles(page)).toHaveCount(1);
    await expect(tiles(page).first()).toHaveAccessibleName('Dropbox, alice');
    await page.keyboard.press('Escape');
    await expect(tiles(page)).toHaveCount(5);

    // Alt+Down on a focused tile moves it one place.
    await page.getByRole('button', { name: 'Copy code for GitHub, alice' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => order(page)).toEqual(['Google, alice@gmail.com', 'GitHub, alice', 'Dropbox, alice', 'Bank, alice', 'Steam, alice']);
    // dnd-kit's keyboard pattern on the handle: Space lifts, arrows move, Space drops.
    await page.getByRole('button', { name: 'Reorder Steam, alice' }).focus();
    const announcer = page.locator('[id^=DndLiveRegion]');
    await page.keyboard.press('Space');
    await expect(announcer).toHaveText(/Steam, alice is now at position 5/);
    // dnd-kit starts listening for arrows in a timer after the lift, and the browser may take a key typed at once
    // before that timer (no person types that fast): an arrow it missed is pressed again. From the first row another
    // ArrowUp moves nothing.
    await expect(async () => {
      await page.keyboard.press('ArrowUp');
      await expect(announcer).toHaveText(/Steam, alice is now at position [1-3]/, { timeout: 1000 });
    }).toPass();
    await page.keyboard.press('Space');
    await expect(announcer).toHaveText(/Steam, alice dropped at position [1-3]/);
    await expect.poll(() => order(page)).not.toEqual(['Google, alice@gmail.com', 'GitHub, alice', 'Dropbox, alice', 'Bank, alice', 'Steam, alice']);
    const reordered = await order(page);
    expect(reordered.indexOf('Steam, alice')).toBeLessThan(4);
    await first.stop();

    const second = await startHarness(first.dataDir);
    try {
      await page.goto(second.url);
      await expect.poll(() => order(page)).toEqual(reordered);
      const listed = JSON.parse((await second.cli('list', '--json')).stdout) as { issuer: string; name: string }[];
      expect(listed.map((a) => `${a.issuer}, ${a.name}`)).toEqual(reordered);
    } finally {
      await second.stop();
    }
  } finally {
    await first.stop();
  }
});

test('reorder with the mouse persists', async ({ page, harness }) => {
  expect((await harness.cli('add', ...FIVE.slice(0, 3))).code).toBe(0);
  await page.goto(harness.url);
  await expect(tiles(page)).toHaveCount(3);
  const handle = page.getByRole('button', { name: 'Reorder Dropbox, alice' });
  const target = tiles(page).first();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 5, { steps: 5 });
  await page.mouse.move(to.x + 30, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
  await expect.poll(() => order(page)).toEqual(['Dropbox, alice', 'GitHub, alice', 'Google, alice@gmail.com']);
  const listed = JSON.parse((await harness.cli('list', '--json')).stdout) as { issuer: string }[];
  expect(listed.map((a) => a.issuer)).toEqual(['Dropbox', 'GitHub', 'Google']);
});

test('full-screen view: details, next code, rename, delete with confirmation, Escape returns', async ({ page, harness }) => {
  expect((await harness.cli('add', ...FIVE.slice(0, 4))).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  await openDetails(page, 'GitHub, alice');
  const view = page.getByRole('dialog', { name: 'GitHub' });
  await expect(view.getByRole('heading', { name: 'GitHub' })).toBeFocused();
  await expect(view).toContainText('TOTP');
  await expect(view).toContainText('SHA-1');
  // The code of the next period, read at the moment of comparing (a screen that lags a rollover is read again).
  await expect
    .poll(async () => {
      const nextStart = (Math.floor(Date.now() / 30_000) + 1) * 30;
      return (await view.locator('.details-next').innerText()).replace(/\s/g, '') === oathtoolTotp('JBSWY3DPEHPK3PXP', nextStart);
    })
    .toBe(true);
  await screenshot(page, 'account-view');
  await page.keyboard.press('Escape');
  await expect(tiles(page)).toHaveCount(4);
  await tilesSettled(page);

  // Rename
  await openDetails(page, 'Google, alice@gmail.com');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('Account name').fill('alice@work.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Google' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Google' }).getByText('alice@work.example')).toBeVisible();

  // Delete asks first; Cancel keeps it.
  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Delete Google?' })).toBeVisible();
  await screenshot(page, 'delete-confirmation');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete account' }).click();
  await expect(tiles(page)).toHaveCount(3);
  await expect(page.getByRole('listitem', { name: /Google/ })).toHaveCount(0);
  await tilesSettled(page);

  // HOTP: "Use next code" advances the counter.
  await openDetails(page, 'Bank, alice');
  await expect(page.getByText('Counter 3')).toBeVisible();
  await page.getByRole('button', { name: 'Use next code' }).click();
  await expect(page.getByText('Counter 4')).toBeVisible();
});

test('settings: theme and hidden codes', async ({ page, harness }) => {
  expect((await harness.cli('add', ...FIVE)).code).toBe(0);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await screenshot(page, 'settings');
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Hide codes until the pointer or keyboard focus is on them').check();
  await page.keyboard.press('Escape');
  await expect(tiles(page)).toHaveCount(5);
  await expect(page.locator('.app')).toHaveClass(/hide-codes/);
  await screenshot(page, 'five-accounts-dark-hidden');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Light').check();
  await page.getByLabel('Hide codes until the pointer or keyboard focus is on them').uncheck();
  await page.keyboard.press('Escape');
  // Survives a reload: settings live in the vault.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('a countdown keeps its pace when the tiles around it change', async ({ page, controlledHarness: harness }) => {
  expect((await harness.cli('add', ...FIVE.slice(0, 2))).code).toBe(0);
  await page.goto(harness.url);
  // A second into a period, so no rollover comes for a while.
  const now = await harness.controls.now();
  await harness.controls.advanceClock(30_000 - (now % 30_000) + 1_000);
  const bar = tiles(page).first().locator('.countdown');
  /** How far into its period the ring started (its drain animation's negative delay, the first of the list), in ms. */
  const startedAt = () => bar.evaluate((el) => {
    const view = globalThis as unknown as { getComputedStyle(element: unknown): { animationDelay: string } };
    const delay = view.getComputedStyle(el).animationDelay.split(',')[0]!.trim();
    return -parseFloat(delay) * (delay.endsWith('ms') ? 1 : 1000);
  });
  await expect.poll(startedAt).toBeLessThan(5_000);
  const before = await startedAt();
  expect(before).toBeGreaterThan(0); // it is a second or so into its period: a real reading, not a missing animation's 0

  // Every tile re-renders when an account is added; the running bar must not be handed a later start.
  await page.waitForTimeout(1_500);
  expect((await harness.cli('add', FIVE[2]!)).code).toBe(0);
  await expect(tiles(page)).toHaveCount(3);
  expect(await startedAt()).toBe(before);
});

test('adding by a QR code picture; a picture without one says so', async ({ page, harness }) => {
  const QRCode = await import('qrcode');
  const png = await QRCode.toBuffer('otpauth://totp/Fastmail:dave@fastmail.example?secret=ORSXG5DJNZTXE3DJMVZQ&issuer=Fastmail', { type: 'png', margin: 4, scale: 6 });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog.getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');
  await screenshot(page, 'add-dialog-qr');

  // A picture with no QR code in it.
  const blank = pngOfWhite(deflateSync);
  await dialog.getByLabel('QR code picture').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: blank });
  await expect(dialog.getByRole('alert')).toHaveText(/No QR code was found/);

  await dialog.getByLabel('QR code picture').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
  await expect(dialog).toBeHidden();
  const tile = page.getByRole('listitem', { name: 'Fastmail, dave@fastmail.example' });
  await expectOathtoolCode(tile.locator('.tile-code'), 'ORSXG5DJNZTXE3DJMVZQ');
  await screenshot(page, 'after-qr');
});

/** A 64x64 all-white PNG, built by hand so the test does not depend on an image library. */
function pngOfWhite(deflate: (data: Buffer) => Buffer): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const size = 64;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.concat(Array.from({ length: size }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(size, 255)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflate(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('many accounts: the list renders only what is near the viewport, yet every account is reachable', async ({ page, harness }) => {
  const COUNT = 200;
  const secret = (i: number) => `JBSWY3DPEHPK3P${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(i / 32)]}`;
  const links = Array.from({ length: COUNT }, (_, i) => `otpauth://totp/Service${i}:user${i}?secret=${secret(i)}&issuer=Service${i}`);
  const added = await harness.cli('add', '-');
  expect(added.code).toBe(2); // no links on standard input: refused, nothing added
  expect((await harness.cli('add', ...links)).code).toBe(0);

  await page.goto(harness.url);
  const first = tiles(page).first();
  await expect(first).toHaveAccessibleName('Service0, user0');
  await expect(first).toHaveAttribute('aria-setsize', String(COUNT));
  await tilesSettled(page); // drag and drop re-creates the list once, in idle time; the steps below come after it
  expect(await tiles(page).count()).toBeLessThan(COUNT / 2);

  // Scrolled to the end, the last account is there, with the code oathtool computes.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 1e7));
  const last = page.getByRole('listitem', { name: `Service${COUNT - 1}, user${COUNT - 1}` });
  await expect(last).toHaveAttribute('aria-posinset', String(COUNT));
  await expect(last).toBeInViewport(); // placed where the list's end is, not where the rendered rows begin
  await expectOathtoolCode(last.locator('.tile-code'), secret(COUNT - 1));

  // Search reaches accounts that were never rendered; Alt+Down still reorders.
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill('Service150');
  await expect(tiles(page)).toHaveCount(1);
  // Clearing the search shows the tiles at once and attaches drag and drop when the page is next idle, which
  // re-creates them: a tile focused in between keeps the focus. (Clear and focus in one task, so before that.)
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.getByRole('searchbox', { name: 'Search accounts' }).evaluate((search) => {
    const input = search as unknown as { value: string; dispatchEvent(event: unknown): void; ownerDocument: { querySelector(s: string): { focus(): void } | null } };
    const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
    setValue.call(input, '');
    input.dispatchEvent(new (globalThis as unknown as { Event: new (type: string, init: object) => unknown }).Event('input', { bubbles: true }));
    input.ownerDocument.querySelector('[aria-label="Copy code for Service0, user0"]')!.focus();
  });
  await expect(page.getByRole('button', { name: 'Reorder Service0, user0' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy code for Service0, user0' })).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(tiles(page).first()).toHaveAccessibleName('Service1, user1');
  const listed = JSON.parse((await harness.cli('list', '--json')).stdout) as { issuer: string }[];
  expect(listed.slice(0, 2).map((a) => a.issuer)).toEqual(['Service1', 'Service0']);
  await screenshot(page, 'many-accounts', { fullPage: false });
});

test('a rollover brings every shown code to the new period, in the list, in a search and in the full-screen view', async ({ page, controlledHarness: harness }) => {
  const COUNT = 120; // virtualised: only tiles near the viewport exist, each reading its own code
  const secret = (i: number) => `GEZDGNBVGY3TQOJQ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(i / 32)]}`;
  expect((await harness.cli('add', ...Array.from({ length: COUNT }, (_, i) => `otpauth://totp/Site${i}:bob${i}?secret=${secret(i)}&issuer=Site${i}`))).code).toBe(0);
  await page.goto(harness.url);
  await expect(tiles(page).first()).toHaveAttribute('aria-setsize', String(COUNT));

  /** Every rendered tile shows the code oathtool gives for main's current time. */
  const allMatchMainTime = async () => {
    const seconds = Math.floor((await harness.controls.now()) / 1000);
    const shown = await tiles(page).evaluateAll((items) => items.map((item) => [item.getAttribute('aria-label') ?? '', (item.querySelector('.tile-code')?.textContent ?? '').replace(/\s/g, '')]));
    return shown.length > 0 && shown.every(([label, code]) => code === oathtoolTotp(secret(Number(/^Site(\d+),/.exec(label!)![1])), seconds));
  };
  await expect.poll(allMatchMainTime).toBe(true);
  const firstCode = async () => (await tiles(page).first().locator('.tile-code').innerText()).replace(/\s/g, '');
  const before = await firstCode();
  await harness.controls.advanceClock(30_000);
  await expect.poll(allMatchMainTime).toBe(true);
  expect(await firstCode()).not.toBe(before);

  // While a search filters the list (tiles without drag and drop), codes still follow.
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill('Site1');
  await expect(tiles(page).first()).toHaveAccessibleName('Site1, bob1');
  await harness.controls.advanceClock(30_000);
  await expect.poll(allMatchMainTime).toBe(true);

  // The full-screen view reads the same codes.
  await openDetails(page, 'Site1, bob1');
  await harness.controls.advanceClock(30_000);
  await expectOathtoolCode(page.locator('.details-code'), secret(1), {}, () => harness.controls.now());
});
