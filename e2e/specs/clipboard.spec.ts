import type { Page } from '@playwright/test';
import { callContract, expect, test, type ControlledHarness } from '../harness-fixture.js';
import { oathtoolTotp } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;

async function addAccount(harness: ControlledHarness, link = LINK): Promise<string> {
  const added = await harness.cli('add', link, '--json');
  expect(added.code, added.stderr).toBe(0);
  const list = JSON.parse((await harness.cli('list', '--json')).stdout) as { id: string; issuer: string }[];
  return list.at(-1)!.id;
}

/** Calls copyCode through the page's contract bridge, as a tile will. */
const copyCode = (page: Page, id: string) => callContract(page, 'copyCode', { id });
const clearsAt = (reply: Awaited<ReturnType<typeof copyCode>>) => (reply.ok ? reply.value.clearsAt : null) ?? Number.NaN;

/** The codes oathtool gives between two readings of main's clock (a rollover may fall in between). */
const oracle = (before: number, after: number) => [oathtoolTotp(SECRET, Math.floor(before / 1000)), oathtoolTotp(SECRET, Math.floor(after / 1000))];

test('copy writes the code oathtool computes and clears it after the delay', async ({ page, controlledHarness: harness }) => {
  const id = await addAccount(harness);
  await page.goto(harness.url);
  const before = await harness.controls.now();
  const reply = await copyCode(page, id);
  const after = await harness.controls.now();
  expect(reply.ok).toBe(true);
  expect(oracle(before, after)).toContain(await harness.controls.readClipboard());
  // 30 s by default, on main's clock.
  expect(clearsAt(reply)).toBeGreaterThanOrEqual(before + 30_000);
  expect(clearsAt(reply)).toBeLessThanOrEqual(after + 30_000);

  const copied = await harness.controls.readClipboard();
  // To 5 s before the clear is due, counted from main's clock now (it keeps running while the test works).
  await harness.controls.advanceClock(clearsAt(reply) - (await harness.controls.now()) - 5_000);
  expect(await harness.controls.readClipboard()).toBe(copied);
  await harness.controls.advanceClock(6_000);
  await expect.poll(() => harness.controls.readClipboard()).toBe('');
});

test('what the person copied since is never cleared; a new copy restarts the delay', async ({ page, controlledHarness: harness }) => {
  const id = await addAccount(harness);
  await page.goto(harness.url);
  expect((await copyCode(page, id)).ok).toBe(true);
  await harness.controls.writeClipboard('a note of my own');
  await harness.controls.advanceClock(60_000);
  // Give a (wrong) clear every chance to happen before checking it did not.
  await page.waitForTimeout(200);
  expect(await harness.controls.readClipboard()).toBe('a note of my own');

  // Shorter delay from settings; a second copy supersedes the first clear.
  expect((await callContract(page, 'updateSettings', { clipboardClearSeconds: 10 })).ok).toBe(true);
  expect((await copyCode(page, id)).ok).toBe(true);
  await harness.controls.advanceClock(8_000);
  expect((await copyCode(page, id)).ok).toBe(true);
  const second = await harness.controls.readClipboard();
  await harness.controls.advanceClock(4_000); // 12 s after the first copy, 4 s after the second
  await page.waitForTimeout(200);
  expect(await harness.controls.readClipboard()).toBe(second);
  await harness.controls.advanceClock(7_000);
  await expect.poll(() => harness.controls.readClipboard()).toBe('');
});

test('copying an account that no longer exists fails with its kind and copies nothing', async ({ page, controlledHarness: harness }) => {
  await page.goto(harness.url);
  await harness.controls.writeClipboard('untouched');
  const reply = await copyCode(page, 'abcdef1234');
  expect(reply).toMatchObject({ ok: false, error: { kind: 'accountNotFound' } });
  expect(await harness.controls.readClipboard()).toBe('untouched');
});

test('the test endpoints refuse a request without the session and their secret', async ({ controlledHarness: harness }) => {
  // No session cookie (what any other local process has): refused before the route is even looked at.
  expect((await fetch(new URL('/test/clipboard', harness.url).origin + '/test/clipboard')).status).toBe(401);
  // A session of its own (the page's one-time URL), but not the controls' secret: refused.
  const signedIn = await fetch(harness.url, { redirect: 'manual' });
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const wrong = await fetch(new URL('/test/clock/advance', harness.url), { method: 'POST', headers: { cookie, 'x-harness-control': 'nope' }, body: '{"ms":1}' });
  expect(wrong.status).toBe(403);
  expect((await fetch(new URL('/test/clipboard', harness.url), { headers: { cookie } })).status).toBe(403);
});

test('without --test-controls there are no test endpoints', async ({ harness }) => {
  const signedIn = await fetch(harness.url, { redirect: 'manual' });
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const response = await fetch(new URL('/test/clipboard', harness.url), { headers: { cookie, 'x-harness-control': 'anything' } });
  expect(response.status).toBe(404);
});

test('in the narrowest window the Copied toast takes the window\'s width less its margins, on one line', async ({ page, controlledHarness: harness }) => {
  await addAccount(harness);
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Copy code for Example, alice@example.com', exact: true }).click();
  const toast = page.locator('.toast.shown');
  await expect(toast).toContainText('Copied · clears in 30 s');
  const box = (await toast.boundingBox())!;
  // Inside the window's 16 px margins, and wider than half of it (left: 50% alone held it to 180 px, two lines).
  expect(box.x).toBeGreaterThanOrEqual(16 - 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(360 - 16 + 0.5);
  expect(box.width).toBeGreaterThan(180);
  // Its words on one line: an inline element has one box per line it spans.
  expect(await toast.locator('.toast-text > span').evaluate((words) => words.getClientRects().length)).toBe(1);
  await screenshot(page, 'toast-360', { fullPage: false });
});
