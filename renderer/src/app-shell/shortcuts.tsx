import { useEffect, type RefObject } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';

const MAC = navigator.userAgent.includes('Mac');
const MOD = MAC ? '⌘' : 'Ctrl';

/** What the keyboard does in the main window: the `?` overlay lists these. */
export const SHORTCUTS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ['/'], does: 'Search (or just start typing)' },
  { keys: [`${MOD}+F`], does: 'Search' },
  { keys: ['↓'], does: 'From the search, on to the first account it shows' },
  { keys: ['Enter'], does: 'In the search, copy the code when one account matches' },
  { keys: ['←', '↑', '→', '↓'], does: 'Move between accounts' },
  { keys: ['Home', 'End'], does: 'First or last account' },
  { keys: ['Enter'], does: 'Copy the code of the focused account' },
  { keys: [`${MOD}+C`], does: 'Copy the code of the focused account' },
  { keys: ['Alt+↑', 'Alt+↓'], does: 'Move the focused account up or down the list' },
  { keys: ['Esc'], does: 'Clear the search, close a view or dialog' },
  { keys: [`${MOD}+Z`], does: 'Undo a delete' },
  { keys: [`${MOD}+L`], does: 'Lock the app (with the app lock on)' },
  { keys: ['?'], does: 'This list' },
];

/**
 * The tile list's keys outside any field: `/` or Ctrl/Cmd+F go to the search box, and so does any letter or digit
 * typed while no field has the focus (the key then types into it); `?` opens the list of shortcuts. Off while
 * `enabled` is false (another view, a dialog).
 */
export function useSearchKeys(searchBox: RefObject<HTMLInputElement | null>, enabled: boolean, onHelp: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const box = searchBox.current;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        box?.focus();
        return;
      }
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, [contenteditable="true"], [role="menu"]')) return;
      if (event.key === '?') {
        event.preventDefault();
        onHelp();
      } else if (event.key === '/') {
        event.preventDefault();
        box?.focus();
        box?.select();
      } else if (box && /^[\p{L}\p{N}]$/u.test(event.key)) {
        // Focused during the key press, the box receives the character itself.
        box.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchBox, enabled, onHelp]);
}

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose}>
      <dl className="shortcuts">
        {SHORTCUTS.map(({ keys, does }) => (
          <div key={does + keys.join()} className="shortcut">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}
