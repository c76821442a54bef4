import type { ReactNode } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
}

/** Tabs as the ARIA tabs pattern asks (arrow keys move between them) and the selected one's panel. */
export function Tabs<T extends string>({ tabs, tab, setTab, label, children }: { tabs: TabSpec<T>[]; tab: T; setTab(tab: T): void; label: string; children: ReactNode }) {
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(event) => {
              const i = tabs.findIndex((x) => x.id === tab);
              const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : undefined;
              if (next) {
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {children}
      </div>
    </>
  );
}
