import { AppError } from '../../../shared/errors.js';
import type { ExportReply, ExportRequest } from '../../../shared/export.js';
import type { SecretReleaseConfirmation } from '../accounts/secret-release-confirmation.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import { buildExport } from './build-export.js';
import type { SaveFilePort } from './save-file-port.js';

export interface ExportPorts {
  /** Main's own question before a plain export (the page's warning is courtesy, this is the consent). */
  confirmation: SecretReleaseConfirmation;
  /** Where a file goes: main's save dialog, or the harness's exports folder. */
  saveFile: SaveFilePort;
  deviceName: string;
  appVersion: string;
}

/**
 * Settings > Export. Every decision is main's: what may be exported (device-bound accounts and those that need
 * verification never), the file password's strength, where the file goes (the host's save, never a path from the
 * page), and for a plain export (otpauth links, Google transfer codes) the gate: with the app lock on the lock
 * password (checked here, counted with the unlock attempts), then the person's own yes asked by main. A locked app
 * exports nothing, and one locked while the question was open releases nothing either.
 */
export function exportHandlers({ follower, appLock, clock }: CoreContext, ports: ExportPorts): FeatureHandlers<'exportAccounts'> {
  const refuseWhenLocked = () => {
    if (appLock.isLocked) throw new AppError('locked', 'The app is locked: unlock it to export. Nothing was exported.');
  };
  return {
    exportAccounts: async (request: ExportRequest): Promise<ExportReply> => {
      await appLock.ready;
      refuseWhenLocked();
      const { data } = await follower.current();
      const built = await buildExport(data, request, { deviceName: ports.deviceName, appVersion: ports.appVersion, now: clock.now() });
      if (request.format === 'otpauth' || request.format === 'google') {
        if (appLock.isOn) {
          if (request.lockPassword === undefined) throw new AppError('invalidInput', 'Enter the lock password to export without encryption.', 'lockPassword');
          await appLock.verifyPassword(request.lockPassword).catch((error: unknown) => {
            throw error instanceof AppError && (error.kind === 'wrongPassword' || error.kind === 'tooManyAttempts') ? new AppError(error.kind, error.message, 'lockPassword') : error;
          });
        }
        const confirmed = await ports.confirmation.confirmExport({ format: request.format, count: built.exported });
        if (!confirmed) throw new AppError('notConfirmed', 'Nothing was exported: the export was not confirmed.');
        refuseWhenLocked();
      }
      if (built.links) return { outcome: 'codes', links: built.links, exported: built.exported, leftOut: built.leftOut };
      const saved = await ports.saveFile.save(built.file!);
      built.file!.bytes.fill(0);
      if (!saved.saved) return { outcome: 'cancelled' };
      return { outcome: 'saved', path: saved.path, exported: built.exported, leftOut: built.leftOut };
    },
  };
}
