import { Settings } from '../../../shared/settings.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import { AutoLock, type IdleTime, type LockTriggers } from './auto-lock.js';

type Methods = 'getLockStatus' | 'turnOnAppLock' | 'changeAppLockPassword' | 'turnOffAppLock' | 'lockApp' | 'unlockApp' | 'noteActivity' | 'quickUnlockApp';

/** What the host knows about the session: the system's idle time and the moments to lock (both optional). */
export interface SessionPorts {
  idleTime?: IdleTime | undefined;
  lockTriggers?: LockTriggers | undefined;
}

/**
 * The app lock: its setting, locking and unlocking. While locked the follower forgets its snapshot and ignores the
 * file (a change by the command-line tool is read at unlock), and every window hears the new status.
 */
export function lockHandlers({ appLock, follower, bus, clock, log, onDispose }: CoreContext, session: SessionPorts = {}): FeatureHandlers<Methods> {
  const autoLock = new AutoLock(appLock, clock, () => (follower.snapshot?.data.settings ?? Settings.parse({})).autoLock, log, session.idleTime, session.lockTriggers);
  onDispose(() => {
    autoLock.dispose();
    appLock.dispose();
  });
  appLock.onLock(() => follower.pause());
  appLock.onUnlock(async () => {
    await follower.resume();
  });
  appLock.onStatus((status) => bus.emit('lockChanged', status));
  // Started locked (the lock was on when the app started): nothing is read until the password is given.
  void appLock.ready.then(() => {
    if (appLock.isLocked) follower.pause();
  });

  return {
    getLockStatus: async () => appLock.status(),
    turnOnAppLock: async ({ password }) => appLock.turnOn(password),
    changeAppLockPassword: async ({ currentPassword, password }) => appLock.changePassword(currentPassword, password),
    turnOffAppLock: async ({ password }) => appLock.turnOff(password),
    lockApp: async () => appLock.lock(),
    unlockApp: async ({ password }) => appLock.unlock(password),
    quickUnlockApp: async () => appLock.quickUnlock(),
    noteActivity: async () => {
      autoLock.noteActivity();
      return null;
    },
  };
}
