import { useSortable } from '@dnd-kit/sortable';
import { memo } from 'react';
import { Tile, sameTileProps, type TileProps } from './Tile.js';

/**
 * A tile that can be dragged, or moved with dnd-kit's keyboard pattern. Only the unfiltered list uses it: each one
 * registers with the drag-and-drop context, which is most of what a tile costs to mount, and a filtered list
 * cannot be reordered anyway.
 */
export const SortableTile = memo(function SortableTile(props: Omit<TileProps, 'sortable'>) {
  const sortable = useSortable({ id: props.account.id });
  return <Tile {...props} sortable={sortable} />;
}, sameTileProps);
