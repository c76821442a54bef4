import { useLayoutEffect, type RefObject } from 'react';

/** A tile's controls that take the focus, by their `data-part`. */
export type TilePart = 'copy' | 'details' | 'handle';

/** Which control of a tile held the focus, by its `data-part`. */
let pending: { id: string; part: string } | null = null;

/** The tiles on screen now, by account id. */
const shown = new Map<string, HTMLElement>();

/**
 * A tile that should take the focus as soon as it is on screen: after the full-screen view closes, after a delete (its
 * neighbour), after adding (the new tile), after an undo. It may not be rendered yet: the list is mounted in the same
 * commit, the account arrives with the next change event, or a virtualised list has yet to scroll to it. A wish that
 * is not met within WANT_MS is dropped, so a tile that merely appears later never grabs the focus.
 */
let wanted: { id: string; part: TilePart; until: number } | null = null;
const WANT_MS = 2000;
const revealers = new Set<(id: string) => void>();

/** Moves the focus to the tile of account `id` (its `part`), now if it is on screen, else as soon as it is. */
export function focusTile(id: string, part: TilePart): void {
  wanted = { id, part, until: performance.now() + WANT_MS };
  const element = shown.get(id);
  if (element) {
    takeWanted(element);
    return;
  }
  for (const reveal of revealers) reveal(id);
}

/** The tile the focus is waiting for, if it is still wanted. */
function wantedId(): string | null {
  if (wanted && performance.now() > wanted.until) wanted = null;
  return wanted?.id ?? null;
}

function takeWanted(element: HTMLElement): void {
  if (!wanted) return;
  const { part } = wanted;
  wanted = null;
  // The copy button of an account that needs verification is disabled: its details button then.
  const target = element.querySelector<HTMLElement>(`[data-part="${part}"]:not(:disabled)`) ?? element.querySelector<HTMLElement>('[data-part]:not(:disabled)');
  target?.focus();
}

/**
 * Lets a list that renders only some of its tiles (VirtualTileGrid) bring a wanted tile on screen: `reveal` is called
 * with the account's id when the focus is asked for, and now if it is waiting for one.
 */
export function useRevealWantedTile(reveal: ((id: string) => void) | null): void {
  useLayoutEffect(() => {
    if (!reveal) return;
    const id = wantedId();
    if (id !== null) reveal(id);
    revealers.add(reveal);
    return () => {
      revealers.delete(reveal);
    };
  }, [reveal]);
}

/**
 * Carries the keyboard focus from a tile that is replaced to its replacement within the same commit: attaching drag
 * and drop re-creates the shown tiles, and someone tabbing through the list must not be thrown back to the top.
 * React runs the old tile's clean-up (while it is still in the document) before the new tile's layout effect; the
 * hand-off expires after that commit, so a tile that merely reappears later never grabs the focus. A tile that
 * appears while it is wanted (focusTile) takes the focus.
 */
export function useFocusHandoff(id: string, tile: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = tile.current;
    if (element) {
      shown.set(id, element);
      if (pending?.id === id) {
        element.querySelector<HTMLElement>(`[data-part="${pending.part}"]`)?.focus();
        pending = null;
      } else if (wantedId() === id) {
        takeWanted(element);
      }
    }
    return () => {
      if (element && shown.get(id) === element) shown.delete(id);
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
