import { CircleCheck, CircleX, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';

/** A short confirmation: what just happened, and at most one thing to do about it (Undo). */
export interface ToastMessage {
  text: string;
  /** How it looks: its mark and edge by severity (ui/tokens.css); info when not said. */
  tone?: 'info' | 'success' | 'error';
  /** Its button; `keyShortcut` as aria-keyshortcuts, `keyHint` in words ("Ctrl+Z undoes it"), for screen readers, when it has one. */
  action?: { label: string; accessibleLabel: string; keyShortcut?: string; keyHint?: string; run(): void };
  /** How long it shows, from now; it stays while the pointer or the keyboard focus is on it. */
  showMs: number;
}

export const TOAST_MS = 5000;

/**
 * One toast at a time: showing another replaces it. `show` may be called from any handler; the page keeps the state.
 */
export function useToast(): { toast: (ToastMessage & { serial: number }) | null; show(message: ToastMessage): void; dismiss(): void } {
  const [toast, setToast] = useState<(ToastMessage & { serial: number }) | null>(null);
  const serial = useRef(0);
  const show = useCallback((message: ToastMessage) => setToast({ ...message, serial: ++serial.current }), []);
  const dismiss = useCallback(() => setToast(null), []);
  return { toast, show, dismiss };
}

/**
 * The visible confirmation of copy, add and delete, at the bottom of the window. Its text is a polite live region
 * (present, empty, from the start, so screen readers hear each new message, a repeated one too: each message is a new
 * node). It never takes the focus; its Undo and Dismiss buttons come last in the Tab order, after the tiles. It goes
 * by itself after a few seconds, but not while the pointer or the focus is on it; Dismiss (or Escape on it) closes it
 * and puts the focus back where it came from. Its action has a keyboard shortcut too (Ctrl/Cmd+Z for Undo, App), since
 * the button comes after every tile in the Tab order.
 */
export function Toast({ toast, onDismiss }: { toast: (ToastMessage & { serial: number }) | null; onDismiss(): void }) {
  const element = useRef<HTMLDivElement>(null);
  const dismissButton = useRef<HTMLButtonElement>(null);
  const cameFrom = useRef<HTMLElement | null>(null);

  // Its time up, it goes unless the pointer or the focus is on it; then it looks again a second later. (Read from the
  // page when the time is up: a focused button that is removed sends no blur to keep count with.)
  useEffect(() => {
    if (!toast) return;
    let timer = window.setTimeout(function check() {
      const box = element.current;
      if (box && (box.matches(':hover') || box.contains(box.ownerDocument.activeElement))) timer = window.setTimeout(check, 1000);
      else onDismiss();
    }, toast.showMs);
    return () => window.clearTimeout(timer);
  }, [toast, onDismiss]);

  // An action that failed (Undo said it is too late) replaced its toast with one without the button that had the
  // focus: the focus goes to Dismiss, beside where the button was. (A success moves it on itself: focusTile.)
  const actionHadFocus = useRef(false);
  useEffect(() => {
    if (actionHadFocus.current && toast?.tone === 'error' && !toast.action && element.current?.ownerDocument.activeElement === element.current?.ownerDocument.body) {
      dismissButton.current?.focus();
    }
    actionHadFocus.current = false;
  }, [toast]);

  const close = () => {
    const back = cameFrom.current;
    cameFrom.current = null;
    onDismiss();
    if (back?.isConnected) back.focus();
  };

  return (
    <div
      ref={element}
      className={`toast${toast ? ' shown' : ''}${toast?.tone && toast.tone !== 'info' ? ` ${toast.tone}` : ''}`}
      onFocus={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) cameFrom.current = event.relatedTarget instanceof HTMLElement ? event.relatedTarget : null;
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && toast) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <p className="toast-text" role="status">
        {toast?.tone === 'success' ? <CircleCheck className="toast-mark" aria-hidden="true" size={18} /> : null}
        {toast?.tone === 'error' ? <CircleX className="toast-mark" aria-hidden="true" size={18} /> : null}
        {toast ? (
          <span key={toast.serial}>
            {toast.text}
            {toast.action?.keyHint ? <span className="visually-hidden">. {toast.action.keyHint}</span> : null}
          </span>
        ) : null}
      </p>
      {toast?.action ? (
        <button
          type="button"
          className="toast-action"
          aria-label={toast.action.accessibleLabel}
          aria-keyshortcuts={toast.action.keyShortcut}
          title={toast.action.keyHint}
          onClick={() => {
            actionHadFocus.current = element.current?.ownerDocument.activeElement instanceof HTMLButtonElement;
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      {toast ? (
        <button type="button" ref={dismissButton} className="toast-dismiss" aria-label="Dismiss" title="Dismiss" onClick={close}>
          <X aria-hidden="true" size={16} />
        </button>
      ) : null}
    </div>
  );
}
