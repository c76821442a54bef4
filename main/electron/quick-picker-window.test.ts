import { beforeAll, describe, expect, it, vi } from 'vitest';

// No Electron binary here: BrowserWindow and screen are fakes that record what main asks of them, and the window's
// events are fired as Electron would fire them.
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeWindow {
    static made: FakeWindow[] = [];
    readonly listeners = new Map<string, Listener[]>();
    readonly contentsListeners = new Map<string, Listener>();
    visible = false;
    bounds: unknown = null;
    loaded = '';
    readonly webContents = { on: (event: string, listener: Listener) => this.contentsListeners.set(event, listener) };
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.made.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isVisible = () => this.visible;
    show = () => void (this.visible = true);
    hide = () => void (this.visible = false);
    focus = () => undefined;
    setBounds = (bounds: unknown) => void (this.bounds = bounds);
  }
  return { FakeWindow };
});
vi.mock('electron', () => ({
  app: { on: () => undefined, isPackaged: true },
  BrowserWindow: electron.FakeWindow,
  nativeTheme: { shouldUseDarkColors: false },
  protocol: {},
  screen: {
    getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    getCursorScreenPoint: () => ({ x: 3000, y: 10 }),
    getDisplayNearestPoint: () => ({ workArea: { x: 1920, y: 0, width: 1280, height: 1000 } }),
  },
}));

type Made = InstanceType<typeof electron.FakeWindow>;
let main: Made;
let quick: Made;
let picker: { toggle(): void; hide(): void; show(): void };
let quitting = false;

beforeAll(async () => {
  const log = { info: () => undefined, error: () => undefined };
  const { createMainWindow } = await import('./window.js');
  const { createQuickPickerWindow } = await import('./quick-picker-window.js');
  createMainWindow({ preloadPath: '/app/preload.cjs', log });
  picker = createQuickPickerWindow({ preloadPath: '/app/preload.cjs', log, isQuitting: () => quitting });
  [main, quick] = electron.FakeWindow.made as [Made, Made];
});

describe('the quick picker window', () => {
  it('is locked down exactly as the main window: the same web preferences, sandboxed, isolated, no Node', () => {
    expect(quick.options.webPreferences).toEqual(main.options.webPreferences);
    expect(quick.options.webPreferences).toMatchObject({ preload: '/app/preload.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
  });

  it('small, frameless, on top and out of the taskbar, hidden until asked, on the quick picker page', () => {
    expect(quick.options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, show: false, resizable: false });
    expect(quick.loaded).toBe('app://authenticator/quick');
    expect(quick.visible).toBe(false);
  });

  it('the shortcut opens it on the screen the pointer is on; pressed again, it hides', () => {
    picker.toggle();
    expect(quick.visible).toBe(true);
    expect(quick.bounds).toEqual({ x: 1920 + 380, y: 200, width: 520, height: 420 });
    picker.toggle();
    expect(quick.visible).toBe(false);
  });

  it('hides when it loses focus and on Escape (the lock screen too), not on other keys', () => {
    picker.show();
    quick.emit('blur');
    expect(quick.visible).toBe(false);
    picker.show();
    const key = (k: string) => quick.contentsListeners.get('before-input-event')!({}, { type: 'keyDown', key: k });
    key('a');
    expect(quick.visible).toBe(true);
    key('Escape');
    expect(quick.visible).toBe(false);
  });

  it('is an ordinary window here (Linux), and a non-activating panel on macOS, which leaves the focus with the app the person was in', async () => {
    expect(quick.options.type).toBeUndefined();
    const { createQuickPickerWindow } = await import('./quick-picker-window.js');
    createQuickPickerWindow({ preloadPath: '/app/preload.cjs', log: { info: () => undefined, error: () => undefined }, isQuitting: () => false, platform: 'darwin' });
    expect(electron.FakeWindow.made.at(-1)!.options.type).toBe('panel');
  });

  it('closing it only hides it, until the app quits', () => {
    picker.show();
    let prevented = false;
    quick.emit('close', { preventDefault: () => (prevented = true) });
    expect([prevented, quick.visible]).toEqual([true, false]);
    quitting = true;
    prevented = false;
    quick.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });
});
