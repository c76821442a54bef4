import { useEffect, useState } from 'react';
import type { ClockStatus } from '../../../shared/clock-status.js';
import { call, on } from '../app-shell/api.js';

/** This computer's clock against Microsoft's, from main, kept current by its events (null until the first answer). */
export function useClockStatus(): ClockStatus | null {
  const [status, setStatus] = useState<ClockStatus | null>(null);
  useEffect(() => {
    let pushed = false;
    const off = on('clockStatusChanged', (next) => {
      pushed = true;
      setStatus(next);
    });
    // A reply read before an event that came meanwhile would be older than the event.
    call('getClockStatus').then((loaded) => !pushed && setStatus(loaded), () => undefined);
    return () => {
      pushed = true;
      off();
    };
  }, []);
  return status;
}
