import { useCallback, useState } from 'react';

// Must match the grid in app-shell/styles.css: tiles at least 290 px wide, 12 px apart.
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
 * none; a width change that keeps the column count (a scrollbar appearing) changes nothing. (React calls the
 * returned clean-up instead of calling the ref with null.)
 */
export function useGridLayout(): [(element: HTMLElement) => () => void, GridLayout | null] {
  const [layout, setLayout] = useState<GridLayout | null>(null);
  const observe = useCallback((element: HTMLElement) => {
    const observer = new ResizeObserver(() => {
      const columns = Math.max(1, Math.floor((element.clientWidth + GAP) / (MIN_TILE_WIDTH + GAP)));
      const offset = element.getBoundingClientRect().top + window.scrollY;
      setLayout((known) => (known?.columns === columns && known.offset === offset ? known : { columns, offset }));
    });
    observer.observe(element);
    // The parent changes size when what sits above the element does (the header), which moves the element.
    if (element.parentElement) observer.observe(element.parentElement);
    return () => observer.disconnect();
  }, []);
  return [observe, layout];
}
