import type { ScannerSource } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { accountById } from '../accounts/account-by-id.js';
import { currentCode } from '../accounts/current-code.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import type { StoredAccount } from '../vault/vault-data.js';
import type { ClipboardPort } from './clipboard-port.js';
import { ClipboardService } from './clipboard-service.js';

export interface Clipboard {
  handlers: FeatureHandlers<'copyCode' | 'setScannerSource'>;
  /** Computes the account's current code here in main and copies it; the clipboard clears after the set delay. */
  copyAccountCode(id: string): Promise<{ clearsAt: number; account: StoredAccount }>;
  service: ClipboardService;
}

/**
 * The system clipboard and the QR scanner's access to camera and screen: what the window may put on the clipboard
 * (a code main computes) and what the host's permission handlers may let it capture.
 */
export function clipboardFeature(
  { follower, accounts, clock, log, appLock, onDispose }: CoreContext,
  port: ClipboardPort | undefined,
  capture: { allow(source: ScannerSource): void } | undefined,
): Clipboard {
  const service = new ClipboardService({
    port: port ?? {
      readText: () => '',
      writeText: () => {
        throw new AppError('internal', 'This version of the app has no clipboard.');
      },
    },
    clock,
    log,
    clearAfterSeconds: async () => (await accounts.settings()).clipboardClearSeconds,
  });
  // A code of ours left on the clipboard goes when the app locks (unless the person copied something else since).
  appLock.onLock(() => service.flush());
  onDispose(() => {
    capture?.allow(null);
    service.dispose();
  });

  const copyAccountCode = async (id: string) => {
    const account = accountById((await follower.current()).data.accounts, id);
    const { code } = currentCode(account, clock.now(), 'Nothing was copied.');
    const { clearsAt } = await service.copy(code);
    return { clearsAt, account };
  };

  return {
    service,
    copyAccountCode,
    handlers: {
      copyCode: async ({ id }) => ({ clearsAt: (await copyAccountCode(id)).clearsAt }),
      setScannerSource: async ({ source }) => {
        capture?.allow(source);
        return null;
      },
    },
  };
}
