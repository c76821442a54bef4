import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
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

/**
 * Above a few dozen accounts only the rows near the viewport are rendered (TanStack Virtual, by rows of the
 * grid), so a thousand accounts cost what thirty do at every rollover and keystroke. Each tile keeps its place in
 * the whole list for assistive technology (aria-setsize / aria-posinset).
 */
export function VirtualTileGrid({ accounts, renderTile }: { accounts: readonly AccountView[]; renderTile(account: AccountView, placement: TilePlacement): ReactNode }) {
  const list = useRef<HTMLUListElement>(null);
  const [columns, setColumns] = useState(0);
  const [offset, setOffset] = useState(0);

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => {
      setColumns(Math.max(1, Math.floor((element.clientWidth + GAP) / (MIN_TILE_WIDTH + GAP))));
      setOffset(element.getBoundingClientRect().top + window.scrollY);
    };
    // Measured before the first paint, so the tiles are rendered once, in the right number of columns.
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const perRow = Math.max(1, columns);
  const rows = useWindowVirtualizer({ count: Math.ceil(accounts.length / perRow), estimateSize: () => ROW_HEIGHT, overscan: 3, scrollMargin: offset });
  const width = `calc((100% - ${GAP * (perRow - 1)}px) / ${perRow})`;

  return (
    <ul ref={list} className="tiles virtual" aria-label="Accounts" style={{ height: rows.getTotalSize() }}>
      {columns === 0
        ? null
        : rows.getVirtualItems().flatMap((row) =>
            accounts.slice(row.index * perRow, row.index * perRow + perRow).map((account, column) =>
              renderTile(account, {
                top: row.start - offset,
                left: `calc((100% + ${GAP}px) * ${column} / ${perRow})`,
                width,
                positionInSet: row.index * perRow + column + 1,
                setSize: accounts.length,
              }),
            ),
          )}
    </ul>
  );
}
