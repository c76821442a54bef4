import { describe, expect, it } from 'vitest';
import { CapturePermissions, SCREEN_GRANT_MS, type MediaRequest } from './capture-permission.js';

const APP = 'app://authenticator/index.html';
const camera: MediaRequest = { permission: 'media', mediaTypes: ['video'], isMainFrame: true, requestingUrl: APP };
const screen: MediaRequest = { permission: 'display-capture', mediaTypes: ['video'], isMainFrame: true, requestingUrl: APP };

function permissions() {
  let now = 1_000_000;
  const p = new CapturePermissions(() => now);
  return { p, advance: (ms: number) => (now += ms) };
}

describe('CapturePermissions', () => {
  it('denies everything by default', () => {
    const { p } = permissions();
    expect(p.mayRequest(camera)).toBe(false);
    expect(p.mayRequest(screen)).toBe(false);
    expect(p.mayCheck('media', APP, 'video')).toBe(false);
    expect(p.takeScreenGrant(APP, true)).toBe(false);
  });

  it('allows the camera, video only, to our own main frame, while the scanner says camera', () => {
    const { p } = permissions();
    p.allow('camera');
    expect(p.mayRequest(camera)).toBe(true);
    expect(p.mayCheck('media', 'app://authenticator', 'video')).toBe(true);
    expect(p.mayRequest({ ...camera, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(p.mayRequest({ ...camera, mediaTypes: ['audio'] })).toBe(false);
    expect(p.mayRequest({ ...camera, mediaTypes: [] })).toBe(false);
    expect(p.mayRequest({ ...camera, mediaTypes: undefined })).toBe(false);
    expect(p.mayRequest({ ...camera, isMainFrame: false })).toBe(false);
    expect(p.mayRequest({ ...camera, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(p.mayCheck('media', 'app://authenticator', 'audio')).toBe(false);
    expect(p.mayRequest(screen)).toBe(false);
    expect(p.mayRequest({ ...camera, permission: 'geolocation' })).toBe(false);
    p.allow(null);
    expect(p.mayRequest(camera)).toBe(false);
    expect(p.mayCheck('media', APP, 'video')).toBe(false);
  });

  it('grants one screen capture, taken once, and only for a while', () => {
    const { p, advance } = permissions();
    p.allow('screen');
    expect(p.mayRequest(camera)).toBe(false);
    expect(p.mayRequest(screen)).toBe(true);
    expect(p.mayCheck('display-capture', APP, undefined)).toBe(true);
    expect(p.takeScreenGrant('https://evil.example/', true)).toBe(false);
    expect(p.takeScreenGrant(APP, false)).toBe(false);
    expect(p.takeScreenGrant(APP, true)).toBe(true);
    expect(p.takeScreenGrant(APP, true)).toBe(false);
    expect(p.mayRequest(screen)).toBe(false);

    p.allow('screen');
    advance(SCREEN_GRANT_MS);
    expect(p.mayRequest(screen)).toBe(false);
    expect(p.takeScreenGrant(APP, true)).toBe(false);
  });
});
