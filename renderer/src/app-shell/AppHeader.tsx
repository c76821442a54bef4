import { Plus, Search, Settings, ShieldCheck, type LucideIcon } from 'lucide-react';
import type { ReactNode, Ref } from 'react';

export interface AppHeaderProps {
  ref?: Ref<HTMLElement>;
  /** The full-screen layer is up: the header is inert under it (and hidden from assistive technology without inert). */
  underLayer: boolean;
  /** The search box, shown over the tiles (null elsewhere: the space stays empty). */
  search: {
    value: string;
    onChange(value: string): void;
    ref: Ref<HTMLInputElement>;
    /** Down arrow: on to the first tile it shows. */
    onToResults(): void;
    /** Enter: copy, when exactly one account matches. */
    onEnter(): void;
  } | null;
  addButton: Ref<HTMLButtonElement>;
  settingsButton: Ref<HTMLButtonElement>;
  onAdd(): void;
  onSettings(): void;
  settingsOpen: boolean;
  backupOutOfDate: boolean;
}

/**
 * The window's top bar: brand, search, Add account, Settings. It fits the narrowest window (main/electron/window.ts's
 * minWidth): the search takes the room that is left and shrinks, the buttons drop their words for their icon under
 * a breakpoint (styles.css, "Header"), keeping them as their accessible name and showing them as a tooltip.
 */
export function AppHeader({ ref, underLayer, search, addButton, settingsButton, onAdd, onSettings, settingsOpen, backupOutOfDate }: AppHeaderProps) {
  return (
    <header className="app-header" ref={ref} inert={underLayer} aria-hidden={underLayer || undefined}>
      <div className="app-brand">
        <ShieldCheck aria-hidden="true" size={22} strokeWidth={2.25} />
        <h1>Authenticator</h1>
      </div>
      {search ? (
        <div className="search-field">
          <Search className="search-icon" aria-hidden="true" size={16} />
          <input
            ref={search.ref}
            type="search"
            className="search"
            placeholder="Search accounts"
            aria-label="Search accounts"
            aria-keyshortcuts="/ Control+F Meta+F"
            value={search.value}
            onChange={(e) => search.onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') search.onChange('');
              else if (e.key === 'ArrowDown') {
                e.preventDefault();
                search.onToResults();
              } else if (e.key === 'Enter') search.onEnter();
            }}
          />
          {search.value === '' ? (
            <kbd className="search-key" aria-hidden="true">
              /
            </kbd>
          ) : null}
        </div>
      ) : (
        <span className="spacer" />
      )}
      <HeaderButton icon={Plus} label="Add account" ref={addButton} onClick={onAdd} />
      <HeaderButton
        icon={Settings}
        label="Settings"
        ref={settingsButton}
        className="secondary settings-button"
        onClick={onSettings}
        aria-current={settingsOpen ? 'page' : undefined}
        aria-describedby={backupOutOfDate ? 'backup-dot' : undefined}
      >
        {backupOutOfDate ? (
          <span id="backup-dot" className="red-dot" title="Backup out of date">
            <span className="visually-hidden">Backup out of date</span>
          </span>
        ) : null}
      </HeaderButton>
    </header>
  );
}

interface HeaderButtonProps {
  icon: LucideIcon;
  label: string;
  className?: string;
  ref?: Ref<HTMLButtonElement>;
  onClick(): void;
  'aria-current'?: 'page';
  'aria-describedby'?: string;
  children?: ReactNode;
}

/** A button with an icon and its words; narrow, the words are hidden (still its name) and shown as a tooltip instead. */
function HeaderButton({ icon: Icon, label, className, children, ...button }: HeaderButtonProps) {
  return (
    <button type="button" className={`header-button${className ? ` ${className}` : ''}`} {...button}>
      <Icon aria-hidden="true" size={18} />
      <span className="header-label">{label}</span>
      {/* Not part of the name (the label is): only what a pointer or keyboard user sees on hover or focus. */}
      <span className="header-tooltip" aria-hidden="true">
        {label}
      </span>
      {children}
    </button>
  );
}
