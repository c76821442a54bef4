import { expectNoSeriousViolationsLightAndDark } from '../axe.js';
import { ALICE, cloudArgs, turnOnBackup } from '../cloud-helpers.js';
import { callContract, expect, startHarness, test } from '../harness-fixture.js';
import { expectOathtoolCode, oathtoolTotp } from '../oathtool.js';
import { screenshot } from '../screenshot.js';

// A computer whose clock is 90 s behind Microsoft's: the emulators serve every Date header 90 s ahead of this
// machine's clock, which stands for the true time plus 90 s. Codes are checked against oathtool at that true time.

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SKEW_MS = 90_000;
const trueNow = () => Date.now() + SKEW_MS;

test('clock 90 s behind: the banner says so and how to fix it; the switch makes tile codes oathtool\'s at the true time', async ({ page, context, emulators }) => {
  await emulators.control.setDateSkew(SKEW_MS);
  const harness = await startHarness(undefined, cloudArgs(emulators));
  try {
    await harness.cli('add', `otpauth://totp/Contoso:${ALICE.username}?secret=${SECRET}&issuer=Contoso`);
    await page.goto(harness.url);
    await expect(page.locator('.tile-code')).toHaveCount(1);
    // Nothing measured before the app talks to Microsoft: no banner.
    await expect(page.getByText(/Your computer's clock is/)).toHaveCount(0);

    // Turning backup on signs in and uploads: the answers' Date headers measure the clock.
    await turnOnBackup(page, context);
    const banner = page.getByRole('region', { name: /Your computer's clock is/ });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("Your computer's clock is 1 min 30 s behind. Codes depend on the time, so sites may refuse the codes shown here.");
    await expect(banner).toContainText('To fix it on Linux: turn on automatic date and time in your desktop\'s Date & Time settings, or run "timedatectl set-ntp true".');
    const toggle = banner.getByRole('switch', { name: 'Correct codes for this offset' });
    await expect(toggle).not.toBeChecked();
    // A warning, not an error: it is no alert.
    await expect(page.getByRole('alert').filter({ hasText: 'clock' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Back', exact: true }).click();
    const code = page.locator('.tile-code');
    // Uncorrected, the tile shows the code of this machine's clock, 90 s (three periods) before the true one.
    await expectOathtoolCode(code, SECRET);
    expect(oathtoolTotp(SECRET, Math.floor(trueNow() / 1000))).not.toBe((await code.innerText()).replace(/\s/g, ''));
    await expectNoSeriousViolationsLightAndDark(page, 'the clock banner');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'clock-banner-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'clock-banner-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await toggle.check();
    await expect(banner).toContainText("Your computer's clock is 1 min 30 s behind. Codes shown here are corrected for it.");
    await expectOathtoolCode(code, SECRET, {}, trueNow);
    await screenshot(page, 'clock-banner-corrected');
    // The tray (the same menu the desktop tray renders) says so as well, first.
    const tray = await callContract(page, 'getTrayMenu', {});
    expect(tray.ok && tray.value.entries[0]).toMatchObject({ type: 'item', label: 'Clock 1 min 30 s behind: codes corrected', enabled: true });
    const trayPage = await context.newPage();
    await trayPage.goto(new URL('/tray', harness.url).href);
    await expect(trayPage.getByRole('menuitem', { name: 'Clock 1 min 30 s behind: codes corrected' })).toBeVisible();
    await screenshot(trayPage, 'clock-tray');
    await trayPage.close();

    // The switch is a setting, saved in the vault: a reloaded window shows it on and main still corrects the codes.
    await page.reload();
    await expect(page.getByRole('switch', { name: 'Correct codes for this offset' })).toBeChecked();
    await expectOathtoolCode(page.locator('.tile-code'), SECRET, {}, trueNow);

    await page.getByRole('switch', { name: 'Correct codes for this offset' }).uncheck();
    await expectOathtoolCode(page.locator('.tile-code'), SECRET);
  } finally {
    await harness.stop();
  }
});
