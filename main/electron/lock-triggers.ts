import type { IdleTime, LockTrigger, LockTriggers } from '../core/lock/auto-lock.js';

/** The part of Electron's powerMonitor the app lock uses (a fake in tests). */
export interface PowerMonitorPort {
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
  removeListener(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
  /** Seconds since the last keyboard or mouse input anywhere on the system. */
  getSystemIdleTime(): number;
}

/** A source of lock triggers the host wires up: window minimise/hide, the Linux D-Bus screensaver. */
export type TriggerSource = (listener: (trigger: LockTrigger) => void) => () => void;

/**
 * The moments the app lock locks by itself, as Electron tells them: powerMonitor's `lock-screen` (macOS and
 * Windows; Linux has none, so the D-Bus source stands in) and `suspend`, plus any other sources (the window).
 */
export function electronLockTriggers(powerMonitor: PowerMonitorPort, ...others: TriggerSource[]): LockTriggers {
  return (listener) => {
    const onLockScreen = () => listener('screenLocked');
    const onSuspend = () => listener('suspend');
    powerMonitor.on('lock-screen', onLockScreen);
    powerMonitor.on('suspend', onSuspend);
    const stops = others.map((source) => source(listener));
    return () => {
      powerMonitor.removeListener('lock-screen', onLockScreen);
      powerMonitor.removeListener('suspend', onSuspend);
      for (const stop of stops) stop();
    };
  };
}

export function electronIdleTime(powerMonitor: PowerMonitorPort): IdleTime {
  return () => powerMonitor.getSystemIdleTime() * 1000;
}

/** Window minimise and hide as a trigger source; `emit` is called by the window's own event handlers. */
export function windowHiddenSource(): { source: TriggerSource; hidden(): void } {
  const listeners = new Set<(trigger: LockTrigger) => void>();
  return {
    source: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hidden: () => {
      for (const listener of listeners) listener('windowHidden');
    },
  };
}
