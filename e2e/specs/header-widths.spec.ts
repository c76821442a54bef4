import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';

/** The narrowest the window can be, as the Electron window sets it. */
const MIN_WIDTH = Number(/minWidth:\s*(\d+)/.exec(readFileSync(new URL('../../main/electron/window.ts', import.meta.url), 'utf8'))?.[1]);
const WIDTHS = [MIN_WIDTH, 420, 600, 800, 1280];

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box`);
  return box;
}

/** Every part of the header is whole, inside the window and clear of the others; the search keeps room to type in. */
async function expectHeaderFits(page: Page, width: number, withSearch: boolean): Promise<void> {
  const header = page.getByRole('banner');
  const parts: [string, Locator][] = [
    ['brand', header.locator('.app-brand svg')],
    ['add', header.getByRole('button', { name: 'Add account', exact: true })],
    ['settings', header.getByRole('button', { name: 'Settings', exact: true })],
  ];
  if (withSearch) parts.push(['search', header.getByRole('searchbox', { name: 'Search accounts' })]);
  const boxes = await Promise.all(parts.map(async ([name, locator]) => [name, await boxOf(locator)] as const));
  for (const [name, box] of boxes) {
    expect(box.x, `${name} at ${width} px`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} at ${width} px`).toBeLessThanOrEqual(width);
  }
  for (const [i, [a, boxA]] of boxes.entries()) {
    for (const [b, boxB] of boxes.slice(i + 1)) expect(overlap(boxA, boxB), `${a} and ${b} overlap at ${width} px`).toBe(false);
  }
  // Nothing scrolls sideways, and no button's contents are cut off.
  expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(width);
  for (const button of await header.getByRole('button').all()) {
    expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight), `${await button.textContent()} at ${width} px`).toBe(true);
  }
  if (withSearch) expect((await boxOf(parts[3]![1])).width, `search at ${width} px`).toBeGreaterThanOrEqual(150);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the header fits at ${WIDTHS.join(', ')} px (${scheme})`, async ({ page, harness }) => {
    expect(MIN_WIDTH).toBeGreaterThan(0);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: WIDTHS[0]!, height: 640 });
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 640 });
      await expectHeaderFits(page, width, false);
    }

    expect((await harness.cli('add', 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', 'otpauth://totp/Proton:kate%40proton.me?secret=MFRGGZDFMZTWQ2LKNNWG23TP&issuer=Proton')).code).toBe(0);
    await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(2);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 640 });
      await expectHeaderFits(page, width, true);
      await screenshot(page, `header-${width}-${scheme}`, { fullPage: false });
    }

    // Narrow, the buttons are icons whose words show on hover and on keyboard focus, inside the window.
    await page.setViewportSize({ width: MIN_WIDTH, height: 640 });
    const settings = page.getByRole('button', { name: 'Settings', exact: true });
    const words = settings.locator('.header-label');
    expect((await boxOf(words)).width).toBeLessThanOrEqual(1); // hidden as screen readers' text is
    await settings.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const tooltip = settings.locator('.header-tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toHaveText('Settings');
    const tip = await boxOf(tooltip);
    expect(tip.x).toBeGreaterThanOrEqual(0);
    expect(tip.x + tip.width).toBeLessThanOrEqual(MIN_WIDTH);
    await screenshot(page, `header-${MIN_WIDTH}-${scheme}-tooltip`, { fullPage: false });
    // Wide, the words are on the button and no tooltip repeats them.
    await page.setViewportSize({ width: 1280, height: 640 });
    expect((await boxOf(words)).width).toBeGreaterThan(30);
    await expect(tooltip).toBeHidden();
  });
}
