import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { exportPromptLabel, promptLabel, type ExportReleaseRequest, type SecretReleaseConfirmation, type SecretReleaseRequest } from '../core/accounts/secret-release-confirmation.js';

/** Electron's dialog.showMessageBox with a parent window (the one overload used here). */
export type ShowMessageBox = (window: BrowserWindow, options: MessageBoxOptions) => Promise<Pick<MessageBoxReturnValue, 'response'>>;

const CANCEL = 0;
const SHOW = 1;

/** The question main asks before a setup key leaves it. Cancel is the default and what Escape answers. */
export function secretReleaseQuestion(request: SecretReleaseRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Show setup key',
    message: `Show the QR code and setup key of ${promptLabel(request)}?`,
    detail: 'Anyone who sees them can make codes for this account. Show them only to move the account to another app, with nobody watching your screen.',
    buttons: ['Cancel', 'Show'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/** The question main asks before a plain export. Cancel is the default and what Escape answers. */
export function exportReleaseQuestion(request: ExportReleaseRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Export without encryption',
    message: `Export ${exportPromptLabel(request)}?`,
    detail: 'They are not encrypted: anyone who gets them can make codes for these accounts. Export them only to move the accounts to another app, and delete the file once done.',
    buttons: ['Cancel', 'Export'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/**
 * The Electron app's confirmation (see secret-release-confirmation.ts): a dialog of main's, modal on the app's
 * window, which the page can neither draw nor click. No window (closed to the tray meanwhile): nobody to ask, so no.
 */
export function dialogSecretReleaseConfirmation(showMessageBox: ShowMessageBox, getWindow: () => BrowserWindow | null): SecretReleaseConfirmation {
  const ask = async (question: MessageBoxOptions) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || !window.isVisible()) return false;
    const { response } = await showMessageBox(window, question);
    return response === SHOW;
  };
  return {
    confirmSecretRelease: (request) => ask(secretReleaseQuestion(request)),
    confirmExport: (request) => ask(exportReleaseQuestion(request)),
  };
}
