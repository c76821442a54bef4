import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelOf, methodNames, type Result } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import type { AppCore } from '../core/app-core.js';
import type { Logger } from '../core/logger.js';
import { isAppUrl } from './renderer-files.js';

export interface IpcWiring {
  /** The current main window; a getter because macOS re-creates it on activate while the handlers stay. */
  getWindow: () => BrowserWindow | null;
  /** Handlers are registered before the core exists (it waits for the key store), so early calls simply wait. */
  core: Promise<AppCore>;
  log: Logger;
}

/**
 * Implements the contract over Electron IPC: one invoke handler per method, one send per event, every channel
 * name taken from channelOf. The core's dispatcher validates requests and replies; this layer checks who is asking.
 * Returns a function that removes everything it installed.
 */
export function wireIpc({ getWindow, core, log }: IpcWiring): () => void {
  for (const name of methodNames) {
    ipcMain.handle(channelOf.method(name), async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, getWindow())) {
        log.error(`refused a call to ${name} from a frame that is not the app's main frame`);
        return failure(new AppError('forbiddenSender', "Only the app's own window may make this request."));
      }
      try {
        return await (await core).dispatch(name, request);
      } catch (error) {
        log.error(`${name} failed before reaching the core`, error);
        return failure(new AppError('internal', 'Something went wrong inside the app. Please try again.'));
      }
    });
  }

  let unsubscribe: () => void = () => undefined;
  let disposed = false;
  core.then(
    (appCore) => {
      if (disposed) return;
      unsubscribe = appCore.subscribe((event, payload) => {
        const window = getWindow();
        if (!window || window.isDestroyed()) return;
        // Already parsed by its contract schema in the core's event bus: nothing outside the contract reaches the page.
        window.webContents.send(channelOf.event(event), payload);
      });
    },
    (error: unknown) => log.error('the app core could not start', error),
  );

  return () => {
    disposed = true;
    unsubscribe();
    for (const name of methodNames) ipcMain.removeHandler(channelOf.method(name));
  };
}

/** Only our window's top frame, showing our own page, may call: not a subframe, not a page navigated elsewhere. */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (frame === null || frame !== window.webContents.mainFrame) return false;
  try {
    return !frame.isDestroyed() && isAppUrl(frame.url);
  } catch {
    return false; // a frame torn down mid-call
  }
}

function failure(error: AppError): Result<never> {
  return { ok: false, error: error.toData() };
}
