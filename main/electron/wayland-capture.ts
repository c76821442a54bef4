/**
 * "Scan screen" under Wayland: a Wayland session lets no program read the screen by itself; it goes through the desktop
 * portal (xdg-desktop-portal), which asks the person which screen to share and hands over a PipeWire stream. Chromium
 * does that in its PipeWire capturer, which this switches on explicitly (recent Chromium has it on by default; older
 * builds and some distributions' do not). desktopCapturer.getSources then shows the portal's picker, and the one
 * source it returns is the screen the person chose (display-capture.ts takes it: a portal source has no display id).
 * Without a portal or PipeWire (a bare compositor), the capture fails and the scanner says so; a picture or the camera
 * still work. Pure, so it is unit-tested without Electron.
 */

/** True in a Wayland session (the variables a Wayland login sets), on Linux only. */
export function isWaylandSession(env: Readonly<Record<string, string | undefined>>, platform: string): boolean {
  if (platform !== 'linux') return false;
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
}

/** The Chromium feature to enable for screen capture through the portal, or null where none is needed. */
export function screenCaptureFeature(env: Readonly<Record<string, string | undefined>>, platform: string): string | null {
  return isWaylandSession(env, platform) ? 'WebRTCPipeWireCapturer' : null;
}
