import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { expect, harnessPage, test } from '../harness-fixture.js';
import { oathtoolTotp } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

// The quick picker as the harness serves it at /quick (the same component as the app's picker window): type to filter,
// arrows, Enter copies the chosen account's code and hides the picker, Escape hides it.

const SECRETS = { GitHub: 'JBSWY3DPEHPK3PXP', GitLab: 'GEZDGNBVGY3TQOJQ', Dropbox: 'MFRGGZDFMZTWQ2LK', Discord: 'KRSXG5CTMVRXEZLU' };
const LINKS = Object.entries(SECRETS).map(([issuer, secret]) => `otpauth://totp/${issuer}:alice?secret=${secret}&issuer=${issuer}`);
const oracle = (secret: string, before: number, after: number) => [oathtoolTotp(secret, Math.floor(before / 1000)), oathtoolTotp(secret, Math.floor(after / 1000))];

test('type three letters, Enter: the clipboard holds oathtool’s code and the picker hides', async ({ page, controlledHarness: harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harnessPage(harness, '/quick'));
  const box = page.getByRole('combobox', { name: 'Find an account' });
  await expect(box).toBeFocused();
  await expect(page.getByRole('option')).toHaveCount(4);
  await page.keyboard.type('dro');
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option', { name: 'Dropbox, alice' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('option', { name: 'Dropbox, alice' })).toContainText(/\d{3} \d{3}/);
  await expect(page.getByRole('option', { name: 'Dropbox, alice' })).toContainText(/\d+ s/);
  await screenshot(page, 'quick-picker-filtered');
  const before = await harness.controls.now();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Copied. The quick picker is hidden.');
  const after = await harness.controls.now();
  expect(oracle(SECRETS.Dropbox, before, after)).toContain(await harness.controls.readClipboard());
  await expect(box).toBeHidden();
});

test('arrows choose, Escape hides without copying, and a code that expired while open is never the one copied', async ({ page, controlledHarness: harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harnessPage(harness, '/quick'));
  // The page mounts once main has said whether the app is locked: type only into a picker that is there.
  await expect(page.getByRole('combobox', { name: 'Find an account' })).toBeFocused();
  await expect(page.getByRole('option')).toHaveCount(4);
  await page.keyboard.type('git');
  await expect(page.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: 'GitLab, alice' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown'); // round to the first
  await expect(page.getByRole('option', { name: 'GitHub, alice' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('option', { name: 'GitLab, alice' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status')).toHaveText('The quick picker is hidden.');
  expect(await harness.controls.readClipboard()).toBe('');

  // Open again, let the shown code expire (main's clock moves past its period), then Enter: the new code is copied.
  await page.getByRole('button', { name: 'Open quick picker' }).click();
  await page.keyboard.type('gitl');
  const row = page.getByRole('option', { name: 'GitLab, alice' });
  const shown = (await row.locator('.quick-digits').innerText()).replace(/\s/g, '');
  await harness.controls.advanceClock(30_000);
  const before = await harness.controls.now();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Copied. The quick picker is hidden.');
  const after = await harness.controls.now();
  const copied = await harness.controls.readClipboard();
  expect(oracle(SECRETS.GitLab, before, after)).toContain(copied);
  expect(copied).not.toBe(shown);
});

test('a code in its last five seconds shows its seconds in the warning colour, as the tiles\' ring does', async ({ page, controlledHarness: harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harnessPage(harness, '/quick'));
  await expect(page.getByRole('combobox', { name: 'Find an account' })).toBeFocused();
  const seconds = page.getByRole('option', { name: 'GitHub, alice' }).locator('.quick-seconds');
  // Move main's clock to 12 s before the end of a 30 s period, then to 3 s before it. Each move crosses a period's
  // end, so main sends a new batch of codes, which carries its clock's offset to the page.
  const toLeft = async (left: number) => {
    const intoPeriod = (await harness.controls.now()) % 30_000;
    await harness.controls.advanceClock(30_000 + ((30_000 - left * 1000 - intoPeriod + 30_000) % 30_000));
  };
  await toLeft(12);
  await expect(seconds).toHaveText(/^(1[0-2]|9) s$/);
  await expect(seconds).not.toHaveClass(/urgent/);
  const calm = await seconds.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color);
  await toLeft(3);
  await expect(seconds).toHaveText(/^[1-3] s$/);
  await expect(seconds).toHaveClass(/urgent/);
  expect(await seconds.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color)).not.toBe(calm);
  await screenshot(page, 'quick-picker-last-seconds');
});

test('the quick picker passes axe in light and dark', async ({ page, harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.setViewportSize({ width: 640, height: 480 });
  await page.goto(harnessPage(harness, '/quick'));
  await expect(page.getByRole('option')).toHaveCount(4);
  await expect(page.locator('.provider-icon[data-brand="github"]')).toHaveCount(1);
  await expectNoSeriousViolationsLightAndDark(page, 'quick picker');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `quick-picker-${scheme}`);
  }
});

test('shown again (the app window made visible by the shortcut), the picker starts afresh: an empty search, focused', async ({ page, harness }) => {
  expect((await harness.cli('add', ...LINKS)).code).toBe(0);
  await page.goto(harnessPage(harness, '/quick'));
  // The page mounts once main has said whether the app is locked: type only into a picker that is there.
  await expect(page.getByRole('combobox', { name: 'Find an account' })).toBeFocused();
  await expect(page.getByRole('option')).toHaveCount(4);
  await page.keyboard.type('git');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status')).toHaveText('The quick picker is hidden.');
  // What Chromium fires in the app's picker window when main shows it again (the page itself stays visible here).
  await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
  const box = page.getByRole('combobox', { name: 'Find an account' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await expect(page.getByRole('option')).toHaveCount(4);
});
