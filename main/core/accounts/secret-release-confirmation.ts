import { accountLabel } from '../../../shared/account-label.js';
import { deceptiveCharacter } from '../../../shared/name-characters.js';

/** The account whose secret the window asks for: what the person is asked about. */
export interface SecretReleaseRequest {
  issuer: string;
  name: string;
}

/**
 * The person's own yes before a secret leaves main (exportAccount). Asked by main, never by the page: a compromised
 * window could click its own "Are you sure?", so that warning is courtesy, and this is the consent. The Electron app
 * asks with a modal dialog on its window (main/electron/secret-release-dialog.ts), the browser harness in the
 * terminal it was started from (main/harness/terminal-confirmation.ts); with nobody to ask the answer is no.
 *
 * App lock plugs in here: with the lock on, a host's implementation asks for the lock password or OS authentication
 * instead of a plain yes, and resolves true only when that succeeds.
 */
export interface SecretReleaseConfirmation {
  confirmSecretRelease(request: SecretReleaseRequest): Promise<boolean>;
  /** The same yes before a plain export (otpauth links, Google transfer QR codes) of `count` accounts. */
  confirmExport(request: ExportReleaseRequest): Promise<boolean>;
}

/** A plain export the window asks for: what the person is asked about. */
export interface ExportReleaseRequest {
  format: 'otpauth' | 'google';
  count: number;
}

/** Nobody to ask (the default of a core built without one): nothing is released. */
export const nobodyToAsk: SecretReleaseConfirmation = { confirmSecretRelease: async () => false, confirmExport: async () => false };

/** "the otpauth:// links of 3 accounts (a plain text file)": the export as a question outside the window names it. */
export function exportPromptLabel({ format, count }: ExportReleaseRequest): string {
  const accounts = `${count} account${count === 1 ? '' : 's'}`;
  return format === 'otpauth' ? `the otpauth:// links of ${accounts} (a plain text file)` : `Google Authenticator transfer QR codes of ${accounts}`;
}

/**
 * Whether the app is locked right now. App lock (built on its own) provides it; until then the app is never locked.
 * A locked app releases no secret, whatever the confirmation would say.
 */
export interface LockState {
  isLocked(): boolean;
}

export const neverLocked: LockState = { isLocked: () => false };

/**
 * The account as a prompt outside the window names it ("GitHub, alice"), with every hidden or control character
 * written out as <U+XXXX>: a name must not rewrite the question it appears in (a terminal escape, a bidi override).
 */
export function promptLabel(request: SecretReleaseRequest): string {
  return [...accountLabel(request)].map((char) => (deceptiveCharacter(char) === null ? char : `<${deceptiveCharacter(char)}>`)).join('');
}
