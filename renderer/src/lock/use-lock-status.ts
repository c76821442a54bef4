import { useEffect, useState } from 'react';
import type { LockStatus } from '../../../shared/lock.js';
import { call, on } from '../app-shell/api.js';

/** The app lock's status from main, kept current by its lockChanged event (null until the first answer). */
export function useLockStatus(): LockStatus | null {
  const [status, setStatus] = useState<LockStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = on('lockChanged', (next) => live && setStatus(next));
    call('getLockStatus').then((s) => live && setStatus(s), () => undefined);
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}
