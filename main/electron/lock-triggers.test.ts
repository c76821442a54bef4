import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { LockTrigger } from '../core/lock/auto-lock.js';
import { electronIdleTime, electronLockTriggers, windowHiddenSource, type PowerMonitorPort } from './lock-triggers.js';

function fakePowerMonitor(idleSeconds = 0): PowerMonitorPort & EventEmitter {
  return Object.assign(new EventEmitter(), { getSystemIdleTime: () => idleSeconds });
}

describe('Electron lock triggers', () => {
  it('turns lock-screen, suspend and a hidden window into triggers, and stops listening when asked', () => {
    const power = fakePowerMonitor();
    const window = windowHiddenSource();
    const seen: LockTrigger[] = [];
    const stop = electronLockTriggers(power, window.source)((trigger) => seen.push(trigger));
    power.emit('lock-screen');
    power.emit('suspend');
    window.hidden();
    power.emit('resume'); // not a reason to lock
    expect(seen).toEqual(['screenLocked', 'suspend', 'windowHidden']);
    stop();
    power.emit('lock-screen');
    window.hidden();
    expect(seen).toHaveLength(3);
    expect(power.listenerCount('lock-screen') + power.listenerCount('suspend')).toBe(0);
  });

  it('reports the system idle time in milliseconds', () => {
    expect(electronIdleTime(fakePowerMonitor(42))()).toBe(42_000);
  });
});
