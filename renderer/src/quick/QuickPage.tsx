import { useState } from 'react';
import { IconSprite } from '../ui/icon-sprite.js';
import { QuickPicker, type QuickPickerOutcome } from './QuickPicker.js';

/**
 * The harness's /quick page: the picker as the app's picker window shows it. Where the app hides its window, the page
 * hides the picker and says so, with a button standing in for the global shortcut.
 */
export function QuickPage() {
  const [closed, setClosed] = useState<QuickPickerOutcome | null>(null);
  const [opened, setOpened] = useState(0);
  return (
    <main className="quick-page">
      <IconSprite />
      {closed === null ? (
        <QuickPicker key={opened} onDone={setClosed} />
      ) : (
        <div className="quick-closed">
          <p role="status">{closed === 'copied' ? 'Copied. The quick picker is hidden.' : 'The quick picker is hidden.'}</p>
          <button
            type="button"
            onClick={() => {
              setOpened((n) => n + 1);
              setClosed(null);
            }}
          >
            Open quick picker
          </button>
        </div>
      )}
    </main>
  );
}
