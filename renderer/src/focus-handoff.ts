import { useLayoutEffect, type RefObject } from 'react';

/** Which control of a tile held the focus, by its `data-part`. */
let pending: { id: string; part: string } | null = null;

/**
 * Carries the keyboard focus from a tile that is replaced to its replacement within the same commit: attaching drag
 * and drop re-creates the shown tiles, and someone tabbing through the list must not be thrown back to the top.
 * React runs the old tile's clean-up (while it is still in the document) before the new tile's layout effect; the
 * hand-off expires after that commit, so a tile that merely reappears later never grabs the focus.
 */
export function useFocusHandoff(id: string, tile: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = tile.current;
    if (element && pending?.id === id) {
      element.querySelector<HTMLElement>(`[data-part="${pending.part}"]`)?.focus();
      pending = null;
    }
    return () => {
      const focused = element?.ownerDocument.activeElement;
      const part = focused instanceof HTMLElement && element?.contains(focused) ? focused.dataset.part : undefined;
      if (!part) return;
      pending = { id, part };
      queueMicrotask(() => {
        if (pending?.id === id) pending = null;
      });
    };
  }, [id, tile]);
}
