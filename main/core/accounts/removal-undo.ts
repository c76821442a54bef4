import { randomBytes } from 'node:crypto';
import type { AccountView } from '../../../shared/account.js';
import { AppError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import type { AccountsService, Removal } from './accounts-service.js';

/** How long a delete made in the window can be undone. */
export const UNDO_REMOVE_MS = 10_000;

/** What the window gets back from a delete: a token for the undo (never the account's secret) and its deadline. */
export interface UndoTicket {
  undoToken: string;
  /** Main's clock, ms since the epoch. */
  undoUntil: number;
}

const TOO_LATE = 'It is too late to undo: the account was deleted for good. Add it again from its QR code or setup key.';

/**
 * Undo for deleting an account from the window. The removed account (with its secret and its place) stays here, in
 * main's memory only, for UNDO_REMOVE_MS of the app's clock; the page holds only a random token. A timer on the same
 * clock forgets it, so the secret does not outlive the undo window. A delete from the command-line tool (another
 * process) has no undo.
 */
export class RemovalUndo {
  private readonly pending = new Map<string, { removal: Removal; until: number; forget: () => void }>();

  constructor(
    private readonly accounts: Pick<AccountsService, 'remove' | 'restoreRemoved'>,
    private readonly clock: Clock,
    private readonly windowMs = UNDO_REMOVE_MS,
  ) {}

  async remove(id: string): Promise<UndoTicket> {
    const removal = await this.accounts.remove(id);
    const undoToken = randomBytes(16).toString('base64url');
    const undoUntil = this.clock.now() + this.windowMs;
    const forget = this.clock.setTimer(this.windowMs, () => this.pending.delete(undoToken));
    this.pending.set(undoToken, { removal, until: undoUntil, forget });
    return { undoToken, undoUntil };
  }

  /** Puts the account back (AccountsService.restoreRemoved); once only, and only within the window. */
  async undo(token: string): Promise<AccountView> {
    const entry = this.pending.get(token);
    if (!entry || this.clock.now() >= entry.until) throw new AppError('undoExpired', TOO_LATE);
    // Taken out first, so a second press while this one is writing cannot restore it twice.
    this.pending.delete(token);
    try {
      const restored = await this.accounts.restoreRemoved(entry.removal);
      entry.forget();
      return restored;
    } catch (error) {
      // A failed write (a busy or full disk) can be tried again while the window lasts.
      if (!(error instanceof AppError && error.kind === 'duplicateAccount') && this.clock.now() < entry.until) this.pending.set(token, entry);
      else entry.forget();
      throw error;
    }
  }

  dispose(): void {
    for (const { forget } of this.pending.values()) forget();
    this.pending.clear();
  }
}
