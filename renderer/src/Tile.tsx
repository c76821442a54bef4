import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useContext, type CSSProperties, type KeyboardEvent } from 'react';
import type { AccountView, CodeView } from '../../shared/account.js';
import { ClockOffset } from './clock-offset.js';
import { accountLabel, accountTitle, groupDigits } from './format.js';
import { ProviderIcon } from './ProviderIcon.js';
import type { TilePlacement } from './VirtualTileGrid.js';

export interface TileProps {
  account: AccountView;
  code: CodeView | undefined;
  hideCodes: boolean;
  /** Reordering is off while a search filters the list. */
  sortable: boolean;
  onCopy(account: AccountView): void;
  onOpen(account: AccountView): void;
  onMove(account: AccountView, delta: -1 | 1): void;
  /** Where the tile sits when the list is virtualised; absent in the plain grid. */
  placement?: TilePlacement | undefined;
}

/**
 * One account: icon, issuer, account name, the code in large grouped digits and a countdown bar that CSS
 * animates from the code's validity window (no timers or per-frame work in script). Click or Enter copies;
 * the details button opens the full-screen view; Alt+Up/Down (or the drag handle) reorders.
 */
export const Tile = memo(function Tile({ account, code, hideCodes, sortable, onCopy, onOpen, onMove, placement }: TileProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: account.id, disabled: !sortable });
  const style: CSSProperties = {
    transform: CSS.Transform.toString(transform),
    transition,
    ...(placement ? { position: 'absolute', top: placement.top, left: placement.left, width: placement.width } : {}),
  };
  const title = accountTitle(account);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && sortable) {
      event.preventDefault();
      onMove(account, event.key === 'ArrowUp' ? -1 : 1);
    }
  };

  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`tile kind-${account.kind}${isDragging ? ' dragging' : ''}`}
      aria-label={accountLabel(account)}
      aria-posinset={placement?.positionInSet}
      aria-setsize={placement?.setSize}
    >
      <button
        type="button"
        className="tile-main"
        onClick={() => onCopy(account)}
        onKeyDown={onKeyDown}
        disabled={account.needsVerification}
        aria-label={account.needsVerification ? `${accountLabel(account)}: action required` : `Copy code for ${accountLabel(account)}`}
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
          <span className={`tile-code${hideCodes ? ' concealed' : ''}`} data-code={code?.code ?? ''}>
            {code ? groupDigits(code.code) : '······'}
          </span>
        )}
      </button>
      {code && code.validFrom !== null && code.validUntil !== null ? <Countdown key={code.validFrom} validFrom={code.validFrom} validUntil={code.validUntil} /> : null}
      <div className="tile-tools">
        <button type="button" className="icon-button" onClick={() => onOpen(account)} aria-label={`Details for ${accountLabel(account)}`} title="Details">
          ⋯
        </button>
        {sortable ? (
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="icon-button drag-handle"
            aria-label={`Reorder ${accountLabel(account)}`}
            title="Drag to reorder (or Space, then arrow keys)"
            {...attributes}
            {...listeners}
          >
            ⠿
          </button>
        ) : null}
      </div>
    </li>
  );
});

/** A bar that empties over the code's lifetime: a CSS animation started part-way through by a negative delay. */
function Countdown({ validFrom, validUntil }: { validFrom: number; validUntil: number }) {
  const offset = useContext(ClockOffset);
  const period = validUntil - validFrom;
  const elapsed = Math.min(period, Math.max(0, Date.now() + offset - validFrom));
  return (
    <span className="countdown" aria-hidden="true">
      <span className="countdown-bar" style={{ animationDuration: `${period}ms`, animationDelay: `-${elapsed}ms` }} />
    </span>
  );
}
