import { useCallback, useEffect, useState } from 'react';
import { defaultSettings } from '../../../shared/default-settings.js';
import type { Settings } from '../../../shared/settings.js';
import { call, on } from '../app-shell/api.js';

/**
 * App settings from the vault, kept current by main's settingsChanged (a change here, in another window, by a
 * restore or by another process); changes are saved at once and applied (the theme to the document root).
 */
export function useSettings(): [Settings, (patch: Partial<Settings>) => Promise<void>] {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    let pushed = false;
    const off = on('settingsChanged', (next) => {
      pushed = true;
      setSettings(next);
    });
    // A reply read before a change that was pushed meanwhile would be older than what the event brought.
    call('getSettings').then((loaded) => pushed || setSettings(loaded), () => undefined);
    return off;
  }, []);
  useEffect(() => {
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);
  // Shown at once, then replaced by what main saved (or put back if saving failed).
  const update = useCallback(async (patch: Partial<Settings>) => {
    let before: Settings | undefined;
    setSettings((current) => {
      before = current;
      return { ...current, ...patch };
    });
    try {
      setSettings(await call('updateSettings', patch));
    } catch {
      if (before) setSettings(before);
    }
  }, []);
  return [settings, update];
}
