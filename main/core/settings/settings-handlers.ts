import type { Settings } from '../../../shared/settings.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';

/** The app's settings, kept in the vault; every open window hears of a change made anywhere (a restore, another process). */
export function settingsHandlers({ follower, accounts, bus }: CoreContext): FeatureHandlers<'getSettings' | 'updateSettings'> {
  follower.onChange((snapshot, previous) => {
    if (previous && !sameSettings(previous.data.settings, snapshot.data.settings)) bus.emit('settingsChanged', snapshot.data.settings);
  });
  return {
    getSettings: async () => accounts.settings(),
    updateSettings: async (patch) => accounts.updateSettings(patch),
  };
}

/** Field by field, so the order a vault happens to store them in does not count. */
function sameSettings(a: Settings, b: Settings): boolean {
  return (Object.keys(a) as (keyof Settings)[]).every((key) => Object.is(a[key], b[key])) && Object.keys(a).length === Object.keys(b).length;
}
