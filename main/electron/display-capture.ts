import { desktopCapturer, screen, type Session } from 'electron';
import type { Logger } from '../core/logger.js';
import type { CapturePermissions } from './capture-permission.js';

/**
 * The page's getDisplayMedia (the QR scanner's "Scan screen"). Where the OS has a screen picker of its own (macOS 15
 * and later), the person chooses there what to share, or nothing: Electron shows it and never calls our handler, so
 * the page gets no capture the person did not pick. Where there is none (Windows, Linux, older macOS) the handler
 * answers by main's rule: the primary screen, video only, to our main frame, and only when the scanner has just asked
 * main for it (setScannerSource('screen'), taken once); anything else is refused. The scanner reads one frame and
 * stops, and its dialog says what it is doing.
 */
export function installDisplayCapture(session: Session, permissions: CapturePermissions, log: Logger): void {
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
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
    },
    { useSystemPicker: true },
  );
}
