import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { AccountView } from '../../shared/account.js';

// Must match the grid in styles.css: tiles at least 290 px wide, 12 px apart, each row ROW_HEIGHT tall.
const MIN_TILE_WIDTH = 290;
const GAP = 12;
const ROW_HEIGHT = 134;

/** Where a tile sits when the list is virtualised, and its place in the whole list for assistive technology. */
export interface TilePlacement {
  top: number;
  /** CSS lengths relative to the list's width, so a width change that keeps the column count re-renders nothing. */
  left: string;
  width: string;
  positionInSet: number;
  setSize: number;
}

/** How the grid fits the window: tiles per row, and where the list starts on the page. */
export interface GridLayout {
  columns: number;
  offset: number;
}

interface Props {
  accounts: readonly AccountView[];
  renderTile(account: AccountView, placement: TilePlacement): ReactNode;
  /** The last measured layout, kept by the parent: a grid re-created by a search starts from it instead of measuring. */
  layout: GridLayout | null;
  onLayout(layout: GridLayout): void;
}

/**
 * Above a few dozen accounts only the rows near the viewport are rendered (TanStack Virtual, by rows of the
 * grid), so a thousand accounts cost what thirty do at every rollover and keystroke. Each tile keeps its place in
 * the whole list for assistive technology (aria-setsize / aria-posinset).
 */
export function VirtualTileGrid({ accounts, renderTile, layout, onLayout }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const known = layout !== null;

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () =>
      onLayout({ columns: Math.max(1, Math.floor((element.clientWidth + GAP) / (MIN_TILE_WIDTH + GAP))), offset: element.getBoundingClientRect().top + window.scrollY });
    // The first time, measured before the first paint, so the tiles are rendered once, in the right number of columns;
    // afterwards the observer's first report (after layout, without forcing one) confirms or corrects the layout.
    if (!known) measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [onLayout]); // not `known`: it matters only when the grid is created

  const { columns, offset } = layout ?? { columns: 1, offset: 0 };
  const rows = useWindowVirtualizer({ count: Math.ceil(accounts.length / columns), estimateSize: () => ROW_HEIGHT, overscan: 3, scrollMargin: offset });
  const width = `calc((100% - ${GAP * (columns - 1)}px) / ${columns})`;

  return (
    <ul ref={list} className="tiles virtual" aria-label="Accounts" style={{ height: rows.getTotalSize() }}>
      {!known
        ? null
        : rows.getVirtualItems().flatMap((row) =>
            accounts.slice(row.index * columns, row.index * columns + columns).map((account, column) =>
              renderTile(account, {
                top: row.start - offset,
                left: `calc((100% + ${GAP}px) * ${column} / ${columns})`,
                width,
                positionInSet: row.index * columns + column + 1,
                setSize: accounts.length,
              }),
            ),
          )}
    </ul>
  );
}
