import { describe, expect, it } from 'vitest';
import { electronDesktop, electronLoginItems, type DesktopApis } from './desktop.js';

/** Electron's globalShortcut as the OS sees it: who holds which shortcut, and what pressing one does. */
function fakeShortcuts(heldElsewhere: string[]) {
  const ours = new Map<string, () => void>();
  const globalShortcut: DesktopApis['globalShortcut'] = {
    register(accelerator, callback) {
      if (accelerator.includes('Bogus')) throw new Error(`Error processing argument: ${accelerator}`);
      if (heldElsewhere.includes(accelerator) || ours.has(accelerator)) return false;
      ours.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void ours.delete(accelerator),
  };
  return { globalShortcut, ours, press: (accelerator: string) => ours.get(accelerator)?.() };
}

function picker() {
  const state = { open: false };
  return { state, toggle: () => void (state.open = !state.open), hide: () => void (state.open = false) };
}

describe('the quick picker shortcut on Electron', () => {
  it('pressing it opens the picker, pressing again closes it; a new one replaces the old, which then does nothing', () => {
    const shortcuts = fakeShortcuts([]);
    const quick = picker();
    const desktop = electronDesktop({ globalShortcut: shortcuts.globalShortcut, startAtLogin: null }, quick);
    expect(desktop.registerQuickPickerShortcut('CommandOrControl+Alt+A')).toBe(true);
    shortcuts.press('CommandOrControl+Alt+A');
    expect(quick.state.open).toBe(true);
    shortcuts.press('CommandOrControl+Alt+A');
    expect(quick.state.open).toBe(false);

    expect(desktop.registerQuickPickerShortcut('Control+Shift+K')).toBe(true);
    expect([...shortcuts.ours.keys()]).toEqual(['Control+Shift+K']);
    expect(desktop.registerQuickPickerShortcut(null)).toBe(true);
    expect(shortcuts.ours.size).toBe(0);
  });

  it('held by another app, or a spelling Electron throws on: false, and the old one is let go all the same', () => {
    const shortcuts = fakeShortcuts(['Control+Alt+Q']);
    const desktop = electronDesktop({ globalShortcut: shortcuts.globalShortcut, startAtLogin: null }, picker());
    desktop.registerQuickPickerShortcut('CommandOrControl+Alt+A');
    expect(desktop.registerQuickPickerShortcut('Control+Alt+Q')).toBe(false);
    expect(shortcuts.ours.size).toBe(0);
    expect(desktop.registerQuickPickerShortcut('Control+Bogus')).toBe(false);
    // and a later good one still works: nothing stale was left registered
    expect(desktop.registerQuickPickerShortcut('Control+Alt+W')).toBe(true);
  });

  it("start at login through Electron's login items reads back what was set", async () => {
    let openAtLogin = false;
    const app = { getLoginItemSettings: () => ({ openAtLogin }), setLoginItemSettings: (s: { openAtLogin: boolean }) => void (openAtLogin = s.openAtLogin) };
    const desktop = electronDesktop({ globalShortcut: fakeShortcuts([]).globalShortcut, startAtLogin: electronLoginItems(app) }, picker());
    await desktop.startAtLogin!.set(true);
    expect(openAtLogin).toBe(true);
    expect(desktop.startAtLogin!.get()).toBe(true);
  });
});
