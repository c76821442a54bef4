import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { callContract, expect, test } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { screenshot } from '../screenshot.js';
import { animationsSettled } from '../settled.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PASSWORD = 'correct horse battery staple';

test('app lock: turn on, lock, a wrong password (message, delay), unlock, codes equal oathtool’s', async ({ page, controlledHarness: harness }) => {
  test.setTimeout(120_000);
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  await page.goto(harness.url);
  await expect(page.getByRole('button', { name: /Copy code for GitHub, alice/ })).toBeVisible();

  // Settings > Security > App lock: without backup, it says so first.
  await page.getByRole('button', { name: 'Settings' }).click();
  const lockGroup = page.getByRole('group', { name: 'App lock' });
  await expect(lockGroup).toContainText('does not protect against malicious software');
  await lockGroup.getByRole('button', { name: 'Turn on app lock…' }).click();
  // This harness has no cloud backup configured: the warning points to a backup file instead, and the way on has the focus.
  const warning = lockGroup.getByRole('alertdialog', { name: 'No cloud backup' });
  await expect(warning).toContainText('nothing can recover your accounts');
  await expect(warning).toContainText('save a backup file first (Settings > Export > Backup file)');
  await expect(warning.getByRole('button', { name: 'Continue without backup' })).toBeFocused();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `app-lock-no-backup-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await lockGroup.getByRole('button', { name: 'Continue without backup' }).click();
  await expect(page.getByRole('form', { name: 'Turn on app lock' }).getByLabel('Lock password', { exact: true })).toBeFocused();

  // A weak password is refused with the shared rule's reason; two different ones are caught too.
  const form = page.getByRole('form', { name: 'Turn on app lock' });
  await form.getByLabel('Lock password', { exact: true }).fill('password1');
  await form.getByLabel('Type it again').fill('password1');
  await form.getByRole('button', { name: 'Turn on app lock' }).click();
  await expect(form.locator('.field-error').first()).not.toBeEmpty();
  await form.getByLabel('Lock password', { exact: true }).fill(PASSWORD);
  await form.getByLabel('Type it again').fill(PASSWORD);
  await expect(form).toContainText('Strength: ');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `app-lock-turn-on-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoSeriousViolationsLightAndDark(page, 'turning the app lock on');
  await form.getByRole('button', { name: 'Turn on app lock' }).click();
  await expect(lockGroup).toContainText('App lock is on.', { timeout: 20_000 });
  await screenshot(page, 'app-lock-on-light');

  // Ctrl+L locks: only the lock screen shows; no account name or code is on the page.
  await page.keyboard.press('Control+l');
  const lockScreen = page.getByRole('region', { name: 'Authenticator is locked' });
  await expect(lockScreen).toBeVisible();
  await expect(page.locator('body')).not.toContainText('GitHub');
  await expect(page.locator('.tile')).toHaveCount(0);
  expect((await callContract(page, 'getCodes', {})).ok).toBe(false);

  // A wrong password: the message; after five, the delay is said and even the right one waits.
  const field = lockScreen.getByLabel('Lock password');
  for (let i = 1; i <= 5; i++) {
    await field.fill(`wrong password ${i}`);
    await lockScreen.getByRole('button', { name: 'Unlock' }).click();
    await expect(lockScreen.getByRole('alert')).toHaveText('That is not the lock password.', { timeout: 20_000 });
    await expect(lockScreen).toContainText(`${i} wrong password`);
  }
  // At once (the harness clock runs in real time): even the right password waits, and the wait is said.
  await field.fill(PASSWORD);
  await expect(lockScreen.getByRole('timer')).toContainText('5 wrong passwords. Try again in');
  await expect(lockScreen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `lock-screen-delay-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoSeriousViolationsLightAndDark(page, 'the lock screen');

  // Forgot the password, without backup: nothing can be recovered, and it says so.
  await lockScreen.getByRole('button', { name: 'Forgot the password?' }).click();
  await expect(lockScreen.getByRole('region', { name: 'Forgot the password' })).toContainText('there is no copy to recover them from');
  await screenshot(page, 'lock-screen-forgot-light');

  // After the delay (main's clock moved on), the right password unlocks; the code is oathtool's.
  await harness.controls.advanceClock(5_000);
  await expect(lockScreen.getByRole('timer')).toHaveCount(0);
  await field.fill(PASSWORD);
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  const tile = page.getByRole('button', { name: /Copy code for GitHub, alice/ });
  await expect(tile).toBeVisible({ timeout: 20_000 });
  await expectOathtoolCode(tile.locator('.tile-code'), SECRET, {}, () => harness.controls.now());
});

test('the wait after wrong passwords is one line, counting down main’s wait, gone when it reaches zero or when main says it is over', async ({
  page,
  controlledHarness: harness,
}) => {
  test.setTimeout(90_000);
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  // The page's clock is Playwright's, moved by the test; main's is the harness's, moved by its test controls.
  await page.clock.install();
  await page.goto(harness.url);
  expect((await callContract(page, 'turnOnAppLock', { password: PASSWORD })).ok).toBe(true);
  expect((await callContract(page, 'lockApp', {})).ok).toBe(true);
  const lockScreen = page.getByRole('region', { name: 'Authenticator is locked' });
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

  const field = lockScreen.getByLabel('Lock password');
  const unlock = lockScreen.getByRole('button', { name: 'Unlock' });
  const waitLines = lockScreen.getByText(/Try again|tried in|wait/i);
  for (let i = 1; i <= 5; i++) {
    await field.fill(`wrong password ${i}`);
    await unlock.click();
    await expect(lockScreen).toContainText(`${i} wrong password`, { timeout: 20_000 });
  }
  await expect(lockScreen.getByRole('timer')).toHaveText('5 wrong passwords. Try again in 5 s.');
  await expect(waitLines).toHaveCount(1);
  await field.fill(PASSWORD);
  await expect(unlock).toBeDisabled();
  // Main's wait is over first (its clock moved on; the page's stands still): the line goes at once.
  await harness.controls.advanceClock(5_000);
  await expect(lockScreen.getByRole('timer')).toHaveCount(0);
  await expect(waitLines).toHaveCount(1);
  await expect(lockScreen).toContainText('5 wrong passwords. Each wrong one makes you wait longer; nothing is ever deleted.');
  await expect(unlock).toBeEnabled();

  // The next wrong one waits 10 s; counted down to zero on the page, the line goes there too.
  await field.fill('wrong password 6');
  await unlock.click();
  await expect(lockScreen.getByRole('timer')).toHaveText('6 wrong passwords. Try again in 10 s.', { timeout: 20_000 });
  await expect(waitLines).toHaveCount(1);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `lock-screen-wait-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // It counts down on the page, second by second (the page's clock stands still between the steps).
  for (let left = 9; left >= 1; left--) {
    await page.clock.runFor(1_000);
    await expect(lockScreen.getByRole('timer')).toHaveText(`6 wrong passwords. Try again in ${left} s.`);
  }
  await page.clock.runFor(1_000);
  await expect(lockScreen.getByRole('timer')).toHaveCount(0);

  // Had the page been early, main still says no, and sends its wait again: the line comes back with main's figure.
  await field.fill(PASSWORD);
  await unlock.click();
  await expect(lockScreen.getByRole('timer')).toContainText('6 wrong passwords. Try again in');
  await expect(lockScreen.getByRole('alert')).toHaveCount(0);
  await harness.controls.advanceClock(10_000);
  await expect(lockScreen.getByRole('timer')).toHaveCount(0);
  await field.fill(PASSWORD);
  await unlock.click();
  await expect(page.getByRole('button', { name: /Copy code for GitHub, alice/ })).toBeVisible({ timeout: 20_000 });
});

test('the lock screen’s card keeps a margin from the window’s edges at 420 px and up, light and dark, its forgotten-password part too', async ({ page, harness }) => {
  test.setTimeout(90_000);
  await page.goto(harness.url);
  expect((await callContract(page, 'turnOnAppLock', { password: PASSWORD })).ok).toBe(true);
  expect((await callContract(page, 'lockApp', {})).ok).toBe(true);
  const lockScreen = page.getByRole('region', { name: 'Authenticator is locked' });
  await expect(lockScreen).toBeVisible();
  const margins = async () => {
    const box = (await lockScreen.boundingBox())!;
    const width = page.viewportSize()!.width;
    const scrollWidth = await page.locator('html').evaluate((html) => (html as unknown as { scrollWidth: number }).scrollWidth);
    return { left: box.x, right: width - box.x - box.width, top: box.y, overflow: scrollWidth - width };
  };
  for (const width of [420, 560, 800, 1280]) {
    await page.setViewportSize({ width, height: 720 });
    for (const open of [false, true]) {
      if (open) {
        await lockScreen.getByRole('button', { name: 'Forgot the password?' }).click();
        await lockScreen.getByRole('button', { name: 'Start over on this PC…' }).click();
      }
      const m = await margins();
      expect(m.left, `left margin at ${width} px`).toBeGreaterThanOrEqual(16);
      expect(m.right, `right margin at ${width} px`).toBeGreaterThanOrEqual(16);
      if (!open) expect(m.top, `top margin at ${width} px`).toBeGreaterThanOrEqual(16); // (open, the page scrolls to the field)
      expect(m.overflow, `sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await screenshot(page, `lock-screen-${width}${open ? '-start-over' : ''}-${theme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      if (open) {
        await lockScreen.getByRole('button', { name: 'Cancel' }).click();
        await lockScreen.getByRole('button', { name: 'Forgot the password?' }).click();
      }
    }
  }
  await page.setViewportSize({ width: 420, height: 720 });
  await expectNoSeriousViolationsLightAndDark(page, 'the lock screen at 420 px');
});

test('changing the lock password says so in a success toast, the focus back on its button, and the new password unlocks', async ({ page, harness }) => {
  test.setTimeout(90_000);
  const NEW_PASSWORD = 'another horse battery staple';
  await page.goto(harness.url);
  expect((await callContract(page, 'turnOnAppLock', { password: PASSWORD })).ok).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  const lockGroup = page.getByRole('group', { name: 'App lock' });
  await lockGroup.getByRole('button', { name: 'Change lock password…' }).click();
  const form = page.getByRole('form', { name: 'Change lock password' });
  await form.getByLabel('Current lock password').fill(PASSWORD);
  await form.getByLabel('New lock password', { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel('Type it again').fill(NEW_PASSWORD);
  await expect(form).toContainText('Strength: ');
  await form.getByRole('button', { name: 'Change lock password' }).click();

  const toast = page.locator('.toast.shown.success');
  await expect(toast.getByRole('status')).toHaveText('Lock password changed. Unlock with the new one from now on.', { timeout: 20_000 });
  await expect(form).toHaveCount(0);
  await expect(lockGroup.getByRole('button', { name: 'Change lock password…' })).toBeFocused();
  await toast.getByRole('status').hover(); // kept past its five seconds while checked, then dismissed below
  await animationsSettled(toast);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `app-lock-password-changed-${theme}`, { fullPage: false });
  }
  await expectNoSeriousViolationsLightAndDark(page, 'the lock password changed');

  // Cancelling puts the focus back too, and says nothing.
  await page.locator('.toast-dismiss').click();
  await lockGroup.getByRole('button', { name: 'Change lock password…' }).click();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(lockGroup.getByRole('button', { name: 'Change lock password…' })).toBeFocused();
  await expect(page.locator('.toast.shown')).toHaveCount(0);

  // What the toast said is true: the old password no longer unlocks, the new one does.
  await page.keyboard.press('Control+l');
  const lockScreen = page.getByRole('region', { name: 'Authenticator is locked' });
  await lockScreen.getByLabel('Lock password').fill(PASSWORD);
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen.getByRole('alert')).toHaveText('That is not the lock password.', { timeout: 20_000 });
  await lockScreen.getByLabel('Lock password').fill(NEW_PASSWORD);
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen).toHaveCount(0, { timeout: 20_000 });
});

test('Ctrl+L with the app lock off says so in a toast, whose button opens Settings at the App lock', async ({ page, harness }) => {
  test.setTimeout(60_000);
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  await page.goto(harness.url);
  await expect(page.getByRole('button', { name: /Copy code for GitHub, alice/ })).toBeVisible();
  const toast = page.locator('.toast.shown');
  const open = toast.getByRole('button', { name: 'Open Settings > Security > App lock' });

  await page.keyboard.press('Control+l');
  await expect(toast.getByRole('status')).toHaveText('App lock is off: turn it on in Settings > Security.');
  await expect(page.getByRole('region', { name: 'Authenticator is locked' })).toHaveCount(0);
  // The pointer on it, as someone reaching for its button: it stays past its five seconds while looked at and checked.
  await toast.getByRole('status').hover();
  await animationsSettled(toast);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `lock-shortcut-lock-off-${theme}`, { fullPage: false });
  }
  await expectNoSeriousViolationsLightAndDark(page, 'Ctrl+L with the app lock off');
  await open.click();
  const lockGroup = page.getByRole('group', { name: 'App lock' });
  await expect(lockGroup.getByRole('button', { name: 'Turn on app lock…' })).toBeFocused();
  await expect(lockGroup).toBeInViewport();
  await expect(toast).toHaveCount(0);

  // From the settings page too (scrolled elsewhere), the button brings the App lock back into view.
  await page.getByRole('heading', { name: 'Appearance' }).scrollIntoViewIfNeeded();
  await page.getByRole('radio', { name: 'Dark' }).focus();
  await page.keyboard.press('Control+l');
  await open.click();
  await expect(lockGroup.getByRole('button', { name: 'Turn on app lock…' })).toBeFocused();
  await expect(lockGroup).toBeInViewport();
});

test('the tray page shows "Locked" and "Unlock…" and no code while locked', async ({ page, controlledHarness: harness }) => {
  test.setTimeout(60_000);
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  await page.goto(harness.url);
  expect((await callContract(page, 'turnOnAppLock', { password: PASSWORD })).ok).toBe(true);
  await page.goto(new URL('/tray', harness.url).href);
  await page.getByRole('menuitem', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Locked' })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: 'Unlock…' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('GitHub');
  await expect(page.locator('body')).not.toContainText(/\d{3} \d{3}/);
  await screenshot(page, 'tray-locked');
});

test('auto-lock: left idle past the chosen minute it locks, the tray shows no codes, and after unlock every code is right', async ({ page, controlledHarness: harness }) => {
  test.setTimeout(90_000);
  expect((await harness.cli('add', `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`)).code).toBe(0);
  await page.goto(harness.url);
  expect((await callContract(page, 'turnOnAppLock', { password: PASSWORD })).ok).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'App lock' }).getByLabel('Lock by itself').selectOption('1m');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('button', { name: /Copy code for GitHub, alice/ })).toBeVisible();

  await harness.controls.advanceClock(50_000);
  await expect(page.getByRole('button', { name: /Copy code for GitHub, alice/ })).toBeVisible();
  await harness.controls.advanceClock(20_000);
  const lockScreen = page.getByRole('region', { name: 'Authenticator is locked' });
  await expect(lockScreen).toBeVisible();
  await screenshot(page, 'lock-screen-light');

  const tray = await page.context().newPage();
  await tray.goto(new URL('/tray', harness.url).href);
  await expect(tray.getByRole('menuitem', { name: 'Locked' })).toBeVisible();
  await expect(tray.locator('body')).not.toContainText(/GitHub|\d{3} \d{3}/);
  await tray.close();

  await lockScreen.getByLabel('Lock password').fill(PASSWORD);
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  const tile = page.getByRole('button', { name: /Copy code for GitHub, alice/ });
  await expect(tile).toBeVisible({ timeout: 20_000 });
  await expectOathtoolCode(tile.locator('.tile-code'), SECRET, {}, () => harness.controls.now());
});
