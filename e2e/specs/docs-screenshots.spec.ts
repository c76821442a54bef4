import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';
import { openDetails, tilesSettled } from '../tile-list.js';

// The screens side by side, light and dark, as the README shows them: written to .test-output/screens/, and into docs/
// when UPDATE_DOCS_SCREENSHOTS=1 (then committed by hand, after looking at them).

const LINKS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Google:alice@gmail.com?secret=GEZDGNBVGY3TQOJQ&issuer=Google',
  'otpauth://totp/Dropbox:alice@example.com?secret=MFRGGZDFMZTWQ2LK&issuer=Dropbox',
  'otpauth://totp/Proton:alice@proton.me?secret=KRSXG5CTMVRXEZLU&issuer=Proton',
  'otpauth://totp/Discord:alice?secret=ORSXG5DJNZTXE3DJ&issuer=Discord',
  'otpauth://totp/Contoso:alice@contoso.com?secret=NBSWY3DPEB3W64TM&issuer=Contoso',
];
const docs = path.resolve(import.meta.dirname, '../../docs');

async function both(page: Page, name: string): Promise<void> {
  const shots: Buffer[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300); // the logos' plates and the ring repaint
    shots.push(await page.screenshot());
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Side by side in a blank page of the same browser.
  const side = await page.context().newPage();
  await side.setViewportSize({ width: 2 * 1100 + 24, height: 720 });
  await side.setContent(
    `<body style="margin:0;background:#888;display:flex;gap:24px">${shots.map((shot) => `<img width="1100" src="data:image/png;base64,${shot.toString('base64')}">`).join('')}</body>`,
  );
  const out = await side.screenshot({ fullPage: true });
  await side.close();
  await screenshot(page, `${name}-light`);
  await fs.writeFile(path.resolve(import.meta.dirname, '../../.test-output/screens', `${name}-side-by-side.png`), out);
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') await fs.writeFile(path.join(docs, `${name}.png`), out);
}

test('the main window, the full-screen view, settings, the shortcuts and the quick picker, light and dark', async ({ page, harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.setViewportSize({ width: 1100, height: 720 });
  await page.goto(harness.url);
  await tilesSettled(page);
  await expect(page.locator('.provider-icon[data-brand="github"]')).toHaveCount(1);
  await both(page, 'main-window');
  await openDetails(page, 'GitHub, alice');
  await expect(page.getByRole('dialog', { name: 'GitHub' })).toBeVisible();
  await both(page, 'full-screen-view');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).click();
  await both(page, 'settings');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Copy code for Google, alice@gmail.com' }).focus();
  await page.keyboard.press('?');
  await both(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await page.goto(new URL('/quick', harness.url).href); // this browser has its session already: the plain path
  await expect(page.getByRole('combobox', { name: 'Find an account' })).toBeFocused();
  await expect(page.getByRole('option')).toHaveCount(LINKS.length);
  await page.keyboard.type('g');
  await expect(page.getByRole('option')).toHaveCount(2);
  await both(page, 'quick-picker');
});
