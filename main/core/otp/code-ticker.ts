import type { CodeBatch } from '../../../shared/account.js';
import type { Clock } from '../clock.js';
import { hasCodes } from '../accounts/current-code.js';
import type { StoredAccount } from '../vault/vault-data.js';
import { decodeCanonicalKey } from './base32.js';
import { codeAt, nextBoundary } from './otp-engine.js';

/**
 * Holds the accounts' keys (in main only) and pushes one batch with every account's code at each period
 * boundary, so the renderer never polls and never computes codes; it animates countdowns from `validUntil`.
 */
export class CodeTicker {
  private accounts: { account: StoredAccount; key: Uint8Array }[] = [];
  private cancelTimer: (() => void) | undefined;
  private started = false;

  constructor(
    private readonly clock: Clock,
    private readonly publish: (batch: CodeBatch) => void,
  ) {}

  /** Replaces the accounts and publishes their codes at once. */
  setAccounts(accounts: readonly StoredAccount[]): void {
    this.zeroKeys();
    this.accounts = accounts.map((account) => ({ account, key: decodeCanonicalKey(account.secret) }));
    this.started = true;
    this.tick();
  }

  batch(): CodeBatch {
    const now = this.clock.now();
    return {
      issuedAt: now,
      codes: this.accounts
        .filter(({ account }) => hasCodes(account))
        .map(({ account, key }) => codeAt(account.id, account.otp, key, now)),
    };
  }

  /** Publishes the codes again and re-aligns to the next boundary (the clock was corrected); nothing before the accounts came. */
  refresh(): void {
    if (this.started) this.tick();
  }

  /** Forgets every account and zeroes their decoded keys (the app locked); publishes one empty batch and stops. */
  clear(): void {
    this.setAccounts([]);
    this.stop();
  }

  private zeroKeys(): void {
    for (const { key } of this.accounts) key.fill(0);
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private tick(): void {
    this.stop();
    this.publish(this.batch());
    const now = this.clock.now();
    const shown = this.accounts.filter(({ account }) => hasCodes(account));
    const next = nextBoundary(
      shown.map(({ account }) => account.otp),
      now,
    );
    if (next !== null) this.cancelTimer = this.clock.setTimer(next - now, () => this.tick());
  }
}
