import type { ScannerSource } from '../../shared/contract.js';
import { isAppUrl } from './renderer-files.js';

/** How long a screen grant waits for the page's getDisplayMedia call before it lapses. */
export const SCREEN_GRANT_MS = 30_000;

/** The parts of Electron's permission request details that the decision needs (plain data, so it is unit-tested). */
export interface MediaRequest {
  permission: string;
  mediaTypes: readonly string[] | undefined;
  isMainFrame: boolean;
  requestingUrl: string;
}

/**
 * What the page may capture, decided in main: nothing by default. The QR scanner asks through the contract
 * (setScannerSource): 'camera' opens the camera (video only) until the scanner says null; 'screen' grants one
 * capture of the screen, taken by the display-media handler within SCREEN_GRANT_MS. A compromised page can ask too,
 * but only for this, and the person sees the camera light or the scan in the dialog.
 */
export class CapturePermissions {
  private source: ScannerSource = null;
  private screenGrantedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  allow(source: ScannerSource): void {
    this.source = source;
    this.screenGrantedAt = source === 'screen' ? this.now() : 0;
  }

  /** The session's permission request handler: the camera (video only) or one screen capture, to our own main frame. */
  mayRequest({ permission, mediaTypes, isMainFrame, requestingUrl }: MediaRequest): boolean {
    if (!isMainFrame || !isAppUrl(requestingUrl)) return false;
    const videoOnly = mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
    if (!videoOnly) return false;
    if (permission === 'media') return this.source === 'camera';
    if (permission === 'display-capture') return this.screenPending();
    return false;
  }

  /** The session's permission check handler (checks and requests are separate paths in Chromium). */
  mayCheck(permission: string, requestingOrigin: string, mediaType: string | undefined): boolean {
    if (!isAppUrl(requestingOrigin)) return false;
    if (permission === 'media') return this.source === 'camera' && mediaType === 'video';
    if (permission === 'display-capture') return this.screenPending();
    return false;
  }

  /** The display-media handler takes the screen grant once: a second getDisplayMedia needs a new setScannerSource. */
  takeScreenGrant(requestingUrl: string, isMainFrame: boolean): boolean {
    if (!isMainFrame || !isAppUrl(requestingUrl) || !this.screenPending()) return false;
    this.source = null;
    this.screenGrantedAt = 0;
    return true;
  }

  private screenPending(): boolean {
    return this.source === 'screen' && this.now() - this.screenGrantedAt < SCREEN_GRANT_MS;
  }
}
