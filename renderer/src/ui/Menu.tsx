import type { LucideIcon } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { spriteIcon } from './icon-sprite.js';

export interface MenuItem {
  label: string;
  icon: LucideIcon;
  run(): void;
}

interface Props {
  /** The button's accessible name ("More actions for GitHub, alice"). */
  label: string;
  items: readonly MenuItem[];
  /** The tile's roving tab stop. */
  tabIndex?: number;
  /** Its `data-part`, for the tiles' focus hand-off. */
  part?: string;
}

/**
 * A button that opens a short list of actions (the WAI-ARIA menu button pattern): Enter, Space or Down opens it on the
 * first item, Up/Down/Home/End move, Enter runs, Escape or Tab closes it with the focus back on the button; a click
 * elsewhere closes it. The list exists only while open, so a closed menu costs a tile one button.
 */
export function Menu({ label, items, tabIndex, part }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  return (
    <span className="menu">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={label}
        title="More actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        tabIndex={tabIndex}
        data-part={part}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !event.altKey) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(true);
          }
        }}
      >
        {spriteIcon('more', 18)}
      </button>
      {open ? <MenuList id={id} label={label} items={items} button={button} onClose={() => setOpen(false)} /> : null}
    </span>
  );
}

function MenuList({ id, label, items, button, onClose }: { id: string; label: string; items: readonly MenuItem[]; button: RefObject<HTMLButtonElement | null>; onClose(): void }) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!list.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [button, onClose]);

  const close = (refocus: boolean) => {
    onClose();
    if (refocus) button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown': go(at + 1); break;
      case 'ArrowUp': go(at - 1); break;
      case 'Home': go(0); break;
      case 'End': go(entries.length - 1); break;
      case 'Escape': close(true); break;
      case 'Tab': close(false); return;
      default: return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={list} id={id} role="menu" aria-label={label} className="menu-list" onKeyDown={onKeyDown}>
      {items.map(({ label: itemLabel, icon: Icon, run }) => (
        <button
          key={itemLabel}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="menu-item"
          onClick={() => {
            close(true);
            run();
          }}
        >
          <Icon aria-hidden="true" size={16} />
          {itemLabel}
        </button>
      ))}
    </div>
  );
}
