import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { dialogSaveFile, type ShowSaveDialog } from './save-file-dialog.js';

const fakeWindow = (destroyed = false) => ({ isDestroyed: () => destroyed }) as unknown as BrowserWindow;

/** Electron's save dialog, answered with this path (null: Cancel). */
function fakeDialog(answer: string | null) {
  const asked: { window: BrowserWindow; options: SaveDialogOptions }[] = [];
  const showSaveDialog: ShowSaveDialog = async (window, options) => {
    asked.push({ window, options });
    return answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer };
  };
  return { asked, showSaveDialog };
}

const file = { bytes: Buffer.from('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n'), suggestedName: 'otpauth-links-2026-12-07.txt' };

describe('the Electron save dialog for exports', () => {
  it('asks on the app window with the suggested name and writes the chosen path atomically, mode 0600', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'save-dialog-'));
    const target = path.join(dir, 'mine.txt');
    const window = fakeWindow();
    const dialog = fakeDialog(target);
    expect(await dialogSaveFile(dialog.showSaveDialog, () => window).save(file)).toEqual({ saved: true, path: target });
    expect(dialog.asked[0]!.window).toBe(window);
    expect(dialog.asked[0]!.options.defaultPath).toBe('otpauth-links-2026-12-07.txt');
    expect(readFileSync(target)).toEqual(file.bytes);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['mine.txt']); // no temporary file left beside it
  });

  it('writes nothing when cancelled or with no window', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'save-dialog-'));
    expect(await dialogSaveFile(fakeDialog(null).showSaveDialog, () => fakeWindow()).save(file)).toEqual({ saved: false });
    const unasked = fakeDialog(path.join(dir, 'x.txt'));
    expect(await dialogSaveFile(unasked.showSaveDialog, () => fakeWindow(true)).save(file)).toEqual({ saved: false });
    expect(unasked.asked).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
