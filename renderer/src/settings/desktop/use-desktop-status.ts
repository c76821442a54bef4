import { useEffect, useState } from 'react';
import type { DesktopStatus } from '../../../../shared/desktop.js';
import { call, on } from '../../app-shell/api.js';

/** The shortcut's registration and start at login, from main, kept current by its events (null until the first answer). */
export function useDesktopStatus(): [DesktopStatus | null, (status: DesktopStatus) => void] {
  const [status, setStatus] = useState<DesktopStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = on('desktopStatusChanged', setStatus);
    call('getDesktopStatus').then((s) => live && setStatus(s), () => undefined);
    return () => {
      live = false;
      off();
    };
  }, []);
  return [status, setStatus];
}
