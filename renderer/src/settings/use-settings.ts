import { useCallback, useEffect, useRef, useState } from 'react';
import { defaultSettings } from '../../../shared/default-settings.js';
import type { Settings } from '../../../shared/settings.js';
import { call, on } from '../app-shell/api.js';

/**
 * App settings from the vault, kept current by main's settingsChanged (a change here, in another window, by a
 * restore or by another process); changes are saved at once and applied (the theme to the document root).
 */
export function useSettings(): [Settings, (patch: Partial<Settings>) => Promise<void>] {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  // What main last said, and the changes made here that main has not answered yet: shown together, so an answer to
  // an earlier change (or its settingsChanged) never undoes a later one still on its way (two switches in a row).
  const saved = useRef<Settings>(defaultSettings);
  const pending = useRef<Partial<Settings>[]>([]);
  const show = useCallback(() => setSettings(Object.assign({}, saved.current, ...pending.current) as Settings), []);
  useEffect(() => {
    let pushed = false;
    const off = on('settingsChanged', (next) => {
      pushed = true;
      saved.current = next;
      show();
    });
    // A reply read before a change that was pushed meanwhile would be older than what the event brought.
    call('getSettings').then(
      (loaded) => {
        if (pushed) return;
        saved.current = loaded;
        show();
      },
      () => undefined,
    );
    return off;
  }, [show]);
  useEffect(() => {
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);
  // Shown at once, then replaced by what main saved (or dropped if saving failed).
  const update = useCallback(
    async (patch: Partial<Settings>) => {
      pending.current = [...pending.current, patch];
      show();
      try {
        saved.current = await call('updateSettings', patch);
      } catch {
        // Not saved: only this change goes; what main holds, and later changes, stay.
      } finally {
        pending.current = pending.current.filter((p) => p !== patch);
        show();
      }
    },
    [show],
  );
  return [settings, update];
}
