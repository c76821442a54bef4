import type { Locator } from '@playwright/test';
import { toBuffer } from 'qrcode';
import { expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { migrationLink } from '../qr-images.js';

// Files dropped on a drop zone (ui/FilePicker: the Add dialog's QR picture, Settings > Import), as a file manager
// drops them: a drop event whose DataTransfer carries the files.

async function drop(zone: Locator, files: { name: string; type: string; bytes: Buffer }[]): Promise<void> {
  const dataTransfer = await zone.page().evaluateHandle((list) => {
    // The page's DataTransfer (this file is compiled without the DOM's types).
    const { DataTransfer } = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    return transfer;
  }, files.map((file) => ({ ...file, bytes: [...file.bytes] })));
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(zone).toHaveClass(/dragging/);
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('a QR picture dropped on the Add dialog adds its account; a file that is no picture is refused', async ({ page, harness }) => {
  const png = await toBuffer('otpauth://totp/Fastmail:dave@fastmail.example?secret=ORSXG5DJNZTXE3DJMVZQ&issuer=Fastmail', { type: 'png', margin: 4, scale: 6 });
  await page.goto(harness.url);
  await page.getByRole('banner').getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  const zone = dialog.locator('.drop-zone');

  await drop(zone, [{ name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('hello') }]);
  await expect(dialog.getByRole('alert')).toHaveText(/That is not a picture/);
  await expect(zone).not.toHaveClass(/dragging/);

  await drop(zone, [{ name: 'qr.png', type: 'image/png', bytes: png }]);
  await expect(dialog).toBeHidden();
  await expectOathtoolCode(page.getByRole('listitem', { name: 'Fastmail, dave@fastmail.example' }).locator('.tile-code'), 'ORSXG5DJNZTXE3DJMVZQ');
});

test('several Google export pictures dropped on Settings > Import are read together', async ({ page, harness }) => {
  const entries = [
    { issuer: 'First', name: 'a', secret: 'JBSWY3DPEHPK3PXP' },
    { issuer: 'Second', name: 'b', secret: 'GEZDGNBVGY3TQOJQ' },
  ];
  const pictures = await Promise.all(
    entries.map(async (entry, index) => ({
      name: `google-export-${index + 1}.png`,
      type: 'image/png',
      bytes: await toBuffer(migrationLink([entry], { index, size: 2, id: 77 }), { type: 'png', scale: 4 }),
    })),
  );
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'Import' });
  await drop(section.locator('.drop-zone'), pictures);
  const rows = section.getByRole('list', { name: 'Accounts in the file' }).getByRole('listitem');
  await expect(rows).toHaveText([/^First, a/, /^Second, b/]);
});
