// The 1000-account benchmark: the renderer's scripting time for the first render, a code rollover and a search
// keystroke, each until the frame that shows it is painted, against one 60 fps frame (16.7 ms). Scripting time is
// the CPU time the page's main thread spends running script (style and layout that script forces are left out, as
// DevTools counts them), read from a Chromium trace: on a 2-core machine shared with the harness and the browser's
// other processes, wall-clock time would also count the moments the thread waits for a core. Each is measured
// several times; the median and the worst are printed. Run: npm run bench:ui
import { randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startControlledHarness } from '../e2e/harness-fixture.js';

// The page's CSP forbids eval, so page-side code is passed as functions; this file is type-checked for Node, so
// the little of the DOM they use is declared here.
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): { length: number } };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): void;
  requestIdleCallback(callback: () => void): void;
  setTimeout(callback: () => void, ms: number): void;
  console: { timeStamp(label: string): void };
  benchWatches?: Record<string, Promise<void>>;
  /** How many tiles the page showed when the last watch settled. */
  benchTiles?: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
}

const COUNT = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FRAME_MS = 1000 / 60;
/** Trace events that run script; nested ones (a microtask inside a function call) are counted once, in the outer. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'RunMicrotasks']);
/** Style and layout forced by script, which DevTools counts as rendering, not scripting: taken out of the script around them. */
const RENDERING_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'RecalcStyle', 'PrePaint', 'HitTest']);
const START = 'bench-start';
const SETTLED = 'bench-settled';
const ATTACHED = 'bench-attached';

/**
 * Arms a watch in the page that settles once `condition` (a JavaScript expression over `arg` and `document`) holds
 * after a DOM change and the next frame is painted (a task queued from that frame's animation callback runs after its
 * paint, before any idle-time work), and marks that moment in the trace with `mark`. A MutationObserver, so no
 * polling runs while the app works, only a small check at each change. (No named functions inside: the page has no `__name` helper that the
 * TypeScript runner would add.)
 */
async function watchFor(page: Page, condition: string, arg: unknown = null, mark = SETTLED): Promise<void> {
  await page.evaluate(
    ({ condition, arg, mark }) => {
      const g = globalThis as unknown as PageGlobals;
      // The CSP forbids eval in the page's own scripts, not in this evaluate call.
      const holds = new Function('arg', 'document', `return (${condition});`) as (arg: unknown, document: unknown) => boolean;
      g.benchWatches = { ...g.benchWatches, [mark]: new Promise<void>((resolve) => {
        const observer = new g.MutationObserver(() => {
          if (!holds(arg, g.document)) return;
          observer.disconnect();
          resolve();
        });
        if (holds(arg, g.document)) resolve();
        else observer.observe(g.document, { childList: true, subtree: true, characterData: true, attributes: true });
      }).then(
        () =>
          new Promise<void>((resolve) =>
            g.requestAnimationFrame(() =>
              g.setTimeout(() => {
                g.console.timeStamp(mark);
                g.benchTiles = g.document.querySelectorAll('.tiles > li').length;
                resolve();
              }, 0),
            ),
          ),
      ) };
    },
    { condition, arg, mark },
  );
}

/** Waits until the page has been idle a few times over, so work deferred to idle time is not in the next measurement. */
async function idle(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise<void>((resolve) => (globalThis as unknown as PageGlobals).requestIdleCallback(() => resolve())));
}

/**
 * Scripting time on the page's main thread while `action` runs and the page settles (see watchFor): one figure per
 * mark, each from the mark before (or the start). For a new window, everything on the thread of the page that
 * settled counts from the start of the trace, since the page before the navigation may have been in another process.
 */
async function measure(browser: Browser, page: Page, action: () => Promise<unknown>, { newWindow = false, marks = [SETTLED] } = {}): Promise<number[]> {
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  if (!newWindow) await page.evaluate((mark) => (globalThis as unknown as PageGlobals).console.timeStamp(mark), START);
  await action();
  await page.evaluate((marks) => Promise.all(marks.map((mark) => (globalThis as unknown as PageGlobals).benchWatches?.[mark])), marks);
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const markAt = (label: string) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === label);
  const ends = marks.map((label) => markAt(label) ?? fail(`The trace has no ${label} mark.`));
  const thread = ends[0]!;
  // By start, an outer event before the events it holds when they start together.
  const onThread = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let from = newWindow ? -Infinity : (markAt(START) ?? fail(`The trace has no ${START} mark.`)).ts;
  if (ends.some((end, i) => end.ts < (ends[i - 1]?.ts ?? from))) fail(`The marks ${marks.join(', ')} came out of order.`);
  return ends.map((end) => {
    let scripting = 0;
    let scriptUntil = -Infinity;
    let renderingUntil = -Infinity;
    for (const event of onThread) {
      if (event.ts < from || event.ts > end.ts) continue;
      const time = event.tdur ?? event.dur ?? 0;
      if (SCRIPT_EVENTS.has(event.name) && event.ts >= scriptUntil) {
        scripting += time;
        scriptUntil = event.ts + (event.dur ?? 0);
      } else if (RENDERING_EVENTS.has(event.name) && event.ts < scriptUntil && event.ts >= renderingUntil) {
        scripting -= time;
        renderingUntil = event.ts + (event.dur ?? 0);
      }
    }
    from = end.ts;
    return scripting / 1000;
  });
}

function fail(message: string): never {
  throw new Error(message);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (name: string, values: number[]) => {
  const [mid, worst] = [median(values), Math.max(...values)];
  return `${name.padEnd(24)} median ${mid.toFixed(1).padStart(6)} ms, worst ${worst.toFixed(1).padStart(6)} ms  ${mid <= FRAME_MS ? 'within' : 'OVER'} one frame (${FRAME_MS.toFixed(1)} ms)`;
};

const links = Array.from({ length: COUNT }, (_, i) => `otpauth://totp/Service${i}:user${i}%40example.com?secret=${base32nopad.encode(randomBytes(20))}&issuer=Service${i}`);
const harness = await startControlledHarness();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let page!: Page;
  /** A new window each time, from navigation until `shown` holds; the first, with cold caches, is not counted. */
  const newWindows = async (shown: string): Promise<number[]> => {
    const runs: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await page?.close();
      page = await context.newPage();
      await page.goto('about:blank');
      const [time] = await measure(
        browser,
        page,
        async () => {
          // The first (uncounted) run opens the one-time URL, whose redirect sets the session cookie; the measured
          // runs open the page itself, with no redirect in the time.
          await page.goto(run === 0 ? harness.url : new URL('/', harness.url).href, { waitUntil: 'commit' });
          await watchFor(page, shown);
        },
        { newWindow: true },
      );
      if (run > 0) runs.push(time!);
    }
    return runs;
  };

  // What any window costs before it shows a single account (loading and starting React and the app), for comparison.
  const emptyWindow = await newWindows(`document.querySelector('.empty-state h2') !== null`);

  // The list's own first render, in a window that is already running: its accounts arrive (added by the command-line
  // tool, as a restore or an import would) while it shows the empty state. A new harness each time, since it must
  // start with none; the first run is not counted.
  const shownCode = `/\\d/.test(document.querySelector('.tiles > li .tile-code')?.textContent ?? '')`;
  await page.close(); // no other page of the harness's origin may share the measured page's process
  const listArrives: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const empty = await startControlledHarness();
    try {
      const listWindow = await context.newPage();
      await listWindow.goto(empty.url);
      await listWindow.locator('.empty-state h2').waitFor();
      await idle(listWindow);
      await watchFor(listWindow, shownCode);
      const [time] = await measure(browser, listWindow, async () => {
        const added = await empty.cli('add', ...links);
        if (added.code !== 0) throw new Error(added.stderr);
      });
      if (run > 0) listArrives.push(time!);
      await listWindow.close();
    } finally {
      await empty.stop();
    }
  }

  const added = await harness.cli('add', ...links);
  if (added.code !== 0) throw new Error(added.stderr);
  const firstRender = await newWindows(shownCode);
  const firstFrameTiles = await page.evaluate(() => (globalThis as unknown as PageGlobals).benchTiles);
  // Then, in idle time, the rows around the viewport and drag and drop.
  await page.locator('.tiles button.drag-handle').first().waitFor();
  await idle(page);
  const settledTiles = await page.locator('.tiles > li').count();

  // Code rollover: main's clock moves to just past the next period boundary.
  const rollover: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const firstCode = await page.locator('.tile-code').first().innerText();
    const now = await harness.controls.now();
    await watchFor(page, `document.querySelector('.tile-code')?.textContent !== arg`, firstCode);
    rollover.push(...(await measure(browser, page, () => harness.controls.advanceClock(30_000 - (now % 30_000) + 10))));
  }

  // Search keystroke: a digit narrows the list (its aria-setsize shrinks), Backspace brings all accounts back.
  const narrow: number[] = [];
  const widen: number[] = [];
  const attachDrag: number[] = [];
  await page.getByRole('searchbox', { name: 'Search accounts' }).focus();
  const setSize = `Number(document.querySelector('.tiles > li')?.getAttribute('aria-setsize') ?? 0)`;
  for (let run = 0; run < RUNS; run++) {
    await watchFor(page, `${setSize} > 0 && ${setSize} < arg`, COUNT);
    narrow.push(...(await measure(browser, page, () => page.keyboard.press(String(run % 10)))));
    await idle(page);
    // Backspace shows all accounts; then, in idle time, their tiles get drag and drop (the handles become buttons).
    await watchFor(page, `${setSize} === arg`, COUNT);
    await watchFor(page, `document.querySelector('.tiles button.drag-handle') !== null`, null, ATTACHED);
    const [all, attached] = await measure(browser, page, () => page.keyboard.press('Backspace'), { marks: [SETTLED, ATTACHED] });
    widen.push(all!);
    attachDrag.push(attached!);
    await idle(page);
  }

  console.log(`Renderer scripting time (main-thread CPU time) with ${COUNT} accounts, ${RUNS} runs each; ${firstFrameTiles} tiles in the first frame, ${settledTiles} once idle:`);
  console.log(row('first render of the list', listArrives) + ', its accounts arriving in a running window');
  console.log(row('a new window', firstRender) + ', start-up included:');
  console.log(`${'  of which start-up'.padEnd(24)} median ${median(emptyWindow).toFixed(1).padStart(6)} ms: the same window with no accounts (loading and starting React and the app)`);
  console.log(row('code rollover', rollover));
  console.log(row('search keystroke', [...narrow, ...widen]));
  console.log(row('  typing a digit', narrow));
  console.log(row('  Backspace to all', widen));
  console.log(row('  then drag & drop', attachDrag) + ', attached in idle time after the list shows');
} finally {
  await browser.close();
  await harness.stop();
}
