import { promises as fs } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, nativeTheme, protocol, type Session, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import type { Logger } from '../core/logger.js';
import type { CapturePermissions } from './capture-permission.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  appResponseHeaders,
  contentTypeOf,
  isAppUrl,
  isRouteLike,
  resolveRendererFile,
} from './renderer-files.js';

/**
 * The renderer is served from app://authenticator/ rather than file://: a real origin (so CSP 'self', storage and
 * the secure-context camera API behave as on the web), no access to the rest of the disk, and headers we control.
 * Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: relative URLs and a proper origin; secure: a secure context (getUserMedia needs one);
    // supportFetchAPI + corsEnabled: Vite emits <script type="module" crossorigin>, which loads in CORS mode;
    // codeCache: V8 keeps the compiled bundle between starts, as it does for http(s), so the window opens sooner.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/** Serves the built renderer folder on the app scheme, each response with the strict security headers. */
export function serveRenderer(rendererDir: string, log: Logger): void {
  const respond = (status: number, body: string | Uint8Array | null, contentType = 'text/plain; charset=utf-8') =>
    new Response(body, { status, headers: appResponseHeaders(contentType) });

  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
    const file = resolveRendererFile(rendererDir, request.url);
    if (file === null) return respond(404, 'Not found');
    for (const candidate of isRouteLike(file) ? [file, path.join(rendererDir, 'index.html')] : [file]) {
      try {
        const bytes = await fs.readFile(candidate);
        return respond(200, request.method === 'HEAD' ? null : new Uint8Array(bytes), contentTypeOf(candidate));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') continue;
        log.error('serving a renderer file failed', error);
        return respond(500, 'Internal error');
      }
    }
    return respond(404, 'Not found');
  });
}

/**
 * Guards every web contents the app ever creates (not only our window): no <webview>, no navigation away from the
 * app, no new windows, and nothing the page names is opened in the system browser (the window has no external
 * links; main's fixed help pages go through the contract's openHelpLink, by topic). Must run before the first window
 * exists.
 */
export function installWebContentsGuards(log: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const stayInApp = (event: { url: string; preventDefault(): void }) => {
      if (isAppUrl(event.url)) return;
      event.preventDefault();
      log.info('blocked a navigation away from the app');
    };
    contents.on('will-navigate', stayInApp);
    contents.on('will-frame-navigate', stayInApp);
    contents.on('will-redirect', stayInApp);
    contents.setWindowOpenHandler(() => {
      log.info('blocked a new window');
      return { action: 'deny' };
    });
  });
}

/**
 * Denies every permission, except what the QR scanner has asked main for (capture-permission.ts): the camera while
 * its camera view is open, one screen capture for "Scan screen". Both handlers are needed: checks and requests are
 * separate paths.
 */
export function installPermissionHandlers(session: Session, capture: CapturePermissions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(capture.mayRequest({ permission, mediaTypes, isMainFrame: details.isMainFrame, requestingUrl: details.requestingUrl }));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return capture.mayCheck(permission, requestingOrigin, details.mediaType);
  });
  // USB, HID, serial, Bluetooth: never.
  session.setDevicePermissionHandler(() => false);
}

/**
 * Every window the app opens (the main window, the quick picker) is made here, with one set of web preferences: the
 * preload is the page's only way to main, the page runs sandboxed with no Node, and nothing it shows can load outside
 * content. Written out in the constructor call, so reviewers and electronegativity see them where the window is made.
 */
export function createLockedDownWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, preloadPath: string): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Setup keys are typed into the window; the spellchecker has no business seeing them.
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  log: Logger;
}

export function createMainWindow({ preloadPath, log }: MainWindowOptions): BrowserWindow {
  const window = createLockedDownWindow({
    width: 460,
    height: 760,
    minWidth: 360,
    minHeight: 480,
    title: 'Authenticator',
    show: false, // shown once painted, so no white flash
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f1f1f' : '#ffffff',
    autoHideMenuBar: true,
  }, preloadPath);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('loading the app page failed', error));
  return window;
}
