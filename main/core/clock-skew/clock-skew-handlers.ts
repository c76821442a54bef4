import { CLOCK_OFF_THRESHOLD_MS } from '../../../shared/clock-offset-text.js';
import type { ClockStatus } from '../../../shared/clock-status.js';
import type { CorrectableClock } from '../clock.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import type { Codes } from '../otp/codes-handlers.js';
import { ClockOffsetEstimator } from './offset-estimator.js';
import type { ServerDateFeed } from './server-dates.js';

export interface ClockSkew {
  handlers: FeatureHandlers<'getClockStatus'>;
  status(): ClockStatus;
  /** Called after each change of the status (the tray's line). */
  onChange(listener: (status: ClockStatus) => void): void;
}

/**
 * This computer's clock against Microsoft's: the offset estimated from the Date of every identity and Graph answer,
 * said when it is off by more than 15 s, and, with the correctClockOffset setting on, added to the app's clock, so
 * codes, countdowns, the tray and copies follow the servers' time. Without cloud services nothing is measured.
 */
export function clockSkewFeature({ follower, bus, log, onDispose }: CoreContext, clock: CorrectableClock, codes: Codes, dates: ServerDateFeed | null): ClockSkew {
  const estimator = new ClockOffsetEstimator();
  const listeners = new Set<(status: ClockStatus) => void>();
  let status: ClockStatus = { offsetMs: null, off: false, correctionMs: 0 };

  const update = () => {
    const estimate = estimator.estimate();
    // To the second: finer is below what Date headers can tell, and would re-publish codes at every answer.
    const offsetMs = estimate === null ? null : Math.round(estimate / 1000) * 1000;
    const correctionMs = offsetMs !== null && follower.snapshot?.data.settings.correctClockOffset === true ? offsetMs : 0;
    if (correctionMs !== clock.correction()) {
      clock.setCorrection(correctionMs);
      codes.refresh();
    }
    const next: ClockStatus = { offsetMs, off: offsetMs !== null && Math.abs(offsetMs) > CLOCK_OFF_THRESHOLD_MS, correctionMs };
    if (next.offsetMs === status.offsetMs && next.off === status.off && next.correctionMs === status.correctionMs) return;
    if (next.off !== status.off || (next.off && next.offsetMs !== status.offsetMs)) {
      log.info(next.off ? `this computer's clock is ${Math.round((next.offsetMs ?? 0) / 1000)} s off Microsoft's` : "this computer's clock agrees with Microsoft's");
    }
    status = next;
    bus.emit('clockStatusChanged', status);
    for (const listener of listeners) listener(status);
  };

  if (dates) {
    onDispose(
      dates.onSample((sample) => {
        if (estimator.add(sample)) update();
      }),
    );
  }
  follower.onChange(update);

  return {
    status: () => status,
    onChange: (listener) => listeners.add(listener),
    handlers: { getClockStatus: async () => status },
  };
}
