import { describe, expect, it } from 'vitest';
import { isWaylandSession, screenCaptureFeature } from './wayland-capture.js';

describe('screen capture under Wayland', () => {
  it('turns on the PipeWire capturer in a Wayland session', () => {
    expect(screenCaptureFeature({ XDG_SESSION_TYPE: 'wayland' }, 'linux')).toBe('WebRTCPipeWireCapturer');
    expect(screenCaptureFeature({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe('WebRTCPipeWireCapturer');
  });
  it('leaves X11, Windows and macOS alone', () => {
    expect(screenCaptureFeature({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(isWaylandSession({ WAYLAND_DISPLAY: 'wayland-0' }, 'win32')).toBe(false);
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'wayland' }, 'darwin')).toBe(false);
    expect(isWaylandSession({}, 'linux')).toBe(false);
  });
});
