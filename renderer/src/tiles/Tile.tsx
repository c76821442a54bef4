import type { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useCallback, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { useCode, type CodeStore } from '../accounts/code-store.js';
import { useFocusHandoff } from './focus-handoff.js';
import { accountLabel, accountTitle, groupDigits } from '../accounts/format.js';
import { ProviderIcon } from './ProviderIcon.js';
import type { TilePlacement } from './VirtualTileGrid.js';

export interface TileProps {
  account: AccountView;
  /** Read by the code and countdown alone, so a rollover does not re-render the rest of the tile. */
  codes: CodeStore;
  hideCodes: boolean;
  /** The list is in its own order (no search filters it): Alt+Up/Down moves the tile. */
  reorderable: boolean;
  /** dnd-kit's binding once drag and drop is attached (SortableTile). */
  sortable?: SortableBinding | undefined;
  onCopy(account: AccountView): void;
  onOpen(account: AccountView): void;
  onMove(account: AccountView, delta: -1 | 1): void;
  /** The tile's place in the whole list when the list is virtualised; absent in the plain grid. */
  placement?: TilePlacement | undefined;
}

export type SortableBinding = Pick<ReturnType<typeof useSortable>, 'attributes' | 'listeners' | 'setNodeRef' | 'setActivatorNodeRef' | 'transform' | 'transition' | 'isDragging'>;

/**
 * One account: icon, issuer, account name, the code in large grouped digits and a countdown bar that CSS
 * animates from the code's validity window (no timers or per-frame work in script). Click or Enter copies;
 * the details button opens the full-screen view; Alt+Up/Down (or the drag handle) reorders.
 */
export const Tile = memo(function Tile({ account, codes, hideCodes, reorderable, sortable, onCopy, onOpen, onMove, placement }: TileProps) {
  const element = useRef<HTMLLIElement | null>(null);
  useFocusHandoff(account.id, element);
  const setSortableNode = sortable?.setNodeRef;
  const setNode = useCallback(
    (node: HTMLLIElement | null) => {
      element.current = node;
      setSortableNode?.(node);
    },
    [setSortableNode],
  );
  const style: CSSProperties | undefined = sortable ? { transform: CSS.Transform.toString(sortable.transform), transition: sortable.transition } : undefined;
  const title = accountTitle(account);
  const label = accountLabel(account);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && reorderable) {
      event.preventDefault();
      onMove(account, event.key === 'ArrowUp' ? -1 : 1);
    }
  };

  return (
    <li
      ref={setNode}
      style={style}
      className={`tile kind-${account.kind}${sortable?.isDragging ? ' dragging' : ''}`}
      aria-label={label}
      aria-posinset={placement?.positionInSet}
      aria-setsize={placement?.setSize}
    >
      <button
        type="button"
        className="tile-main"
        data-part="copy"
        onClick={() => onCopy(account)}
        onKeyDown={onKeyDown}
        disabled={account.needsVerification}
        aria-label={account.needsVerification ? `${label}: action required` : `Copy code for ${label}`}
        aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
      >
        <ProviderIcon account={account} />
        <span className="tile-text">
          <span className="tile-issuer">
            {title}
            {account.pinned ? (
              <span className="pin-mark" title="Pinned to the tray">
                {' '}
                📌<span className="visually-hidden">, pinned to the tray</span>
              </span>
            ) : null}
          </span>
          {account.issuer && account.name ? <span className="tile-name">{account.name}</span> : null}
          {account.kind !== 'other' ? <span className="tile-kind">{account.kind === 'workOrSchool' ? 'Work or school account' : 'Personal Microsoft account'}</span> : null}
        </span>
        {account.needsVerification ? (
          <span className="tile-action">Action required</span>
        ) : (
          <TileCode codes={codes} id={account.id} hideCodes={hideCodes} />
        )}
      </button>
      <div className="tile-tools">
        <button type="button" className="icon-button" data-part="details" onClick={() => onOpen(account)} aria-label={`Details for ${label}`} title="Details">
          ⋯
        </button>
        {sortable ? (
          <button
            type="button"
            ref={sortable.setActivatorNodeRef}
            className="icon-button drag-handle"
            data-part="handle"
            aria-label={`Reorder ${label}`}
            title="Drag to reorder (or Space, then arrow keys)"
            {...sortable.attributes}
            {...sortable.listeners}
          >
            ⠿
          </button>
        ) : reorderable ? (
          // Drag and drop is attached in a moment (see TileList); the handle looks the same meanwhile.
          <span className="icon-button drag-handle" aria-hidden="true">
            ⠿
          </span>
        ) : null}
      </div>
    </li>
  );
}, sameTileProps);

/** The virtual grid makes a new placement object at every render; a tile re-renders only when its values change. */
export function sameTileProps(before: TileProps, after: TileProps): boolean {
  const { placement: placedBefore, ...restBefore } = before;
  const { placement: placedAfter, ...restAfter } = after;
  return shallowEqual(restBefore, restAfter) && shallowEqual(placedBefore ?? {}, placedAfter ?? {});
}

function shallowEqual(a: object, b: object): boolean {
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((key) => Object.is(a[key as keyof typeof a], b[key as keyof typeof b]));
}

/** The code and the bar under the tile that empties over its lifetime: one subscription, re-rendered at a rollover. */
function TileCode({ codes, id, hideCodes }: { codes: CodeStore; id: string; hideCodes: boolean }) {
  const code = useCode(codes, id);
  return (
    <>
      <span className={`tile-code${hideCodes ? ' concealed' : ''}`}>
        {code ? groupDigits(code.code) : '······'}
      </span>
      {code && code.validFrom !== null && code.validUntil !== null ? (
        // A new element per code restarts the animation.
        <Countdown key={code.validFrom} validFrom={code.validFrom} validUntil={code.validUntil} clockOffsetMs={codes.clockOffsetMs} />
      ) : null}
    </>
  );
}

/**
 * The bar (drawn by CSS under the track) is a CSS animation started part-way through by a negative delay. The delay is
 * read once, when the bar appears (one per code): a later render, for any other reason, must not hand the running
 * animation a later delay, which would push the bar ahead. Placed by the tile, not the button.
 */
function Countdown({ validFrom, validUntil, clockOffsetMs }: { validFrom: number; validUntil: number; clockOffsetMs: number }) {
  const period = validUntil - validFrom;
  const [elapsed] = useState(() => Math.min(period, Math.max(0, Date.now() + clockOffsetMs - validFrom)));
  return <span className="countdown" aria-hidden="true" style={{ '--period': `${period}ms`, '--elapsed': `-${elapsed}ms` } as CSSProperties} />;
}
