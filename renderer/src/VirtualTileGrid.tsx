import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { AccountView } from '../../shared/account.js';

// Must match the grid in styles.css: tiles at least 290 px wide, 12 px apart, each row ROW_HEIGHT tall.
const MIN_TILE_WIDTH = 290;
const GAP = 12;
const ROW_HEIGHT = 134;

/**
 * Above a few dozen accounts only the rows near the viewport are rendered (TanStack Virtual, by rows of the
 * grid), so a thousand accounts cost what thirty do at every rollover and keystroke. Each tile keeps its place in
 * the whole list for assistive technology (aria-setsize / aria-posinset).
 */
export interface TilePlacement {
  top: number;
  left: number;
  width: number;
  positionInSet: number;
  setSize: number;
}

export function VirtualTileGrid({ accounts, renderTile }: { accounts: readonly AccountView[]; renderTile(account: AccountView, placement: TilePlacement): ReactNode }) {
  const list = useRef<HTMLUListElement>(null);
  const [width, setWidth] = useState(0);
  const [offset, setOffset] = useState(0);

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setWidth(element.clientWidth);
      setOffset(element.getBoundingClientRect().top + window.scrollY);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_TILE_WIDTH + GAP)));
  const tileWidth = columns > 0 && width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_TILE_WIDTH;
  const rows = useWindowVirtualizer({ count: Math.ceil(accounts.length / columns), estimateSize: () => ROW_HEIGHT, overscan: 3, scrollMargin: offset });

  return (
    <ul ref={list} className="tiles virtual" aria-label="Accounts" style={{ height: rows.getTotalSize() }}>
      {rows.getVirtualItems().flatMap((row) =>
        accounts.slice(row.index * columns, row.index * columns + columns).map((account, column) =>
          renderTile(account, {
            top: row.start - offset,
            left: column * (tileWidth + GAP),
            width: tileWidth,
            positionInSet: row.index * columns + column + 1,
            setSize: accounts.length,
          }),
        ),
      )}
    </ul>
  );
}
