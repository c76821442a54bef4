import { beforeAll, describe, expect, it, vi } from 'vitest';

// The Electron edge cannot run here (no Electron binary): `electron` is replaced by a fake that records what main asks
// of it, and the guard is driven as Electron would drive it.
const electron = vi.hoisted(() => ({
  listeners: new Map<string, (...args: unknown[]) => void>(),
  opened: [] as string[],
}));
vi.mock('electron', () => ({
  app: { on: (event: string, listener: (...args: unknown[]) => void) => electron.listeners.set(event, listener), isPackaged: true },
  shell: { openExternal: async (url: string) => void electron.opened.push(url) },
  BrowserWindow: class {},
  nativeTheme: { shouldUseDarkColors: false },
  protocol: {},
}));

interface FakeContents {
  handlers: Map<string, (event: { url: string; preventDefault(): void }) => void>;
  openHandler: ((details: { url: string }) => { action: string }) | null;
}

const contents: FakeContents = { handlers: new Map(), openHandler: null };

beforeAll(async () => {
  const { installWebContentsGuards } = await import('./window.js');
  installWebContentsGuards({ info: () => undefined, error: () => undefined });
  const created = electron.listeners.get('web-contents-created')!;
  created(
    {},
    {
      on: (event: string, handler: FakeContents['handlers'] extends Map<string, infer H> ? H : never) => contents.handlers.set(event, handler),
      setWindowOpenHandler: (handler: FakeContents['openHandler']) => (contents.openHandler = handler),
    },
  );
});

describe('what the page names never reaches the system browser', () => {
  it('a new window for any address is denied, and nothing is handed to the OS', async () => {
    for (const url of ['https://login.example.com/phish', 'http://example.com/', 'file:///etc/passwd', 'ms-msdt:/id', 'app://authenticator/']) {
      expect(contents.openHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(electron.opened).toEqual([]);
  });

  it('navigation away from the app is stopped; within it, allowed', () => {
    const navigate = (url: string) => {
      let prevented = false;
      contents.handlers.get('will-navigate')!({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('app://authenticator/index.html')).toBe(false);
    expect(electron.opened).toEqual([]);
  });
});
