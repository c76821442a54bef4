import type { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ArrowDown, ArrowUp, Copy, Maximize2 } from 'lucide-react';
import { memo, useCallback, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { useCode, type CodeStore } from '../accounts/code-store.js';
import { useFocusHandoff } from './focus-handoff.js';
import { accountLabel, accountTitle, groupDigits } from '../accounts/format.js';
import { Menu, type MenuItem } from '../ui/Menu.js';
import { spriteIcon } from '../ui/icon-sprite.js';
import { Countdown } from './Countdown.js';
import { ProviderIcon } from './ProviderIcon.js';
import { useCopiedMark } from './use-copied-mark.js';
import type { TilePlacement } from './VirtualTileGrid.js';

export interface TileProps {
  account: AccountView;
  /** Read by the code and countdown alone, so a rollover does not re-render the rest of the tile. */
  codes: CodeStore;
  hideCodes: boolean;
  /** The list is in its own order (no search filters it): Alt+Up/Down moves the tile. */
  reorderable: boolean;
  /** At the list's top or bottom: its menu offers no move that way (it would do nothing). */
  first: boolean;
  last: boolean;
  /** The grid's one tab stop (roving focus, TileList): this tile's controls are in the Tab order, the others' not. */
  active: boolean;
  /** dnd-kit's binding once drag and drop is attached (SortableTile). */
  sortable?: SortableBinding | undefined;
  /** Copies the code; true once it is on the clipboard (the tile then says so). */
  onCopy(account: AccountView): Promise<boolean>;
  onOpen(account: AccountView): void;
  onMove(account: AccountView, delta: -1 | 1): void;
  /** The tile's place in the whole list when the list is virtualised; absent in the plain grid. */
  placement?: TilePlacement | undefined;
}

export type SortableBinding = Pick<ReturnType<typeof useSortable>, 'attributes' | 'listeners' | 'setNodeRef' | 'setActivatorNodeRef' | 'transform' | 'transition' | 'isDragging'>;

/**
 * One account: logo, issuer, account name, the code in large grouped digits with a ring and the seconds it has left
 * (CSS animates both from the code's validity window: no timers or per-frame work in script). The tile is one big copy
 * button (click, Enter, or Ctrl/Cmd+C while it has the focus) that says "Copied" when the code is on the clipboard;
 * its other actions are in its menu; Alt+Up/Down (or the drag handle) reorders.
 */
export const Tile = memo(function Tile({ account, codes, hideCodes, reorderable, first, last, active, sortable, onCopy, onOpen, onMove, placement }: TileProps) {
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
  const [copied, markCopied] = useCopiedMark();
  const style: CSSProperties | undefined = sortable ? { transform: CSS.Transform.toString(sortable.transform), transition: sortable.transition } : undefined;
  const title = accountTitle(account);
  const label = accountLabel(account);
  const tabIndex = active ? 0 : -1;

  const copy = () => {
    void onCopy(account).then((done) => done && markCopied());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && reorderable) {
      event.preventDefault();
      event.stopPropagation();
      onMove(account, event.key === 'ArrowUp' ? -1 : 1);
    } else if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'c' && !account.needsVerification) {
      event.preventDefault();
      copy();
    }
  };
  const actions: MenuItem[] = [
    { label: 'Open full view', icon: Maximize2, run: () => onOpen(account) },
    ...(account.needsVerification ? [] : [{ label: 'Copy code', icon: Copy, run: copy }]),
    ...(reorderable && !first ? [{ label: 'Move up', icon: ArrowUp, run: () => onMove(account, -1) }] : []),
    ...(reorderable && !last ? [{ label: 'Move down', icon: ArrowDown, run: () => onMove(account, 1) }] : []),
  ];

  return (
    <li
      ref={setNode}
      style={style}
      className={`tile kind-${account.kind}${sortable?.isDragging ? ' dragging' : ''}${copied ? ' copied' : ''}`}
      aria-label={label}
      aria-posinset={placement?.positionInSet}
      aria-setsize={placement?.setSize}
      data-id={account.id}
    >
      <button
        type="button"
        className="tile-main"
        data-part="copy"
        tabIndex={tabIndex}
        onClick={account.needsVerification ? () => onOpen(account) : copy}
        onKeyDown={onKeyDown}
        aria-label={account.needsVerification ? `${label}: action required, open to verify` : `Copy code for ${label}`}
        aria-keyshortcuts={account.needsVerification ? undefined : 'Control+C Meta+C Alt+ArrowUp Alt+ArrowDown'}
      >
        <ProviderIcon account={account} />
        <span className="tile-text">
          <span className="tile-issuer">
            {title}
            {account.pinned ? (
              <span className="pin-mark" title="Pinned to the tray">
                {spriteIcon('pin', 13)}
                <span className="visually-hidden">, pinned to the tray</span>
              </span>
            ) : null}
          </span>
          {account.issuer && account.name ? <span className="tile-name">{account.name}</span> : null}
          {account.kind !== 'other' ? <span className="tile-kind">{account.kind === 'workOrSchool' ? 'Work or school account' : 'Personal Microsoft account'}</span> : null}
        </span>
        {account.needsVerification ? (
          <span className="tile-action">
            {spriteIcon('alert')}
            Action required: verify
          </span>
        ) : (
          <TileCode codes={codes} id={account.id} hideCodes={hideCodes} />
        )}
        {account.needsVerification ? null : (
          <span className="tile-copy" aria-hidden="true">
            {spriteIcon(copied ? 'check' : 'copy')}
            {copied ? 'Copied' : 'Copy'}
          </span>
        )}
      </button>
      <div className="tile-tools">
        {sortable ? (
          <button
            type="button"
            ref={sortable.setActivatorNodeRef}
            className="icon-button drag-handle"
            data-part="handle"
            aria-label={`Reorder ${label}`}
            title="Drag to reorder (or Space, then arrow keys)"
            {...sortable.attributes}
            tabIndex={tabIndex}
            {...sortable.listeners}
          >
            {spriteIcon('grip')}
          </button>
        ) : reorderable ? (
          // Drag and drop is attached in a moment (see TileList); the handle looks the same meanwhile.
          <span className="icon-button drag-handle" aria-hidden="true">
            {spriteIcon('grip')}
          </span>
        ) : null}
        <Menu label={`More actions for ${label}`} items={actions} tabIndex={tabIndex} part="details" />
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
