import { useEffect, useState } from 'react';

/** The rows to render: from `first` up to, not including, `end`. */
export interface RowRange {
  first: number;
  end: number;
}

/** `count` rows of `height` px, the first `offset` px down the page. */
export interface Rows {
  count: number;
  height: number;
  offset: number;
}

/** The row at `y` px down the page (negative above the first). */
function rowAt(rows: Pick<Rows, 'height' | 'offset'>, y: number): number {
  return Math.floor((y - rows.offset) / rows.height);
}

/** The rows that meet a window scrolled to `scrollY` and `viewportHeight` tall, with `overscan` rows more each side. */
export function rowsInView(rows: Rows, scrollY: number, viewportHeight: number, overscan: number): RowRange {
  const top = rowAt(rows, scrollY);
  const first = Math.min(rows.count, Math.max(0, top - overscan));
  // One row more than fit, for the one cut by the window's bottom edge.
  return { first, end: Math.min(rows.count, Math.max(first, top + Math.ceil(viewportHeight / rows.height) + 1 + overscan)) };
}

/**
 * The rows the window shows (rowsInView), kept current as it scrolls and resizes. Plain arithmetic on the scroll
 * position, since every row has the same height: a general virtualiser (TanStack Virtual, used here before)
 * measures every row up front so rows may differ, which cost a third of the list's first render. The component
 * re-renders only when the scroll crosses a row boundary or the window's height changes.
 */
export function useWindowRows(rows: Rows, overscan: number): RowRange {
  // Read while rendering, before this render changes the page, so it forces no layout.
  const [view, setView] = useState(() => ({ y: window.scrollY, height: window.innerHeight }));
  const { height, offset } = rows;
  useEffect(() => {
    const placed = { height, offset };
    // Read here, not in the updater, which React may run later, while it renders.
    const update = () => {
      const now = { y: window.scrollY, height: window.innerHeight };
      setView((seen) => (rowAt(placed, seen.y) === rowAt(placed, now.y) && seen.height === now.height ? seen : now));
    };
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    // A scroll between the render and now, or rows that moved (a new offset): checked with the next frame, whose
    // layout it then shares, rather than now, which would force a layout of the tiles just rendered.
    const frame = requestAnimationFrame(update);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [height, offset]);
  return rowsInView(rows, view.y, view.height, overscan);
}
