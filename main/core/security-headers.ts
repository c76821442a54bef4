/**
 * The security headers every host sends with the renderer: the Electron app on its app:// scheme
 * (main/electron/window.ts) and the browser harness over loopback (main/harness/harness-server.ts). One policy, kept
 * here in plain TypeScript (no electron import) so both hosts import it and a test can compare what each one sends;
 * a host states only what it must add, never a copy of the rest.
 */

export interface RendererHostAdditions {
  /**
   * Where the page may connect besides nowhere: the harness carries the contract over a WebSocket to its own origin
   * ("'self'"); the Electron app uses IPC, so its page may connect nowhere ('none').
   */
  connectSrc?: readonly string[];
}

/**
 * Nothing by default; scripts, styles and fonts only from the app's own origin (no inline script, no eval); images
 * also as data: and blob: URLs (QR codes, the scanner's frames), media as blob: (the camera); no <base>, no form
 * submissions, never framed.
 */
export function contentSecurityPolicy({ connectSrc = [] }: RendererHostAdditions = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connectSrc.length > 0 ? connectSrc.join(' ') : "'none'"}`,
    "media-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every response that serves the renderer, errors included. */
export function securityHeaders(additions: RendererHostAdditions = {}): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(additions),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The camera and screen capture are the only powerful features the page may ever ask for (the QR scanner), and
    // main still decides (main/electron/capture-permission.ts; the harness's browser asks the person).
    'Permissions-Policy': 'camera=(self), display-capture=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
  };
}
