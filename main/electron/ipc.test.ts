import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppCore, EventSink } from '../core/app-core.js';
import type { FrameLike } from './trusted-sender.js';

// Electron's ipcMain cannot run here: a fake keeps the handlers main installs, and the test calls them as Electron
// would, from the frames of two windows (the main window and the quick picker) and from a frame of neither.
const electron = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

interface FakeWindow {
  destroyed: boolean;
  sent: [string, unknown][];
  webContents: { mainFrame: FrameLike; send(channel: string, payload: unknown): void };
  isDestroyed(): boolean;
}

function fakeWindow(url: string): FakeWindow {
  const window: FakeWindow = {
    destroyed: false,
    sent: [],
    webContents: { mainFrame: { url, isDestroyed: () => false }, send: (channel, payload) => void window.sent.push([channel, payload]) },
    isDestroyed: () => window.destroyed,
  };
  return window;
}

const main = fakeWindow('app://authenticator/index.html');
const quick = fakeWindow('app://authenticator/quick');
let emit: EventSink = () => undefined;
const core = {
  dispatch: async (name: string) => ({ ok: true, value: `answered ${name}` }),
  subscribe: (sink: EventSink) => {
    emit = sink;
    return () => undefined;
  },
} as unknown as AppCore;

beforeAll(async () => {
  const { wireIpc } = await import('./ipc.js');
  wireIpc({ getWindows: () => [main, quick] as never, core: Promise.resolve(core), log: { info: () => undefined, error: () => undefined } });
  await Promise.resolve();
});

const callFrom = (frame: FrameLike) => electron.handlers.get('authenticator:call:listAccounts')!({ senderFrame: frame }, {});

describe('IPC serves both of the app windows and nothing else', () => {
  it('the main window and the quick picker are answered by the core', async () => {
    expect(await callFrom(main.webContents.mainFrame)).toEqual({ ok: true, value: 'answered listAccounts' });
    expect(await callFrom(quick.webContents.mainFrame)).toEqual({ ok: true, value: 'answered listAccounts' });
  });

  it('any other frame, even on our page, is refused as forbiddenSender', async () => {
    expect(await callFrom({ url: 'app://authenticator/index.html', isDestroyed: () => false })).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
  });

  it('events reach both windows; a destroyed one is skipped and its frame no longer answered', async () => {
    emit('lockChanged', { on: true } as never);
    expect(main.sent).toEqual([['authenticator:event:lockChanged', { on: true }]]);
    expect(quick.sent).toEqual([['authenticator:event:lockChanged', { on: true }]]);
    quick.destroyed = true;
    emit('lockChanged', { on: false } as never);
    expect(quick.sent).toHaveLength(1);
    expect(main.sent).toHaveLength(2);
    expect(await callFrom(quick.webContents.mainFrame)).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
  });
});
