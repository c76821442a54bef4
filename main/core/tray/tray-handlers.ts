import type { BackupStatus } from '../../../shared/backup.js';
import { Settings } from '../../../shared/settings.js';
import type { TrayMenu } from '../../../shared/tray.js';
import { AppError } from '../../../shared/errors.js';
import type { Clipboard } from '../clipboard/clipboard-handlers.js';
import type { ClockSkew } from '../clock-skew/clock-skew-handlers.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import type { Codes } from '../otp/codes-handlers.js';
import { toView } from '../vault/vault-data.js';
import { findTrayItem, trayCopiedNotification, trayMenu, type TrayLockState } from './tray-model.js';

/**
 * The tray menu as data: built from the accounts, the latest codes and the settings, pushed only when it actually
 * changed (at a rollover, or when accounts or settings change). The hosts render it; a choice comes back here.
 */
export function trayHandlers(
  { follower, clock, bus, appLock }: CoreContext,
  codes: Codes,
  clipboard: Clipboard,
  clockSkew: Pick<ClockSkew, 'status' | 'onChange'>,
  backup: { status(): Promise<BackupStatus> },
): FeatureHandlers<'getTrayMenu' | 'chooseTrayItem'> {
  let backupOutOfDate = false;
  const lockState = (): TrayLockState => ({ available: appLock.isOn, locked: appLock.isLocked });
  const build = (): TrayMenu =>
    trayMenu({
      accounts: appLock.isLocked ? [] : (follower.snapshot?.data.accounts ?? []).map(toView),
      codes: codes.latest(),
      settings: follower.snapshot?.data.settings ?? Settings.parse({}),
      lock: lockState(),
      clock: clockSkew.status(),
      backupOutOfDate,
    });
  let sent = '';
  const refresh = () => {
    const menu = build();
    const json = JSON.stringify(menu);
    if (json === sent) return;
    sent = json;
    bus.emit('trayMenuChanged', menu);
  };
  codes.onBatch(refresh);
  clockSkew.onChange(refresh);
  follower.onChange(refresh);
  appLock.onStatus(refresh);
  const onBackup = (status: BackupStatus) => {
    backupOutOfDate = status.state === 'outOfDate';
    refresh();
  };
  bus.on('backupStatusChanged', onBackup);
  backup.status().then(onBackup, () => undefined);

  return {
    getTrayMenu: async () => {
      await appLock.ready;
      if (!appLock.isLocked) await follower.current();
      return build();
    },
    chooseTrayItem: async ({ itemId }) => {
      await appLock.ready;
      if (!appLock.isLocked) await follower.current();
      const item = findTrayItem(build(), itemId);
      // A code item from a menu shown before the app locked: the answer is "locked", not "gone".
      if (!item && appLock.isLocked) throw new AppError('locked', 'The app is locked. Unlock it to copy codes.');
      if (!item?.action) throw new AppError('invalidRequest', 'That menu item is no longer available; the menu has been updated.');
      if (item.action.type === 'lock') await appLock.lock();
      if (item.action.type !== 'copyCode') return { action: item.action, copied: null };
      const { clearsAt, account } = await clipboard.copyAccountCode(item.action.accountId);
      const seconds = Math.max(0, Math.round((clearsAt - clock.now()) / 1000));
      return { action: item.action, copied: { notification: trayCopiedNotification(account, seconds), clearsAt } };
    },
  };
}
