import type { CoreContext, FeatureHandlers } from '../core-context.js';

/** The vault file itself: putting back the previous version of a damaged one, and starting over when its key is lost. */
export function vaultHandlers({ vault, follower, accounts, appLock, log }: CoreContext): FeatureHandlers<'previousVaultVersion' | 'restorePreviousVault' | 'startOverVault'> {
  return {
    previousVaultVersion: async () => vault.previousGeneration(),
    restorePreviousVault: async () => accounts.restorePrevious(),
    startOverVault: async () => {
      const setAside = await vault.startOver();
      log.info(`the vault's key is lost: set it aside as ${setAside.join(', ')} and started with no accounts`);
      // A forgotten lock password: the new, empty vault has no lock.
      await appLock.vaultSetAside();
      await follower.current();
      return { setAside };
    },
  };
}
