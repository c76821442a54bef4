import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { dialogSecretReleaseConfirmation, type ShowMessageBox } from './secret-release-dialog.js';

/** A window as far as the confirmation looks at it. */
const fakeWindow = (state: { destroyed?: boolean; visible?: boolean } = {}) =>
  ({ isDestroyed: () => state.destroyed ?? false, isVisible: () => state.visible ?? true }) as unknown as BrowserWindow;

/** Electron's dialog, answered by pressing the button with this label (Escape: the cancelId's button). */
function fakeDialog(press: string | 'Escape') {
  const shown: { window: BrowserWindow; options: MessageBoxOptions }[] = [];
  const showMessageBox: ShowMessageBox = async (window, options) => {
    shown.push({ window, options });
    const response = press === 'Escape' ? options.cancelId! : options.buttons!.indexOf(press);
    if (response < 0) throw new Error(`no button ${press}`);
    return { response };
  };
  return { shown, showMessageBox };
}

const GITHUB = { issuer: 'GitHub', name: 'alice' };

describe('the Electron confirmation before a setup key leaves main', () => {
  it('asks on the app window, naming the account, and releases only on Show', async () => {
    const window = fakeWindow();
    const show = fakeDialog('Show');
    expect(await dialogSecretReleaseConfirmation(show.showMessageBox, () => window).confirmSecretRelease(GITHUB)).toBe(true);
    expect(show.shown).toHaveLength(1);
    expect(show.shown[0]!.window).toBe(window); // modal on the app's window, not a free-floating box
    expect(show.shown[0]!.options.message).toBe('Show the QR code and setup key of GitHub, alice?');

    for (const press of ['Cancel', 'Escape']) {
      expect(await dialogSecretReleaseConfirmation(fakeDialog(press).showMessageBox, () => window).confirmSecretRelease(GITHUB), press).toBe(false);
    }
  });

  it('makes Cancel the default, so Enter on a dialog nobody read releases nothing', async () => {
    const enter = fakeDialog('Escape');
    await dialogSecretReleaseConfirmation(enter.showMessageBox, () => fakeWindow()).confirmSecretRelease(GITHUB);
    const { buttons, defaultId } = enter.shown[0]!.options;
    expect(buttons![defaultId!]).toBe('Cancel');
  });

  it('with no window to ask on (closed, destroyed, hidden in the tray) releases nothing and shows no dialog', async () => {
    for (const window of [null, fakeWindow({ destroyed: true }), fakeWindow({ visible: false })]) {
      const dialog = fakeDialog('Show');
      expect(await dialogSecretReleaseConfirmation(dialog.showMessageBox, () => window).confirmSecretRelease(GITHUB)).toBe(false);
      expect(dialog.shown).toEqual([]);
    }
  });

  it('writes out characters that would rewrite the question', async () => {
    const dialog = fakeDialog('Cancel');
    await dialogSecretReleaseConfirmation(dialog.showMessageBox, () => fakeWindow()).confirmSecretRelease({ issuer: 'Bank\u202e', name: 'x' });
    expect(dialog.shown[0]!.options.message).toBe('Show the QR code and setup key of Bank<U+202E>, x?');
  });
});

describe('the Electron confirmation before a plain export', () => {
  it('names the format and count, releases only on Export, and Cancel is the default', async () => {
    const request = { format: 'otpauth', count: 3 } as const;
    const yes = fakeDialog('Export');
    expect(await dialogSecretReleaseConfirmation(yes.showMessageBox, () => fakeWindow()).confirmExport(request)).toBe(true);
    expect(yes.shown[0]!.options.message).toBe('Export the otpauth:// links of 3 accounts (a plain text file)?');
    const { buttons, defaultId } = yes.shown[0]!.options;
    expect(buttons![defaultId!]).toBe('Cancel');
    for (const press of ['Cancel', 'Escape']) {
      expect(await dialogSecretReleaseConfirmation(fakeDialog(press).showMessageBox, () => fakeWindow()).confirmExport(request), press).toBe(false);
    }
    const hidden = fakeDialog('Export');
    expect(await dialogSecretReleaseConfirmation(hidden.showMessageBox, () => fakeWindow({ visible: false })).confirmExport({ format: 'google', count: 1 })).toBe(false);
    expect(hidden.shown).toEqual([]);
  });
});
