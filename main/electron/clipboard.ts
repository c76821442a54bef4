import { clipboard } from 'electron';
import type { ClipboardPort } from '../core/clipboard/clipboard-port.js';

/** The system clipboard through Electron (its clipboard API is asynchronous as of Electron 45). */
export function electronClipboard(): ClipboardPort {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
  };
}
