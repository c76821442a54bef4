import { isAppUrl } from './renderer-files.js';

/** The little of Electron's WebFrameMain this rule reads (plain types, so it is unit-tested without Electron). */
export interface FrameLike {
  readonly url: string;
  isDestroyed(): boolean;
}

/**
 * Whether a call comes from one of the app's own windows (the main window, the quick picker): exactly one of their top
 * frames, still alive and still showing our own page. Not a subframe, not a page navigated elsewhere, not a frame
 * that merely looks the same.
 */
export function isAppWindowFrame(sender: FrameLike | null, windowFrames: readonly FrameLike[]): boolean {
  if (sender === null || !windowFrames.includes(sender)) return false;
  try {
    return !sender.isDestroyed() && isAppUrl(sender.url);
  } catch {
    return false; // a frame torn down mid-call
  }
}
