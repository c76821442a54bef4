import { useCallback, type ReactNode } from 'react';
import { useRevealWantedTile } from './focus-handoff.js';
import type { GridLayout } from './use-grid-layout.js';
import { useWhenIdle } from './use-when-idle.js';
import { useWindowRows } from './use-window-rows.js';
import type { AccountView } from '../../../shared/account.js';

// Must match the grid in app-shell/styles.css: tiles 122 px tall, 12 px apart: a row every 134 px.
const ROW_HEIGHT = 134;
/** Rows rendered beyond the viewport once the page has been idle, so scrolling rarely meets an empty row. */
const OVERSCAN = 3;

/** A tile's place in the whole list, for assistive technology, when only some tiles are rendered. */
export interface TilePlacement {
  positionInSet: number;
  setSize: number;
}

interface Props {
  accounts: readonly AccountView[];
  renderTile(account: AccountView, placement: TilePlacement): ReactNode;
  /** Measured by the page before the list shows (useGridLayout); no tile is rendered until it is known. */
  layout: GridLayout | null;
}

/**
 * Above a few dozen accounts only the rows of the grid near the viewport are rendered (useWindowRows), so a thousand
 * accounts cost what thirty do at every rollover and keystroke. Each tile keeps its place in the whole list for
 * assistive technology (aria-setsize / aria-posinset).
 */
export function VirtualTileGrid({ accounts, renderTile, layout }: Props) {
  const known = layout !== null;
  const { columns, offset } = layout ?? { columns: 1, offset: 0 };
  // The first frame renders only the rows in view; the rows around them follow in idle time.
  const overscan = useWhenIdle(known) ? OVERSCAN : 0;
  const rowCount = known ? Math.ceil(accounts.length / columns) : 0;
  const { first, end } = useWindowRows({ count: rowCount, height: ROW_HEIGHT, offset }, overscan);

  // A tile that should take the focus (focusTile) but is not rendered: scroll its row to the middle of the window; the
  // scroll renders it (useWindowRows), and it takes the focus as it appears.
  const reveal = useCallback(
    (id: string) => {
      const index = accounts.findIndex((account) => account.id === id);
      if (index < 0) return;
      const row = Math.floor(index / columns);
      if (row >= first && row < end) return; // rendered: it takes the focus itself
      window.scrollTo({ top: Math.max(0, offset + row * ROW_HEIGHT - (window.innerHeight - ROW_HEIGHT) / 2), behavior: 'instant' });
    },
    [accounts, columns, offset, first, end],
  );
  useRevealWantedTile(known ? reveal : null);

  // The shown rows flow in the list's own CSS grid, pushed down by padding to where they belong: no tile is placed
  // one by one, and a width change that keeps the column count (a scrollbar appearing) re-renders nothing.
  return (
    <ul
      className="tiles virtual"
      aria-label="Accounts"
      style={{ height: rowCount * ROW_HEIGHT, paddingTop: first * ROW_HEIGHT, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {accounts
        .slice(first * columns, end * columns)
        .map((account, index) => renderTile(account, { positionInSet: first * columns + index + 1, setSize: accounts.length }))}
    </ul>
  );
}
