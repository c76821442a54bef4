import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { SaveFilePort } from '../core/export/save-file-port.js';
import { writeFileAtomic } from '../core/vault/atomic-file.js';

/** Electron's dialog.showSaveDialog with a parent window (the one overload used here). */
export type ShowSaveDialog = (window: BrowserWindow, options: SaveDialogOptions) => Promise<Pick<SaveDialogReturnValue, 'canceled' | 'filePath'>>;

/**
 * The Electron app's save (see save-file-port.ts): main's own save dialog, modal on the app's window, then an atomic
 * write with mode 0600 to the path the person chose there. No window to ask on: nothing is written.
 */
export function dialogSaveFile(showSaveDialog: ShowSaveDialog, getWindow: () => BrowserWindow | null): SaveFilePort {
  return {
    async save({ bytes, suggestedName }) {
      const window = getWindow();
      if (!window || window.isDestroyed()) return { saved: false };
      const extension = suggestedName.slice(suggestedName.lastIndexOf('.') + 1);
      const { canceled, filePath } = await showSaveDialog(window, {
        title: 'Save export',
        defaultPath: suggestedName,
        filters: [{ name: extension === 'txt' ? 'Text file' : 'JSON file', extensions: [extension] }],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      if (canceled || !filePath) return { saved: false };
      await writeFileAtomic(filePath, bytes);
      return { saved: true, path: filePath };
    },
  };
}
