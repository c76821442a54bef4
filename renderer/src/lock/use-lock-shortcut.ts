import { useEffect } from 'react';
import { AppError } from '../../../shared/app-error.js';
import { call } from '../app-shell/api.js';
import { TOAST_MS, type ToastMessage } from '../app-shell/Toast.js';

/**
 * Ctrl/Cmd+L asks main to lock, from anywhere in the window. Main decides: with the app lock off it refuses with
 * 'appLockOff' (its message names the setting), which `onRefused` shows, so the key never does nothing in silence.
 */
export function useLockShortcut(enabled: boolean, onRefused: (error: AppError) => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        call('lockApp').catch((caught: unknown) => {
          if (caught instanceof AppError) onRefused(caught);
        });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, onRefused]);
}

/** The toast for a refused Ctrl/Cmd+L: main's words, and with the lock off a button to the setting that turns it on. */
export function lockRefusedToast(error: AppError, openAppLockSettings: () => void): ToastMessage {
  if (error.kind !== 'appLockOff') return { text: error.message, tone: 'error', showMs: TOAST_MS };
  return { text: error.message, action: { label: 'Open settings', accessibleLabel: 'Open Settings > Security > App lock', run: openAppLockSettings }, showMs: 2 * TOAST_MS };
}
