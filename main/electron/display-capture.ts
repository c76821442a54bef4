import { desktopCapturer, screen, type Session } from 'electron';
import type { Logger } from '../core/logger.js';
import type { CapturePermissions } from './capture-permission.js';

/**
 * Answers the page's getDisplayMedia (the QR scanner's "Scan screen") with the primary screen, video only, and only
 * when the scanner has just asked main for it (setScannerSource('screen')); anything else is refused. There is no
 * picker: the scanner reads one frame and stops, and the dialog says what it is doing.
 */
export function installDisplayCapture(session: Session, permissions: CapturePermissions, log: Logger): void {
  session.setDisplayMediaRequestHandler((request, callback) => {
    const frame = request.frame;
    const isMainFrame = frame !== null && frame.parent === null;
    if (!request.videoRequested || request.audioRequested || !permissions.takeScreenGrant(frame?.url ?? request.securityOrigin, isMainFrame)) {
      callback(null);
      return;
    }
    // No thumbnails: they are full screenshots we would only throw away.
    desktopCapturer
      .getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } })
      .then((sources) => {
        const primary = String(screen.getPrimaryDisplay().id);
        const source = sources.find((s) => s.display_id === primary) ?? sources[0];
        callback(source ? { video: source } : null);
      })
      .catch((error: unknown) => {
        log.error('listing screens for capture failed', error);
        callback(null);
      });
  });
}
