import { X } from 'lucide-react';
import { useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

interface Props {
  /** The heading, which names the dialog. */
  title: ReactNode;
  /** The id of the text that describes the dialog, if any (inside `children`). */
  describedBy?: string;
  /** The Close button, Escape and the dialog closing otherwise: the owner then stops rendering it. */
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal dialog over the page (the Add account dialog, the recover dialog): open while it is rendered, Tab kept
 * inside it, its heading with a Close button at the top, the focus back on the opener once it is gone.
 */
export function ModalDialog({ title, describedBy, onClose, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModalDialog(dialog);
  return (
    <dialog ref={dialog} className="modal-dialog" aria-labelledby={titleId} aria-describedby={describedBy} onClose={onClose} onCancel={onClose}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <X aria-hidden="true" size={18} />
        </button>
      </div>
      {children}
    </dialog>
  );
}

/**
 * Opens `dialog` as a modal (showModal: the page behind is inert, Escape cancels) while the component is mounted, and
 * keeps Tab inside it.
 *
 * showModal alone does not: Chromium makes the page behind inert, but Tab past the dialog's last control (or Shift+Tab
 * before its first) leaves the document for the browser's own UI, as a browser lets you reach its address bar. The
 * page is left with the focus on its body, behind the backdrop (in the harness, and in Electron, which has no browser
 * UI to take it); the next Tab starts again at the top of the dialog. It showed most where the last control before the
 * edge is a field whose button is disabled until it is filled in (Paste link): the first Tab already fell out. So at
 * the edges Tab wraps, over the controls that really take the focus (enabled, shown, not taken out with tabindex=-1).
 *
 * Closed before React removes it (a layout effect's clean-up), the focus goes back to what had it before, as the
 * HTML dialog does on close; removed first, the focus would be left on the body.
 */
export function useModalDialog(dialog: RefObject<HTMLDialogElement | null>): void {
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const document = element.ownerDocument;
    const opener = document.activeElement;
    element.showModal();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey) wrapTab(element, event);
    };
    element.addEventListener('keydown', onKeyDown);
    return () => {
      element.removeEventListener('keydown', onKeyDown);
      const focusInside = element.contains(document.activeElement);
      element.close();
      if ((focusInside || document.activeElement === document.body) && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [dialog]);
}

/** Tab at the last stop of `dialog` goes round to its first, Shift+Tab at the first to its last (also the Layer's). */
export function wrapTab(dialog: HTMLElement, event: Pick<KeyboardEvent, 'shiftKey' | 'preventDefault'>): void {
  const stops = tabStops(dialog);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = dialog.ownerDocument.activeElement;
  const outside = !(active instanceof Node) || !dialog.contains(active);
  if (event.shiftKey && (active === first || outside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || outside)) {
    event.preventDefault();
    first.focus();
  }
}

const CANDIDATES = 'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"], audio[controls], video[controls]';

/** The dialog's controls that Tab stops at, in document order (positive tabindex is not used in this app). */
export function tabStops(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CANDIDATES)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !element.matches(':disabled') &&
      !element.closest('[inert]') &&
      // display:none, visibility:hidden and closed <details> content (a visually hidden control still takes the focus).
      element.checkVisibility({ visibilityProperty: true }) &&
      !isUnselectedRadio(element),
  );
}

/** Tab enters a group of radio buttons at its checked one (arrows move inside it). */
function isUnselectedRadio(element: HTMLElement): boolean {
  if (!(element instanceof HTMLInputElement) || element.type !== 'radio' || element.checked || !element.name) return false;
  const group = element.form?.elements.namedItem(element.name);
  return group instanceof RadioNodeList && group.value !== '';
}
