import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { wrapTab } from './ModalDialog.js';
import './layer.css';

const Closing = createContext(false);

/**
 * True while the layer around the caller animates out. What it shows then is its last frame, not re-rendered for new
 * props; a part that must go at once (a shown setup key) asks this and unmounts.
 */
export function useLayerClosing(): boolean {
  return useContext(Closing);
}

interface Props {
  /** Up while true. Turned false, it animates out showing what it showed last, inert, and is then removed. */
  open: boolean;
  /** The id of the heading inside that names it. */
  labelledBy: string;
  /** The element whose bottom edge the layer's surface starts at: the app's header, dimmed under the scrim. */
  below: RefObject<HTMLElement | null>;
  /** A click on the scrim. (Escape and Back belong to what the layer shows, which knows what to close first.) */
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal surface over the page, at the highest elevation, over a scrim that dims everything: the page's owner makes
 * what lies under it inert (it stays mounted: the tile list keeps its scroll position, search and drag state). The
 * surface is a dialog (aria-modal) that keeps Tab inside it, slides and fades in and out with the design system's
 * durations (none under reduced motion), and holds the page's scroll still while it is up.
 *
 * Not a native modal <dialog> (ModalDialog): showModal puts it in the top layer, where nothing of the page can show
 * above it and everything outside it is inert, the toast too (its "Copied" live region would go unheard); nor a library:
 * inert, aria-modal and wrapTab are all it needs.
 */
export function Layer({ open, labelledBy, below, onClose, children }: Props) {
  const [present, setPresent] = useState(open);
  if (open && !present) setPresent(true);
  // What it showed last, for the way out (the account may be gone by then).
  const shown = useRef(children);
  if (open) shown.current = children;
  const root = useRef<HTMLDivElement>(null);
  const top = useBottomEdge(below, present);
  useScrollLock(open);

  useEffect(() => {
    const element = root.current;
    if (open || !present || !element) return;
    let current = true;
    const gone = () => current && setPresent(false);
    // Its own exit animations only: the code's ring inside runs for a whole period.
    Promise.all([...element.children].flatMap((child) => child.getAnimations()).map((animation) => animation.finished)).then(gone, gone);
    return () => {
      current = false;
    };
  }, [open, present]);

  if (!present) return null;
  return (
    <div ref={root} className={`layer${open ? '' : ' closing'}`} inert={!open} style={{ '--layer-top': `${top}px` } as CSSProperties}>
      <div className="layer-scrim" aria-hidden="true" onClick={onClose} />
      <div className="layer-surface" role="dialog" aria-modal="true" aria-labelledby={labelledBy} onKeyDown={keepTabInside}>
        <Closing value={!open}>{shown.current}</Closing>
      </div>
    </div>
  );
}

function keepTabInside(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
  // A modal dialog opened from the layer (the recover dialog) keeps Tab inside itself.
  if (event.target instanceof Element && event.target.closest('dialog')) return;
  wrapTab(event.currentTarget, event);
}

/** The bottom edge of `element` in the window, kept up to date while `active`. */
function useBottomEdge(element: RefObject<HTMLElement | null>, active: boolean): number {
  const [edge, setEdge] = useState(0);
  useLayoutEffect(() => {
    const target = element.current;
    if (!active || !target) return;
    const measure = () => setEdge(Math.max(0, target.getBoundingClientRect().bottom));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, active]);
  return edge;
}

/**
 * Holds the page still under the layer: a wheel over the scrim would otherwise scroll the list away from where it was.
 * The scrollbar's gutter stays (styles.css keeps it always), so the page does not change width and re-flow its grid.
 */
function useScrollLock(locked: boolean): void {
  useLayoutEffect(() => {
    const page = document.documentElement;
    if (!locked || page.scrollHeight <= page.clientHeight) return;
    const { overflow } = page.style;
    page.style.overflow = 'hidden';
    return () => {
      page.style.overflow = overflow;
    };
  }, [locked]);
}
