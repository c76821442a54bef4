import { useEffect, useState } from 'react';
import { call } from '../app-shell/api.js';
import { IconSprite } from '../ui/icon-sprite.js';
import { QuickPicker, type QuickPickerOutcome } from './QuickPicker.js';

/**
 * The /quick page: the app's quick picker window, and the harness's page of it. When the picker is done, main hides its
 * window (hideQuickPicker; nothing in the harness) and the page says so, with a button standing in for the global
 * shortcut. Each time the window is shown again the picker starts afresh (an empty search, the first account chosen).
 */
export function QuickPage() {
  const [closed, setClosed] = useState<QuickPickerOutcome | null>(null);
  const [opened, setOpened] = useState(0);
  const reopen = () => {
    setOpened((n) => n + 1);
    setClosed(null);
  };
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reopen();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  const done = (outcome: QuickPickerOutcome) => {
    setClosed(outcome);
    void call('hideQuickPicker').catch(() => undefined);
  };
  return (
    <main className="quick-page">
      <IconSprite />
      {closed === null ? (
        <QuickPicker key={opened} onDone={done} />
      ) : (
        <div className="quick-closed">
          <p role="status">{closed === 'copied' ? 'Copied. The quick picker is hidden.' : 'The quick picker is hidden.'}</p>
          <button type="button" onClick={reopen}>
            Open quick picker
          </button>
        </div>
      )}
    </main>
  );
}
