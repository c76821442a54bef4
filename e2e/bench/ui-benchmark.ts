// The 1000-account benchmark: scripting time in the renderer (Chromium's own ScriptDuration metric) for the first
// render, a code rollover and a search keystroke, against one 60 fps frame (16.7 ms). Run: npm run bench:ui
import { randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { startControlledHarness } from '../harness-fixture.js';

// The page's CSP forbids eval, so page-side code is passed as functions; this file is type-checked for Node, so
// the little of the DOM they use is declared here.
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): { length: number } };
  requestAnimationFrame(callback: () => void): void;
}

const COUNT = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const FRAME_MS = 1000 / 60;

async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

/** Scripting time spent while `action` runs and the page settles (two animation frames after `done`). */
async function measure(page: Page, cdp: CDPSession, action: () => Promise<void>, done: () => Promise<void>): Promise<number> {
  const before = await scriptMs(cdp);
  await action();
  await done();
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return new Promise<void>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(resolve)));
  });
  return (await scriptMs(cdp)) - before;
}

const harness = await startControlledHarness();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const links = Array.from({ length: COUNT }, (_, i) => `otpauth://totp/Service${i}:user${i}%40example.com?secret=${base32nopad.encode(randomBytes(20))}&issuer=Service${i}`);
  const added = await harness.cli('add', ...links);
  if (added.code !== 0) throw new Error(added.stderr);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const tiles = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');

  // Done when the list shows codes; a virtualised list renders only the tiles near the viewport.
  const firstRender = await measure(
    page,
    cdp,
    () => page.goto(harness.url).then(() => undefined),
    () =>
      page
        .waitForFunction(() => /\d/.test((globalThis as unknown as PageGlobals).document.querySelector('.tiles > li .tile-code')?.textContent ?? ''))
        .then(() => undefined),
  );
  const shownTiles = await tiles.count();
  const firstCode = await page.locator('.tile-code').first().innerText();
  const now = await harness.controls.now();
  const rollover = await measure(
    page,
    cdp,
    () => harness.controls.advanceClock(30_000 - (now % 30_000) + 10).then(() => undefined),
    () =>
      page
        .waitForFunction((before) => (globalThis as unknown as PageGlobals).document.querySelector('.tile-code')?.textContent !== before, firstCode)
        .then(() => undefined),
  );
  await page.getByRole('searchbox', { name: 'Search accounts' }).focus();
  const keystroke = await measure(
    page,
    cdp,
    () => page.keyboard.type('9'),
    // The filtered list is shorter: by its aria-setsize when virtualised, by its items otherwise.
    () =>
      page
        .waitForFunction((count) => {
          const { document } = globalThis as unknown as PageGlobals;
          const size = document.querySelector('.tiles > li')?.getAttribute('aria-setsize');
          return size ? Number(size) < count : document.querySelectorAll('.tiles > li').length < count;
        }, COUNT)
        .then(() => undefined),
  );

  const row = (name: string, ms: number) => `${name.padEnd(18)} ${ms.toFixed(1).padStart(7)} ms  ${ms <= FRAME_MS ? 'within' : 'OVER'} one frame (${FRAME_MS.toFixed(1)} ms)`;
  console.log(`Renderer scripting time with ${COUNT} accounts, ${shownTiles} tiles rendered (Chromium ScriptDuration):`);
  console.log(row('first render', firstRender));
  console.log(row('code rollover', rollover));
  console.log(row('search keystroke', keystroke));
} finally {
  await browser.close();
  await harness.stop();
}
