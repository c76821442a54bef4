import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, rectSortingStrategy, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useMemo } from 'react';
import type { AccountView, CodeView } from '../../shared/account.js';
import { accountLabel, matchesSearch } from './format.js';
import { Tile } from './Tile.js';
import { VirtualTileGrid, type TilePlacement } from './VirtualTileGrid.js';

/** Beyond this many visible tiles only those near the viewport are rendered. */
const VIRTUALIZE_ABOVE = 60;

interface Props {
  accounts: readonly AccountView[];
  codes: ReadonlyMap<string, CodeView>;
  search: string;
  hideCodes: boolean;
  onCopy(account: AccountView): void;
  onOpen(account: AccountView): void;
  onMove(account: AccountView, toIndex: number): void;
}

/**
 * The tiles, in the vault's order. Reordering uses dnd-kit (mouse, touch, and its keyboard pattern: Space to lift,
 * arrows to move, Space to drop, with screen-reader announcements) plus Alt+Up/Down on a focused tile.
 */
export function TileList({ accounts, codes, search, hideCodes, onCopy, onOpen, onMove }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const visible = useMemo(() => accounts.filter((a) => matchesSearch(a, search)), [accounts, search]);
  const sortable = search.trim() === '';
  const ids = useMemo(() => visible.map((a) => a.id), [visible]);
  const indexOf = useCallback((id: string) => accounts.findIndex((a) => a.id === id), [accounts]);

  const move = useCallback(
    (account: AccountView, delta: -1 | 1) => {
      const to = indexOf(account.id) + delta;
      if (to >= 0 && to < accounts.length) onMove(account, to);
    },
    [accounts.length, indexOf, onMove],
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const account = accounts.find((a) => a.id === active.id);
    if (account) onMove(account, indexOf(String(over.id)));
  };
  const nameOf = (id: string | number) => {
    const account = accounts.find((a) => a.id === id);
    return account ? accountLabel(account) : 'account';
  };

  const tile = (account: AccountView, placement?: TilePlacement) => (
    <Tile key={account.id} account={account} code={codes.get(account.id)} hideCodes={hideCodes} sortable={sortable} onCopy={onCopy} onOpen={onOpen} onMove={move} placement={placement} />
  );

  if (visible.length === 0) {
    return (
      <p className="empty" role="status">
        No account matches “{search.trim()}”.
      </p>
    );
  }
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
          onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is now at position ${indexOf(String(over.id)) + 1} of ${accounts.length}.` : undefined),
          onDragEnd: ({ active, over }) => (over ? `${nameOf(active.id)} dropped at position ${indexOf(String(over.id)) + 1}.` : `${nameOf(active.id)} dropped.`),
          onDragCancel: ({ active }) => `Reordering cancelled; ${nameOf(active.id)} is back in place.`,
        },
      }}
    >
      <SortableContext items={ids} strategy={rectSortingStrategy} disabled={!sortable}>
        {visible.length > VIRTUALIZE_ABOVE ? (
          <VirtualTileGrid accounts={visible} renderTile={(account, placement) => tile(account, placement)} />
        ) : (
          <ul className="tiles" aria-label="Accounts">
            {visible.map((account) => tile(account))}
          </ul>
        )}
      </SortableContext>
    </DndContext>
  );
}
