import type { Locator } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.js';
import { expect, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';

// Playwright hides scrollbars in a headless browser; the app's window has them, and their coming and going is what
// would shift the header sideways.
test.use({ launchOptions: { ...chromiumLaunchOptions(), ignoreDefaultArgs: ['--hide-scrollbars'] } });

async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box`);
  return box;
}

for (const width of [360, 1280]) {
  test(`at ${width} px the header stays still as Settings (a long page) and the full-screen layer open and close`, async ({ page, harness }) => {
    // Four tiles: the list is shorter than the window, Settings is longer.
    const accounts = ['GitHub:alice', 'Google:bob', 'Dropbox:carol', 'Proton:kate'].map((name, i) => `otpauth://totp/${name}?secret=JBSWY3DPEHPK3PX${'ABCD'[i]}&issuer=${name.split(':')[0]}`);
    expect((await harness.cli('add', ...accounts)).code).toBe(0);
    await page.setViewportSize({ width, height: 800 });
    await page.goto(harness.url);
    await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(4);
    // By its place, not its role: under the layer the header is inert, out of the accessibility tree.
    const add = page.locator('.app-header button', { hasText: 'Add account' });
    await expect(add).toHaveAccessibleName('Add account');
    const pageScrolls = () => page.locator('html').evaluate((html) => html.scrollHeight > html.clientHeight);
    const onTiles = await boxOf(add);
    expect(await pageScrolls()).toBe(false);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
    expect(await pageScrolls()).toBe(true);
    expect((await boxOf(add)).x, 'Add account in Settings').toBe(onTiles.x);
    await screenshot(page, `header-still-${width}-settings`, { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
    expect((await boxOf(add)).x, 'Add account back on the tiles').toBe(onTiles.x);

    await page.getByRole('button', { name: 'More actions for GitHub, alice', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Open full view' }).click();
    await expect(page.getByRole('dialog', { name: 'GitHub' })).toBeVisible();
    expect((await boxOf(add)).x, 'Add account under the layer').toBe(onTiles.x);
    await screenshot(page, `header-still-${width}-layer`, { fullPage: false });
    // The kept gutter costs the narrowest window no button: the header still ends inside the page's width.
    const settings = await boxOf(page.locator('.app-header button', { hasText: 'Settings' }));
    expect(settings.x + settings.width).toBeLessThanOrEqual(await page.locator('html').evaluate((html) => html.clientWidth));
  });
}
