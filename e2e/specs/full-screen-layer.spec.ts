import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { expect, test } from '../harness-fixture.js';
import { expectOathtoolCode, oathtoolTotp } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { animationsSettled } from '../settled.js';
import { openDetails, tilesSettled } from '../tile-list.js';

// The full-screen view is a layer over the tiles: the list stays mounted and scrolled under it, inert; the layer keeps
// Tab inside; Escape (a panel first), Back and the scrim close it, and the focus goes back to the tile's control that
// opened it, the list where it was; its motion stops under reduced motion; axe finds nothing serious in it.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** `count` accounts, Service0 … (distinct keys); above 60 the grid is virtualised. */
const many = (count: number) =>
  Array.from({ length: count }, (_, i) => `otpauth://totp/Service${i}:user${i}?secret=JBSWY3DPEHPK3${ALPHABET[i % 32]}${ALPHABET[Math.floor(i / 32) % 32]}${ALPHABET[Math.floor(i / 1024)]}&issuer=Service${i}`);
/** The secret of account i of `many`. */
const secretOf = (i: number) => `JBSWY3DPEHPK3${ALPHABET[i % 32]}${ALPHABET[Math.floor(i / 32) % 32]}${ALPHABET[Math.floor(i / 1024)]}`;

const layer = (page: Page, title: string) => page.getByRole('dialog', { name: title });
const moreButton = (page: Page, label: string) => page.getByRole('button', { name: `More actions for ${label}`, exact: true });
const scrollY = (page: Page) => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);

/** Tab (or Shift+Tab) `times` times; after each press the focus must still be inside `dialog`. */
async function tabAround(page: Page, dialog: Locator, times: number, key = 'Tab') {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await expect(dialog.locator(':focus'), `after ${key} #${i + 1}`).toHaveCount(1);
  }
}

/**
 * Opens the full-screen view from a tile's menu by keyboard (Enter on its button, Enter on "Open full view"), as a
 * person would; a pointer click by Playwright first scrolls the item into view its own way, which moves the page.
 */
async function openFromMenu(page: Page, menuButton: Locator) {
  await menuButton.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Open full view' })).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Waits until the layer is fully in (its entrance animations done), for screenshots and contrast checks. */
const layerSettled = (page: Page) => animationsSettled(page.locator('.layer'));

test('the layer keeps the tiles mounted and scrolled under it, inert; Escape, Back and the scrim close it, focus back on the tile', async ({ page, harness }) => {
  expect((await harness.cli('add', ...many(80))).code).toBe(0);
  await page.setViewportSize({ width: 1100, height: 720 });
  await page.goto(harness.url);
  await tilesSettled(page);
  // Scrolled down to the 40th tile (the grid is virtualised: it is rendered once scrolled to).
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 1500));
  const fortieth = moreButton(page, 'Service39, user39');
  await expect(fortieth).toBeInViewport();
  // In the upper half of the window: its menu opens below it without scrolling the page.
  await fortieth.evaluate((button) => button.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, -200));
  const scrolled = await scrollY(page);
  expect(scrolled).toBeGreaterThan(1000);
  const renderedTiles = await page.locator('.tiles li[data-id]').count();

  await openFromMenu(page, fortieth);
  const view = layer(page, 'Service39');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('aria-modal', 'true');
  await expect(view.getByRole('heading', { name: 'Service39' })).toBeFocused();
  await expectOathtoolCode(view.locator('.details-code'), secretOf(39));
  // Underneath: the same tiles, still in the page, the page where it was; inert, so out of reach of assistive tech.
  await expect(page.locator('.tiles li[data-id]')).toHaveCount(renderedTiles);
  expect(await scrollY(page)).toBe(scrolled);
  await expect(page.locator('main')).toHaveAttribute('inert', '');
  await expect(page.locator('header')).toHaveAttribute('inert', '');
  await expect(page.getByRole('button', { name: 'Copy code for Service39, user39', exact: true })).toHaveCount(0);
  await expect(page.getByRole('searchbox', { name: 'Search accounts' })).toHaveCount(0);
  // A wheel over the scrim does not scroll the list away.
  await page.mouse.move(8, 400);
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(200);
  expect(await scrollY(page)).toBe(scrolled);

  // Tab and Shift+Tab go round inside the layer and never reach a tile, the search box or the header's buttons.
  await tabAround(page, view, 12);
  await tabAround(page, view, 12, 'Shift+Tab');

  // Escape: back on the tile's menu button it was opened from, the list where it was.
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await expect(fortieth).toBeFocused();
  expect(await scrollY(page)).toBe(scrolled);
  await expect(page.locator('main')).not.toHaveAttribute('inert', '');
  await expect(page.locator('.tiles li[data-id]')).toHaveCount(renderedTiles);

  // Back, the same.
  await openFromMenu(page, fortieth);
  await expect(view).toBeVisible();
  await view.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(view).toHaveCount(0);
  await expect(fortieth).toBeFocused();
  expect(await scrollY(page)).toBe(scrolled);

  // The scrim (here over the header), the same.
  await openFromMenu(page, fortieth);
  await expect(view).toBeVisible();
  await page.locator('.layer-scrim').click({ position: { x: 8, y: 20 } });
  await expect(view).toHaveCount(0);
  await expect(fortieth).toBeFocused();
  expect(await scrollY(page)).toBe(scrolled);

  // A confirmation inside the layer closes first on Escape, the focus back on the button that opened it; then the layer.
  await openFromMenu(page, fortieth);
  await view.getByRole('button', { name: 'Delete…' }).click();
  const confirm = view.getByRole('alertdialog', { name: 'Delete Service39?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(view).toBeVisible();
  await expect(view.getByRole('button', { name: 'Delete…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await expect(fortieth).toBeFocused();

  // Opened with the pointer, the same.
  await openDetails(page, 'Service39, user39');
  await expect(view).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(fortieth).toBeFocused();

  // Deleting from the layer: the focus on the next tile, and the toast offers Undo.
  await openDetails(page, 'Service39, user39');
  await view.getByRole('button', { name: 'Delete…' }).click();
  await view.getByRole('button', { name: 'Delete account' }).click();
  await expect(view).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy code for Service40, user40', exact: true })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Undo deleting Service39, user39' })).toBeVisible();
});

test('Copy in the layer puts oathtool\'s code on the clipboard, says Copied, and the toast shows over the layer', async ({ page, controlledHarness: harness }) => {
  expect((await harness.cli('add', ...many(3))).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  await openDetails(page, 'Service2, user2');
  const view = layer(page, 'Service2');
  await expect(view.getByRole('button', { name: 'Copied' })).toHaveCount(0);
  const before = await harness.controls.now();
  await view.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(view.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  const after = await harness.controls.now();
  const oracle = [before, after].map((at) => oathtoolTotp(secretOf(2), Math.floor(at / 1000)));
  expect(oracle).toContain(await harness.controls.readClipboard());
  // The toast is above the layer: it is what a click at its middle lands on.
  const toast = page.locator('.toast.shown');
  await expect(toast).toContainText('Copied');
  const box = (await toast.boundingBox())!;
  expect(await page.evaluate(([x, y]) => (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null } }).document.elementFromPoint(x!, y!)?.closest('.toast') != null, [box.x + box.width / 2, box.y + box.height / 2])).toBe(true);
  await expect(view).toBeVisible();
  // And it goes back to Copy after a moment.
  await expect(view.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
});

test('the layer slides in and out with the motion tokens, and not at all under reduced motion', async ({ page, harness }) => {
  expect((await harness.cli('add', ...many(3))).code).toBe(0);
  await page.goto(harness.url);
  await tilesSettled(page);
  /** The animation durations of the scrim and the surface, as computed. */
  const durations = () =>
    page.locator('.layer').evaluate((element) => {
      const { getComputedStyle } = globalThis as unknown as { getComputedStyle(element: unknown): { animationDuration: string } };
      return [...element.children].map((child) => getComputedStyle(child).animationDuration);
    });

  await openDetails(page, 'Service1, user1');
  await expect(layer(page, 'Service1')).toBeVisible();
  expect(await durations()).toEqual(['0.2s', '0.2s']);
  await page.keyboard.press('Escape');
  await expect(page.locator('.layer')).toHaveCount(0);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openDetails(page, 'Service1, user1');
  await expect(layer(page, 'Service1')).toBeVisible();
  expect(await durations()).toEqual(['0s', '0s']);
  // Out at once: no closing frame is left to see.
  await page.keyboard.press('Escape');
  expect(await page.locator('.layer').count()).toBeLessThanOrEqual(1);
  await expect(page.locator('.layer')).toHaveCount(0);
  await expect(moreButton(page, 'Service1, user1')).toBeFocused();
});

test('the layer in light and dark passes axe; looked at light, dark, narrow and over a thousand accounts', async ({ page, harness }) => {
  test.setTimeout(180_000);
  expect((await harness.cli('add', ...many(1000))).code).toBe(0);
  await page.setViewportSize({ width: 1100, height: 720 });
  await page.goto(harness.url);
  await tilesSettled(page);
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 20_000));
  await expect(page.locator('.tiles li[data-id]').first()).not.toHaveAttribute('aria-label', 'Service0, user0');
  const label = await page.locator('.tiles li[data-id]').nth(4).getAttribute('aria-label');
  await openDetails(page, label!);
  const view = layer(page, label!.split(',')[0]!);
  await expect(view).toBeVisible();
  await layerSettled(page);
  await expectNoSeriousViolationsLightAndDark(page, 'the full-screen layer');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `layer-1000-${scheme}`, { fullPage: false });
  }
  await page.setViewportSize({ width: 420, height: 760 });
  await page.waitForTimeout(300);
  await screenshot(page, 'layer-narrow-dark', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, 'layer-narrow-light', { fullPage: false });
  await view.getByRole('button', { name: 'Delete…' }).click();
  await screenshot(page, 'layer-narrow-delete', { fullPage: false });
  await expectNoSeriousViolationsLightAndDark(page, 'the full-screen layer, narrow, asking to delete');
});

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box`);
  return box;
}

/** `inner` lies wholly inside `outer` (to a rounding pixel). */
function expectInside(inner: Box, outer: Box, what: string): void {
  expect(inner.x, `${what}: left edge`).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(inner.y, `${what}: top edge`).toBeGreaterThanOrEqual(outer.y - 0.5);
  expect(inner.x + inner.width, `${what}: right edge`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(inner.y + inner.height, `${what}: bottom edge`).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
}

// The longest code and facts a TOTP account has: 8 digits (OTP_LIMITS.maxDigits), SHA256.
const WIDE_CODE = 'otpauth://totp/Zorblax%20Cloud:dave?secret=JBSWY3DPEHPK3PXP&issuer=Zorblax%20Cloud&algorithm=SHA256&digits=8';

test('from the narrowest window up, every toolbar button, the code, its ring and the facts are inside the layer; nothing scrolls sideways', async ({ page, harness }) => {
  test.setTimeout(120_000);
  expect((await harness.cli('add', WIDE_CODE)).code).toBe(0);
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto(harness.url);
  await tilesSettled(page);
  await openDetails(page, 'Zorblax Cloud, dave');
  const view = layer(page, 'Zorblax Cloud');
  await expect(view).toBeVisible();
  await expectOathtoolCode(view.locator('.details-code'), 'JBSWY3DPEHPK3PXP', { algorithm: 'sha256', digits: 8 });
  const toolbarButtons = view.locator('.account-toolbar').getByRole('button');
  await expect(toolbarButtons).toHaveCount(5);

  for (const width of [360, 420, 1280]) {
    await page.setViewportSize({ width, height: width === 1280 ? 800 : 640 });
    await layerSettled(page);
    const surface = await boxOf(page.locator('.layer-surface'));
    const window = { x: 0, y: 0, width, height: width === 1280 ? 800 : 640 };
    expectInside(surface, window, `the layer at ${width} px`);
    const parts: [string, Locator][] = [
      ...(await toolbarButtons.all()).map((button, i) => [`toolbar button ${i + 1}`, button] as [string, Locator]),
      ['the code', view.locator('.details-code')],
      ['the ring', view.locator('.code-hero .countdown')],
      ...(await view.locator('.account-facts > div').all()).map((fact, i) => [`fact ${i + 1}`, fact] as [string, Locator]),
    ];
    expect(parts.length).toBe(11);
    for (const [name, locator] of parts) {
      const box = await boxOf(locator);
      expectInside(box, surface, `${name} in the layer at ${width} px`);
      expectInside(box, window, `${name} in the window at ${width} px`);
    }
    // The toolbar's buttons show their whole icon (or words): nothing inside them is cut off.
    for (const button of await toolbarButtons.all()) {
      expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth), `${await button.getAttribute('title')} at ${width} px`).toBe(true);
    }
    // Nothing scrolls sideways: not the page, not the layer.
    expect(await page.locator('html').evaluate((html) => html.scrollWidth), `the page at ${width} px`).toBeLessThanOrEqual(width);
    expect(await page.locator('.layer-surface').evaluate((s) => s.scrollWidth - s.clientWidth), `the layer at ${width} px`).toBeLessThanOrEqual(0);
    // Narrow, the actions are icons; their words stay their names.
    if (width < 640) await expect(view.getByRole('button', { name: 'Show QR code and setup key…' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `layer-fits-${width}-${scheme}`, { fullPage: false });
    }
    await expectNoSeriousViolationsLightAndDark(page, `the full-screen layer at ${width} px`);
  }
});

test('Delete… brings its confirmation fully into view inside the layer, Cancel focused, the page under it still', async ({ page, harness }) => {
  expect((await harness.cli('add', ...many(30), WIDE_CODE)).code).toBe(0);
  for (const [width, height] of [
    [1280, 800],
    [360, 640],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(harness.url);
    await tilesSettled(page);
    await openDetails(page, 'Zorblax Cloud, dave');
    const view = layer(page, 'Zorblax Cloud');
    await expect(view).toBeVisible();
    await layerSettled(page);
    const pageScroll = await scrollY(page);
    await view.getByRole('button', { name: 'Delete…' }).click();
    const confirm = view.getByRole('alertdialog', { name: 'Delete Zorblax Cloud?' });
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    // Below the layer's sticky toolbar and above its bottom edge, inside the window.
    const surface = await boxOf(page.locator('.layer-surface'));
    const toolbar = await boxOf(view.locator('.account-toolbar'));
    const visible = { x: surface.x, y: toolbar.y + toolbar.height, width: surface.width, height: surface.y + surface.height - (toolbar.y + toolbar.height) };
    for (const name of ['Delete account', 'Cancel']) {
      const button = confirm.getByRole('button', { name, exact: true });
      await expect(button).toBeInViewport({ ratio: 1 });
      expectInside(await boxOf(button), visible, `${name} at ${width}x${height}`);
    }
    expectInside(await boxOf(confirm), visible, `the whole confirmation at ${width}x${height}`);
    expect(await scrollY(page)).toBe(pageScroll);
    await screenshot(page, `layer-delete-${width}`, { fullPage: false });
  }
});
