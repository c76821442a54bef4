import { useEffect, useState } from 'react';

/** The rows to render: from `first` up to, not including, `end`. */
export interface RowRange {
  first: number;
  end: number;
}

/**
 * Which rows of a list of equal-height rows, starting `offset` px down the page, the window shows, with `overscan`
 * rows more on each side. Plain arithmetic on the scroll position: a general virtualiser (TanStack Virtual, used
 * here before) measures every row up front so rows may differ in height, which cost a third of the list's first
 * render. The component re-renders only when the scroll crosses a row boundary or the window's height changes.
 */
export function useWindowRows(rowCount: number, rowHeight: number, offset: number, overscan: number): RowRange {
  // Read while rendering, before this render changes the page, so it forces no layout.
  const [view, setView] = useState(() => ({ y: window.scrollY, height: window.innerHeight }));
  const rowAt = (y: number) => Math.floor((y - offset) / rowHeight);
  useEffect(() => {
    const update = () =>
      setView((seen) => (rowAt(seen.y) === rowAt(window.scrollY) && seen.height === window.innerHeight ? seen : { y: window.scrollY, height: window.innerHeight }));
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [offset, rowHeight]); // all that rowAt reads
  const top = rowAt(view.y);
  const first = Math.min(rowCount, Math.max(0, top - overscan));
  return { first, end: Math.min(rowCount, Math.max(first, top + Math.ceil(view.height / rowHeight) + 1 + overscan)) };
}
