import { unavailableQuickUnlock, type QuickUnlockPort } from '../core/lock/quick-unlock.js';

/** The part of Electron's systemPreferences quick unlock uses (macOS only; a fake in tests). */
export interface TouchIdPort {
  canPromptTouchID(): boolean;
  promptTouchID(reason: string): Promise<void>;
}

/**
 * Quick unlock per system: Touch ID on macOS (Electron's promptTouchID); Windows Hello and Linux polkit go behind the
 * same port and say "not available on this system" until they are implemented.
 */
export function osQuickUnlock(platform: NodeJS.Platform, touchId: TouchIdPort): QuickUnlockPort {
  if (platform === 'darwin') {
    return {
      label: 'Touch ID',
      available: () => touchId.canPromptTouchID(),
      confirm: (reason) => touchId.promptTouchID(reason),
    };
  }
  return unavailableQuickUnlock(platform === 'win32' ? 'Windows Hello' : 'polkit');
}
