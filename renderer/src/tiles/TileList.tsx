import { useCallback, useMemo, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { AccountView } from '../../../shared/account.js';
import type { CodeStore } from '../accounts/code-store.js';
import { DragAndDrop } from './DragAndDrop.js';
import { focusTile } from './focus-handoff.js';
import { filterAccounts, searchFilter } from '../accounts/format.js';
import { SortableTile } from './SortableTile.js';
import { Tile } from './Tile.js';
import { useWhenIdle } from './use-when-idle.js';
import type { GridLayout } from './use-grid-layout.js';
import { VirtualTileGrid, type TilePlacement } from './VirtualTileGrid.js';

/** Beyond this many visible tiles only those near the viewport are rendered. */
const VIRTUALIZE_ABOVE = 60;

interface Props {
  accounts: readonly AccountView[];
  codes: CodeStore;
  search: string;
  hideCodes: boolean;
  /** How the grid fits the page, measured before the list shows. */
  layout: GridLayout | null;
  onCopy(account: AccountView): Promise<boolean>;
  onOpen(account: AccountView): void;
  onMove(account: AccountView, toIndex: number): void;
}

/**
 * The tiles, in the vault's order, filtered by the search. Alt+Up/Down on a focused tile moves it; drag and drop
 * (DragAndDrop) is attached once the tiles are shown, when the page is next idle: dnd-kit costs more to start than
 * the tiles themselves, and a filtered list cannot be reordered, so it never gets it.
 *
 * The grid is one tab stop (a roving focus): only the active tile, the last one focused, is in the Tab order; the arrow
 * keys move between tiles (Left/Right by one, Up/Down by a row), Home and End to the first and last.
 */
export function TileList({ accounts, codes, search, hideCodes, layout, onCopy, onOpen, onMove }: Props) {
  const visible = useMemo(() => filterAccounts(accounts, search), [accounts, search]);
  const reorderable = searchFilter(search) === null; // a filtered list cannot be reordered
  const dragReady = useWhenIdle(reorderable);
  const [chosen, setChosen] = useState<string | null>(null);
  const activeId = chosen !== null && visible.some((a) => a.id === chosen) ? chosen : (visible[0]?.id ?? null);
  const columns = layout?.columns ?? 1;

  const onFocus = useCallback((event: FocusEvent) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('li[data-id]')?.dataset.id;
    if (id) setChosen(id);
  }, []);
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || target.dataset.part !== 'copy') return;
      const id = target.closest<HTMLElement>('li[data-id]')?.dataset.id;
      const at = visible.findIndex((a) => a.id === id);
      const to = { ArrowLeft: at - 1, ArrowRight: at + 1, ArrowUp: at - columns, ArrowDown: at + columns, Home: 0, End: visible.length - 1 }[event.key];
      if (at < 0 || to === undefined) return;
      event.preventDefault();
      // Down from the last row stays put, rather than going sideways to the last tile.
      if (event.key === 'ArrowDown' && Math.floor(at / columns) === Math.floor((visible.length - 1) / columns)) return;
      const next = visible[Math.min(visible.length - 1, Math.max(0, to))];
      if (next && next.id !== id) {
        setChosen(next.id);
        focusTile(next.id, 'copy');
      }
    },
    [visible, columns],
  );

  const move = useCallback(
    (account: AccountView, delta: -1 | 1) => {
      const to = accounts.findIndex((a) => a.id === account.id) + delta;
      if (to >= 0 && to < accounts.length) onMove(account, to);
    },
    [accounts, onMove],
  );

  if (visible.length === 0) {
    return (
      <p className="empty" role="status">
        No account matches “{search.trim()}”.
      </p>
    );
  }
  // Attaching drag and drop re-creates the tiles; the focus goes along (useFocusHandoff).
  const TileKind = dragReady ? SortableTile : Tile;
  const firstId = visible[0]?.id;
  const lastId = visible.at(-1)?.id;
  const tile = (account: AccountView, placement?: TilePlacement) => (
    <TileKind
      key={account.id}
      account={account}
      codes={codes}
      hideCodes={hideCodes}
      reorderable={reorderable}
      first={account.id === firstId}
      last={account.id === lastId}
      active={account.id === activeId}
      onCopy={onCopy}
      onOpen={onOpen}
      onMove={move}
      placement={placement}
    />
  );
  const grid =
    visible.length > VIRTUALIZE_ABOVE ? (
      <VirtualTileGrid accounts={visible} renderTile={tile} layout={layout} />
    ) : (
      <ul className="tiles" aria-label="Accounts">
        {visible.map((account) => tile(account))}
      </ul>
    );
  return (
    <div className="tile-grid" onFocus={onFocus} onKeyDown={onKeyDown}>
      {dragReady ? (
        <DragAndDrop accounts={accounts} onMove={onMove}>
          {grid}
        </DragAndDrop>
      ) : (
        grid
      )}
    </div>
  );
}
