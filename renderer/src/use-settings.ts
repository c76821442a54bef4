import { useCallback, useEffect, useState } from 'react';
import { defaultSettings } from '../../shared/default-settings.js';
import type { Settings } from '../../shared/settings.js';
import { call } from './api.js';

/** App settings from the vault; changes are saved at once and applied (the theme to the document root). */
export function useSettings(): [Settings, (patch: Partial<Settings>) => Promise<void>] {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  useEffect(() => {
    call('getSettings').then(setSettings, () => undefined);
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
