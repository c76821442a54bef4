import { useId } from 'react';
import { offsetDirection } from '../../../shared/clock-offset-text.js';
import type { ClockStatus } from '../../../shared/clock-status.js';

type Platform = 'windows' | 'mac' | 'linux';

/** How to put the system clock right, one sentence per OS. */
export const FIX_CLOCK: Record<Platform, string> = {
  windows: 'To fix it on Windows: Settings > Time & language > Date & time, turn on "Set time automatically" and choose "Sync now".',
  mac: 'To fix it on macOS: System Settings > General > Date & Time, turn on "Set time and date automatically".',
  linux: 'To fix it on Linux: turn on automatic date and time in your desktop\'s Date & Time settings, or run "timedatectl set-ntp true".',
};

function platform(): Platform {
  const agent = navigator.userAgent;
  return agent.includes('Windows') ? 'windows' : agent.includes('Mac') ? 'mac' : 'linux';
}

/**
 * Said when this computer's clock is more than 15 s off Microsoft's (main measures it): how far, what it means for
 * codes, how to fix the clock, and the switch that makes codes follow the measured time instead. A warning, not an
 * error: nothing failed, and the switch is a way out right here. The switch is the correctClockOffset setting.
 */
export function ClockBanner({ status, switchOn, onSwitch }: { status: ClockStatus | null; switchOn: boolean; onSwitch(on: boolean): void }) {
  const titleId = useId(); // shown twice while the full-screen layer is up: under it, and in it
  if (!status?.off || status.offsetMs === null) return null;
  return (
    <section className="notice warning clock-banner" aria-labelledby={titleId}>
      <div>
        <p id={titleId}>
          <strong>Your computer&apos;s clock is {offsetDirection(status.offsetMs)}.</strong>{' '}
          {status.correctionMs !== 0
            ? 'Codes shown here are corrected for it.'
            : 'Codes depend on the time, so sites may refuse the codes shown here.'}
        </p>
        <p className="hint">{FIX_CLOCK[platform()]}</p>
        <label className="setting checkbox">
          <input type="checkbox" role="switch" checked={switchOn} onChange={(e) => onSwitch(e.target.checked)} />
          <span>Correct codes for this offset</span>
        </label>
      </div>
    </section>
  );
}
