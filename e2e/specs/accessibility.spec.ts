import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { RunningEmulators } from '../../emulators/index.js';
import { expectNoSeriousViolations } from '../axe.js';
import { cloudArgs, signInToTurnOn } from '../cloud-helpers.js';
import { callContract, expect, harnessPage, startHarness, test, type Harness } from '../harness-fixture.js';
import { migrationLink } from '../qr-images.js';
import { screenshot } from '../screenshot.js';
import { openDetails, tilesSettled } from '../tile-list.js';

// Every screen of the window, in the light and the dark colour scheme, through axe-core's WCAG A/AA rules (colour
// contrast included, brand colours too): one table of walks, each a fresh harness and the screens it passes through.
// Each screen is also saved as .test-output/screens/axe-<screen>-<scheme>.png, to be looked at.

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const PROTON = 'otpauth://totp/Proton:kate%40proton.me?secret=MFRGGZDFMZTWQ2LKNNWG23TP&issuer=Proton';
const BANK = 'otpauth://hotp/Bank:alice?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=Bank&counter=3';
const PASSWORD = 'quiet harbour lanterns drifting';

interface Walk {
  /** The page the screens are checked on (a second PC's, once there is one). */
  page: Page;
  context: BrowserContext;
  /** The harness started last. */
  harness: Harness;
  /** Starts a harness (another one is a second PC); stopped when the walk ends. */
  start(options?: { dataDir?: string; cloud?: boolean; links?: string[] }): Promise<Harness>;
  /** Moves the walk to a page in a browser of its own (a second PC's: the harnesses' session cookies would meet). */
  newBrowserPage(): Promise<Page>;
  emulators: RunningEmulators | null;
  /** A folder of the walk's own for files it makes. */
  folder: string;
}
type Stop = [screen: string, reach: (walk: Walk) => Promise<void>];

async function openWith(walk: Walk, ...links: string[]): Promise<void> {
  await walk.page.goto((await walk.start({ links })).url);
}
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
const settings = (page: Page) => page.getByRole('button', { name: 'Settings', exact: true }).click();

const WALKS: { cloud?: boolean; stops: Stop[] }[] = [
  {
    stops: [
      ['empty state', async (w) => {
        await openWith(w);
        await expect(w.page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
      }],
      ['recovery: sign in or a file', async ({ page }) => {
        await page.getByRole('button', { name: 'Begin recovery' }).click();
        await expect(page.getByRole('button', { name: 'Recover from a backup file…' })).toBeVisible();
      }],
    ],
  },
  {
    stops: [
      ['tiles', async (w) => {
        await openWith(w, GITHUB, PROTON, BANK);
        await expect(w.page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(3);
        await tilesSettled(w.page);
        await expect(w.page.locator('[data-brand="github"]')).toBeVisible({ timeout: 15_000 }); // the logos (loaded in idle time), in their brand colours
      }],
      ['tile menu', async ({ page }) => {
        await page.getByRole('button', { name: 'More actions for GitHub, alice', exact: true }).click();
        await expect(page.getByRole('menuitem', { name: 'Open full view' })).toBeVisible();
      }],
      ['shortcuts overlay', async ({ page }) => {
        await page.keyboard.press('Escape');
        await page.locator('body').press('?');
        await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible();
      }],
      ['full-screen view', async ({ page }) => {
        await page.keyboard.press('Escape');
        await openDetails(page, 'GitHub, alice');
        await expect(page.getByRole('heading', { name: 'GitHub' })).toBeVisible();
      }],
      ['full-screen view: show setup warning', async ({ page }) => {
        await page.getByRole('button', { name: 'Show QR code and setup key…' }).click();
        await expect(page.getByRole('button', { name: 'Show QR code and setup key', exact: true })).toBeVisible();
      }],
      ['full-screen view: setup key shown', async ({ page, harness }) => {
        await page.getByRole('button', { name: 'Show QR code and setup key', exact: true }).click();
        await harness.answerSecretRelease('yes');
        await expect(page.getByRole('img', { name: 'QR code for GitHub, alice' })).toBeVisible();
      }],
      ['quick picker', async ({ page, harness }) => {
        await page.goto(harnessPage(harness, '/quick'));
        await expect(page.getByRole('combobox', { name: 'Find an account' })).toBeFocused();
        await page.keyboard.type('pro');
        await expect(page.getByRole('option')).toHaveCount(1);
      }],
    ],
  },
  {
    stops: [
      ['add: scan QR code', async (w) => {
        await openWith(w, GITHUB);
        await w.page.getByRole('banner').getByRole('button', { name: 'Add account' }).click();
        await expect(dialog(w.page, 'Add account').getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');
      }],
      ['add: camera problem', async ({ page }) => {
        await dialog(page, 'Add account').getByRole('button', { name: 'Use camera' }).click();
        await expect(dialog(page, 'Add account').getByRole('alert')).toHaveText(/No camera was found/);
        await dialog(page, 'Add account').getByRole('button', { name: 'Close camera' }).click();
      }],
      ['add: paste link', async ({ page }) => {
        await dialog(page, 'Add account').getByRole('tab', { name: 'Paste link' }).click();
        await expect(dialog(page, 'Add account').getByLabel('Setup link')).toBeVisible();
      }],
      ['add: Google export summary', async ({ page }) => {
        const link = migrationLink([{ issuer: 'Export', name: 'a', secret: 'ORSXG5DJNZTXE3DJMVZQ' }], { index: 0, size: 2, id: 5 });
        await dialog(page, 'Add account').getByLabel('Setup link').fill(link);
        await dialog(page, 'Add account').getByRole('button', { name: 'Add account' }).click();
        await expect(dialog(page, 'Add account').getByRole('button', { name: 'Scan the next QR code' })).toBeVisible();
        await dialog(page, 'Add account').getByRole('button', { name: 'Done' }).click();
      }],
      ['add: setup key, with errors', async ({ page }) => {
        await page.getByRole('banner').getByRole('button', { name: 'Add account' }).click();
        await dialog(page, 'Add account').getByRole('tab', { name: 'Enter setup key' }).click();
        await dialog(page, 'Add account').getByLabel('Setup key', { exact: true }).fill('not base32!');
        await dialog(page, 'Add account').getByRole('button', { name: 'Add account' }).click();
        await expect(dialog(page, 'Add account').getByRole('alert')).toBeVisible();
      }],
    ],
  },
  {
    stops: [
      ['settings', async (w) => {
        await openWith(w, GITHUB);
        await settings(w.page);
        await w.page.getByText(/Open-source packages in this app/).click(); // About's licence list, open
        await expect(w.page.getByRole('region', { name: 'Import' })).toBeVisible();
      }],
      ['settings: app lock without backup', async ({ page }) => {
        await page.getByRole('group', { name: 'App lock' }).getByRole('button', { name: 'Turn on app lock…' }).click();
        await expect(page.getByRole('alertdialog', { name: 'No cloud backup' })).toBeVisible();
      }],
      ['settings: app lock password', async ({ page }) => {
        await page.getByRole('button', { name: 'Continue without backup' }).click();
        const form = page.getByRole('form', { name: 'Turn on app lock' });
        await form.getByLabel('Lock password', { exact: true }).fill('password1');
        await form.getByRole('button', { name: 'Turn on app lock' }).click();
        await expect(form.locator('.field-error').first()).not.toBeEmpty();
      }],
    ],
  },
  {
    stops: [
      ['import: picker', async (w) => {
        await openWith(w, GITHUB);
        await settings(w.page);
        await expect(w.page.getByRole('region', { name: 'Import' }).getByLabel('Export file to import')).toBeAttached();
      }],
      ['import: preview', async ({ page, folder }) => {
        const file = path.join(folder, 'links.txt');
        writeFileSync(file, [GITHUB, PROTON, 'otpauth://totp/Broken:bob?secret=not-base32!&issuer=Broken'].join('\n'));
        const section = page.getByRole('region', { name: 'Import' });
        await section.getByLabel('Export file to import').setInputFiles(file);
        const rows = section.getByRole('list', { name: 'Accounts in the file' }).getByRole('listitem');
        await expect(rows).toHaveCount(3);
        // Named as everywhere else (tiles, toasts, the tray): "issuer, name".
        await expect(rows.nth(1)).toContainText('Proton, kate@proton.me');
        await expect(rows.nth(0)).toContainText('Already here');
      }],
      ['import: report', async ({ page }) => {
        const section = page.getByRole('region', { name: 'Import' });
        await section.getByRole('button', { name: 'Import 1 account' }).click();
        await expect(section.getByRole('status')).toContainText('Imported 1 account');
        await expect(section.getByRole('list', { name: 'Imported', exact: true })).toHaveText('Proton, kate@proton.me');
      }],
    ],
  },
  {
    stops: [
      ['export: form', async (w) => {
        await openWith(w, GITHUB, PROTON);
        await settings(w.page);
        await w.page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export accounts…' }).click();
        await dialog(w.page, 'Export accounts').getByLabel('File password').fill('password1');
        await dialog(w.page, 'Export accounts').getByRole('button', { name: 'Export' }).click();
        await expect(dialog(w.page, 'Export accounts').locator('.field-error').first()).not.toBeEmpty();
      }],
      ['export: summary', async ({ page, harness }) => {
        const form = dialog(page, 'Export accounts');
        await form.getByRole('radio', { name: /Plain list of otpauth/ }).check();
        await form.getByRole('button', { name: 'Export' }).click();
        await harness.answerExport('yes');
        await expect(form.getByRole('region', { name: 'Exported 2 accounts' })).toBeVisible();
        await form.getByRole('button', { name: 'Done' }).click();
      }],
      ['export: transfer QR code', async ({ page, harness }) => {
        await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export accounts…' }).click();
        const form = dialog(page, 'Export accounts');
        await form.getByRole('radio', { name: /QR codes for Google Authenticator/ }).check();
        await form.getByRole('button', { name: 'Show QR codes' }).click();
        await harness.answerExport('yes');
        await expect(form.getByRole('img', { name: 'Transfer QR code 1 of 1' })).toBeVisible();
      }],
    ],
  },
  {
    cloud: true, // Settings offers recovery where cloud backup is configured
    stops: [
      ['recovery: existing accounts', async (w) => {
        await w.page.goto((await w.start({ cloud: true, links: [GITHUB, PROTON] })).url);
        await settings(w.page);
        await w.page.getByRole('button', { name: 'Restore from a backup' }).click();
        await expect(w.page.getByText(/only runs on a PC without accounts/)).toBeVisible();
      }],
      ['recovery: backup password', async (w) => {
        // A backup file from this PC (Settings > Export), opened on a second, empty one.
        await w.page.getByRole('button', { name: 'Cancel' }).click();
        await settings(w.page);
        await w.page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export accounts…' }).click();
        const form = dialog(w.page, 'Export accounts');
        await form.getByRole('radio', { name: /Backup file \(this app\)/ }).check();
        await form.getByLabel('File password').fill(PASSWORD);
        await form.getByLabel('Type it again').fill(PASSWORD);
        await form.getByRole('button', { name: 'Export' }).click();
        await expect(form.getByRole('region', { name: 'Exported 2 accounts' })).toBeVisible({ timeout: 30_000 });
        const exports = path.join(w.harness.dataDir, 'exports');
        const file = path.join(exports, readdirSync(exports)[0]!);
        const second = await w.start();
        w.page = await w.newBrowserPage();
        await w.page.goto(second.url);
        await w.page.getByRole('button', { name: 'Begin recovery' }).click();
        await w.page.getByLabel('Backup file to recover from').setInputFiles(file);
        await expect(w.page.getByText('This backup file holds 2 accounts')).toBeVisible();
      }],
      ['recovery: wrong password', async ({ page }) => {
        await page.getByRole('textbox', { name: 'Backup password' }).fill('not the password at all');
        await page.getByRole('button', { name: 'Unlock backup' }).click();
        await expect(page.locator('#recovery-failure')).toBeVisible({ timeout: 30_000 });
      }],
      ['recovery: preview', async ({ page }) => {
        await page.getByRole('textbox', { name: 'Backup password' }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Unlock backup' }).click();
        await expect(page.getByRole('heading', { name: 'Check what comes back' })).toBeVisible({ timeout: 30_000 });
      }],
      ['recovery: done', async ({ page }) => {
        await page.getByRole('button', { name: 'Restore 2 accounts' }).click();
        await expect(page.getByRole('heading', { name: 'Recovery complete' })).toBeVisible({ timeout: 30_000 });
      }],
    ],
  },
  {
    stops: [
      ['lock screen', async (w) => {
        await openWith(w, GITHUB);
        expect(await callContract(w.page, 'turnOnAppLock', { password: PASSWORD })).toMatchObject({ ok: true });
        expect(await callContract(w.page, 'lockApp', {})).toMatchObject({ ok: true });
        await expect(w.page.getByRole('region', { name: 'Authenticator is locked' })).toBeVisible();
      }],
      ['lock screen: wrong password', async ({ page }) => {
        const lock = page.getByRole('region', { name: 'Authenticator is locked' });
        await lock.getByLabel('Lock password').fill('not the lock password');
        await lock.getByRole('button', { name: 'Unlock' }).click();
        await expect(lock.getByRole('alert')).toHaveText('That is not the lock password.', { timeout: 20_000 });
      }],
      ['lock screen: forgotten password', async ({ page }) => {
        const lock = page.getByRole('region', { name: 'Authenticator is locked' });
        await lock.getByRole('button', { name: 'Forgot the password?' }).click();
        await expect(lock.getByRole('region', { name: 'Forgot the password' })).toBeVisible();
      }],
    ],
  },
  {
    stops: [
      ['load problem', async (w) => {
        const dataDir = mkdtempSync(path.join(tmpdir(), 'harness-'));
        writeFileSync(path.join(dataDir, 'vault.json'), '{ this is not an accounts file');
        await w.page.goto((await w.start({ dataDir })).url);
        await expect(w.page.getByRole('alert')).toBeVisible();
      }],
    ],
  },
  {
    cloud: true,
    stops: [
      ['settings: backup password', async (w) => {
        // The emulators' clock 90 s ahead of this one: signing in measures it.
        await w.emulators!.control.setDateSkew(90_000);
        await w.page.goto((await w.start({ cloud: true, links: [GITHUB] })).url);
        await settings(w.page);
        await signInToTurnOn(w.page, w.context);
        await expect(w.page.getByLabel('Backup password', { exact: true })).toBeVisible();
      }],
      ['clock banner', async ({ page }) => {
        await page.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
        await page.getByLabel('Type it again').fill(PASSWORD);
        await page.getByRole('button', { name: 'Turn on backup' }).click();
        await expect(page.getByText(/Up to date · last backup today/)).toBeVisible({ timeout: 30_000 });
        await expect(page.getByRole('region', { name: /Your computer's clock is/ })).toBeVisible();
        await page.getByRole('button', { name: 'Back', exact: true }).click();
        await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
      }],
    ],
  },
];

/** axe in both colour schemes, and a screenshot of each. */
async function checkScreen(page: Page, screen: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousViolations(page, `${screen} (${scheme})`);
    await screenshot(page, `axe-${screen.replace(/[^a-z0-9]+/gi, '-')}-${scheme}`, { fullPage: false });
  }
}

async function walkThrough(stops: Stop[], { page, context, browser, emulators }: { page: Page; context: BrowserContext; browser: Browser; emulators: RunningEmulators | null }): Promise<void> {
  const cleanUp: (() => Promise<void>)[] = [];
  let current: Harness | null = null;
  const walk: Walk = {
    page,
    context,
    emulators,
    folder: mkdtempSync(path.join(tmpdir(), 'axe-')),
    get harness(): Harness {
      if (!current) throw new Error('no harness started yet');
      return current;
    },
    start: async ({ dataDir, cloud, links = [] } = {}) => {
      const running = await startHarness(dataDir, cloud && emulators ? cloudArgs(emulators) : []);
      cleanUp.push(() => running.stop());
      if (links.length > 0) expect((await running.cli('add', ...links)).code).toBe(0);
      current = running;
      return running;
    },
    newBrowserPage: async () => {
      const own = await browser.newContext();
      cleanUp.push(() => own.close());
      return own.newPage();
    },
  };
  try {
    for (const [screen, reach] of stops) {
      await reach(walk);
      await checkScreen(walk.page, screen);
    }
  } finally {
    for (const done of cleanUp.reverse()) await done();
  }
}

for (const { cloud, stops } of WALKS) {
  const title = `no serious accessibility violations, light and dark: ${stops.map(([screen]) => screen).join('; ')}`;
  if (cloud) test(title, async ({ page, context, browser, emulators }) => walkThrough(stops, { page, context, browser, emulators }));
  else test(title, async ({ page, context, browser }) => walkThrough(stops, { page, context, browser, emulators: null }));
}
