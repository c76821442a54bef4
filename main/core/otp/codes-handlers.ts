import type { CodeBatch } from '../../../shared/account.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import { CodeTicker } from './code-ticker.js';

export interface Codes {
  handlers: FeatureHandlers<'getCodes' | 'nextHotpCode'>;
  /** The batch last pushed (the tray lists it); null before the first. */
  latest(): CodeBatch | null;
  /** Publishes a new batch now, aligned anew (after the clock's correction changed). */
  refresh(): void;
  /** Called after each new batch has been sent. */
  onBatch(listener: (batch: CodeBatch) => void): void;
}

/** Codes: one batch per period boundary and after every change, pushed to every window; HOTP's next code on request. */
export function codesFeature({ follower, accounts, clock, bus, appLock, onDispose }: CoreContext): Codes {
  let latest: CodeBatch | null = null;
  const listeners = new Set<(batch: CodeBatch) => void>();
  const ticker = new CodeTicker(clock, (batch) => {
    latest = batch;
    bus.emit('codes', batch);
    for (const listener of listeners) listener(batch);
  });
  follower.onChange((snapshot) => ticker.setAccounts(snapshot.data.accounts));
  // Locked: no code is computed, and the decoded keys are zeroed; the follower's next snapshot starts it again.
  appLock.onLock(() => {
    ticker.clear();
    latest = null;
  });
  onDispose(() => ticker.stop());

  return {
    latest: () => latest,
    refresh: () => ticker.refresh(),
    onBatch: (listener) => listeners.add(listener),
    handlers: {
      getCodes: async () => {
        await follower.current();
        return ticker.batch();
      },
      nextHotpCode: async ({ id }) => accounts.nextHotpCode(id),
    },
  };
}
