import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, rectSortingStrategy, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, type ReactNode } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { accountLabel } from '../accounts/format.js';

interface Props {
  /** Every account, in order: positions are spoken and moves made in the whole list. */
  accounts: readonly AccountView[];
  onMove(account: AccountView, toIndex: number): void;
  children: ReactNode;
}

/**
 * Drag and drop for the tiles inside (SortableTile), with dnd-kit: mouse, touch, and its keyboard pattern (Space to
 * lift, arrows to move, Space to drop) with screen-reader announcements.
 */
export function DragAndDrop({ accounts, onMove, children }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = useMemo(() => accounts.map((a) => a.id), [accounts]);
  const indexOf = (id: string | number) => accounts.findIndex((a) => a.id === id);
  const nameOf = (id: string | number) => {
    const account = accounts[indexOf(id)];
    return account ? accountLabel(account) : 'account';
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const account = accounts[indexOf(active.id)];
    if (over && account && active.id !== over.id) onMove(account, indexOf(over.id));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
          onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is now at position ${indexOf(over.id) + 1} of ${accounts.length}.` : undefined),
          onDragEnd: ({ active, over }) => (over ? `${nameOf(active.id)} dropped at position ${indexOf(over.id) + 1}.` : `${nameOf(active.id)} dropped.`),
          onDragCancel: ({ active }) => `Reordering cancelled; ${nameOf(active.id)} is back in place.`,
        },
      }}
    >
      <SortableContext items={ids} strategy={rectSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}
