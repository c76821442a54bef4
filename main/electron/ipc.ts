import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelOf, methodNames, type Result } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import type { AppCore } from '../core/app-core.js';
import type { Logger } from '../core/logger.js';
import { isAppWindowFrame } from './trusted-sender.js';

export interface IpcWiring {
  /** The app's windows (main, quick picker) now; a getter because macOS re-creates the main window on activate. */
  getWindows: () => readonly (BrowserWindow | null)[];
  /** Handlers are registered before the core exists (it waits for the key store), so early calls simply wait. */
  core: Promise<AppCore>;
  log: Logger;
}

/**
 * Implements the contract over Electron IPC: one invoke handler per method, one send per event, every channel
 * name taken from channelOf. The core's dispatcher validates requests and replies; this layer checks who is asking.
 * Returns a function that removes everything it installed.
 */
export function wireIpc({ getWindows, core, log }: IpcWiring): () => void {
  for (const name of methodNames) {
    ipcMain.handle(channelOf.method(name), async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      if (!isAppWindowFrame(event.senderFrame, openWindows(getWindows).map((window) => window.webContents.mainFrame))) {
        log.error(`refused a call to ${name} from a frame that is not one of the app's windows`);
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
        // Already parsed by its contract schema in the core's event bus: nothing outside the contract reaches the page.
        for (const window of openWindows(getWindows)) window.webContents.send(channelOf.event(event), payload);
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

function openWindows(getWindows: IpcWiring['getWindows']): BrowserWindow[] {
  return getWindows().filter((window): window is BrowserWindow => window !== null && !window.isDestroyed());
}

function failure(error: AppError): Result<never> {
  return { ok: false, error: error.toData() };
}
