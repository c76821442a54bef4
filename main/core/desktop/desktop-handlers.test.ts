import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore, type CoreDeps } from '../app-core.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';
import type { DesktopPort } from './desktop-port.js';

// The core's desktop feature against a stand-in for the Electron edge (globalShortcut, login items), which cannot run here.

let core: AppCore | undefined;
afterEach(() => core?.dispose());

function newCore(extra: Partial<CoreDeps> = {}): AppCore {
  core = createAppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'desktop-')), keyStore: memoryKeyStore(), clock: new ManualClock(1_700_000_000_000), log: silentLogger, ...extra });
  return core;
}

/** A desktop where `taken` shortcuts belong to another app; it remembers what is registered now. */
function fakeDesktop(taken: string[] = []) {
  const state = { registered: null as string | null, loginItem: false, hidden: 0 };
  const port: DesktopPort = {
    registerQuickPickerShortcut(accelerator) {
      state.registered = null;
      if (accelerator === null || taken.includes(accelerator)) return accelerator === null;
      state.registered = accelerator;
      return true;
    },
    hideQuickPicker: () => void state.hidden++,
    startAtLogin: { get: () => state.loginItem, set: (on) => void (state.loginItem = on) },
  };
  return { port, state };
}

describe('the quick picker shortcut follows the settings', () => {
  it('the default is registered once the settings are read; off unregisters it; a new one replaces it', async () => {
    const { port, state } = fakeDesktop();
    const c = newCore({ desktop: port });
    await c.client.getSettings({});
    expect(state.registered).toBe('CommandOrControl+Alt+A');
    expect(await c.client.getDesktopStatus({})).toEqual({ quickPickerShortcut: 'on', startAtLogin: false });

    await c.client.updateSettings({ quickPickerOn: false });
    expect(state.registered).toBeNull();
    expect((await c.client.getDesktopStatus({})).quickPickerShortcut).toBe('off');

    await c.client.updateSettings({ quickPickerOn: true, quickPickerShortcut: 'ctrl+shift+k' });
    expect(state.registered).toBe('Control+Shift+K');
    expect((await c.client.getDesktopStatus({})).quickPickerShortcut).toBe('on');
  });

  it('a shortcut another app holds is reported refused (and an event says so), not silently dropped', async () => {
    const { port, state } = fakeDesktop(['Control+Alt+Q']);
    const c = newCore({ desktop: port });
    await c.client.getSettings({});
    // The default shortcut's registration at start reports 'on' in its own time: listen only once it has.
    await vi.waitFor(async () => expect((await c.client.getDesktopStatus({})).quickPickerShortcut).toBe('on'));
    const heard: string[] = [];
    c.on('desktopStatusChanged', (status) => heard.push(status.quickPickerShortcut));
    await c.client.updateSettings({ quickPickerShortcut: 'Control+Alt+Q' });
    expect(state.registered).toBeNull();
    expect((await c.client.getDesktopStatus({})).quickPickerShortcut).toBe('refused');
    expect(heard).toEqual(['refused']);
  });

  it('a shortcut that would swallow typing is refused as bad input and the old one stays', async () => {
    const { port, state } = fakeDesktop();
    const c = newCore({ desktop: port });
    await c.client.getSettings({});
    const reply = await c.dispatch('updateSettings', { quickPickerShortcut: 'A' });
    expect(reply.ok).toBe(false);
    expect((await c.client.getSettings({})).quickPickerShortcut).toBe('CommandOrControl+Alt+A');
    expect(state.registered).toBe('CommandOrControl+Alt+A');
  });

  it('start at login is the OS setting, read back; Escape or a copy hides the picker window', async () => {
    const { port, state } = fakeDesktop();
    const c = newCore({ desktop: port });
    expect(await c.client.setStartAtLogin({ on: true })).toMatchObject({ startAtLogin: true });
    expect(state.loginItem).toBe(true);
    await c.client.hideQuickPicker({});
    expect(state.hidden).toBe(1);
  });

  it('the core disposed: the shortcut is given back to the system', async () => {
    const { port, state } = fakeDesktop();
    const c = newCore({ desktop: port });
    await c.client.getSettings({});
    c.dispose();
    core = undefined;
    expect(state.registered).toBeNull();
  });
});

describe('start at login that cannot be written', () => {
  it('is a clear storageError, and the status still says what the system has', async () => {
    const { port } = fakeDesktop();
    const c = newCore({ desktop: { ...port, startAtLogin: { get: () => false, set: () => Promise.reject(new Error('EACCES')) } } });
    expect(await c.dispatch('setStartAtLogin', { on: true })).toMatchObject({ ok: false, error: { kind: 'storageError' } });
    expect((await c.client.getDesktopStatus({})).startAtLogin).toBe(false);
  });
});

describe('a host without a desktop (the browser harness)', () => {
  it('says not available, and refuses start at login with a clear error', async () => {
    const c = newCore();
    expect(await c.client.getDesktopStatus({})).toEqual({ quickPickerShortcut: 'notAvailable', startAtLogin: null });
    const reply = await c.dispatch('setStartAtLogin', { on: true });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect(await c.dispatch('hideQuickPicker', {})).toEqual({ ok: true, value: null });
  });
});
