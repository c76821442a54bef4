import { useCallback, useState } from 'react';

// Must match the grid in styles.css: tiles at least 290 px wide, 12 px apart.
const MIN_TILE_WIDTH = 290;
const GAP = 12;

/** How the tile grid fits the window: tiles per row, and where the list starts on the page. */
export interface GridLayout {
  columns: number;
  offset: number;
}

/**
 * Measures the element the tile list fills (the main area) from the window's first frame, while it still shows the
 * empty state or nothing: when the accounts arrive, the list renders its tiles at once, in the right number of columns,
 * instead of rendering, measuring itself and rendering again. The observer reports after layout, so measuring forces
 * none; a width change that keeps the column count (a scrollbar appearing) changes nothing.
 */
export function useGridLayout(): [(element: HTMLElement | null) => () => void, GridLayout | null] {
  const [layout, setLayout] = useState<GridLayout | null>(null);
  const observe = useCallback((element: HTMLElement | null) => {
    const observer = new ResizeObserver(([entry]) => {
      if (!element || !entry) return;
      const columns = Math.max(1, Math.floor((entry.contentRect.width + GAP) / (MIN_TILE_WIDTH + GAP)));
      const offset = element.getBoundingClientRect().top + window.scrollY;
      setLayout((known) => (known?.columns === columns && known.offset === offset ? known : { columns, offset }));
    });
    if (element) observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [observe, layout];
}
