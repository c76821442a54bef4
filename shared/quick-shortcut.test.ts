import { describe, expect, it } from 'vitest';
import { parseQuickShortcut, shortcutFromKeyPress, shortcutLabel } from './quick-shortcut.js';
import { Settings, SettingsPatch } from './settings.js';

const canonical = (accelerator: string) => {
  const parsed = parseQuickShortcut(accelerator);
  return parsed && [...parsed.modifiers, parsed.key].join('+');
};

describe('which global shortcuts the app accepts', () => {
  it('takes Electron spellings of a modifier and a key, in any order and case, and stores one spelling', () => {
    expect(canonical('CommandOrControl+Alt+A')).toBe('CommandOrControl+Alt+A');
    expect(canonical('alt+cmdorctrl+a')).toBe('CommandOrControl+Alt+A');
    expect(canonical('Ctrl+Shift+f12')).toBe('Control+Shift+F12');
    expect(canonical('Option+Meta+space')).toBe('Alt+Super+Space');
    expect(canonical('Ctrl+Alt+5')).toBe('Control+Alt+5');
  });

  it('refuses what would swallow typing or is not one key: a bare key, Shift alone, two keys, a modifier twice, nonsense', () => {
    for (const bad of ['A', 'Shift+A', 'Ctrl+A+B', 'Ctrl+Ctrl+A', 'Ctrl+', '+A', 'Ctrl++', 'Ctrl+Alt', 'Hyper+A', 'Ctrl+F25', 'Ctrl+é', '']) {
      expect(parseQuickShortcut(bad), bad).toBeNull();
    }
  });

  it('is the settings rule: a patch with a bad shortcut fails validation, a good one is stored canonical', () => {
    expect(SettingsPatch.safeParse({ quickPickerShortcut: 'Shift+A' }).success).toBe(false);
    expect(SettingsPatch.parse({ quickPickerShortcut: 'alt+ctrl+q' })).toEqual({ quickPickerShortcut: 'Control+Alt+Q' });
    expect(Settings.parse({})).toMatchObject({ quickPickerOn: true, quickPickerShortcut: 'CommandOrControl+Alt+A', trayClick: 'openWindow' });
  });
});

describe('recording a shortcut from a key press', () => {
  const press = (code: string, held: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
    code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...held,
  });

  it('Ctrl+Alt+A on Windows and Linux, Cmd+Option+A on macOS: both the default', () => {
    expect(shortcutFromKeyPress(press('KeyA', { ctrlKey: true, altKey: true }), false)).toBe('CommandOrControl+Alt+A');
    expect(shortcutFromKeyPress(press('KeyA', { metaKey: true, altKey: true }), true)).toBe('CommandOrControl+Alt+A');
  });

  it('Ctrl on macOS is Control, the Windows key is Super; arrows and function keys by name', () => {
    expect(shortcutFromKeyPress(press('KeyK', { ctrlKey: true }), true)).toBe('Control+K');
    expect(shortcutFromKeyPress(press('ArrowUp', { metaKey: true, shiftKey: true }), false)).toBe('Shift+Super+Up');
    expect(shortcutFromKeyPress(press('F9', { altKey: true }), false)).toBe('Alt+F9');
  });

  it('a modifier on its own, a plain or shifted letter, a key without a name: no shortcut yet', () => {
    expect(shortcutFromKeyPress(press('ControlLeft', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFromKeyPress(press('KeyA'), false)).toBeNull();
    expect(shortcutFromKeyPress(press('KeyA', { shiftKey: true }), false)).toBeNull();
    expect(shortcutFromKeyPress(press('IntlBackslash', { ctrlKey: true }), false)).toBeNull();
  });
});

describe('how a shortcut reads', () => {
  it('in words on Windows and Linux, in the menu symbols on macOS', () => {
    expect(shortcutLabel('CommandOrControl+Alt+A', false)).toBe('Ctrl+Alt+A');
    expect(shortcutLabel('CommandOrControl+Alt+A', true)).toBe('⌘⌥A');
    expect(shortcutLabel('Control+Shift+F12', true)).toBe('⌃⇧F12');
    expect(shortcutLabel('Shift+A', false)).toBeNull();
  });
});
