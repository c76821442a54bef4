import { ArrowLeft } from 'lucide-react';
import { useEffect } from 'react';

/**
 * Escape returns from a page over the tiles (full-screen account view, settings), unless `enabled` is false. With a
 * dialog open over the page (the recover dialog in the account view), Escape closes that dialog only.
 */
export function useBackOnEscape(onBack: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack, enabled]);
}

export function BackBar({ onBack }: { onBack(): void }) {
  return (
    <div className="details-bar">
      <button type="button" className="secondary" onClick={onBack}>
        <ArrowLeft aria-hidden="true" size={16} />
        Back
      </button>
    </div>
  );
}
