import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../axe.js';
import { chromiumLaunchOptions } from '../chromium.js';
import { expect, test as base } from '../harness-fixture.js';
import { expectOathtoolCode } from '../oathtool.js';
import { fakeCameraFile, migrationLink, pngOfQr } from '../qr-images.js';
import { screenshot } from '../screenshot.js';

// The QR scanner's live sources, in real Chromium: a fake camera that plays a file holding a QR code
// (--use-fake-device-for-media-stream, --use-file-for-fake-video-capture), and a real screen capture that Chromium
// points at a tab showing a QR code (--auto-select-desktop-capture-source picks it by title, instead of the picker).
// Camera and capture permission: --use-fake-ui-for-media-stream grants, =deny refuses, as a person would.

const SECRET = 'ORSXG5DJNZTXE3DJMVZQ';
const LINK = `otpauth://totp/Fastmail:dave@fastmail.example?secret=${SECRET}&issuer=Fastmail`;
const TARGET_TITLE = 'QR to scan';

const grant = ['--use-fake-ui-for-media-stream'];
const deny = ['--use-fake-ui-for-media-stream=deny'];
const fakeCamera = (text: string | null) => ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraFile(text)}`];
// (Not with --use-fake-ui-for-media-stream, which makes Chromium capture the real display: there is none here.)
const screenIsTab = [`--auto-select-desktop-capture-source=${TARGET_TITLE}`];

/**
 * Each group needs Chromium started with its own flags; Playwright's browser is shared by the worker, so `page` here
 * comes from a browser of the test's own, launched with `browserArgs`.
 */
const test = base.extend<{ browserArgs: string[] }>({
  browserArgs: [[], { option: true }],
  page: async ({ playwright, browserArgs }, use) => {
    const browser = await playwright.chromium.launch(chromiumLaunchOptions(browserArgs));
    try {
      await use(await (await browser.newContext()).newPage());
    } finally {
      await browser.close();
    }
  },
});

/** Records every stream the page opens (camera or screen), so a test can see that each one was stopped. */
async function recordStreams(page: Page) {
  await page.addInitScript(() => {
    type Stream = { getTracks(): { readyState: string }[] };
    type Devices = Record<'getUserMedia' | 'getDisplayMedia', (constraints: unknown) => Promise<Stream>>;
    const scope = globalThis as unknown as { __streams: Stream[]; navigator: { mediaDevices?: Devices } };
    scope.__streams = [];
    const devices = scope.navigator.mediaDevices;
    if (!devices) return;
    for (const name of ['getUserMedia', 'getDisplayMedia'] as const) {
      const original = devices[name].bind(devices);
      devices[name] = async (constraints) => {
        const stream = await original(constraints);
        scope.__streams.push(stream);
        return stream;
      };
    }
  });
}

/** How many streams the page opened, and how many of their tracks are still live. */
function streams(page: Page): Promise<{ opened: number; live: number }> {
  return page.evaluate(() => {
    const list = (globalThis as unknown as { __streams: { getTracks(): { readyState: string }[] }[] }).__streams;
    return { opened: list.length, live: list.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length };
  });
}

async function openQrTab(page: Page) {
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog.getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');
  return dialog;
}

async function expectCodeOf(page: Page, name: string, secret: string) {
  await expectOathtoolCode(page.getByRole('listitem', { name }).locator('.tile-code'), secret);
}

/** Another tab, titled so that the screen capture picks it, showing `body`. */
async function showOnScreen(page: Page, body: string) {
  const target = await page.context().newPage();
  await target.setContent(`<!doctype html><title>${TARGET_TITLE}</title><body style="margin:40px;background:#fff">${body}</body>`);
  await page.bringToFront();
  return target;
}
const qrImage = async (text: string) => `<img alt="" src="data:image/png;base64,${(await pngOfQr(text)).toString('base64')}">`;

test.describe('camera, with a QR code in front of it', () => {
  test.use({ browserArgs: [...grant, ...fakeCamera(LINK)] });

  test('finds the code, adds the account, stops the camera; main allowed the camera only meanwhile', async ({ page, controlledHarness }) => {
    await recordStreams(page);
    await page.goto(controlledHarness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog).toBeHidden();
    await expectCodeOf(page, 'Fastmail, dave@fastmail.example', SECRET);
    expect(await streams(page)).toEqual({ opened: 1, live: 0 });
    expect((await controlledHarness.controls.capture()).history).toEqual(['camera', null]);
  });

  test('a code already added is refused as a duplicate, with the camera off and the permission given back', async ({ page, controlledHarness }) => {
    await recordStreams(page);
    expect((await controlledHarness.cli('add', LINK)).code).toBe(0);
    await page.goto(controlledHarness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/already in your accounts/);
    expect(await streams(page)).toEqual({ opened: 1, live: 0 });
    expect((await controlledHarness.controls.capture()).source).toBeNull();
    await expect(dialog.getByRole('button', { name: 'Use camera' })).toBeFocused();
  });
});

test.describe('camera, with something else in front of it', () => {
  test.use({ browserArgs: [...grant, ...fakeCamera('https://example.com/not-a-setup-code')] });

  test('a QR code that is not a setup code is named, the camera keeps looking, and Stop turns it off', async ({ page, controlledHarness }) => {
    await recordStreams(page);
    await page.goto(controlledHarness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog.getByText('Hold the QR code up to the camera, inside the frame.')).toBeVisible();
    await expect(dialog.getByText(/That QR code is not an authenticator setup code/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Stop camera' })).toBeFocused();
    await expect(dialog.getByLabel('Camera preview')).toBeVisible();
    expect(await streams(page)).toEqual({ opened: 1, live: 1 });
    expect((await controlledHarness.controls.capture()).source).toBe('camera');
    await screenshot(page, 'add-dialog-camera');
    await expectNoSeriousViolations(page, 'camera live view');

    await dialog.getByRole('button', { name: 'Stop camera' }).click();
    await expect(dialog.getByRole('button', { name: 'Use camera' })).toBeFocused();
    expect(await streams(page)).toEqual({ opened: 1, live: 0 });
    await expect.poll(async () => (await controlledHarness.controls.capture()).history).toEqual(['camera', null]);

    // Closing the dialog while the camera runs stops it too.
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog.getByLabel('Camera preview')).toBeVisible();
    await expect.poll(async () => (await streams(page)).live).toBe(1);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await streams(page)).toEqual({ opened: 2, live: 0 });
    await expect.poll(async () => (await controlledHarness.controls.capture()).history).toEqual(['camera', null, 'camera', null]);
  });
});

test.describe('camera, Google Authenticator export split over QR codes', () => {
  const exportLink = migrationLink(
    [
      { issuer: 'GitHub', name: 'erin', secret: 'JBSWY3DPEHPK3PXP' },
      { issuer: 'Dropbox', name: 'erin@example.com', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP' },
    ],
    { index: 1, size: 3, id: 4242 },
  );
  test.use({ browserArgs: [...grant, ...fakeCamera(exportLink)] });

  test('imports the accounts of one code and asks for the next; the camera comes back for it', async ({ page, harness }) => {
    await page.goto(harness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    const summary = dialog.getByRole('region', { name: 'QR 2 of 3: imported 2 accounts. Scan the next QR code.' });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('list', { name: 'Imported accounts' }).getByRole('listitem')).toHaveText(['GitHub, erin', 'Dropbox, erin@example.com']);
    await expect(summary.getByRole('heading')).toBeFocused();
    await screenshot(page, 'import-summary-batch');
    await expectCodeOf(page, 'GitHub, erin', 'JBSWY3DPEHPK3PXP');

    // "Scan the next QR code" opens the camera again; this fake camera still shows code 2, already imported.
    await summary.getByRole('button', { name: 'Scan the next QR code' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/GitHub, erin is already in your accounts/);
    await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(2);
  });
});

test.describe('camera refused', () => {
  test.use({ browserArgs: [...deny, ...fakeCamera(LINK)] });

  test('says the camera was not allowed and offers to try again', async ({ page, controlledHarness }) => {
    await page.goto(controlledHarness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^Camera access was not allowed/);
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(dialog.getByLabel('Camera preview')).toBeHidden();
    await screenshot(page, 'add-dialog-camera-denied');
    await expect.poll(async () => (await controlledHarness.controls.capture()).history).toEqual(['camera', null]);
    await dialog.getByRole('button', { name: 'Close camera' }).click();
    await expect(dialog.getByRole('button', { name: 'Use camera' })).toBeFocused();
  });
});

test.describe('no camera at all', () => {
  test.use({ browserArgs: grant });

  test('says no camera was found', async ({ page, harness }) => {
    await page.goto(harness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^No camera was found/);
  });

  test('a camera that another app holds is "busy" (the browser error is simulated: no real device here can be held)', async ({ page, harness }) => {
    await page.addInitScript(() => {
      const devices = (globalThis as unknown as { navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<unknown> } } }).navigator.mediaDevices;
      devices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
    });
    await page.goto(harness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Use camera' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^The camera is busy: another app/);
  });
});

test.describe('screen capture', () => {
  test.use({ browserArgs: screenIsTab });

  test('finds the QR code on the screen, adds the account and stops the capture at once', async ({ page, controlledHarness }) => {
    await recordStreams(page);
    await page.goto(controlledHarness.url);
    await showOnScreen(page, await qrImage(LINK));
    const dialog = await openQrTab(page);
    await screenshot(page, 'add-dialog-qr-sources');
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(dialog).toBeHidden();
    await expectCodeOf(page, 'Fastmail, dave@fastmail.example', SECRET);
    expect(await streams(page)).toEqual({ opened: 1, live: 0 });
    expect((await controlledHarness.controls.capture()).history).toEqual(['screen', null]);
  });

  test('no QR code on the screen: says to make it visible and try again', async ({ page, harness }) => {
    await recordStreams(page);
    await page.goto(harness.url);
    await showOnScreen(page, '<h1>Nothing to scan here</h1>');
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^No QR code was found on your screen. Make the QR code visible/);
    expect(await streams(page)).toEqual({ opened: 1, live: 0 });
    await screenshot(page, 'add-dialog-screen-no-qr');
  });

  test('a QR code that is not a setup code, or one of several: says which to leave in view', async ({ page, harness }) => {
    await page.goto(harness.url);
    await showOnScreen(page, await qrImage('WIFI:T:WPA;S:home;P:hunter22;;'));
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^A QR code was found on your screen, but it is not an authenticator setup code.*If several QR codes are visible/);
  });

  test('a Google Authenticator export on the screen is imported whole, with a summary', async ({ page, harness }) => {
    const link = migrationLink([
      { issuer: 'GitHub', name: 'frank', secret: 'JBSWY3DPEHPK3PXP' },
      { issuer: 'Slack', name: 'frank@example.com', secret: 'KRSXG5CTMVRXEZLUKRSXG5CT' },
      { issuer: '', name: 'plain', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
    ]);
    await page.goto(harness.url);
    await showOnScreen(page, await qrImage(link));
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    const summary = dialog.getByRole('region', { name: 'Imported 3 accounts from the Google Authenticator export.' });
    await expect(summary.getByRole('listitem')).toHaveText(['GitHub, frank', 'Slack, frank@example.com', 'plain']);
    await expect(summary.getByRole('button', { name: 'Scan the next QR code' })).toHaveCount(0);
    await screenshot(page, 'import-summary');
    await summary.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expectCodeOf(page, 'Slack, frank@example.com', 'KRSXG5CTMVRXEZLUKRSXG5CT');
  });
});

test.describe('screen capture refused', () => {
  test.use({ browserArgs: deny });

  test('says it was cancelled or not allowed; main granted nothing lasting', async ({ page, controlledHarness }) => {
    await page.goto(controlledHarness.url);
    const dialog = await openQrTab(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^Screen capture was cancelled or not allowed/);
    await expect(dialog.getByRole('button', { name: 'Scan screen' })).toBeEnabled();
    await screenshot(page, 'add-dialog-screen-denied');
    expect((await controlledHarness.controls.capture()).history).toEqual(['screen', null]);
  });
});
