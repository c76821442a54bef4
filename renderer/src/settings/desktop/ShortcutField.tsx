import { useId, useState, type KeyboardEvent } from 'react';
import { shortcutFromKeyPress, shortcutLabel } from '../../../../shared/quick-shortcut.js';

const MAC = navigator.userAgent.includes('Mac');

/**
 * A field that records a key combination: press the button, then the keys. Escape or leaving the field keeps the old
 * one; a key without Ctrl, Alt or ⌘ is not taken (it would swallow typing everywhere) and the field says why.
 */
export function ShortcutField({ value, labelledBy, disabled, onChange }: { value: string; labelledBy: string; disabled?: boolean; onChange(accelerator: string): void }) {
  const [recording, setRecording] = useState(false);
  const id = useId();
  const [problem, setProblem] = useState(false);
  const stop = () => {
    setRecording(false);
    setProblem(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    // The keys are the shortcut being recorded: not the window's own shortcuts, not Escape going back a page.
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') return stop();
    if (['Control', 'Alt', 'Shift', 'Meta'].includes(event.key)) return;
    const accelerator = shortcutFromKeyPress(event, MAC);
    if (accelerator === null) return setProblem(true);
    stop();
    onChange(accelerator);
  };
  return (
    <span className="shortcut-field">
      <button
        type="button"
        className={recording ? 'secondary shortcut-keys recording' : 'secondary shortcut-keys'}
        id={id}
        // Named by the row's label and by itself, so a screen reader says the shortcut too ("… Ctrl+Alt+A").
        aria-labelledby={`${labelledBy} ${id}`}
        aria-describedby={recording ? 'shortcut-recording' : undefined}
        disabled={disabled}
        onClick={() => (recording ? stop() : setRecording(true))}
        onKeyDown={onKeyDown}
        onBlur={stop}
      >
        {recording ? 'Press the keys…' : <kbd>{shortcutLabel(value, MAC) ?? value}</kbd>}
      </button>
      {recording && (
        <span id="shortcut-recording" className="hint" role="status">
          {problem ? `Hold ${MAC ? '⌘, ⌥ or ⌃' : 'Ctrl or Alt'} with a letter, digit or function key.` : 'Escape keeps the one you have.'}
        </span>
      )}
    </span>
  );
}
