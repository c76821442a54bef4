import { useEffect, useState } from 'react';
import type { BackupStatus } from '../../../../shared/backup.js';
import { call, on } from '../../app-shell/api.js';

/** The backup status from main, kept current by its events (null until the first answer). */
export function useBackupStatus(): BackupStatus | null {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = on('backupStatusChanged', setStatus);
    call('getBackupStatus').then((s) => live && setStatus(s), () => undefined);
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}
