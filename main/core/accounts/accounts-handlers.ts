import type { CoreContext, FeatureHandlers } from '../core-context.js';
import { toView } from '../vault/vault-data.js';
import { releaseAccountSetup, type SecretReleaseGate } from './export-account.js';
import { RemovalUndo } from './removal-undo.js';

type Methods =
  | 'listAccounts'
  | 'addAccountsFromUri'
  | 'addAccountManually'
  | 'renameAccount'
  | 'removeAccount'
  | 'undoRemoveAccount'
  | 'moveAccount'
  | 'setPinned'
  | 'exportAccount';

/** Accounts: the list the window shows, adding, renaming, removing (with undo), the order, pins, and the one export. */
export function accountsHandlers({ follower, accounts, clock, bus, appLock, onDispose }: CoreContext, secretRelease: SecretReleaseGate): FeatureHandlers<Methods> {
  const removals = new RemovalUndo(accounts, clock);
  // A removed account waiting for its undo holds its secret: locking ends the undo (the account stays removed).
  appLock.onLock(() => removals.dispose());
  onDispose(() => removals.dispose());
  // The window follows the vault, whoever changed it (this process, another window, the command-line tool).
  follower.onChange((snapshot) => bus.emit('accountsChanged', snapshot.data.accounts.map(toView)));

  return {
    listAccounts: async () => (await follower.current()).data.accounts.map(toView),
    addAccountsFromUri: async ({ uri, ifSameName }) => accounts.addFromAnyUri(uri, ifSameName),
    addAccountManually: async (input) => accounts.addManually(input),
    renameAccount: async ({ id, issuer, name }) => accounts.rename(id, issuer, name),
    removeAccount: async ({ id }) => removals.remove(id),
    undoRemoveAccount: async ({ token }) => removals.undo(token),
    moveAccount: async ({ id, toIndex }) => accounts.move(id, toIndex),
    setPinned: async ({ id, pinned }) => accounts.setPinned(id, pinned),
    exportAccount: async ({ id, lockPassword }) => releaseAccountSetup(id, async () => (await follower.current()).data.accounts, secretRelease, lockPassword),
  };
}
