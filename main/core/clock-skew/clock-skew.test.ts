import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appCloudSettings } from '../../../emulators/index.js';
import { useEmulators } from '../../../emulators/testing/vitest.js';
import type { ClockStatus } from '../../../shared/clock-status.js';
import type { TrayMenu } from '../../../shared/tray.js';
import { createAppCore, type AppCore } from '../app-core.js';
import { createCloudServices } from '../backup/cloud-services.js';
import { memoryClipboard } from '../clipboard/clipboard-port.js';
import { systemClock } from '../clock.js';
import { IdentityConfig } from '../identity/identity-config.js';
import { scriptedBrowser } from '../identity/testing/scripted-browser.js';
import type { KeyStore } from '../keystore/key-store.js';
import { osKeychainKeyStore } from '../keystore/os-keychain-key-store.js';
import { silentLogger } from '../logger.js';

// The whole core (real MSAL, the real Graph client, the real OS keychain) against the emulators, whose Date headers
// run 90 s ahead of this machine's clock: as if this computer's clock were 90 s behind Microsoft's. Expected codes
// come from oathtool at the true time (this machine's clock + 90 s).

const CLIENT_ID = '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ALICE = { username: 'alice@outlook.com', password: 'alice-password', displayName: 'Alice' };
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SKEW_MS = 90_000;

const { emulators, transport } = useEmulators({ users: [ALICE] });
let keyStore: KeyStore;
let core: AppCore | undefined;
const cleanup: string[] = [];

beforeEach(() => {
  keyStore = osKeychainKeyStore(`test-clock-skew-${randomBytes(6).toString('hex')}`);
});
afterEach(async () => {
  core?.dispose();
  core = undefined;
  for (const { account } of await keyStore.findCredentials()) await keyStore.deletePassword(account);
  for (const dir of cleanup.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

const oathtool = (unixSeconds: number) => execFileSync('oathtool', ['--totp', '-b', '-N', `@${unixSeconds}`, SECRET], { encoding: 'utf8' }).trim();

/** The app with one account and cloud backup on (sign-in, backup lookup, upload: several answers from Microsoft). */
async function signedInCore(): Promise<{ core: AppCore; statuses: ClockStatus[]; menus: TrayMenu[] }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'clock-skew-'));
  cleanup.push(dataDir);
  const browser = scriptedBrowser(transport);
  const clock = systemClock();
  const config = IdentityConfig.parse({ clientId: CLIENT_ID, ...appCloudSettings(emulators) });
  const cloud = await createCloudServices({ dataDir, keyStore, clock, log: silentLogger, transport, openBrowser: browser.open, config });
  core = createAppCore({ dataDir, keyStore, clock, log: silentLogger, clipboard: memoryClipboard(), cloud });
  const statuses: ClockStatus[] = [];
  const menus: TrayMenu[] = [];
  core.subscribe((event, payload) => {
    if (event === 'clockStatusChanged') statuses.push(payload as ClockStatus);
    if (event === 'trayMenuChanged') menus.push(payload as TrayMenu);
  });
  await core.client.addAccountsFromUri({ uri: `otpauth://totp/Contoso:bob?secret=${SECRET}&issuer=Contoso` });
  browser.signInAs(ALICE);
  await core.client.signInRecoveryAccount({});
  // Turning backup on uploads the first backup: with the sign-in, at least the three answers an estimate needs.
  await core.client.turnOnBackup({ password: 'correct horse battery staple' });
  return { core, statuses, menus };
}

/** The core's code equals oathtool's at `shift` ms from this machine's clock, read around it so a rollover is no failure. */
async function expectCodeAt(app: AppCore, shift: number): Promise<void> {
  const before = Math.floor((Date.now() + shift) / 1000);
  const shown = (await app.client.getCodes({})).codes[0]!.code;
  const after = Math.floor((Date.now() + shift) / 1000);
  expect([oathtool(before), oathtool(after)]).toContain(shown);
}

describe("this computer's clock against Microsoft's", () => {
  it('Date 90 s ahead: the core reports 90 s, the tray says so, and with the switch on codes are oathtool\'s at the true time', async () => {
    await emulators.control.setDateSkew(SKEW_MS);
    const { core: app, menus } = await signedInCore();
    expect((await emulators.control.requests()).length).toBeGreaterThanOrEqual(3);

    const measured = await app.client.getClockStatus({});
    expect(measured).toEqual({ offsetMs: SKEW_MS, off: true, correctionMs: 0 });
    // Not corrected yet: codes still follow this computer's clock.
    await expectCodeAt(app, 0);
    const trayLines = (menu: TrayMenu | undefined) => menu?.entries.flatMap((e) => (e.type === 'item' ? [e.label] : [])) ?? [];
    expect(trayLines(await app.client.getTrayMenu({}))).toContain('Clock 1 min 30 s behind: codes may be refused');

    await app.client.updateSettings({ correctClockOffset: true });
    await expect.poll(() => app.client.getClockStatus({})).toEqual({ offsetMs: SKEW_MS, off: true, correctionMs: SKEW_MS });
    await expectCodeAt(app, SKEW_MS);
    // The batch pushed to the window is stamped in corrected time, so its countdowns follow the servers' clock too.
    const batch = await app.client.getCodes({});
    expect(Math.abs(batch.issuedAt - (Date.now() + SKEW_MS))).toBeLessThan(1000);
    expect(batch.codes[0]!.validUntil! - SKEW_MS).toBeGreaterThan(Date.now());
    expect(trayLines(menus.at(-1))).toContain('Clock 1 min 30 s behind: codes corrected');
    const copied = await app.client.copyCode({ id: batch.codes[0]!.id });
    expect(copied.clearsAt! - (Date.now() + SKEW_MS)).toBeLessThanOrEqual(30_000);

    // Off again: back to this computer's clock.
    await app.client.updateSettings({ correctClockOffset: false });
    await expect.poll(() => app.client.getClockStatus({})).toMatchObject({ correctionMs: 0 });
    await expectCodeAt(app, 0);
  });

  it('a correct clock: measured within 2 s of zero and never called off', async () => {
    const { core: app, statuses } = await signedInCore();
    const status = await app.client.getClockStatus({});
    expect(status.offsetMs).not.toBeNull();
    expect(Math.abs(status.offsetMs!)).toBeLessThanOrEqual(2000);
    expect(statuses.every((s) => !s.off)).toBe(true);
    expect((await app.client.getTrayMenu({})).entries.some((e) => e.id === 'clock')).toBe(false);
  });
});
