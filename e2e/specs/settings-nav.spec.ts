import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { expect, test } from '../harness-fixture.js';
import { screenshot } from '../screenshot.js';

// Settings' table of contents: a link per section, beside the sections on a wide window and above them on a narrow
// one; a link brings its section to the top and the keyboard focus to its heading; the section read is marked.

const SECTIONS = ['Backup', 'Security', 'Import', 'Export', 'Appearance', 'Desktop', 'About'];

test('each link of the table of contents brings its section into view and the focus to its heading', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const nav = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(nav.getByRole('link')).toHaveText(SECTIONS);
  await expect(nav.getByRole('link', { name: 'Backup' })).toHaveAttribute('aria-current', 'location');
  await screenshot(page, 'settings-nav-wide', { fullPage: false });

  for (const name of ['About', 'Export', 'Security']) {
    await nav.getByRole('link', { name }).click();
    const heading = page.getByRole('region', { name }).getByRole('heading', { name });
    await expect(heading).toBeFocused();
    await expect(heading).toBeInViewport();
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'location');
    // the nav stays on screen beside the sections as the page scrolls
    await expect(nav).toBeInViewport();
  }
  // The page's URL is left alone (no fragment: the window has one page).
  expect(new URL(page.url()).hash).toBe('');
  await expectNoSeriousViolationsLightAndDark(page, 'settings with its table of contents');
});

test('on a narrow window the table of contents is a row above the sections', async ({ page, harness }) => {
  await page.setViewportSize({ width: 480, height: 800 });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const nav = page.getByRole('navigation', { name: 'Settings sections' });
  const navBox = (await nav.boundingBox())!;
  const backupBox = (await page.getByRole('region', { name: 'Backup' }).boundingBox())!;
  expect(navBox.y + navBox.height).toBeLessThanOrEqual(backupBox.y + 1);
  expect(navBox.x + navBox.width).toBeLessThanOrEqual(480);
  await screenshot(page, 'settings-nav-narrow', { fullPage: false });
  await nav.getByRole('link', { name: 'Desktop' }).click();
  await expect(page.getByRole('region', { name: 'Desktop' }).getByRole('heading', { name: 'Desktop' })).toBeFocused();
});
