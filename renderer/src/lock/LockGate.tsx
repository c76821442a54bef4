import { useEffect, useState } from 'react';
import { App } from '../app-shell/App.js';
import { QuickPage } from '../quick/QuickPage.js';
import { call } from '../app-shell/api.js';
import { useBackupStatus } from '../settings/backup/use-backup-status.js';
import type { StartedOver } from './ForgotPassword.js';
import { LockScreen } from './LockScreen.js';
import { useLockShortcut } from './use-lock-shortcut.js';
import { useLockStatus } from './use-lock-status.js';

/**
 * Shows the app only while it is unlocked, and only the lock screen while it is locked: the app is unmounted, so the
 * page keeps no account list or code from before (main has dropped them too), and loads afresh after unlock.
 * Ctrl/Cmd+L locks from anywhere in the window.
 */
const ACTIVITY_EVERY_MS = 5_000;
const ignoreRefusal = () => undefined;

/** `page`: the main window, or the quick picker (which, locked, asks to unlock like the window). */
export function LockGate({ page = 'app' }: { page?: 'app' | 'quick' }) {
  const lock = useLockStatus();
  const backup = useBackupStatus();
  const [startedOver, setStartedOver] = useState<StartedOver | null>(null);

  // The main window's shortcut is the app's (it says when the lock is off); the quick picker's only locks.
  useLockShortcut(page === 'quick' && lock?.on === true && !lock.locked, ignoreRefusal);

  // Input in the page counts as activity for auto-lock where main has no system idle time (the browser harness).
  useEffect(() => {
    if (!lock?.on || lock.locked) return;
    let last = 0;
    const onInput = () => {
      if (Date.now() - last < ACTIVITY_EVERY_MS) return;
      last = Date.now();
      void call('noteActivity').catch(() => undefined);
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, onInput, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onInput);
    };
  }, [lock?.on, lock?.locked]);

  if (lock === null) return null; // a moment at start-up: nothing rather than accounts that may be locked
  if (lock.locked) return <LockScreen status={lock} backup={backup} onStartedOver={setStartedOver} />;
  if (page === 'quick') return <QuickPage />;
  // Keyed: the unlocked status may arrive before "started over" does, and the app must open again with it then.
  return <App key={startedOver ? 'started-over' : 'app'} startedOver={startedOver} />;
}
