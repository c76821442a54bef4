import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CapturePermissions } from './capture-permission.js';
import { installDisplayCapture } from './display-capture.js';

// No Electron binary here: `electron` (mocked before any import) is a fake with two screens, the primary one second.
vi.mock('electron', () => ({
  desktopCapturer: {
    getSources: async () => [
      { id: 'screen:1:0', display_id: '1', name: 'Screen 1' },
      { id: 'screen:2:0', display_id: '2', name: 'Screen 2' },
    ],
  },
  screen: { getPrimaryDisplay: () => ({ id: 2 }) },
}));

type Handler = NonNullable<Parameters<Session['setDisplayMediaRequestHandler']>[0]>;
type Options = Parameters<Session['setDisplayMediaRequestHandler']>[1];


/** A session that keeps what main installed, so the test can be Electron calling it. */
function install(permissions: CapturePermissions) {
  let handler: Handler | null = null;
  let options: Options | undefined;
  const session = { setDisplayMediaRequestHandler: (h: Handler, o?: Options) => ((handler = h), (options = o)) } as unknown as Session;
  installDisplayCapture(session, permissions, { info: () => undefined, error: () => undefined });
  /** Electron asking, as for a getDisplayMedia call from this frame; resolves with what the page would get. */
  const ask = (request: { video?: boolean; audio?: boolean; url?: string; mainFrame?: boolean } = {}) =>
    new Promise<unknown>((resolve) => {
      const url = request.url ?? 'app://authenticator/index.html';
      const frame = { url, parent: request.mainFrame === false ? {} : null };
      handler!(
        { frame, securityOrigin: url, videoRequested: request.video ?? true, audioRequested: request.audio ?? false, userGesture: true } as unknown as Parameters<Handler>[0],
        (streams) => resolve(streams ?? null),
      );
    });
  return { options: () => options, ask };
}

describe('a screen capture for the QR scanner', () => {
  it('goes through the system picker where the OS has one (Electron then shows it instead of asking us)', () => {
    expect(install(new CapturePermissions()).options()).toEqual({ useSystemPicker: true });
  });

  it('where there is no picker: nothing without the scanner’s request; after it, the primary screen, once', async () => {
    const permissions = new CapturePermissions();
    const { ask } = install(permissions);
    expect(await ask()).toBeNull();

    permissions.allow('screen');
    expect(await ask()).toEqual({ video: expect.objectContaining({ display_id: '2' }) });
    expect(await ask()).toBeNull(); // taken: a second capture needs a new request
  });

  it('where there is no picker: audio, a sub-frame or another page gets nothing, even with the request', async () => {
    for (const request of [{ audio: true }, { mainFrame: false }, { url: 'https://evil.example/' }, { video: false }]) {
      const permissions = new CapturePermissions();
      const { ask } = install(permissions);
      permissions.allow('screen');
      expect(await ask(request), JSON.stringify(request)).toBeNull();
    }
  });
});
